import type { Role } from '@houqin/auth';
import { READERS, RoutePolicy } from '../access/route-policy';

/** Who manages an agency's webhooks: its admin and its integrators. */
export const WEBHOOK_MANAGERS: readonly Role[] = ['agency-admin', 'integrator'];
/** Who reads them (and the delivery log, and the live stream): the managers and the read-only roles. */
export const INTEGRATION_READERS: readonly Role[] = [...WEBHOOK_MANAGERS, ...READERS];

export const INTEGRATION_ACTIONS = {
  manageWebhooks: 'integrations.webhooks.manage',
  readWebhooks: 'integrations.webhooks.read',
  streamEvents: 'integrations.events.stream',
} as const;

export type IntegrationAction = (typeof INTEGRATION_ACTIONS)[keyof typeof INTEGRATION_ACTIONS];

const AGENCY_ONLY = "the caller's own agency: another agency's subscription answers 404";

/** Policies of the integrations routes (webhooks, event stream). */
export const INTEGRATIONS_POLICIES: readonly RoutePolicy[] = [
  { method: 'POST', path: '/api/v1/webhooks', action: INTEGRATION_ACTIONS.manageWebhooks, roles: WEBHOOK_MANAGERS, scope: 'agency', note: "an API key subscribes only to its key's event types" },
  { method: 'GET', path: '/api/v1/webhooks', action: INTEGRATION_ACTIONS.readWebhooks, roles: INTEGRATION_READERS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/webhooks/:id', action: INTEGRATION_ACTIONS.readWebhooks, roles: INTEGRATION_READERS, scope: 'agency', note: AGENCY_ONLY },
  { method: 'POST', path: '/api/v1/webhooks/:id/disable', action: INTEGRATION_ACTIONS.manageWebhooks, roles: WEBHOOK_MANAGERS, scope: 'agency', note: AGENCY_ONLY },
  { method: 'POST', path: '/api/v1/webhooks/:id/enable', action: INTEGRATION_ACTIONS.manageWebhooks, roles: WEBHOOK_MANAGERS, scope: 'agency', note: AGENCY_ONLY },
  { method: 'POST', path: '/api/v1/webhooks/:id/rotate-secret', action: INTEGRATION_ACTIONS.manageWebhooks, roles: WEBHOOK_MANAGERS, scope: 'agency', note: AGENCY_ONLY },
  { method: 'GET', path: '/api/v1/webhooks/:id/deliveries', action: INTEGRATION_ACTIONS.readWebhooks, roles: INTEGRATION_READERS, scope: 'agency', note: AGENCY_ONLY },
  {
    method: 'POST',
    path: '/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    action: INTEGRATION_ACTIONS.manageWebhooks,
    roles: WEBHOOK_MANAGERS,
    scope: 'agency',
    note: `${AGENCY_ONLY}; a delivery whose attempt is in flight answers 409`,
  },
  {
    method: 'GET',
    path: '/api/v1/events/stream',
    action: INTEGRATION_ACTIONS.streamEvents,
    // The logistics manager's console follows new work and its changes live.
    roles: [...INTEGRATION_READERS, 'logistics-manager'],
    scope: 'agency',
    note: "only the caller's agency's events; an API key streams only its key's event types",
  },
];
