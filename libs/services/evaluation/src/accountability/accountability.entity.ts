import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One party answerable for one offence (问责记录); voided entries are kept, marked. */
@Entity({ name: 'accountability_entry' })
@Index(['agencyId', 'offenceKind', 'offenceId', 'answerableKey'], { unique: true })
export class AccountabilityEntryRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('text', { name: 'offence_kind' })
  offenceKind!: string;

  @Column('uuid', { name: 'offence_id' })
  offenceId!: string;

  @Column('text', { name: 'answerable_key' })
  answerableKey!: string;

  @Column('text', { name: 'answerable_kind' })
  answerableKind!: string;

  @Column('uuid', { name: 'vendor_id', nullable: true })
  vendorId!: string | null;

  @Column('text', { name: 'user_id', nullable: true })
  userId!: string | null;

  @Column('uuid', { name: 'department_id', nullable: true })
  departmentId!: string | null;

  @Column('text', { name: 'answerable_name', nullable: true })
  answerableName!: string | null;

  @Column('text', { name: 'answerable_role', nullable: true })
  answerableRole!: string | null;

  /** The evaluated party of the offence: a vendor id or 'internal-team'. */
  @Column('text')
  party!: string;

  @Column('text')
  source!: string;

  @Column('text', { name: 'source_ref', nullable: true })
  sourceRef!: string | null;

  @Column('text', { nullable: true })
  severity!: string | null;

  @Column('integer', { name: 'penalty_points', nullable: true })
  penaltyPoints!: number | null;

  @Column('bigint', { name: 'penalty_amount_fen', nullable: true, transformer: { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) } })
  penaltyAmountFen!: number | null;

  @Column('text', { name: 'settlement_period', nullable: true })
  settlementPeriod!: string | null;

  @Column('text')
  description!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text', { name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column('uuid', { name: 'source_event_id' })
  sourceEventId!: string;

  @Column('timestamptz', { name: 'voided_at', nullable: true })
  voidedAt!: Date | null;

  @Column('text', { name: 'voided_by', nullable: true })
  voidedBy!: string | null;

  @Column('text', { name: 'void_reason', nullable: true })
  voidReason!: string | null;
}
