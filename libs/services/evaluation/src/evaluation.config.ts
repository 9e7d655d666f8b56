import { z } from 'zod';
import { integerVariable } from '@houqin/service-kit';
import { COMPLAINT_ENVIRONMENT } from './complaints/complaints.config';
import { VIOLATION_ENVIRONMENT } from './violations/violations.config';
import { RECTIFICATION_ENVIRONMENT } from './rectifications/rectifications.config';
import { SANCTION_ENVIRONMENT } from './sanctions/sanctions.config';
import { INTERNAL_AUDIT_ENVIRONMENT } from './internal-audit/internal-audit.config';
import { QUALIFICATION_ENVIRONMENT } from './qualifications/qualifications.config';
import { ACCOUNTABILITY_ENVIRONMENT } from './accountability/accountability.config';
import { AUDIT_TRAIL_ENVIRONMENT } from './audit-trail/audit-trail.config';

/** Variables the evaluation service reads beyond the kit's. */
export const evaluationEnvironment = z.object({
  SURVEY_EXPIRY_DAYS: integerVariable(1, 365)
    .default(14)
    .describe('Days a satisfaction survey can be answered after it is issued; after that it expires (applies to surveys issued after a change)'),
  SURVEY_REMINDER_BEFORE_HOURS: integerVariable(0, 8760)
    .default(48)
    .describe(
      'Hours before a survey expires at which the person served is reminded, once, if still unanswered (0: no reminders; a reminder that would fall before the survey is issued is not sent)',
    ),
  SURVEY_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(60_000)
    .describe(
      'How often the evaluation service looks for surveys whose reminder or expiry fell due and publishes survey.reminded and survey.expired (once per survey, whatever the number of replicas); a reminder or expiry happens at most this long after it falls due',
    ),
  SURVEY_FOLLOW_UP_MAX_OVERALL: integerVariable(1, 4)
    .default(2)
    .describe('An answered survey whose overall score (1–5) is at most this opens a follow-up (回访) for the logistics manager'),
  SURVEY_DEFAULT_SAMPLING_PERCENT: integerVariable(0, 100)
    .default(100)
    .describe(
      "Share of completed service instances, in percent, that get a satisfaction survey when the agency has set no sampling rate for the service type (chosen from the instance id, so a redelivery decides the same)",
    ),
  ...COMPLAINT_ENVIRONMENT,
  ...VIOLATION_ENVIRONMENT,
  ...RECTIFICATION_ENVIRONMENT,
  ...SANCTION_ENVIRONMENT,
  ...INTERNAL_AUDIT_ENVIRONMENT,
  ...QUALIFICATION_ENVIRONMENT,
  ...ACCOUNTABILITY_ENVIRONMENT,
  ...AUDIT_TRAIL_ENVIRONMENT,
});

export type EvaluationEnvironment = z.infer<typeof evaluationEnvironment>;
