/** Valid data for each event type of internal-audit.events.ts, keyed by type (the AsyncAPI spec checks them). */
export const INTERNAL_AUDIT_SAMPLES: Record<string, unknown> = {};
