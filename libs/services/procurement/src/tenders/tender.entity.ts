import { Column, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';
import type { ServiceCategory } from '../vendors/domain/vendor';
import type { TenderCriteria, TenderMethod, TenderStatus } from './domain/tender';

/** bigint fen columns arrive from PostgreSQL as strings; amounts stay far below 2^53. */
const fen: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** Committee, award, objections and cancellation are small and always read with the tender: JSON with ISO dates. */
export interface TenderRecordDetails {
  committee: Array<{ userId: string; conflicts: string[] }>;
  award: null | { bidId: string; vendorId: string; price: number; total: number; proposedBy: string; proposedAt: string; publicationEndsAt: string; awardedBy?: string; awardedAt?: string };
  objections: Array<{ id: string; raisedBy: string; vendorId?: string; reason: string; raisedAt: string; status: 'open' | 'upheld' | 'dismissed'; resolution?: { by: string; note: string; at: string } }>;
  cancellation: null | { reason: string; by: string; at: string; previousStatus: TenderStatus };
}

@Entity({ name: 'tender' })
@Index(['agencyId', 'createdAt'])
export class TenderRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('text')
  title!: string;

  @Column('text')
  category!: ServiceCategory;

  @Column('text')
  method!: TenderMethod;

  @Column('uuid', { name: 'requisition_id', nullable: true })
  requisitionId!: string | null;

  @Column('bigint', { name: 'budget_ceiling', transformer: fen })
  budgetCeiling!: number;

  @Column('jsonb')
  criteria!: TenderCriteria;

  @Column('timestamptz', { name: 'bid_deadline' })
  bidDeadline!: Date;

  @Column('timestamptz', { name: 'opening_at' })
  openingAt!: Date;

  @Column('integer', { name: 'publication_days' })
  publicationDays!: number;

  @Column('text')
  status!: TenderStatus;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('text', { name: 'published_by', nullable: true })
  publishedBy!: string | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Column('text', { name: 'opened_by', nullable: true })
  openedBy!: string | null;

  @Column('timestamptz', { name: 'opened_at', nullable: true })
  openedAt!: Date | null;

  @Column('jsonb')
  details!: TenderRecordDetails;

  @Column('integer', { default: 1 })
  version!: number;
}

/**
 * A sealed bid. Before opening only the digest and the ciphertext exist; price and proposal are
 * written in clear when the tender is opened.
 */
@Entity({ name: 'tender_bid' })
@Index(['tenderId'])
export class BidRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'tender_id' })
  tenderId!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('uuid', { name: 'vendor_id' })
  vendorId!: string;

  @Column('text', { name: 'submitted_by' })
  submittedBy!: string;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt!: Date;

  /** SHA-256 (hex) of the salted content: lets the bidder prove later what it sealed. */
  @Column('text')
  digest!: string;

  /** AES-256-GCM: v1.<iv>.<tag>.<ciphertext>, base64url. */
  @Column('text', { name: 'sealed_content' })
  sealedContent!: string;

  @Column('bigint', { nullable: true, transformer: fen })
  price!: number | null;

  @Column('text', { name: 'technical_proposal', nullable: true })
  technicalProposal!: string | null;
}

@Entity({ name: 'tender_score' })
export class ScoreRecord {
  @PrimaryColumn('uuid', { name: 'bid_id' })
  bidId!: string;

  @PrimaryColumn('text', { name: 'member_id' })
  memberId!: string;

  @Column('uuid', { name: 'tender_id' })
  tenderId!: string;

  @Column('jsonb')
  technical!: Record<string, number>;

  @Column('jsonb')
  service!: Record<string, number>;

  @Column('timestamptz', { name: 'scored_at' })
  scoredAt!: Date;
}
