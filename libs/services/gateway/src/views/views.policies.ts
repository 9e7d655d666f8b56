import type { Role } from '@houqin/auth';
import { AGENCY_READERS } from '../access/role-groups';
import { RoutePolicy } from '../access/route-policy';
import { ROUTED_SERVICES } from '../routing/service-routes';

/** Who reads an agency's dashboard, whole or one service's section: everyone who reads the agency's records; not vendors. */
export const DASHBOARD_READERS: readonly Role[] = AGENCY_READERS;

/** Who reads a vendor's 360 view: those who read the vendor registry, and the vendor itself. */
export const VENDOR_360_READERS: readonly Role[] = [...AGENCY_READERS, 'vendor'];

/** Who compares agencies: the supervising body, and platform admins. */
export const COMPARISON_READERS: readonly Role[] = ['supervisor', 'platform-admin'];

export const DASHBOARD_PATH = '/api/v1/dashboard';
export const VENDOR_360_PATH = '/api/v1/vendors/:id/360';
export const COMPARISON_PATH = '/api/v1/supervision/comparison';

/** Policies of the aggregated views, and of each service's dashboard section as reached through the gateway. */
export const VIEWS_POLICIES: readonly RoutePolicy[] = [
  {
    method: 'GET',
    path: DASHBOARD_PATH,
    action: 'views.dashboard.read',
    roles: DASHBOARD_READERS,
    scope: 'supervised-read',
    note: 'A section per service; a service that is down is a section marked unavailable, not an error',
  },
  {
    method: 'GET',
    path: VENDOR_360_PATH,
    action: 'views.vendor-360.read',
    roles: VENDOR_360_READERS,
    scope: 'supervised-read',
    note: 'A vendor account sees only its own vendor; any other answers 404',
  },
  {
    method: 'GET',
    path: COMPARISON_PATH,
    action: 'views.supervision-comparison.read',
    roles: COMPARISON_READERS,
    scope: 'platform',
    note: "Compares the caller's supervised agencies (agencyIds narrows them; a platform admin names any); naming another agency answers 404",
  },
  ...ROUTED_SERVICES.map(
    (service): RoutePolicy => ({
      method: 'GET',
      path: `/api/v1/${service}/dashboard`,
      action: `${service}.dashboard.read`,
      roles: DASHBOARD_READERS,
      scope: 'supervised-read',
    }),
  ),
];
