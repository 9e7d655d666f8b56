import { AGENCY_OPERATORS, AGENCY_READERS, REQUISITION_APPROVERS, REQUISITION_RAISERS } from './role-groups';
import { CATERING_POLICIES } from './catering-policies';
import { EVALUATION_POLICIES } from './evaluation-policies';
import { TRANSPORT_POLICIES } from './transport-policies';
import { RoutePolicy } from './route-policy';

/**
 * The routes the gateway forwards to the services, as reached through it. Services scope every
 * query to the agency of the internal token; the gateway decides who may call what, and in which
 * agency.
 */
export const SERVICE_POLICIES: readonly RoutePolicy[] = [
  // procurement: the vendor registry (供应商库)
  { method: 'POST', path: '/api/v1/procurement/vendors', action: 'procurement.vendors.register', roles: AGENCY_OPERATORS, scope: 'agency' },
  {
    method: 'GET',
    path: '/api/v1/procurement/vendors',
    action: 'procurement.vendors.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: 'a vendor account sees only its own vendor',
  },
  {
    method: 'GET',
    path: '/api/v1/procurement/vendors/:id',
    action: 'procurement.vendors.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: 'a vendor account sees only its own vendor; any other answers 404',
  },
  { method: 'POST', path: '/api/v1/procurement/vendors/:id/suspend', action: 'procurement.vendors.suspend', roles: AGENCY_OPERATORS, scope: 'agency' },
  {
    method: 'POST',
    path: '/api/v1/procurement/vendors/:id/reinstate',
    action: 'procurement.vendors.reinstate',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'ends a suspension early, with a reason; a suspension also ends by itself at its end',
  },
  {
    method: 'POST',
    path: '/api/v1/procurement/vendors/:id/blacklist',
    action: 'procurement.vendors.blacklist',
    roles: ['agency-admin'],
    scope: 'agency',
    note: 'with a reason; ends any suspension',
  },
  {
    method: 'POST',
    path: '/api/v1/procurement/vendors/:id/lift-blacklisting',
    action: 'procurement.vendors.lift-blacklisting',
    roles: ['agency-admin'],
    scope: 'agency',
    note: 'with a reason; the vendor is active again',
  },
  {
    method: 'POST',
    path: '/api/v1/procurement/vendors/:id/qualifications',
    action: 'procurement.vendors.qualify',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'only for a category the vendor is registered for; an expired document is refused',
  },

  // procurement: tendering (招投标)
  { method: 'POST', path: '/api/v1/procurement/tenders', action: 'procurement.tenders.draft', roles: AGENCY_OPERATORS, scope: 'agency', note: 'weights are whole numbers summing to 100' },
  { method: 'GET', path: '/api/v1/procurement/tenders', action: 'procurement.tenders.read', roles: [...AGENCY_READERS, 'vendor'], scope: 'supervised-read', note: 'a vendor account sees published tenders, not drafts' },
  { method: 'GET', path: '/api/v1/procurement/tenders/:id', action: 'procurement.tenders.read', roles: [...AGENCY_READERS, 'vendor'], scope: 'supervised-read', note: 'a draft answers 404 to a vendor account' },
  { method: 'POST', path: '/api/v1/procurement/tenders/:id/publish', action: 'procurement.tenders.publish', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'POST', path: '/api/v1/procurement/tenders/:id/cancel', action: 'procurement.tenders.cancel', roles: AGENCY_OPERATORS, scope: 'agency' },
  {
    method: 'POST',
    path: '/api/v1/procurement/tenders/:id/bids',
    action: 'procurement.tender-bids.submit',
    roles: ['vendor'],
    scope: 'agency',
    note: 'for the vendor the account acts for, eligible at submission and at the deadline; a later bid replaces its earlier one; the content is sealed (encrypted) until opening',
  },
  {
    method: 'GET',
    path: '/api/v1/procurement/tenders/:id/bids',
    action: 'procurement.tender-bids.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: 'sealed metadata (bidder, time, digest) only until opening, for every role; afterwards content for the committee, operators, auditors and supervisors; a vendor account sees its own bids only',
  },
  {
    method: 'GET',
    path: '/api/v1/procurement/tenders/:id/bids/:bidId',
    action: 'procurement.tender-bids.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: 'as for the list; another vendor’s bid answers 404 to a vendor account',
  },
  { method: 'POST', path: '/api/v1/procurement/tenders/:id/open', action: 'procurement.tenders.open', roles: AGENCY_OPERATORS, scope: 'agency', note: 'not before the opening time' },
  { method: 'POST', path: '/api/v1/procurement/tenders/:id/committee', action: 'procurement.tenders.appoint-committee', roles: AGENCY_OPERATORS, scope: 'agency', note: 'not once scoring started' },
  {
    method: 'POST',
    path: '/api/v1/procurement/tenders/:id/scores',
    action: 'procurement.tenders.score',
    roles: ['evaluator', 'staff', 'approver', ...AGENCY_OPERATORS],
    scope: 'agency',
    note: 'committee members only; a member who declared a link to a bidder is recused (422 conflict-of-interest)',
  },
  { method: 'GET', path: '/api/v1/procurement/tenders/:id/ranking', action: 'procurement.tenders.read-ranking', roles: ['evaluator', 'auditor', 'supervisor', ...AGENCY_OPERATORS], scope: 'supervised-read', note: 'once opened' },
  { method: 'POST', path: '/api/v1/procurement/tenders/:id/propose-award', action: 'procurement.tenders.award', roles: AGENCY_OPERATORS, scope: 'agency' },
  {
    method: 'POST',
    path: '/api/v1/procurement/tenders/:id/objections',
    action: 'procurement.tender-objections.raise',
    // 质疑 is first a bidder's right (a vendor account objects for its own vendor) and the agency's people's
    roles: ['vendor', 'staff', 'approver', 'evaluator', ...AGENCY_OPERATORS],
    scope: 'agency',
    note: 'during the publication period; suspends the award until resolved; a vendor account objects for its own vendor',
  },
  { method: 'POST', path: '/api/v1/procurement/tenders/:id/objections/:objectionId/resolve', action: 'procurement.tender-objections.resolve', roles: AGENCY_OPERATORS, scope: 'agency', note: 'upheld cancels the tender' },
  { method: 'POST', path: '/api/v1/procurement/tenders/:id/finalise-award', action: 'procurement.tenders.award', roles: AGENCY_OPERATORS, scope: 'agency', note: 'after the publication period, with no objection open' },

  // procurement: inventory (物资管理) — the store keepers (logistics managers, agency admins) record
  // every movement; staff do not issue to themselves: an issue names who requested it (requestedBy).
  { method: 'POST', path: '/api/v1/procurement/store-rooms', action: 'procurement.store-rooms.open', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/procurement/store-rooms', action: 'procurement.store-rooms.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'POST', path: '/api/v1/procurement/stock-items', action: 'procurement.stock-items.catalogue', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/procurement/stock-items', action: 'procurement.stock-items.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/procurement/stock-items/:id', action: 'procurement.stock-items.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/procurement/stock-items/:id/movements', action: 'procurement.stock-items.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'POST', path: '/api/v1/procurement/stock-items/:id/receipts', action: 'procurement.stock.receive', roles: AGENCY_OPERATORS, scope: 'agency' },
  {
    method: 'POST',
    path: '/api/v1/procurement/stock-items/:id/issues',
    action: 'procurement.stock.issue',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'recorded by the store keeper for the requester named in the body; staff self-service requests (申领) with approval come later',
  },
  { method: 'POST', path: '/api/v1/procurement/stock-items/:id/stocktakes', action: 'procurement.stock.adjust', roles: AGENCY_OPERATORS, scope: 'agency' },

  // procurement: budgets, approval policy and requisitions (采购申请)
  { method: 'POST', path: '/api/v1/procurement/budgets', action: 'procurement.budgets.allocate', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/procurement/budgets', action: 'procurement.budgets.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/procurement/budgets/:id', action: 'procurement.budgets.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/procurement/approval-policy', action: 'procurement.approval-policy.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'PUT', path: '/api/v1/procurement/approval-policy', action: 'procurement.approval-policy.set', roles: ['agency-admin'], scope: 'agency' },
  { method: 'POST', path: '/api/v1/procurement/requisitions', action: 'procurement.requisitions.raise', roles: REQUISITION_RAISERS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/procurement/requisitions', action: 'procurement.requisitions.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/procurement/requisitions/:id', action: 'procurement.requisitions.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  {
    method: 'POST',
    path: '/api/v1/procurement/requisitions/:id/submit',
    action: 'procurement.requisitions.submit',
    roles: REQUISITION_RAISERS,
    scope: 'agency',
    note: 'the requester only',
  },
  {
    method: 'POST',
    path: '/api/v1/procurement/requisitions/:id/approve',
    action: 'procurement.requisitions.approve',
    roles: REQUISITION_APPROVERS,
    scope: 'agency',
    note: "the holder of the current step's role; the requester never approves their own requisition and nobody approves two steps; the last step commits the budget, beyond it only by an agency-admin with a reason",
  },
  {
    method: 'POST',
    path: '/api/v1/procurement/requisitions/:id/reject',
    action: 'procurement.requisitions.reject',
    roles: REQUISITION_APPROVERS,
    scope: 'agency',
    note: "the holder of the current step's role, never the requester; a reason is required",
  },
  {
    method: 'POST',
    path: '/api/v1/procurement/requisitions/:id/withdraw',
    action: 'procurement.requisitions.withdraw',
    roles: REQUISITION_RAISERS,
    scope: 'agency',
    note: 'the requester only, before the final approval',
  },

  // procurement: purchase orders (采购订单), receipts (验收) and invoices — the logistics managers and
  // agency admins who place orders also inspect deliveries: a receipt moves budget money to spent and
  // goods into stock, so department staff report problems but do not record acceptance.
  {
    method: 'POST',
    path: '/api/v1/procurement/purchase-orders',
    action: 'procurement.purchase-orders.create',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'for an approved requisition or an awarded tender; beyond what is left of the budget needs an agency admin with a reason',
  },
  {
    method: 'GET',
    path: '/api/v1/procurement/purchase-orders',
    action: 'procurement.purchase-orders.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "a vendor account sees its own vendor's orders only",
  },
  {
    method: 'GET',
    path: '/api/v1/procurement/purchase-orders/:id',
    action: 'procurement.purchase-orders.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "a vendor account sees its own vendor's orders only; any other answers 404",
  },
  { method: 'POST', path: '/api/v1/procurement/purchase-orders/:id/place', action: 'procurement.purchase-orders.place', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'POST', path: '/api/v1/procurement/purchase-orders/:id/cancel', action: 'procurement.purchase-orders.cancel', roles: AGENCY_OPERATORS, scope: 'agency' },
  {
    method: 'POST',
    path: '/api/v1/procurement/purchase-orders/:id/receipts',
    action: 'procurement.purchase-orders.receive',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'never more than is outstanding on a line',
  },
  {
    method: 'GET',
    path: '/api/v1/procurement/purchase-orders/:id/receipts',
    action: 'procurement.purchase-orders.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "a vendor account sees its own vendor's orders only; any other answers 404",
  },
  { method: 'POST', path: '/api/v1/procurement/purchase-orders/:id/invoices', action: 'procurement.purchase-orders.invoice', roles: AGENCY_OPERATORS, scope: 'agency' },
  {
    method: 'GET',
    path: '/api/v1/procurement/vendors/:id/delivery-performance',
    action: 'procurement.vendors.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: 'a vendor account sees its own only; any other answers 404',
  },

  // procurement: service contracts (服务合同) with SLA terms — drafted from an award or a direct
  // purchase and signed by the agency's operators; a vendor account reads its own vendor's only.
  { method: 'POST', path: '/api/v1/procurement/contracts', action: 'procurement.contracts.draft', roles: AGENCY_OPERATORS, scope: 'agency' },
  {
    method: 'GET',
    path: '/api/v1/procurement/contracts',
    action: 'procurement.contracts.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "a vendor account sees only its own vendor's contracts",
  },
  {
    method: 'GET',
    path: '/api/v1/procurement/contracts/:id',
    action: 'procurement.contracts.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "a vendor account sees only its own vendor's contracts; any other answers 404",
  },
  { method: 'POST', path: '/api/v1/procurement/contracts/:id/sign', action: 'procurement.contracts.sign', roles: AGENCY_OPERATORS, scope: 'agency', note: 'the vendor must still be active' },
  { method: 'POST', path: '/api/v1/procurement/contracts/:id/terminate', action: 'procurement.contracts.terminate', roles: AGENCY_OPERATORS, scope: 'agency' },

  // maintenance: repair requests (报修)
  { method: 'POST', path: '/api/v1/maintenance/repair-requests', action: 'maintenance.repair-requests.report', roles: ['staff', 'approver', ...AGENCY_OPERATORS], scope: 'agency' },
  { method: 'GET', path: '/api/v1/maintenance/repair-requests', action: 'maintenance.repair-requests.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/maintenance/repair-requests/:id', action: 'maintenance.repair-requests.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'POST', path: '/api/v1/maintenance/repair-requests/:id/cancel', action: 'maintenance.repair-requests.cancel', roles: ['staff', 'approver', ...AGENCY_OPERATORS], scope: 'agency' },

  // maintenance: the asset register (设备台账)
  { method: 'POST', path: '/api/v1/maintenance/assets', action: 'maintenance.assets.register', roles: AGENCY_OPERATORS, scope: 'agency', note: 'the code is unique in the agency' },
  { method: 'GET', path: '/api/v1/maintenance/assets', action: 'maintenance.assets.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/maintenance/assets/by-code/:code', action: 'maintenance.assets.read', roles: AGENCY_READERS, scope: 'supervised-read', note: 'the code on the QR label' },
  { method: 'GET', path: '/api/v1/maintenance/assets/:id', action: 'maintenance.assets.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'POST', path: '/api/v1/maintenance/assets/:id/meter-readings', action: 'maintenance.assets.read-meter', roles: AGENCY_OPERATORS, scope: 'agency', note: 'never below the latest reading of its kind (422)' },

  // maintenance: what maintenance knows of procurement's maintenance contracts
  { method: 'GET', path: '/api/v1/maintenance/vendor-contracts', action: 'maintenance.vendor-contracts.read', roles: AGENCY_READERS, scope: 'supervised-read' },

  // maintenance: work orders (维修工单)
  {
    method: 'POST',
    path: '/api/v1/maintenance/repair-requests/:id/triage',
    action: 'maintenance.work-orders.triage',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'autoAssign: to the one vendor whose active contract covers the work',
  },
  {
    method: 'GET',
    path: '/api/v1/maintenance/work-orders',
    action: 'maintenance.work-orders.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: 'a vendor account sees only the work orders assigned to its vendor',
  },
  {
    method: 'GET',
    path: '/api/v1/maintenance/work-orders/:id',
    action: 'maintenance.work-orders.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "another vendor's work order answers 404 to a vendor account",
  },
  {
    method: 'POST',
    path: '/api/v1/maintenance/work-orders/:id/assign',
    action: 'maintenance.work-orders.assign',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'a vendor with an active contract covering the work, never a suspended, sanctioned or blacklisted one; or internal',
  },
  { method: 'POST', path: '/api/v1/maintenance/work-orders/:id/accept', action: 'maintenance.work-orders.work', roles: ['vendor', ...AGENCY_OPERATORS], scope: 'agency', note: 'the assignee only: its vendor, or operators for the internal team' },
  { method: 'POST', path: '/api/v1/maintenance/work-orders/:id/start', action: 'maintenance.work-orders.work', roles: ['vendor', ...AGENCY_OPERATORS], scope: 'agency', note: 'the assignee only' },
  { method: 'POST', path: '/api/v1/maintenance/work-orders/:id/hold', action: 'maintenance.work-orders.work', roles: ['vendor', ...AGENCY_OPERATORS], scope: 'agency', note: 'the assignee only; waiting on the requester' },
  { method: 'POST', path: '/api/v1/maintenance/work-orders/:id/resume', action: 'maintenance.work-orders.work', roles: ['vendor', 'staff', 'approver', ...AGENCY_OPERATORS], scope: 'agency', note: 'the assignee or the requester' },
  { method: 'POST', path: '/api/v1/maintenance/work-orders/:id/complete', action: 'maintenance.work-orders.work', roles: ['vendor', ...AGENCY_OPERATORS], scope: 'agency', note: 'the assignee only' },
  { method: 'POST', path: '/api/v1/maintenance/work-orders/:id/verify', action: 'maintenance.work-orders.verify', roles: ['staff', 'approver', ...AGENCY_OPERATORS], scope: 'agency', note: '验收: the person who reported the fault only' },
  { method: 'POST', path: '/api/v1/maintenance/work-orders/:id/reopen', action: 'maintenance.work-orders.verify', roles: ['staff', 'approver', ...AGENCY_OPERATORS], scope: 'agency', note: 'the person who reported the fault only' },
  { method: 'POST', path: '/api/v1/maintenance/work-orders/:id/close', action: 'maintenance.work-orders.close', roles: AGENCY_OPERATORS, scope: 'agency', note: 'once verified' },
  { method: 'POST', path: '/api/v1/maintenance/work-orders/:id/cancel', action: 'maintenance.work-orders.cancel', roles: AGENCY_OPERATORS, scope: 'agency', note: 'with a reason, before completion' },

  // maintenance: preventive maintenance plans (预防性维护计划)
  {
    method: 'POST',
    path: '/api/v1/maintenance/preventive-plans',
    action: 'maintenance.preventive-plans.create',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'a calendar or meter trigger; a named vendor must hold an active contract covering the work',
  },
  { method: 'GET', path: '/api/v1/maintenance/preventive-plans', action: 'maintenance.preventive-plans.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/maintenance/preventive-plans/:id', action: 'maintenance.preventive-plans.read', roles: AGENCY_READERS, scope: 'supervised-read', note: 'with the next occurrence and the occurrence history' },
  { method: 'PATCH', path: '/api/v1/maintenance/preventive-plans/:id', action: 'maintenance.preventive-plans.change', roles: AGENCY_OPERATORS, scope: 'agency', note: 'not once retired; a new trigger restarts the schedule' },
  { method: 'POST', path: '/api/v1/maintenance/preventive-plans/:id/pause', action: 'maintenance.preventive-plans.change', roles: AGENCY_OPERATORS, scope: 'agency', note: 'an active plan' },
  { method: 'POST', path: '/api/v1/maintenance/preventive-plans/:id/resume', action: 'maintenance.preventive-plans.change', roles: AGENCY_OPERATORS, scope: 'agency', note: 'a paused plan' },
  { method: 'POST', path: '/api/v1/maintenance/preventive-plans/:id/retire', action: 'maintenance.preventive-plans.retire', roles: AGENCY_OPERATORS, scope: 'agency', note: 'for good; work orders already raised run on' },

  // maintenance: costs of work orders (维修费用) — labour and other costs recorded by the assignee (its
  // vendor's accounts, operators for the internal team) or an operator, as part of the work; parts
  // arrive from procurement's issues; operators void lines
  {
    method: 'GET',
    path: '/api/v1/maintenance/work-orders/:id/costs',
    action: 'maintenance.work-order-costs.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "another vendor's work order answers 404 to a vendor account",
  },
  {
    method: 'POST',
    path: '/api/v1/maintenance/work-orders/:id/costs/labour',
    action: 'maintenance.work-orders.work',
    roles: ['vendor', ...AGENCY_OPERATORS],
    scope: 'agency',
    note: 'the assigned vendor or an operator; from acceptance until verified, 409 once closed or cancelled',
  },
  {
    method: 'POST',
    path: '/api/v1/maintenance/work-orders/:id/costs/extra',
    action: 'maintenance.work-orders.work',
    roles: ['vendor', ...AGENCY_OPERATORS],
    scope: 'agency',
    note: 'the assigned vendor or an operator; from acceptance until verified, 409 once closed or cancelled',
  },
  { method: 'POST', path: '/api/v1/maintenance/work-orders/:id/costs/:lineId/void', action: 'maintenance.work-order-costs.void', roles: AGENCY_OPERATORS, scope: 'agency', note: 'with a reason; the line is kept, counted nowhere' },
  { method: 'GET', path: '/api/v1/maintenance/costs/summary', action: 'maintenance.work-order-costs.read', roles: AGENCY_READERS, scope: 'supervised-read', note: 'by asset, vendor or month (Asia/Shanghai)' },
  { method: 'GET', path: '/api/v1/maintenance/costs/unmatched-parts', action: 'maintenance.work-order-costs.read', roles: AGENCY_READERS, scope: 'supervised-read', note: 'procurement issues naming a work order unknown in the agency' },

  // catering: canteens (食堂)
  { method: 'POST', path: '/api/v1/catering/canteens', action: 'catering.canteens.open', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/catering/canteens', action: 'catering.canteens.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/catering/canteens/:id', action: 'catering.canteens.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'POST', path: '/api/v1/catering/canteens/:id/close', action: 'catering.canteens.close', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'POST', path: '/api/v1/catering/canteens/:id/reopen', action: 'catering.canteens.reopen', roles: AGENCY_OPERATORS, scope: 'agency' },
  ...CATERING_POLICIES,

  // transport: official vehicles (公务用车)
  { method: 'POST', path: '/api/v1/transport/vehicles', action: 'transport.vehicles.register', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/transport/vehicles', action: 'transport.vehicles.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/transport/vehicles/:id', action: 'transport.vehicles.read', roles: AGENCY_READERS, scope: 'supervised-read' },
  { method: 'POST', path: '/api/v1/transport/vehicles/:id/send-for-service', action: 'transport.vehicles.service', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'POST', path: '/api/v1/transport/vehicles/:id/return-from-service', action: 'transport.vehicles.service', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'POST', path: '/api/v1/transport/vehicles/:id/retire', action: 'transport.vehicles.retire', roles: AGENCY_OPERATORS, scope: 'agency' },
  {
    method: 'PUT',
    path: '/api/v1/transport/vehicles/:id/service-schedule',
    action: 'transport.vehicles.schedule-service',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'intervalKm and/or intervalMonths; not for a retired vehicle (409)',
  },
  {
    method: 'POST',
    path: '/api/v1/transport/vehicles/:id/odometer-readings',
    action: 'transport.vehicles.read-odometer',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'never below the current odometer (422); not for a retired vehicle (409)',
  },
  ...TRANSPORT_POLICIES,

  ...EVALUATION_POLICIES,
];
