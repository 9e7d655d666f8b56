import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { fenColumn } from '../budgets/budget.entity';
import type { ServiceCategory } from '../vendors/domain/vendor';
import type { ApprovalTier, ProcurementMethod, ProcurementMethodThresholds } from './domain/approval-policy';
import type { RequisitionLine, RequisitionStatus } from './domain/requisition';

/** An approval step as stored: instants as ISO strings inside jsonb. */
export interface StoredApprovalStep {
  role: string;
  approvedBy?: string;
  approvedAt?: string;
  comment?: string;
}

@Entity({ name: 'requisition' })
@Index(['agencyId', 'status', 'createdAt'])
export class RequisitionRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('text', { name: 'requested_by' })
  requestedBy!: string;

  @Column('text', { name: 'department_id', nullable: true })
  departmentId!: string | null;

  @Column('text')
  title!: string;

  @Column('integer', { name: 'fiscal_year' })
  fiscalYear!: number;

  @Column('text')
  category!: ServiceCategory;

  @Column('jsonb')
  lines!: RequisitionLine[];

  @Column('bigint', { transformer: fenColumn })
  total!: number;

  @Column('text')
  status!: RequisitionStatus;

  @Column('jsonb')
  steps!: StoredApprovalStep[];

  @Column('text', { name: 'procurement_method', nullable: true })
  procurementMethod!: ProcurementMethod | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt!: Date | null;

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt!: Date | null;

  @Column('jsonb', { nullable: true })
  rejection!: { by: string; at: string; reason: string } | null;

  @Column('jsonb', { nullable: true })
  withdrawal!: { by: string; at: string; reason?: string } | null;

  @Column('integer', { default: 1 })
  version!: number;
}

@Entity({ name: 'approval_policy' })
export class ApprovalPolicyRecord {
  @PrimaryColumn('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('jsonb')
  tiers!: ApprovalTier[];

  @Column('jsonb', { name: 'method_thresholds' })
  methodThresholds!: ProcurementMethodThresholds;

  @Column('text', { name: 'updated_by' })
  updatedBy!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('integer', { default: 1 })
  version!: number;
}
