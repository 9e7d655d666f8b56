import { Caller } from '@houqin/observability';
import { RoutePolicy } from './route-policy';

/** The scopes of an integrator's API key: the actions (routes) and event types it may use. */
export interface KeyScopes {
  actions: readonly string[];
  eventTypes: readonly string[];
}

export type AuthorizationDecision =
  /** `actingAs` is the caller the owning service sees: its agency is the one the request acts in. */
  | { outcome: 'allowed'; actingAs: Caller }
  /** The caller's roles (or API key scopes) do not allow the action anywhere: 403. */
  | { outcome: 'forbidden'; detail: string }
  /** The caller may not act in the agency aimed at: 404, exactly as if it did not exist. */
  | { outcome: 'hidden'; detail: string };

/**
 * Decides one request against its route's policy. Roles first: a role that may not take the action
 * is refused wherever it aims (403 tells nothing about any agency). Then the agency: a request acts
 * in the caller's own agency unless it names another in X-Agency-Id; another agency is visible only
 * to a supervised read by a supervisor who oversees it — anything else answers 404.
 */
export function authorize(policy: RoutePolicy, caller: Caller, targetAgencyId: string | undefined, key?: KeyScopes): AuthorizationDecision {
  const allowedRole = caller.roles.find((role) => (policy.roles as readonly string[]).includes(role));
  if (!allowedRole) {
    return { outcome: 'forbidden', detail: `${policy.action} is not allowed to ${describeRoles(caller.roles)}` };
  }
  if (key && !key.actions.includes(policy.action)) {
    return { outcome: 'forbidden', detail: `the API key is not scoped to ${policy.action}` };
  }
  if (policy.scope === 'public' || policy.scope === 'self' || policy.scope === 'platform') return { outcome: 'allowed', actingAs: caller };
  if (targetAgencyId === undefined || targetAgencyId === caller.agencyId) return { outcome: 'allowed', actingAs: caller };
  if (policy.scope === 'supervised-read' && caller.roles.includes('supervisor') && (caller.supervisedAgencyIds ?? []).includes(targetAgencyId)) {
    // The service sees a supervisor reading that agency, and nothing else of the caller's.
    return { outcome: 'allowed', actingAs: { userId: caller.userId, agencyId: targetAgencyId, roles: ['supervisor'], supervisedAgencyIds: caller.supervisedAgencyIds ?? [] } };
  }
  return { outcome: 'hidden', detail: `no agency ${targetAgencyId} among those the caller may act in` };
}

function describeRoles(roles: readonly string[]): string {
  return roles.length === 0 ? 'a caller without roles' : `role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}`;
}
