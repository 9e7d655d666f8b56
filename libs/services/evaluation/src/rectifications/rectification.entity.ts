import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RectificationAnswer, RectificationSendBack, RectificationStatus } from './domain/rectification';

/** Answers and send-backs as stored (instants as ISO strings inside jsonb). */
export type StoredAnswer = Omit<RectificationAnswer, 'answeredAt' | 'deadline'> & { answeredAt: string; deadline: string };
export type StoredSendBack = Omit<RectificationSendBack, 'returnedAt' | 'previousDeadline' | 'deadline'> & { returnedAt: string; previousDeadline: string; deadline: string };

/** One rectification notice (整改通知) with its answers and send-backs, in order. */
@Entity({ name: 'rectification_notice' })
export class RectificationNoticeRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  /** The vendor id, or 'internal-team'. */
  @Column('text') party!: string;
  @Column('text', { name: 'vendor_name', nullable: true }) vendorName!: string | null;
  @Column('text') finding!: string;
  @Column('uuid', { name: 'violation_id', nullable: true }) violationId!: string | null;
  @Column('uuid', { name: 'complaint_id', nullable: true }) complaintId!: string | null;
  @Column('jsonb', { name: 'required_evidence' }) requiredEvidence!: string[];
  @Column('timestamptz') deadline!: Date;
  @Column('text') status!: RectificationStatus;
  @Column('text', { name: 'issued_by' }) issuedBy!: string;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt!: Date;
  @Column('jsonb') answers!: StoredAnswer[];
  @Column('jsonb', { name: 'send_backs' }) sendBacks!: StoredSendBack[];
  /** The deadline the notice was last escalated for: the sweep claims a notice only while this differs from its deadline. */
  @Column('timestamptz', { name: 'escalated_deadline', nullable: true }) escalatedDeadline!: Date | null;
  @Column('text', { name: 'verified_by', nullable: true }) verifiedBy!: string | null;
  @Column('timestamptz', { name: 'verified_at', nullable: true }) verifiedAt!: Date | null;
  @Column('text', { name: 'verification_note', nullable: true }) verificationNote!: string | null;
  @Column('integer') version!: number;
}

/** One escalation of an overdue notice: at most one per notice and deadline (the primary key). */
@Entity({ name: 'rectification_escalation' })
export class RectificationEscalationRecord {
  @PrimaryColumn('uuid', { name: 'notice_id' }) noticeId!: string;
  @PrimaryColumn('timestamptz') deadline!: Date;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('timestamptz', { name: 'escalated_at' }) escalatedAt!: Date;
}
