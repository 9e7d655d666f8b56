import { integerVariable } from '@houqin/service-kit';

/** Variables of the audit trail (zod fields), merged into the evaluation service's environment. */
export const AUDIT_TRAIL_ENVIRONMENT = {
  AUDIT_CHAIN_HEAD_PUBLISH_INTERVAL_MS: integerVariable(50, 86_400_000)
    .default(900_000)
    .describe(
      "How often the evaluation service publishes the head (sequence and hash) of each agency's audit trail whose head moved since its last publication, as audit-chain.head-published and a log line (once per head, whatever the number of replicas); a tail cut from the trail after a publication is detected by the verification",
    ),
};
