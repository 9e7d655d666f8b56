import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProjectedContractStatus } from './domain/vendor-contract';

/** Maintenance's copy of a procurement contract of service type maintenance. */
@Entity({ name: 'maintenance_vendor_contract' })
export class MaintenanceVendorContractRecord {
  @PrimaryColumn('uuid', { name: 'contract_id' }) contractId!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'vendor_id' }) vendorId!: string;
  @Column('text', { name: 'vendor_name' }) vendorName!: string;
  @Column('text') title!: string;
  @Column('jsonb', { nullable: true }) buildings!: string[] | null;
  @Column('jsonb', { name: 'asset_categories', nullable: true }) assetCategories!: string[] | null;
  @Column('timestamptz', { name: 'valid_from' }) validFrom!: Date;
  @Column('timestamptz', { name: 'valid_to' }) validTo!: Date;
  @Column('jsonb', { name: 'sla_terms' }) slaTerms!: unknown;
  @Column('text') status!: ProjectedContractStatus;
  @Column('timestamptz', { name: 'signed_at' }) signedAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason!: string | null;
}

/** A vendor barred from work in an agency, or reinstated after a bar; no row, in good standing. */
@Entity({ name: 'maintenance_vendor_standing' })
export class MaintenanceVendorStandingRecord {
  @PrimaryColumn('text', { name: 'agency_id' }) agencyId!: string;
  @PrimaryColumn('uuid', { name: 'vendor_id' }) vendorId!: string;
  @Column('text') status!: 'active' | 'suspended' | 'blacklisted';
  @Column('boolean') sanctioned!: boolean;
  @Column('text') reason!: string;
  @Column('timestamptz', { name: 'effective_from' }) effectiveFrom!: Date;
  @Column('timestamptz', { nullable: true }) until!: Date | null;
  @Column('timestamptz', { name: 'lifted_at', nullable: true }) liftedAt!: Date | null;
  @Column('text', { default: 'procurement' }) source!: 'procurement' | 'evaluation';
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
