import { integerVariable } from '@houqin/service-kit';

/** Variables of violations (zod fields), merged into the evaluation service's environment. */
export const VIOLATION_ENVIRONMENT = {
  VIOLATION_DEFAULT_LOW_ASSESSMENT_THRESHOLD: integerVariable(0, 100)
    .default(60)
    .describe(
      'A submitted third-party assessment whose overall score (0–100) is below this is recorded as a violation, for an agency that has set no threshold of its own in its violation rules',
    ),
};
