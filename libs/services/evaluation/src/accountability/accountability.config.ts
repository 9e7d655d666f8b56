/** Variables of accountability (zod fields), merged into the evaluation service's environment. */
export const ACCOUNTABILITY_ENVIRONMENT = {};
