/** Valid data for each event type of qualification.events.ts, keyed by type (the AsyncAPI spec checks them). */
export const QUALIFICATION_SAMPLES: Record<string, unknown> = {};
