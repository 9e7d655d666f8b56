import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ServiceType } from '../kpis/domain/evaluated-party';
import type { FileAttachment } from '@houqin/domain';
import type { AssessmentStatus, Criterion, CriterionScore } from './domain/assessment';

const score = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/** jsonb shapes: instants as ISO strings. */
export interface EngagementJson {
  from: string;
  until: string;
  engagedBy: string;
  engagedAt: string;
}
export interface TieJson {
  vendorId: string;
  nature: string;
  note?: string;
  declaredBy: string;
  declaredAt: string;
}

@Entity({ name: 'evaluator_organisation' })
export class EvaluatorOrganisationRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'credit_code', nullable: true }) creditCode!: string | null;
  @Column('text', { array: true }) accounts!: string[];
  @Column('jsonb') engagements!: EngagementJson[];
  @Column('jsonb') ties!: TieJson[];
  @Column('text', { name: 'registered_by' }) registeredBy!: string;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt!: Date;
  @Column('integer', { default: 1 }) version!: number;
}

@Entity({ name: 'assessment' })
export class AssessmentRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId!: string;
  @Column('uuid', { name: 'vendor_id' }) vendorId!: string;
  @Column('text', { name: 'service_type' }) serviceType!: ServiceType;
  @Column('text') period!: string;
  @Column('timestamptz', { name: 'period_start' }) periodStart!: Date;
  @Column('timestamptz', { name: 'period_end' }) periodEnd!: Date;
  @Column('jsonb') criteria!: Criterion[];
  @Column('jsonb') scores!: CriterionScore[];
  @Column('jsonb') evidence!: FileAttachment[];
  @Column('text', { nullable: true }) summary!: string | null;
  @Column('text') status!: AssessmentStatus;
  @Column('text', { name: 'drafted_by' }) draftedBy!: string;
  @Column('timestamptz', { name: 'drafted_at' }) draftedAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('text', { name: 'submitted_by', nullable: true }) submittedBy!: string | null;
  @Column('timestamptz', { name: 'submitted_at', nullable: true }) submittedAt!: Date | null;
  @Column('numeric', { name: 'overall_score', nullable: true, transformer: score }) overallScore!: number | null;
  @Column('integer', { default: 1 }) version!: number;
}
