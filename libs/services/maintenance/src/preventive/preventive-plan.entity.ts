import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AssetCategory, MeterKind } from '../assets/domain/asset';
import type { Location, RepairPriority } from '../repair-requests/domain/repair-request';
import type { CalendarUnit } from './domain/calendar';
import type { PlanAssignee, PlanSchedule, PlanStatus } from './domain/preventive-plan';
import type { SkipReason } from './domain/schedule';

/** numeric(14, 2) comes back from PostgreSQL as a string; the values fit a number exactly. */
const decimal = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };
const requiredDecimal = { to: (value: number) => value, from: (value: string) => Number(value) };

@Entity({ name: 'preventive_plan' })
export class PreventivePlanRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text') name!: string;
  @Column('text') description!: string;
  @Column('jsonb') checklist!: string[];
  @Column('uuid', { name: 'asset_id', nullable: true }) assetId!: string | null;
  @Column('text') category!: AssetCategory;
  @Column('jsonb') location!: Location;
  @Column('text') priority!: RepairPriority;
  @Column('text', { name: 'assignee_kind' }) assigneeKind!: PlanAssignee['kind'];
  @Column('uuid', { name: 'vendor_id', nullable: true }) vendorId!: string | null;
  @Column('text', { name: 'answerable_by' }) answerableBy!: string;
  @Column('text', { name: 'trigger_kind' }) triggerKind!: 'calendar' | 'meter';
  @Column('numeric', { precision: 14, scale: 2, transformer: requiredDecimal }) every!: number;
  @Column('text', { nullable: true }) unit!: CalendarUnit | null;
  @Column('date', { name: 'first_due_on', nullable: true }) firstDueOn!: string | null;
  @Column('integer', { name: 'lead_days' }) leadDays!: number;
  @Column('text', { name: 'meter_kind', nullable: true }) meterKind!: MeterKind | null;
  @Column('numeric', { name: 'start_reading', precision: 14, scale: 2, nullable: true, transformer: decimal }) startReading!: number | null;
  @Column('text') schedule!: PlanSchedule;
  @Column('text') status!: PlanStatus;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason!: string | null;
  @Column('date', { name: 'next_due_on', nullable: true }) nextDueOn!: string | null;
  /** next_due_on less the lead time: the day the sweep raises the occurrence. */
  @Column('date', { name: 'raise_on', nullable: true }) raiseOn!: string | null;
  @Column('numeric', { name: 'next_threshold', precision: 14, scale: 2, nullable: true, transformer: decimal }) nextThreshold!: number | null;
  @Column('uuid', { name: 'last_work_order_id', nullable: true }) lastWorkOrderId!: string | null;
  @Column('date', { name: 'last_raised_due_on', nullable: true }) lastRaisedDueOn!: string | null;
  @Column('numeric', { name: 'last_raised_threshold', precision: 14, scale: 2, nullable: true, transformer: decimal }) lastRaisedThreshold!: number | null;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'changed_at', nullable: true }) changedAt!: Date | null;
  @Column('timestamptz', { name: 'paused_at', nullable: true }) pausedAt!: Date | null;
  @Column('timestamptz', { name: 'retired_at', nullable: true }) retiredAt!: Date | null;
  @Column('integer', { default: 1 }) version!: number;
}

/** One occurrence of a plan, once: raised (with its work order) or skipped (with the reason). */
@Entity({ name: 'preventive_occurrence' })
export class PreventiveOccurrenceRecord {
  @PrimaryColumn('uuid', { name: 'plan_id' }) planId!: string;
  @PrimaryColumn('text', { name: 'occurrence_key' }) occurrenceKey!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('date', { name: 'due_on', nullable: true }) dueOn!: string | null;
  @Column('numeric', { precision: 14, scale: 2, nullable: true, transformer: decimal }) threshold!: number | null;
  @Column('text') outcome!: 'raised' | 'skipped';
  @Column('uuid', { name: 'work_order_id', nullable: true }) workOrderId!: string | null;
  @Column('text', { name: 'skip_reason', nullable: true }) skipReason!: SkipReason | null;
  @Column('uuid', { name: 'open_work_order_id', nullable: true }) openWorkOrderId!: string | null;
  @Column('text', { name: 'superseded_by', nullable: true }) supersededBy!: string | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}
