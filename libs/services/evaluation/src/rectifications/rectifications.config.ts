import { integerVariable } from '@houqin/service-kit';

/** Variables of rectifications (zod fields), merged into the evaluation service's environment. */
export const RECTIFICATION_ENVIRONMENT = {
  RECTIFICATION_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(60_000)
    .describe(
      'How often the evaluation service looks for rectification notices (整改通知) whose deadline passed while awaiting the answer, marks them overdue and publishes rectification.overdue (once per notice and deadline, whatever the number of replicas); an escalation happens at most this long after the deadline',
    ),
};
