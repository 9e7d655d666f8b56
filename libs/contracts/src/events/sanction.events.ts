import type { EventContract } from '../event-contract';

/** The events of evaluation's sanctions and reinstatements, besides those shared in supervision.events.ts. */
export const SANCTION_EVENTS: readonly EventContract[] = [];
