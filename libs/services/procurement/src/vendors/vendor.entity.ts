import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReinstatementCause, ServiceCategory, VendorContact, VendorStatus } from './domain/vendor';

/** Name of the unique index the migration creates; a violation of it is a duplicate registration. */
export const VENDOR_CREDIT_CODE_UNIQUE = 'vendor_agency_credit_code_unique';

@Entity({ name: 'vendor' })
@Index(VENDOR_CREDIT_CODE_UNIQUE, ['agencyId', 'unifiedSocialCreditCode'], { unique: true })
@Index(['agencyId', 'registeredAt'])
export class VendorRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'unified_social_credit_code' })
  unifiedSocialCreditCode!: string;

  @Column('text', { array: true })
  categories!: ServiceCategory[];

  @Column('jsonb')
  contact!: VendorContact;

  @Column('text')
  status!: VendorStatus;

  @Column('text', { name: 'registered_by' })
  registeredBy!: string;

  @Column('timestamptz', { name: 'registered_at' })
  registeredAt!: Date;

  @Column('text', { name: 'suspension_reason', nullable: true })
  suspensionReason!: string | null;

  @Column('text', { name: 'suspended_by', nullable: true })
  suspendedBy!: string | null;

  @Column('timestamptz', { name: 'suspended_at', nullable: true })
  suspendedAt!: Date | null;

  @Column('timestamptz', { name: 'suspended_until', nullable: true })
  suspendedUntil!: Date | null;

  /** The suspension is a sanction decided by evaluation. */
  @Column('boolean', { name: 'suspension_by_sanction', default: false })
  suspensionBySanction!: boolean;

  @Column('text', { name: 'blacklist_reason', nullable: true })
  blacklistReason!: string | null;

  @Column('text', { name: 'blacklisted_by', nullable: true })
  blacklistedBy!: string | null;

  @Column('timestamptz', { name: 'blacklisted_at', nullable: true })
  blacklistedAt!: Date | null;

  @Column('text', { name: 'reinstatement_cause', nullable: true })
  reinstatementCause!: ReinstatementCause | null;

  @Column('text', { name: 'reinstatement_reason', nullable: true })
  reinstatementReason!: string | null;

  @Column('text', { name: 'reinstated_by', nullable: true })
  reinstatedBy!: string | null;

  @Column('timestamptz', { name: 'reinstated_at', nullable: true })
  reinstatedAt!: Date | null;

  @Column('integer', { default: 1 })
  version!: number;
}
