import type { EventContract } from '../event-contract';

/** The events of evaluation's the audit trail (its chain head), besides those shared in supervision.events.ts. */
export const AUDIT_TRAIL_EVENTS: readonly EventContract[] = [];
