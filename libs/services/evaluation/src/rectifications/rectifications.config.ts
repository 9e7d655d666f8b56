/** Variables of rectifications (zod fields), merged into the evaluation service's environment. */
export const RECTIFICATION_ENVIRONMENT = {};
