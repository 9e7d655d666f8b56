import type { RoutePolicy } from './route-policy';

/** The evaluation service's routes for rectification notices (整改). */
export const RECTIFICATIONS_POLICIES: readonly RoutePolicy[] = [];
