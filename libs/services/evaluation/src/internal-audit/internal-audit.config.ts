import { integerVariable } from '@houqin/service-kit';

/** Variables of internal-audit (zod fields), merged into the evaluation service's environment. */
export const INTERNAL_AUDIT_ENVIRONMENT = {
  INTERNAL_AUDIT_SWEEP_INTERVAL_MS: integerVariable(50, 86_400_000)
    .default(600_000)
    .describe(
      "How often the evaluation service looks for internal audit findings whose rectification passed its deadline day unanswered and publishes audit-finding.overdue (once per finding, whatever the number of replicas)",
    ),
};
