/** Valid data for each event type of rectification.events.ts, keyed by type (the AsyncAPI spec checks them). */
export const RECTIFICATION_SAMPLES: Record<string, unknown> = {};
