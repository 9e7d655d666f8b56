/** Variables of violations (zod fields), merged into the evaluation service's environment. */
export const VIOLATION_ENVIRONMENT = {};
