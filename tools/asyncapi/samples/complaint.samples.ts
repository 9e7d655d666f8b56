/** Valid data for each event type of complaint.events.ts, keyed by type (the AsyncAPI spec checks them). */
export const COMPLAINT_SAMPLES: Record<string, unknown> = {};
