import { integerVariable } from '@houqin/service-kit';

/** Variables of complaints (zod fields), merged into the evaluation service's environment. */
export const COMPLAINT_ENVIRONMENT = {
  COMPLAINT_RESPONSE_DAYS: integerVariable(1, 90)
    .default(7)
    .describe(
      'Days from filing within which a complaint (投诉) must be decided, the decision being the response to the complainant; past it, undecided, complaint.response-overdue is published once (applies to complaints filed after a change)',
    ),
  COMPLAINT_APPEAL_DAYS: integerVariable(1, 90)
    .default(15)
    .describe('Days after the decision during which the complainant may appeal it, once'),
  COMPLAINT_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(60_000)
    .describe(
      'How often the evaluation service looks for complaints whose response deadline passed undecided and publishes complaint.response-overdue (once per complaint, whatever the number of replicas)',
    ),
};
