import type { EventContract } from '../event-contract';

/** The events of evaluation's internal audit (内部审计), besides those shared in supervision.events.ts. */
export const INTERNAL_AUDIT_EVENTS: readonly EventContract[] = [];
