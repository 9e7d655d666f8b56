/** Variables of internal-audit (zod fields), merged into the evaluation service's environment. */
export const INTERNAL_AUDIT_ENVIRONMENT = {};
