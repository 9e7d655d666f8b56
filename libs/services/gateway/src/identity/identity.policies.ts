import { ROLES } from '@houqin/auth';
import { AGENCY_READERS } from '../access/role-groups';
import { RoutePolicy } from '../access/route-policy';

const ADMINISTRATORS = ['platform-admin', 'agency-admin'] as const;

/** The routes the gateway answers itself for logging in and administering identities and API keys. */
export const IDENTITY_POLICIES: readonly RoutePolicy[] = [
  { method: 'POST', path: '/api/v1/auth/login', action: 'auth.login', roles: [], scope: 'public' },
  { method: 'POST', path: '/api/v1/auth/refresh', action: 'auth.refresh', roles: [], scope: 'public' },
  { method: 'GET', path: '/api/v1/auth/providers', action: 'auth.providers', roles: [], scope: 'public', note: "the agency's identity provider for the console's sign-in, when configured" },
  { method: 'POST', path: '/api/v1/auth/oidc', action: 'auth.oidc', roles: [], scope: 'public', note: "the console's authorization code exchanged at the identity provider" },
  { method: 'POST', path: '/api/v1/auth/logout', action: 'auth.logout', roles: ROLES.filter((role) => role !== 'integrator'), scope: 'self' },
  { method: 'GET', path: '/api/v1/auth/me', action: 'auth.me', roles: ROLES, scope: 'self' },
  {
    method: 'GET',
    path: '/api/v1/auth/sessions',
    action: 'auth.sessions.read',
    roles: ROLES.filter((role) => role !== 'integrator'),
    scope: 'self',
    note: "the caller's own login sessions only; empty for an identity provider's token",
  },
  {
    method: 'POST',
    path: '/api/v1/auth/sessions/:id/revoke',
    action: 'auth.sessions.revoke',
    roles: ROLES.filter((role) => role !== 'integrator'),
    scope: 'self',
    note: "one of the caller's own sessions; another person's answers 404",
  },

  {
    method: 'GET',
    path: '/api/v1/identity/people',
    action: 'identity.people.read',
    roles: AGENCY_READERS.filter((role) => role !== 'integrator'),
    scope: 'agency',
    note: "display names only, of the agency's own people: for screens that say who reported, decided or answers",
  },

  { method: 'POST', path: '/api/v1/identity/supervising-bodies', action: 'identity.supervising-bodies.create', roles: ['platform-admin'], scope: 'platform' },
  { method: 'GET', path: '/api/v1/identity/supervising-bodies', action: 'identity.supervising-bodies.read', roles: ['platform-admin'], scope: 'platform' },
  { method: 'POST', path: '/api/v1/identity/agencies', action: 'identity.agencies.create', roles: ['platform-admin'], scope: 'platform' },
  {
    method: 'POST',
    path: '/api/v1/identity/agencies/:id/disable',
    action: 'identity.agencies.disable',
    roles: ['platform-admin'],
    scope: 'platform',
    note: 'every session of its people ends at once; its API keys are refused',
  },
  {
    method: 'POST',
    path: '/api/v1/identity/agencies/:id/departments',
    action: 'identity.departments.create',
    roles: ADMINISTRATORS,
    scope: 'agency',
    note: 'a platform admin administers every agency; an agency admin only their own (another answers 404)',
  },
  { method: 'POST', path: '/api/v1/identity/users', action: 'identity.users.create', roles: ADMINISTRATORS, scope: 'agency', note: 'as for departments; only a platform admin grants platform-admin' },
  {
    method: 'GET',
    path: '/api/v1/identity/users/:id',
    action: 'identity.users.read',
    roles: ROLES.filter((role) => role !== 'integrator'),
    scope: 'agency',
    note: 'everyone reads their own record; admins (as for departments) read others’, anyone else gets 403',
  },
  {
    method: 'PATCH',
    path: '/api/v1/identity/users/:id',
    action: 'identity.users.change',
    roles: ADMINISTRATORS,
    scope: 'agency',
    note: 'as for departments; a change of roles or vendor ends the person’s sessions; supervisors are changed by a platform admin',
  },
  { method: 'POST', path: '/api/v1/identity/users/:id/disable', action: 'identity.users.disable', roles: ADMINISTRATORS, scope: 'agency', note: 'as for departments' },

  { method: 'POST', path: '/api/v1/identity/api-keys', action: 'identity.api-keys.create', roles: ['agency-admin'], scope: 'agency', note: 'the key is shown once; only its hash is kept' },
  { method: 'GET', path: '/api/v1/identity/api-keys', action: 'identity.api-keys.read', roles: ['agency-admin', 'auditor'], scope: 'agency' },
  { method: 'POST', path: '/api/v1/identity/api-keys/:id/revoke', action: 'identity.api-keys.revoke', roles: ['agency-admin'], scope: 'agency' },
];
