import type { EventContract } from '../event-contract';

/** The events of evaluation's qualifications and training (团队建设与能力建设), besides those shared in supervision.events.ts. */
export const QUALIFICATION_EVENTS: readonly EventContract[] = [];
