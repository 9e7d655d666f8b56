import type { RoutePolicy } from './route-policy';

/** The evaluation service's routes for qualifications and training (团队建设与能力建设). */
export const QUALIFICATIONS_POLICIES: readonly RoutePolicy[] = [];
