import { Column, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';
import type { ServiceCategory } from '../vendors/domain/vendor';

/** bigint fen columns arrive from PostgreSQL as strings; amounts stay far below 2^53. */
export const fenColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** Name of the unique index the migration creates: one budget per agency, fiscal year and category. */
export const BUDGET_UNIQUE = 'budget_agency_year_category_unique';

@Entity({ name: 'budget' })
@Index(BUDGET_UNIQUE, ['agencyId', 'fiscalYear', 'category'], { unique: true })
export class BudgetRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('integer', { name: 'fiscal_year' })
  fiscalYear!: number;

  @Column('text')
  category!: ServiceCategory;

  @Column('bigint', { transformer: fenColumn })
  allocated!: number;

  @Column('bigint', { transformer: fenColumn })
  committed!: number;

  @Column('bigint', { transformer: fenColumn })
  spent!: number;

  @Column('text', { name: 'allocated_by' })
  allocatedBy!: string;

  @Column('timestamptz', { name: 'allocated_at' })
  allocatedAt!: Date;

  @Column('integer', { default: 1 })
  version!: number;
}

@Entity({ name: 'budget_commitment' })
export class BudgetCommitmentRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'budget_id' })
  budgetId!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('uuid', { name: 'requisition_id' })
  requisitionId!: string;

  @Column('bigint', { transformer: fenColumn })
  amount!: number;

  @Column('bigint', { transformer: fenColumn })
  overspend!: number;

  @Column('text', { name: 'override_by', nullable: true })
  overrideBy!: string | null;

  @Column('text', { name: 'override_reason', nullable: true })
  overrideReason!: string | null;

  @Column('timestamptz', { name: 'committed_at' })
  committedAt!: Date;
}
