/** Valid data for each event type of sanction.events.ts, keyed by type (the AsyncAPI spec checks them). */
export const SANCTION_SAMPLES: Record<string, unknown> = {};
