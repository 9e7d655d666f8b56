import { AGENCY_OPERATORS, AGENCY_READERS } from './role-groups';
import { RoutePolicy } from './route-policy';

/** Everyone of the agency who asks for an official vehicle; drivers sign in with such an account too. */
const TRAVELLERS = ['staff', 'approver', ...AGENCY_OPERATORS] as const;

/**
 * Transport (公务用车, issue 18): the operators keep the fleet and its drivers, set the approval
 * policy and dispatch; staff request trips, cancel and rate their own; approvers approve (never
 * their own request); the trip's driver (a staff account) starts and ends it — the service checks
 * it is the trip's driver or an operator; a rental vendor's account reads and confirms the trips
 * dispatched to its vendor.
 */
export const TRANSPORT_POLICIES: readonly RoutePolicy[] = [
  { method: 'PUT', path: '/api/v1/transport/vehicles/:id/documents', action: 'transport.vehicles.documents', roles: AGENCY_OPERATORS, scope: 'agency', note: 'insurance and annual inspection (年检) expiry dates' },

  { method: 'POST', path: '/api/v1/transport/drivers', action: 'transport.drivers.register', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/transport/drivers', action: 'transport.drivers.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/transport/drivers/:id', action: 'transport.drivers.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'PATCH', path: '/api/v1/transport/drivers/:id', action: 'transport.drivers.update', roles: AGENCY_OPERATORS, scope: 'agency', note: 'renewals, licence class, availability' },

  { method: 'GET', path: '/api/v1/transport/trip-approval-policy', action: 'transport.trips.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'PUT', path: '/api/v1/transport/trip-approval-policy', action: 'transport.trips.set-policy', roles: AGENCY_OPERATORS, scope: 'agency', note: 'distance, out of the city, working hours, entitled ranks' },

  { method: 'POST', path: '/api/v1/transport/trips', action: 'transport.trips.request', roles: TRAVELLERS, scope: 'agency', note: 'approved at once within the policy, otherwise waits for an approver' },
  {
    method: 'GET',
    path: '/api/v1/transport/trips',
    action: 'transport.trips.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "staff see the trips they requested or drive; a vendor account only its vendor's rental trips",
  },
  { method: 'GET', path: '/api/v1/transport/trips/:id', action: 'transport.trips.read', roles: [...AGENCY_READERS, 'vendor'], scope: 'supervised-read', note: "a vendor account only its vendor's rental trips (others 404)" },
  { method: 'POST', path: '/api/v1/transport/trips/:id/approve', action: 'transport.trips.approve', roles: ['approver', ...AGENCY_OPERATORS], scope: 'agency', note: 'never by its requester' },
  { method: 'POST', path: '/api/v1/transport/trips/:id/reject', action: 'transport.trips.approve', roles: ['approver', ...AGENCY_OPERATORS], scope: 'agency', note: 'never by its requester; with a note' },
  { method: 'GET', path: '/api/v1/transport/trips/:id/dispatch-options', action: 'transport.trips.dispatch', roles: AGENCY_OPERATORS, scope: 'agency', note: 'free vehicles best first, why the rest are not offered, rental contracts' },
  { method: 'POST', path: '/api/v1/transport/trips/:id/dispatch', action: 'transport.trips.dispatch', roles: AGENCY_OPERATORS, scope: 'agency', note: 'a vehicle and driver never double-booked (409 naming the trip), or a rental contract' },
  { method: 'POST', path: '/api/v1/transport/trips/:id/cancel', action: 'transport.trips.cancel', roles: TRAVELLERS, scope: 'agency', note: 'by its requester or an operator, before it starts' },
  { method: 'POST', path: '/api/v1/transport/trips/:id/no-show', action: 'transport.trips.drive', roles: TRAVELLERS, scope: 'agency', note: "the trip's driver or an operator" },
  { method: 'POST', path: '/api/v1/transport/trips/:id/start', action: 'transport.trips.drive', roles: TRAVELLERS, scope: 'agency', note: "the trip's driver or an operator; odometer at departure" },
  { method: 'POST', path: '/api/v1/transport/trips/:id/end', action: 'transport.trips.drive', roles: TRAVELLERS, scope: 'agency', note: "the trip's driver or an operator; odometer, fuel, tolls, parking in fen" },
  {
    method: 'POST',
    path: '/api/v1/transport/trips/:id/rental-confirmation',
    action: 'transport.trips.confirm-rental',
    roles: ['vendor'],
    scope: 'agency',
    note: "the trip's rental vendor, once (another vendor's trip 404): vehicle and driver, timed against the contract's response time",
  },
  { method: 'POST', path: '/api/v1/transport/trips/:id/rating', action: 'transport.trips.rate', roles: TRAVELLERS, scope: 'agency', note: 'once, by its requester' },

  { method: 'GET', path: '/api/v1/transport/transport-contracts', action: 'transport.rentals.read', roles: AGENCY_READERS, scope: 'supervised-read', note: "procurement's transport contracts with the rental vendor's standing and its SLA measured (punctuality, dispatch response)" },
];
