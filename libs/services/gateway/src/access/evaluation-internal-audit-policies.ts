import type { RoutePolicy } from './route-policy';

/** The evaluation service's routes for internal audit (内部审计). */
export const INTERNAL_AUDIT_POLICIES: readonly RoutePolicy[] = [];
