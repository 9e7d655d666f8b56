import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Location, RepairPriority } from '../repair-requests/domain/repair-request';
import type { WorkOrderOrigin, WorkOrderStatus } from './domain/work-order';

const milliseconds = { to: (value: number) => value, from: (value: string | number) => Number(value) };

@Entity({ name: 'work_order' })
export class WorkOrderRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text') origin!: WorkOrderOrigin;
  @Column('uuid', { name: 'repair_request_id', nullable: true }) repairRequestId!: string | null;
  @Column('uuid', { name: 'preventive_plan_id', nullable: true }) preventivePlanId!: string | null;
  @Column('uuid', { name: 'vehicle_id', nullable: true }) vehicleId!: string | null;
  @Column('text', { name: 'reported_by' }) reportedBy!: string;
  @Column('text') description!: string;
  @Column('text') priority!: RepairPriority;
  @Column('text') category!: string;
  @Column('jsonb') location!: Location;
  @Column('uuid', { name: 'asset_id', nullable: true }) assetId!: string | null;
  @Column('text') status!: WorkOrderStatus;
  @Column('text', { name: 'assignee_kind', nullable: true }) assigneeKind!: 'vendor' | 'internal' | null;
  @Column('uuid', { name: 'vendor_id', nullable: true }) vendorId!: string | null;
  @Column('uuid', { name: 'contract_id', nullable: true }) contractId!: string | null;
  @Column('timestamptz', { name: 'reported_at' }) reportedAt!: Date;
  @Column('text', { name: 'triaged_by' }) triagedBy!: string;
  @Column('timestamptz', { name: 'triaged_at' }) triagedAt!: Date;
  @Column('timestamptz', { name: 'assigned_at', nullable: true }) assignedAt!: Date | null;
  @Column('timestamptz', { name: 'accepted_at', nullable: true }) acceptedAt!: Date | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column('timestamptz', { name: 'verified_at', nullable: true }) verifiedAt!: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt!: Date | null;
  @Column('text', { name: 'cancellation_reason', nullable: true }) cancellationReason!: string | null;
  @Column('timestamptz', { name: 'hold_started_at', nullable: true }) holdStartedAt!: Date | null;
  @Column('text', { name: 'hold_reason', nullable: true }) holdReason!: string | null;
  @Column('bigint', { name: 'on_hold_ms', transformer: milliseconds }) onHoldMs!: number;
  @Column('integer', { name: 'reopen_count' }) reopenCount!: number;
  @Column('text', { name: 'resolution_note', nullable: true }) resolutionNote!: string | null;
  @Column('integer', { default: 1 }) version!: number;
}
