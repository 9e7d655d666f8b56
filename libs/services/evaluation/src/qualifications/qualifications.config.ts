/** Variables of qualifications (zod fields), merged into the evaluation service's environment. */
export const QUALIFICATION_ENVIRONMENT = {};
