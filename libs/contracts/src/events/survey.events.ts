import { z } from 'zod';
import { defineEvent } from '../event-contract';

/**
 * Satisfaction surveys (满意度调查): issued to the person a service instance served when it
 * completes (a work order verified; trips and meals when those services publish completions).
 */
const Instant = z.string().datetime({ offset: true });

export const SURVEYED_SERVICE_TYPES = ['maintenance', 'procurement', 'catering', 'transport'] as const;

const SurveySummary = {
  surveyId: z.string().uuid(),
  serviceType: z.enum(SURVEYED_SERVICE_TYPES),
  /** The service instance surveyed (for maintenance, the work order id). */
  instanceId: z.string().min(1).max(128),
  /** The party evaluated: a vendor id, or 'internal-team' for the agency's own team. */
  party: z.string().min(1).max(64),
  /** The person served, who answers. */
  respondentId: z.string().min(1),
  /** When the service instance completed: the survey counts in that period. */
  completedAt: Instant,
};

/** One 1–5 score per question code. */
const Scores = z.record(z.string().min(1).max(64), z.number().int().min(1).max(5));

export const SurveyIssued = defineEvent({
  service: 'evaluation',
  aggregate: 'survey',
  action: 'issued',
  version: 1,
  description:
    'A satisfaction survey was issued to the person a completed service instance served (sampled per service type and agency; one per instance). It can be answered until it expires.',
  schema: z.object({ ...SurveySummary, questions: z.array(z.string().min(1).max(64)).min(1), issuedAt: Instant, expiresAt: Instant }),
});

export const SurveyAnswered = defineEvent({
  service: 'evaluation',
  aggregate: 'survey',
  action: 'answered',
  version: 1,
  description:
    'The person served answered the survey (once): a 1–5 score per question, the overall score and an optional comment. A low overall score opened a follow-up (回访) for the logistics manager.',
  schema: z.object({
    ...SurveySummary,
    scores: Scores,
    overall: z.number().int().min(1).max(5),
    comment: z.string().max(2000).optional(),
    answeredAt: Instant,
    /** Present when the low score opened a follow-up. */
    followUpId: z.string().uuid().optional(),
  }),
});

export const SurveyReminded = defineEvent({
  service: 'evaluation',
  aggregate: 'survey',
  action: 'reminded',
  version: 1,
  description: 'A survey still unanswered is about to expire: the person served is reminded, once.',
  schema: z.object({ ...SurveySummary, expiresAt: Instant, remindedAt: Instant }),
});

export const SurveyExpired = defineEvent({
  service: 'evaluation',
  aggregate: 'survey',
  action: 'expired',
  version: 1,
  description: 'A survey was not answered in time: it can no longer be answered and counts as issued but not answered.',
  schema: z.object({ ...SurveySummary, expiresAt: Instant, expiredAt: Instant }),
});

export const SurveyWithdrawn = defineEvent({
  service: 'evaluation',
  aggregate: 'survey',
  action: 'withdrawn',
  version: 1,
  description: 'The service instance of an unanswered survey was cancelled: the survey is withdrawn and counts nowhere.',
  schema: z.object({ ...SurveySummary, reason: z.string().min(1).max(1000), withdrawnAt: Instant }),
});
