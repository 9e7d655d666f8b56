import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ServiceType } from '../kpis/domain/evaluated-party';
import type { PeriodKind } from '../kpis/domain/period';
import type { ComponentWeights, Standing, Thresholds } from './domain/scorecard-policy';
import type { ScorecardStatus } from './domain/scorecard';

const numeric = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity({ name: 'scorecard_policy' })
export class ScorecardPolicyRecord {
  @PrimaryColumn('text', { name: 'agency_id' }) agencyId!: string;
  @PrimaryColumn('text', { name: 'service_type' }) serviceType!: ServiceType;
  @Column('jsonb') weights!: ComponentWeights;
  @Column('jsonb') thresholds!: Thresholds;
  @Column('text', { name: 'updated_by' }) updatedBy!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity({ name: 'scorecard' })
export class ScorecardRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text') party!: string;
  @Column('uuid', { name: 'vendor_id', nullable: true }) vendorId!: string | null;
  @Column('text', { name: 'service_type' }) serviceType!: ServiceType;
  @Column('text') period!: string;
  @Column('text', { name: 'period_kind' }) periodKind!: PeriodKind;
  @Column('timestamptz', { name: 'period_start' }) periodStart!: Date;
  @Column('timestamptz', { name: 'period_end' }) periodEnd!: Date;
  @Column('integer') version!: number;
  @Column('text') status!: ScorecardStatus;
  @Column('numeric', { nullable: true, transformer: numeric }) score!: number | null;
  @Column('text', { nullable: true }) standing!: Standing | null;
  @Column('integer', { nullable: true }) rank!: number | null;
  @Column('integer', { name: 'ranked_among' }) rankedAmong!: number;
  /** The computed content as published: components, weights, thresholds, trend (instants as ISO strings). */
  @Column('jsonb') content!: object;
  @Column('text', { name: 'published_by' }) publishedBy!: string;
  @Column('timestamptz', { name: 'published_at' }) publishedAt!: Date;
  @Column('uuid', { name: 'correction_of', nullable: true }) correctionOf!: string | null;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('uuid', { name: 'superseded_by', nullable: true }) supersededBy!: string | null;
  @Column('timestamptz', { name: 'superseded_at', nullable: true }) supersededAt!: Date | null;
}
