import { EventEnvelope, EventOrigin, SurveyAnswered, SurveyExpired, SurveyIssued, SurveyReminded, SurveyWithdrawn } from '@houqin/contracts';
import { partyKey } from '../kpis/domain/evaluated-party';
import type { Survey } from './domain/survey';

/** The survey events, built in one place from the survey as saved. */
function summary(survey: Survey) {
  return {
    surveyId: survey.id,
    serviceType: survey.serviceType,
    instanceId: survey.instanceId,
    party: partyKey(survey.party),
    respondentId: survey.respondentId,
    completedAt: survey.completedAt.toISOString(),
  };
}

export function issuedEvent(survey: Survey, origin: EventOrigin): EventEnvelope {
  return SurveyIssued.create({
    subject: survey.id,
    origin,
    time: survey.issuedAt,
    data: { ...summary(survey), questions: survey.questions.map((question) => question.code), issuedAt: survey.issuedAt.toISOString(), expiresAt: survey.expiresAt.toISOString() },
  });
}

export function answeredEvent(survey: Survey, origin: EventOrigin, followUpId: string | undefined): EventEnvelope {
  const answer = survey.answer;
  if (!answer) throw new Error(`survey ${survey.id} has no answer to announce`);
  return SurveyAnswered.create({
    subject: survey.id,
    origin,
    time: answer.answeredAt,
    data: {
      ...summary(survey),
      scores: answer.scores,
      overall: answer.overall,
      ...(answer.comment ? { comment: answer.comment } : {}),
      answeredAt: answer.answeredAt.toISOString(),
      ...(followUpId ? { followUpId } : {}),
    },
  });
}

export function remindedEvent(survey: Survey, origin: EventOrigin): EventEnvelope {
  const remindedAt = survey.remindedAt ?? survey.issuedAt;
  return SurveyReminded.create({ subject: survey.id, origin, time: remindedAt, data: { ...summary(survey), expiresAt: survey.expiresAt.toISOString(), remindedAt: remindedAt.toISOString() } });
}

export function expiredEvent(survey: Survey, origin: EventOrigin): EventEnvelope {
  const expiredAt = survey.expiredAt ?? survey.expiresAt;
  return SurveyExpired.create({ subject: survey.id, origin, time: expiredAt, data: { ...summary(survey), expiresAt: survey.expiresAt.toISOString(), expiredAt: expiredAt.toISOString() } });
}

export function withdrawnEvent(survey: Survey, origin: EventOrigin): EventEnvelope {
  const withdrawnAt = survey.withdrawnAt ?? survey.issuedAt;
  return SurveyWithdrawn.create({
    subject: survey.id,
    origin,
    time: withdrawnAt,
    data: { ...summary(survey), reason: survey.withdrawalReason ?? 'the service instance was cancelled', withdrawnAt: withdrawnAt.toISOString() },
  });
}
