import type { Role } from '@houqin/auth';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Whose data a route acts on, and so which agency a caller may aim it at.
 *
 * - `public`: no authentication at all (logging in, refreshing a session).
 * - `self`: any authenticated caller, acting on their own session or profile.
 * - `agency`: the caller's own agency only; aimed at another agency (X-Agency-Id) it answers 404.
 * - `supervised-read`: a read of the caller's own agency, or — for a supervisor or a platform
 *   admin — of another agency named in X-Agency-Id that they may read across; any other agency
 *   answers 404, as if it did not exist.
 * - `platform`: platform-wide administration; not tied to one agency.
 */
export type PolicyScope = 'public' | 'self' | 'agency' | 'supervised-read' | 'platform';

/** One row of the gateway's policy table: who may call one route, for what, on whose data. */
export interface RoutePolicy {
  method: HttpMethod;
  /** The gateway path, with `:name` for a path parameter: `/api/v1/procurement/vendors/:id`. */
  path: string;
  /** The action as API keys and the docs name it: `<area>.<resource>.<verb>`, e.g. `procurement.vendors.read`. */
  action: string;
  /** Roles allowed; empty for `public`. An integrator (API key) also needs the action among its key's scopes. */
  roles: readonly Role[];
  scope: PolicyScope;
  /** Extra rule the owner of the route enforces, shown in the docs (e.g. "a vendor sees only its own vendor"). */
  note?: string;
}

/** Read-only roles that may read every agency-scoped read route of their agency. */
export const READERS: readonly Role[] = ['auditor'];
