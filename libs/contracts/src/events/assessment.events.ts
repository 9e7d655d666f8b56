import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { SCORECARD_SERVICE_TYPES } from './scorecard.events';

/** Third-party assessments (第三方评估) by the evaluator organisations an agency engages. */
export const AssessmentSubmitted = defineEvent({
  service: 'evaluation',
  aggregate: 'assessment',
  action: 'submitted',
  version: 1,
  description:
    "An independent evaluator organisation submitted its assessment of a vendor's service for a period, with the weighted overall score (0–100): it counts in the vendor's scorecard, and a score below the agency's threshold is recorded as a violation. A submitted assessment is locked.",
  schema: z.object({
    assessmentId: z.string().uuid(),
    agencyId: z.string().min(1).max(64),
    organisationId: z.string().uuid(),
    vendorId: z.string().uuid(),
    serviceType: z.enum(SCORECARD_SERVICE_TYPES),
    /** 'YYYY-MM', 'YYYY-Qn' or 'YYYY' (China Standard Time). */
    period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/),
    overallScore: z.number().min(0).max(100),
    submittedBy: z.string().min(1),
    submittedAt: z.string().datetime({ offset: true }),
  }),
});

export const ASSESSMENT_EVENTS = [AssessmentSubmitted] as const;
