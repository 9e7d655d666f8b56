import { BusinessRuleViolation, IllegalTransitionError } from '@houqin/domain';
import type { EvaluatedParty, ServiceType } from '../../kpis/domain/evaluated-party';
import type { Survey } from './survey';

/**
 * A follow-up (回访): a low overall score makes the logistics manager contact the person served.
 * open → closed, with a note of what was found and done.
 */
export type FollowUpStatus = 'open' | 'closed';
export const FOLLOW_UP_STATUSES: readonly FollowUpStatus[] = ['open', 'closed'];

export interface FollowUp {
  id: string;
  agencyId: string;
  surveyId: string;
  serviceType: ServiceType;
  instanceId: string;
  party: EvaluatedParty;
  respondentId: string;
  overall: number;
  comment?: string;
  status: FollowUpStatus;
  openedAt: Date;
  closedAt?: Date;
  closedBy?: string;
  note?: string;
}

/** An overall score at or below the threshold (default 2 of 5) calls for a follow-up. */
export function needsFollowUp(overall: number, maxOverall: number): boolean {
  return overall <= maxOverall;
}

export function openFollowUp(id: string, survey: Survey, now: Date): FollowUp {
  if (!survey.answer) throw new IllegalTransitionError('survey', survey.status, 'follow up');
  return {
    id,
    agencyId: survey.agencyId,
    surveyId: survey.id,
    serviceType: survey.serviceType,
    instanceId: survey.instanceId,
    party: survey.party,
    respondentId: survey.respondentId,
    overall: survey.answer.overall,
    ...(survey.answer.comment ? { comment: survey.answer.comment } : {}),
    status: 'open',
    openedAt: now,
  };
}

export function closeFollowUp(followUp: FollowUp, closedBy: string, note: string, now: Date): FollowUp {
  if (followUp.status !== 'open') throw new IllegalTransitionError('follow-up', followUp.status, 'close');
  const trimmed = note.trim();
  if (!trimmed) throw new BusinessRuleViolation('follow-up-note-required', 'say what the follow-up found and did', 'note');
  return { ...followUp, status: 'closed', closedAt: now, closedBy, note: trimmed };
}
