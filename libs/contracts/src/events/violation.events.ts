import type { EventContract } from '../event-contract';

/** The events of evaluation's violations (违规) and penalties, besides those shared in supervision.events.ts. */
export const VIOLATION_EVENTS: readonly EventContract[] = [];
