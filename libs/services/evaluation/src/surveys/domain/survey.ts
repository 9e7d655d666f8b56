import { BusinessRuleViolation, IllegalTransitionError, NotFoundError } from '@houqin/domain';
import type { EvaluatedParty, ServiceType } from '../../kpis/domain/evaluated-party';
import { OVERALL, Question } from './questionnaire';

/**
 * A satisfaction survey (满意度调查): pending → answered (once, by the person served), or expired
 * when not answered in time; withdrawn when its service instance is cancelled before it was
 * answered. One survey per service instance.
 */
export const SURVEY_STATUSES = ['pending', 'answered', 'expired', 'withdrawn'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** A service instance that completed, as the event announcing it tells. */
export interface CompletedService {
  agencyId: string;
  serviceType: ServiceType;
  instanceId: string;
  party: EvaluatedParty;
  /** The person served, who is asked. */
  respondentId: string;
  completedAt: Date;
}

/** How long a survey stays open and when its reminder goes out. */
export interface SurveyTerms {
  expiryDays: number;
  /** 0: no reminder. */
  reminderBeforeHours: number;
}

export interface SurveyAnswer {
  scores: Record<string, number>;
  overall: number;
  comment?: string;
  answeredAt: Date;
}

export interface Survey extends CompletedService {
  id: string;
  questions: readonly Question[];
  status: SurveyStatus;
  issuedAt: Date;
  expiresAt: Date;
  /** Absent when no reminder goes out (none configured, or it would fall before the issue). */
  remindAt?: Date;
  remindedAt?: Date;
  answer?: SurveyAnswer;
  expiredAt?: Date;
  withdrawnAt?: Date;
  withdrawalReason?: string;
}

export interface AnswerInput {
  scores: Record<string, number>;
  comment?: string | undefined;
}

const HOUR_MS = 3_600_000;

export function issueSurvey(id: string, service: CompletedService, questions: readonly Question[], terms: SurveyTerms, now: Date): Survey {
  const expiresAt = new Date(now.getTime() + terms.expiryDays * 24 * HOUR_MS);
  const remindAt = new Date(expiresAt.getTime() - terms.reminderBeforeHours * HOUR_MS);
  return {
    id,
    ...service,
    questions,
    status: 'pending',
    issuedAt: now,
    expiresAt,
    ...(terms.reminderBeforeHours > 0 && remindAt.getTime() > now.getTime() ? { remindAt } : {}),
  };
}

/** The state as of `now`: a pending survey past its expiry is expired, even before the sweep records it. */
export function statusAt(survey: Survey, now: Date): SurveyStatus {
  return survey.status === 'pending' && now.getTime() >= survey.expiresAt.getTime() ? 'expired' : survey.status;
}

/**
 * The person served answers every question 1–5, once. Anyone else is told the survey does not
 * exist (a survey is private to its respondent); a survey answered, expired or withdrawn refuses.
 */
export function answerSurvey(survey: Survey, respondentId: string, input: AnswerInput, now: Date): Survey {
  if (survey.respondentId !== respondentId) throw new NotFoundError('survey', survey.id);
  const status = statusAt(survey, now);
  if (status !== 'pending') throw new IllegalTransitionError('survey', status, 'answer');
  const codes = new Set(survey.questions.map((question) => question.code));
  for (const code of Object.keys(input.scores)) {
    if (!codes.has(code)) throw new BusinessRuleViolation('survey-question-unknown', `this survey asks no question ${code}`, `scores.${code}`);
  }
  for (const { code } of survey.questions) {
    const score = input.scores[code];
    if (score === undefined) throw new BusinessRuleViolation('survey-question-unanswered', `answer the question ${code} (a score from 1 to 5)`, `scores.${code}`);
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new BusinessRuleViolation('survey-score-out-of-scale', `the score of ${code} must be a whole number from 1 to 5`, `scores.${code}`);
  }
  const comment = input.comment?.trim();
  const scores = Object.fromEntries(survey.questions.map(({ code }) => [code, input.scores[code] as number]));
  return { ...survey, status: 'answered', answer: { scores, overall: scores[OVERALL] ?? meanOf(Object.values(scores)), ...(comment ? { comment } : {}), answeredAt: now } };
}

/** The reminder is due: pending, not yet reminded, its instant reached (and not yet expired). */
export function isReminderDue(survey: Survey, now: Date): boolean {
  return statusAt(survey, now) === 'pending' && survey.remindAt !== undefined && survey.remindedAt === undefined && survey.remindAt.getTime() <= now.getTime();
}

export function remindSurvey(survey: Survey, now: Date): Survey {
  if (!isReminderDue(survey, now)) throw new IllegalTransitionError('survey', survey.remindedAt ? 'reminded' : statusAt(survey, now), 'remind');
  return { ...survey, remindedAt: now };
}

export function expireSurvey(survey: Survey, now: Date): Survey {
  if (survey.status !== 'pending' || statusAt(survey, now) !== 'expired') throw new IllegalTransitionError('survey', statusAt(survey, now), 'expire');
  return { ...survey, status: 'expired', expiredAt: now };
}

/**
 * The service instance was cancelled: an unanswered survey (pending or expired) is withdrawn and
 * counts nowhere; an answered one stands (the person's opinion of the service is kept). Returns
 * the survey unchanged when there is nothing to withdraw.
 */
export function withdrawSurvey(survey: Survey, reason: string, now: Date): Survey {
  if (survey.status === 'answered' || survey.status === 'withdrawn') return survey;
  return { ...survey, status: 'withdrawn', withdrawnAt: now, withdrawalReason: reason };
}

export function meanOf(scores: readonly number[]): number {
  return scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

/** Why a completed service got no survey, or that it gets one. */
export type IssueDecision = 'issue' | 'already-issued' | 'cancelled' | 'not-sampled';

/** One survey per instance; none for cancelled work; only the sampled share of instances. */
export function decideIssue(facts: { alreadyIssued: boolean; cancelled: boolean; sampled: boolean }): IssueDecision {
  if (facts.alreadyIssued) return 'already-issued';
  if (facts.cancelled) return 'cancelled';
  return facts.sampled ? 'issue' : 'not-sampled';
}

/** Who reads every survey of the agency, answers included: those who run the surveys, and auditors. */
export const SURVEY_READER_ROLES: readonly string[] = ['agency-admin', 'logistics-manager', 'auditor'];

/** A survey is seen by the person it asks, and by the agency's survey readers; to anyone else it does not exist. */
export function maySee(survey: Survey, actor: { userId: string; roles: readonly string[] }): boolean {
  return survey.respondentId === actor.userId || actor.roles.some((role) => SURVEY_READER_ROLES.includes(role));
}
