/** Variables of complaints (zod fields), merged into the evaluation service's environment. */
export const COMPLAINT_ENVIRONMENT = {};
