import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Evidence, ProposalStatus } from './domain/proposal';
import type { OffenceKind } from './domain/offence';
import type { ReinstatementCause, SanctionStatus } from './domain/sanction';
import type { SanctionMeasure, SanctionRule } from './domain/sanction-rules';

/** One offence of a vendor, once per source. */
@Entity({ name: 'sanction_offence' })
export class SanctionOffenceRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'vendor_id' }) vendorId!: string;
  @Column('text') kind!: OffenceKind;
  @Column('text', { name: 'source_ref' }) sourceRef!: string;
  @Column('integer') weight!: number;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('text') description!: string;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt!: Date | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason!: string | null;
  @Column('integer', { name: 'source_version', nullable: true }) sourceVersion!: number | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}

/** An agency's own sanction rules (absent: the platform's defaults). */
@Entity({ name: 'sanction_rule_set' })
export class SanctionRuleSetRecord {
  @PrimaryColumn('text', { name: 'agency_id' }) agencyId!: string;
  @Column('jsonb') rules!: SanctionRule[];
  @Column('integer', { name: 'ladder_window_days' }) ladderWindowDays!: number;
  @Column('integer', { name: 'ladder_suspension_days' }) ladderSuspensionDays!: number;
  @Column('boolean') automatic!: boolean;
  @Column('text', { name: 'updated_by' }) updatedBy!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** Evidence as stored: instants as ISO strings. */
export type EvidenceRecord = Omit<Evidence, 'occurredAt'> & { occurredAt: string };

@Entity({ name: 'sanction_proposal' })
export class SanctionProposalRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'vendor_id' }) vendorId!: string;
  @Column('text', { name: 'rule_key' }) ruleKey!: string;
  @Column('jsonb') rule!: SanctionRule;
  @Column('text') measure!: SanctionMeasure;
  @Column('integer', { name: 'suspension_days', nullable: true }) suspensionDays!: number | null;
  @Column('text', { name: 'escalated_from', nullable: true }) escalatedFrom!: SanctionMeasure | null;
  @Column('integer') figure!: number;
  @Column('integer') threshold!: number;
  @Column('integer', { name: 'window_days' }) windowDays!: number;
  @Column('jsonb') evidence!: EvidenceRecord[];
  @Column('uuid', { name: 'triggered_by' }) triggeredBy!: string;
  @Column('text') status!: ProposalStatus;
  @Column('timestamptz', { name: 'proposed_at' }) proposedAt!: Date;
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column('text', { name: 'decision_reason', nullable: true }) decisionReason!: string | null;
  @Column('uuid', { name: 'sanction_id', nullable: true }) sanctionId!: string | null;
  @Column('integer') version!: number;
}

@Entity({ name: 'sanction' })
export class SanctionRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'vendor_id' }) vendorId!: string;
  @Column('uuid', { name: 'proposal_id' }) proposalId!: string;
  @Column('text', { name: 'rule_key' }) ruleKey!: string;
  @Column('text') measure!: SanctionMeasure;
  @Column('text') reason!: string;
  @Column('timestamptz', { name: 'from_at' }) from!: Date;
  @Column('timestamptz', { name: 'until_at', nullable: true }) until!: Date | null;
  @Column('text') status!: SanctionStatus;
  @Column('text', { name: 'decided_by' }) decidedBy!: string;
  @Column('timestamptz', { name: 'decided_at' }) decidedAt!: Date;
  @Column('jsonb') evidence!: string[];
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column('text', { name: 'end_cause', nullable: true }) endCause!: ReinstatementCause | null;
  @Column('text', { name: 'lifted_by', nullable: true }) liftedBy!: string | null;
  @Column('text', { name: 'lift_reason', nullable: true }) liftReason!: string | null;
  @Column('integer') version!: number;
}
