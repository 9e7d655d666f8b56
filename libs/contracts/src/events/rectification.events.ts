import type { EventContract } from '../event-contract';

/** The events of evaluation's rectification notices (整改), besides those shared in supervision.events.ts. */
export const RECTIFICATION_EVENTS: readonly EventContract[] = [];
