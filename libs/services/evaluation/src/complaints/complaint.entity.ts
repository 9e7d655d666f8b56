import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FileAttachment } from '@houqin/domain';
import type { Answerable, ComplaintCategory, ComplaintOutcome, ComplaintServiceType, ComplaintSeverity, ComplaintStatus } from './domain/complaint';

/** One complaint (投诉), with its triage, decision, appeal and withdrawal. */
@Entity({ name: 'complaint' })
export class ComplaintRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text', { name: 'complainant_id' }) complainantId!: string;
  @Column('boolean', { name: 'anonymous_to_vendor' }) anonymousToVendor!: boolean;
  @Column('text', { name: 'service_type', nullable: true }) serviceType!: ComplaintServiceType | null;
  @Column('text', { name: 'instance_id', nullable: true }) instanceId!: string | null;
  /** The vendor id, or 'internal-team'; null until known. */
  @Column('text', { nullable: true }) party!: string | null;
  @Column('text') category!: ComplaintCategory;
  @Column('text') description!: string;
  @Column('jsonb') attachments!: FileAttachment[];
  @Column('text') status!: ComplaintStatus;
  @Column('timestamptz', { name: 'filed_at' }) filedAt!: Date;
  @Column('timestamptz', { name: 'response_due_at' }) responseDueAt!: Date;
  @Column('timestamptz', { name: 'response_overdue_at', nullable: true }) responseOverdueAt!: Date | null;
  @Column('text', { nullable: true }) severity!: ComplaintSeverity | null;
  @Column('text', { name: 'investigator_id', nullable: true }) investigatorId!: string | null;
  @Column('text', { name: 'triaged_by', nullable: true }) triagedBy!: string | null;
  @Column('timestamptz', { name: 'triaged_at', nullable: true }) triagedAt!: Date | null;
  @Column('text', { name: 'triage_note', nullable: true }) triageNote!: string | null;
  @Column('text', { nullable: true }) outcome!: ComplaintOutcome | null;
  @Column('text', { name: 'decision_reasons', nullable: true }) decisionReasons!: string | null;
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column('jsonb', { name: 'decision_answerable', nullable: true }) decisionAnswerable!: Answerable[] | null;
  @Column('integer', { name: 'handling_minutes', nullable: true }) handlingMinutes!: number | null;
  @Column('text', { name: 'appeal_reasons', nullable: true }) appealReasons!: string | null;
  @Column('timestamptz', { name: 'appealed_at', nullable: true }) appealedAt!: Date | null;
  @Column('text', { name: 'appeal_outcome', nullable: true }) appealOutcome!: ComplaintOutcome | null;
  @Column('text', { name: 'appeal_decision_reasons', nullable: true }) appealDecisionReasons!: string | null;
  @Column('text', { name: 'appeal_decided_by', nullable: true }) appealDecidedBy!: string | null;
  @Column('timestamptz', { name: 'appeal_decided_at', nullable: true }) appealDecidedAt!: Date | null;
  @Column('jsonb', { name: 'appeal_answerable', nullable: true }) appealAnswerable!: Answerable[] | null;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt!: Date | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason!: string | null;
  @Column('integer') version!: number;
}

/** An item of evidence gathered while a complaint is investigated; written once. */
@Entity({ name: 'complaint_evidence' })
export class ComplaintEvidenceRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'complaint_id' }) complaintId!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text') description!: string;
  @Column('jsonb') attachments!: FileAttachment[];
  @Column('text', { name: 'added_by' }) addedBy!: string;
  @Column('timestamptz', { name: 'added_at' }) addedAt!: Date;
}
