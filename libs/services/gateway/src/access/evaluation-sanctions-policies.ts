import type { RoutePolicy } from './route-policy';

/** The evaluation service's routes for sanction rules, proposals and sanctions. */
export const SANCTIONS_POLICIES: readonly RoutePolicy[] = [];
