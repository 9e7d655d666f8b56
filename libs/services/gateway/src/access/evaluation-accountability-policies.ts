import type { RoutePolicy } from './route-policy';

/** The evaluation service's routes for accountability records (问责). */
export const ACCOUNTABILITY_POLICIES: readonly RoutePolicy[] = [];
