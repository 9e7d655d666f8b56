import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FileAttachment } from '@houqin/domain';
import type { Location, RepairPriority, RepairRequestStatus } from './domain/repair-request';

@Entity({ name: 'repair_request' })
@Index(['agencyId', 'reportedAt'])
export class RepairRequestRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('text', { name: 'reported_by' })
  reportedBy!: string;

  @Column('text', { name: 'department_id', nullable: true })
  departmentId!: string | null;

  @Column('text', { name: 'asset_code', nullable: true })
  assetCode!: string | null;

  @Column('jsonb')
  location!: Location;

  @Column('text')
  description!: string;

  @Column('text')
  priority!: RepairPriority;

  @Column('text')
  status!: RepairRequestStatus;

  @Column('timestamptz', { name: 'reported_at' })
  reportedAt!: Date;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt!: Date | null;

  @Column('text', { name: 'cancellation_reason', nullable: true })
  cancellationReason!: string | null;

  @Column('jsonb', { default: () => "'[]'" })
  attachments!: FileAttachment[];

  @Column('uuid', { name: 'work_order_id', nullable: true })
  workOrderId!: string | null;

  @Column('integer', { default: 1 })
  version!: number;
}
