import type { EventContract } from '../event-contract';

/** The events of evaluation's complaints (投诉), besides those shared in supervision.events.ts. */
export const COMPLAINT_EVENTS: readonly EventContract[] = [];
