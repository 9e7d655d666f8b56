import { integerVariable } from '@houqin/service-kit';

/** Variables of qualifications (zod fields), merged into the evaluation service's environment. */
export const QUALIFICATION_ENVIRONMENT = {
  QUALIFICATION_WARNING_DAYS: integerVariable(1, 365)
    .default(30)
    .describe('Days before a qualification (资质证书) expires at which its employer is warned, once per expiry date (qualification.expiring)'),
  QUALIFICATION_SWEEP_INTERVAL_MS: integerVariable(50, 86_400_000)
    .default(600_000)
    .describe(
      'How often the evaluation service looks for qualifications whose warning or expiry fell due and publishes qualification.expiring and qualification.expired (once per qualification and expiry date, whatever the number of replicas)',
    ),
};
