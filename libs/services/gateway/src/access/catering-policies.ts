import { AGENCY_OPERATORS, AGENCY_READERS } from './role-groups';
import { RoutePolicy } from './route-policy';

/** Everyone of the agency who eats in its canteens: books, pays from a meal account, rates. */
const DINERS = ['staff', 'approver', ...AGENCY_OPERATORS] as const;

/**
 * Catering (餐饮服务, issue 17): canteens run by contracted operators. The manager starts operator
 * periods, approves menus and reception meals, inspects food safety and sets subsidies; the
 * operator's vendor accounts declare dishes, draft menus, serve at the counter and weigh waste
 * (the service checks the vendor runs that canteen); staff book, pay and rate their own meals.
 */
export const CATERING_POLICIES: readonly RoutePolicy[] = [
  { method: 'GET', path: '/api/v1/catering/catering-contracts', action: 'catering.operators.read', roles: AGENCY_READERS, scope: 'supervised-read', note: "procurement's catering contracts with the vendor's standing" },
  {
    method: 'POST',
    path: '/api/v1/catering/canteens/:id/operator-periods',
    action: 'catering.operators.assign',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'a signed catering contract in force; never a suspended, sanctioned or blacklisted vendor',
  },
  { method: 'GET', path: '/api/v1/catering/canteens/:id/operator', action: 'catering.operators.read', roles: [...AGENCY_READERS, 'vendor'], scope: 'supervised-read', note: 'with warnings about the operator for the manager' },

  { method: 'PUT', path: '/api/v1/catering/canteens/:id/meal-periods/:period', action: 'catering.meal-periods.set', roles: AGENCY_OPERATORS, scope: 'agency', note: 'serving window, cut-off, capacity' },
  { method: 'GET', path: '/api/v1/catering/canteens/:id/meal-periods', action: 'catering.canteens.read', roles: [...AGENCY_READERS, 'vendor'], scope: 'supervised-read' },

  { method: 'POST', path: '/api/v1/catering/canteens/:id/dishes', action: 'catering.menus.draft', roles: ['vendor', ...AGENCY_OPERATORS], scope: 'agency', note: "the canteen's operator only, or an operator of the agency" },
  { method: 'GET', path: '/api/v1/catering/canteens/:id/dishes', action: 'catering.menus.read', roles: [...AGENCY_READERS, 'vendor'], scope: 'supervised-read' },
  { method: 'POST', path: '/api/v1/catering/canteens/:id/menus', action: 'catering.menus.draft', roles: ['vendor', ...AGENCY_OPERATORS], scope: 'agency', note: "the canteen's operator only" },
  { method: 'GET', path: '/api/v1/catering/canteens/:id/menus', action: 'catering.menus.read', roles: [...AGENCY_READERS, 'vendor'], scope: 'supervised-read' },
  { method: 'POST', path: '/api/v1/catering/menus/:id/submit', action: 'catering.menus.draft', roles: ['vendor', ...AGENCY_OPERATORS], scope: 'agency', note: "the canteen's operator only" },
  { method: 'POST', path: '/api/v1/catering/menus/:id/approve', action: 'catering.menus.approve', roles: AGENCY_OPERATORS, scope: 'agency', note: 'never by the person who drafted it' },
  { method: 'POST', path: '/api/v1/catering/menus/:id/reject', action: 'catering.menus.approve', roles: AGENCY_OPERATORS, scope: 'agency', note: 'with a note' },

  { method: 'POST', path: '/api/v1/catering/canteens/:id/reservations', action: 'catering.reservations.book', roles: DINERS, scope: 'agency', note: "the caller's own meal, its price held on their meal account until served (released if cancelled)" },
  { method: 'POST', path: '/api/v1/catering/canteens/:id/reception-meals', action: 'catering.reservations.book', roles: DINERS, scope: 'agency', note: '公务接待: for a department, against a budget line' },
  { method: 'GET', path: '/api/v1/catering/canteens/:id/reservations', action: 'catering.reservations.read', roles: [...AGENCY_READERS, 'vendor'], scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/catering/canteens/:id/forecast', action: 'catering.reservations.read', roles: [...AGENCY_READERS, 'vendor'], scope: 'supervised-read', note: "the kitchen's headcount per dish" },
  { method: 'GET', path: '/api/v1/catering/reservations/mine', action: 'catering.reservations.read', roles: DINERS, scope: 'agency', note: "the caller's own" },
  { method: 'POST', path: '/api/v1/catering/reservations/:id/cancel', action: 'catering.reservations.book', roles: DINERS, scope: 'agency', note: 'before the cut-off; by who booked it or an operator' },
  { method: 'POST', path: '/api/v1/catering/reservations/:id/approve', action: 'catering.reservations.approve', roles: AGENCY_OPERATORS, scope: 'agency', note: 'a reception meal; never by its requester' },
  { method: 'POST', path: '/api/v1/catering/reservations/:id/reject', action: 'catering.reservations.approve', roles: AGENCY_OPERATORS, scope: 'agency', note: 'a reception meal; never by its requester' },

  { method: 'POST', path: '/api/v1/catering/canteens/:id/check-ins', action: 'catering.serving.serve', roles: ['vendor', ...AGENCY_OPERATORS], scope: 'agency', note: "the canteen's operator at the counter" },
  { method: 'GET', path: '/api/v1/catering/meals/:id/trace', action: 'catering.reservations.read', roles: AGENCY_READERS, scope: 'supervised-read', note: 'dishes and supplier batches of a served meal' },
  { method: 'POST', path: '/api/v1/catering/meals/:id/rating', action: 'catering.meals.rate', roles: DINERS, scope: 'agency', note: 'once, by the person served' },
  { method: 'POST', path: '/api/v1/catering/canteens/:id/food-waste', action: 'catering.serving.serve', roles: ['vendor', ...AGENCY_OPERATORS], scope: 'agency', note: 'after serving ended, once per period' },
  { method: 'GET', path: '/api/v1/catering/canteens/:id/food-waste', action: 'catering.serving.read', roles: [...AGENCY_READERS, 'vendor'], scope: 'supervised-read' },

  { method: 'POST', path: '/api/v1/catering/meal-accounts', action: 'catering.meal-accounts.open', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/catering/meal-accounts', action: 'catering.meal-accounts.read', roles: [...AGENCY_OPERATORS, 'auditor', 'supervisor'], scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/catering/meal-accounts/:staffId', action: 'catering.meal-accounts.read', roles: [...DINERS, 'auditor', 'supervisor'], scope: 'supervised-read', note: 'staff read their own only' },
  { method: 'GET', path: '/api/v1/catering/meal-accounts/:staffId/entries', action: 'catering.meal-accounts.read', roles: [...DINERS, 'auditor', 'supervisor'], scope: 'supervised-read', note: 'staff read their own only' },
  { method: 'POST', path: '/api/v1/catering/meal-accounts/:staffId/top-ups', action: 'catering.meal-accounts.top-up', roles: DINERS, scope: 'agency', note: 'staff top up their own only' },
  { method: 'POST', path: '/api/v1/catering/meal-accounts/:staffId/charges', action: 'catering.meal-accounts.charge', roles: AGENCY_OPERATORS, scope: 'agency', note: 'idempotent by key; never beyond the overdraft limit' },
  { method: 'POST', path: '/api/v1/catering/meal-accounts/:staffId/refunds', action: 'catering.meal-accounts.charge', roles: AGENCY_OPERATORS, scope: 'agency', note: 'of a charge, at most what is left of it' },
  { method: 'GET', path: '/api/v1/catering/meal-subsidies/rules', action: 'catering.meal-accounts.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'PUT', path: '/api/v1/catering/meal-subsidies/rules', action: 'catering.meal-subsidies.set', roles: AGENCY_OPERATORS, scope: 'agency', note: 'monthly subsidy per staff category' },

  { method: 'POST', path: '/api/v1/catering/canteens/:id/inspections', action: 'catering.inspections.record', roles: AGENCY_OPERATORS, scope: 'agency', note: '食品安全检查: a failed one publishes inspection.failed' },
  { method: 'GET', path: '/api/v1/catering/canteens/:id/inspections', action: 'catering.inspections.read', roles: [...AGENCY_READERS, 'vendor'], scope: 'supervised-read' },
];
