/** Valid data for each event type of violation.events.ts, keyed by type (the AsyncAPI spec checks them). */
export const VIOLATION_SAMPLES: Record<string, unknown> = {};
