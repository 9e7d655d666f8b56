import type { RoutePolicy } from './route-policy';

/** The evaluation service's routes for complaints (投诉). */
export const COMPLAINTS_POLICIES: readonly RoutePolicy[] = [];
