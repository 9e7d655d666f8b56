import { integerVariable } from '@houqin/service-kit';

/** Variables of sanctions (zod fields), merged into the evaluation service's environment. */
export const SANCTION_ENVIRONMENT = {
  SANCTION_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(60_000)
    .describe(
      "How often the evaluation service looks for suspensions whose period has ended, records the end and publishes vendor.reinstated (once per sanction, whatever the number of replicas); a suspension ends at most this long after its `until`",
    ),
};
