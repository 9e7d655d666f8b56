import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ContractScope, ContractStatus, PenaltyRule, PriceTerms, ServiceType, SlaTerms } from './domain/contract';

/** A service contract; its terms are small, always read whole, and published as they are: jsonb. */
@Entity({ name: 'procurement_contract' })
@Index(['agencyId', 'status', 'createdAt'])
export class ContractRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('text')
  title!: string;

  @Column('uuid', { name: 'vendor_id' })
  vendorId!: string;

  @Column('text', { name: 'vendor_name' })
  vendorName!: string;

  @Column('text', { name: 'service_type' })
  serviceType!: ServiceType;

  @Column('uuid', { name: 'tender_id', nullable: true })
  tenderId!: string | null;

  @Column('uuid', { name: 'requisition_id', nullable: true })
  requisitionId!: string | null;

  @Column('jsonb')
  scope!: ContractScope;

  @Column('timestamptz', { name: 'valid_from' })
  validFrom!: Date;

  @Column('timestamptz', { name: 'valid_to' })
  validTo!: Date;

  @Column('jsonb', { name: 'price_terms' })
  priceTerms!: PriceTerms;

  @Column('jsonb', { name: 'sla_terms' })
  slaTerms!: SlaTerms;

  @Column('jsonb', { name: 'penalty_rules' })
  penaltyRules!: PenaltyRule[];

  @Column('text')
  status!: ContractStatus;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('text', { name: 'signed_by', nullable: true })
  signedBy!: string | null;

  @Column('timestamptz', { name: 'signed_at', nullable: true })
  signedAt!: Date | null;

  @Column('timestamptz', { name: 'expired_at', nullable: true })
  expiredAt!: Date | null;

  @Column('jsonb', { nullable: true })
  termination!: { by: string; at: string; reason: string } | null;

  @Column('integer', { default: 1 })
  version!: number;
}
