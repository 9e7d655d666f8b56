import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BreachKind } from './domain/penalty';
import type { Answerable, ViolationSource, ViolationStatus } from './domain/violation';
import type { Severity } from './domain/violation-rules';

const fen = { to: (value: number) => value, from: (value: string | number) => Number(value) };

@Entity({ name: 'violation' })
export class ViolationRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text') party!: string;
  @Column('uuid', { name: 'vendor_id', nullable: true }) vendorId!: string | null;
  @Column('text', { name: 'service_type', nullable: true }) serviceType!: string | null;
  @Column('uuid', { name: 'contract_id', nullable: true }) contractId!: string | null;
  @Column('text') source!: ViolationSource;
  @Column('text', { name: 'source_ref' }) sourceRef!: string;
  @Column('text') severity!: Severity;
  @Column('integer', { name: 'penalty_points' }) penaltyPoints!: number;
  @Column('text', { nullable: true }) breach!: BreachKind | null;
  @Column('bigint', { name: 'penalty_amount', transformer: fen }) penaltyAmount!: number;
  @Column('text', { name: 'settlement_period' }) settlementPeriod!: string;
  @Column('text') description!: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('jsonb') answerable!: Answerable[];
  @Column('text') status!: ViolationStatus;
  @Column('text', { name: 'void_reason', nullable: true }) voidReason!: string | null;
  @Column('text', { name: 'voided_by', nullable: true }) voidedBy!: string | null;
  @Column('timestamptz', { name: 'voided_at', nullable: true }) voidedAt!: Date | null;
  @Column('integer', { default: 1 }) version!: number;
}
