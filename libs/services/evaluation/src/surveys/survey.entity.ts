import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ServiceType } from '../kpis/domain/evaluated-party';
import type { FollowUpStatus } from './domain/follow-up';
import type { Question } from './domain/questionnaire';
import type { SurveyStatus } from './domain/survey';

/** One satisfaction survey: one per service instance of an agency. */
@Entity({ name: 'survey' })
export class SurveyRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text', { name: 'service_type' }) serviceType!: ServiceType;
  @Column('text', { name: 'instance_id' }) instanceId!: string;
  /** The vendor id, or 'internal-team'. */
  @Column('text') party!: string;
  @Column('text', { name: 'respondent_id' }) respondentId!: string;
  @Column('jsonb') questions!: Question[];
  @Column('text') status!: SurveyStatus;
  @Column('timestamptz', { name: 'completed_at' }) completedAt!: Date;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt!: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'remind_at', nullable: true }) remindAt!: Date | null;
  @Column('timestamptz', { name: 'reminded_at', nullable: true }) remindedAt!: Date | null;
  @Column('timestamptz', { name: 'expired_at', nullable: true }) expiredAt!: Date | null;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt!: Date | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason!: string | null;
  @Column('integer') version!: number;
}

/** The answer to a survey, written once and never changed: one per person per service instance. */
@Entity({ name: 'survey_answer' })
export class SurveyAnswerRecord {
  @PrimaryColumn('uuid', { name: 'survey_id' }) surveyId!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text', { name: 'service_type' }) serviceType!: ServiceType;
  @Column('text', { name: 'instance_id' }) instanceId!: string;
  @Column('text', { name: 'respondent_id' }) respondentId!: string;
  @Column('jsonb') scores!: Record<string, number>;
  @Column('smallint') overall!: number;
  @Column('text', { nullable: true }) comment!: string | null;
  @Column('timestamptz', { name: 'answered_at' }) answeredAt!: Date;
}

/** A follow-up (回访) a low score opened for the logistics manager. */
@Entity({ name: 'survey_follow_up' })
export class SurveyFollowUpRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'survey_id' }) surveyId!: string;
  @Column('text', { name: 'service_type' }) serviceType!: ServiceType;
  @Column('text', { name: 'instance_id' }) instanceId!: string;
  @Column('text') party!: string;
  @Column('text', { name: 'respondent_id' }) respondentId!: string;
  @Column('smallint') overall!: number;
  @Column('text', { nullable: true }) comment!: string | null;
  @Column('text') status!: FollowUpStatus;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('text', { name: 'closed_by', nullable: true }) closedBy!: string | null;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('integer') version!: number;
}

/** An agency's sampling rate for one service type (absent: SURVEY_DEFAULT_SAMPLING_PERCENT). */
@Entity({ name: 'survey_sampling' })
export class SurveySamplingRecord {
  @PrimaryColumn('text', { name: 'agency_id' }) agencyId!: string;
  @PrimaryColumn('text', { name: 'service_type' }) serviceType!: ServiceType;
  @Column('smallint') percent!: number;
  @Column('text', { name: 'updated_by' }) updatedBy!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** A service instance cancelled: it never gets a survey, whatever arrives later. */
@Entity({ name: 'survey_cancelled_instance' })
export class SurveyCancelledInstanceRecord {
  @PrimaryColumn('text', { name: 'agency_id' }) agencyId!: string;
  @PrimaryColumn('text', { name: 'service_type' }) serviceType!: ServiceType;
  @PrimaryColumn('text', { name: 'instance_id' }) instanceId!: string;
  @Column('text') reason!: string;
  @Column('timestamptz', { name: 'cancelled_at' }) cancelledAt!: Date;
}
