/** Variables of sanctions (zod fields), merged into the evaluation service's environment. */
export const SANCTION_ENVIRONMENT = {};
