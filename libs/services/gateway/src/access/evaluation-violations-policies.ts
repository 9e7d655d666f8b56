import type { RoutePolicy } from './route-policy';

/** The evaluation service's routes for violations (违规) and penalties. */
export const VIOLATIONS_POLICIES: readonly RoutePolicy[] = [];
