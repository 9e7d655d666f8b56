import type { Role } from '@houqin/auth';
import { PLATFORM_POLICIES } from './platform-policies';

/*
 * Who may write what, written out by hand from the business (platform.md's users and segregation of
 * duties), NOT derived from the policy table: a wrong role on a row of the table fails here. Every
 * write route of the table must have a line below, so a new route without an expectation fails too.
 *
 * The people, as the business names them:
 * - the platform admin runs the platform (agencies, supervising bodies) and may administer any agency's people;
 * - an agency admin (单位管理员) administers the agency: its people, keys, approval chains, integrations;
 * - a logistics manager (后勤管理员) runs the support services day to day, with the agency admin;
 * - staff (干部职工) request services; an approver approves; both verify (验收) the repairs they asked for;
 * - vendor staff (服务供应商) deliver the work assigned to their vendor and bid in tenders;
 * - an evaluator scores tenders and services; an auditor and a supervisor (机关事务管理局) only read;
 * - an integrator (API key) manages nothing but its own webhook subscriptions.
 */
const PLATFORM_ADMIN: Role[] = ['platform-admin'];
const AGENCY_ADMIN: Role[] = ['agency-admin'];
const IDENTITY_ADMINS: Role[] = ['platform-admin', 'agency-admin'];
const OPERATORS: Role[] = ['agency-admin', 'logistics-manager'];
/** Agency people who ask for services (requisitions, repair requests) and verify them. */
const REQUESTERS: Role[] = ['staff', 'approver', 'agency-admin', 'logistics-manager'];
/** The roles an approval chain's steps may name. */
const APPROVERS: Role[] = ['approver', 'agency-admin', 'logistics-manager'];
/** Anyone appointed to a tender's evaluation committee (评标委员会): evaluators and agency people. */
const COMMITTEE: Role[] = ['evaluator', 'staff', 'approver', 'agency-admin', 'logistics-manager'];
/** The assignee of a work order: the vendor's staff, or the internal team (operators). */
const ASSIGNEES: Role[] = ['vendor', 'agency-admin', 'logistics-manager'];
/** Everyone with a session of their own (API keys have none). */
const SIGNED_IN: Role[] = ['platform-admin', 'agency-admin', 'logistics-manager', 'approver', 'staff', 'vendor', 'evaluator', 'auditor', 'supervisor'];
const NOBODY_SIGNED_IN: Role[] = [];

const WHO_MAY_WRITE: Record<string, readonly Role[]> = {
  // sessions
  'POST /api/v1/auth/login': NOBODY_SIGNED_IN,
  'POST /api/v1/auth/refresh': NOBODY_SIGNED_IN,
  'POST /api/v1/auth/oidc': NOBODY_SIGNED_IN,
  'POST /api/v1/auth/logout': SIGNED_IN,
  'POST /api/v1/auth/sessions/:id/revoke': SIGNED_IN,

  // user administration: the platform's structure is the platform admin's; an agency's people its admin's
  'POST /api/v1/identity/supervising-bodies': PLATFORM_ADMIN,
  'POST /api/v1/identity/agencies': PLATFORM_ADMIN,
  'POST /api/v1/identity/agencies/:id/disable': PLATFORM_ADMIN,
  'POST /api/v1/identity/agencies/:id/departments': IDENTITY_ADMINS,
  'POST /api/v1/identity/users': IDENTITY_ADMINS,
  'PATCH /api/v1/identity/users/:id': IDENTITY_ADMINS,
  'POST /api/v1/identity/users/:id/disable': IDENTITY_ADMINS,
  // API keys open the agency's data to machines: the agency admin alone issues and revokes them
  'POST /api/v1/identity/api-keys': AGENCY_ADMIN,
  'POST /api/v1/identity/api-keys/:id/revoke': AGENCY_ADMIN,

  // webhooks: the agency admin, or an integrator for its own subscriptions
  'POST /api/v1/webhooks': ['agency-admin', 'integrator'],
  'POST /api/v1/webhooks/:id/disable': ['agency-admin', 'integrator'],
  'POST /api/v1/webhooks/:id/enable': ['agency-admin', 'integrator'],
  'POST /api/v1/webhooks/:id/rotate-secret': ['agency-admin', 'integrator'],
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver': ['agency-admin', 'integrator'],

  // vendor registry: the operators register, qualify, suspend and reinstate vendors early; blacklisting
  // (列入黑名单) and lifting it are the agency admin's alone (issue 12, item 5)
  'POST /api/v1/procurement/vendors': OPERATORS,
  'POST /api/v1/procurement/vendors/:id/suspend': OPERATORS,
  'POST /api/v1/procurement/vendors/:id/reinstate': OPERATORS,
  'POST /api/v1/procurement/vendors/:id/blacklist': AGENCY_ADMIN,
  'POST /api/v1/procurement/vendors/:id/lift-blacklisting': AGENCY_ADMIN,
  'POST /api/v1/procurement/vendors/:id/qualifications': OPERATORS,

  // budgets and approval chains: operators allocate; the chains that check everyone's spending
  // (logistics managers' included) are set by the agency admin alone
  'POST /api/v1/procurement/budgets': OPERATORS,
  'PUT /api/v1/procurement/approval-policy': AGENCY_ADMIN,

  // requisitions (采购申请): raised, submitted and withdrawn by requesters; approved or rejected by approvers
  'POST /api/v1/procurement/requisitions': REQUESTERS,
  'POST /api/v1/procurement/requisitions/:id/submit': REQUESTERS,
  'POST /api/v1/procurement/requisitions/:id/withdraw': REQUESTERS,
  'POST /api/v1/procurement/requisitions/:id/approve': APPROVERS,
  'POST /api/v1/procurement/requisitions/:id/reject': APPROVERS,

  // tenders (招投标): run by operators, bid by vendors, scored by the committee; an objection (质疑)
  // may come from a bidder (vendor) or from the agency's own people during the publication period
  'POST /api/v1/procurement/tenders': OPERATORS,
  'POST /api/v1/procurement/tenders/:id/publish': OPERATORS,
  'POST /api/v1/procurement/tenders/:id/cancel': OPERATORS,
  'POST /api/v1/procurement/tenders/:id/bids': ['vendor'],
  'POST /api/v1/procurement/tenders/:id/open': OPERATORS,
  'POST /api/v1/procurement/tenders/:id/committee': OPERATORS,
  'POST /api/v1/procurement/tenders/:id/scores': COMMITTEE,
  'POST /api/v1/procurement/tenders/:id/propose-award': OPERATORS,
  'POST /api/v1/procurement/tenders/:id/objections': ['vendor', 'staff', 'approver', 'evaluator', 'agency-admin', 'logistics-manager'],
  'POST /api/v1/procurement/tenders/:id/objections/:objectionId/resolve': OPERATORS,
  'POST /api/v1/procurement/tenders/:id/finalise-award': OPERATORS,

  // contracts: drafted, signed and terminated for the agency by its operators (a vendor signs on paper)
  'POST /api/v1/procurement/contracts': OPERATORS,
  'POST /api/v1/procurement/contracts/:id/sign': OPERATORS,
  'POST /api/v1/procurement/contracts/:id/terminate': OPERATORS,

  // purchase orders and receipts
  'POST /api/v1/procurement/purchase-orders': OPERATORS,
  'POST /api/v1/procurement/purchase-orders/:id/place': OPERATORS,
  'POST /api/v1/procurement/purchase-orders/:id/cancel': OPERATORS,
  'POST /api/v1/procurement/purchase-orders/:id/receipts': OPERATORS,
  'POST /api/v1/procurement/purchase-orders/:id/invoices': OPERATORS,

  // inventory (物资管理): the store keepers record every movement; staff never issue to themselves
  'POST /api/v1/procurement/store-rooms': OPERATORS,
  'POST /api/v1/procurement/stock-items': OPERATORS,
  'POST /api/v1/procurement/stock-items/:id/receipts': OPERATORS,
  'POST /api/v1/procurement/stock-items/:id/issues': OPERATORS,
  'POST /api/v1/procurement/stock-items/:id/stocktakes': OPERATORS,

  // maintenance: anyone of the agency reports a fault; operators triage, assign, close and cancel;
  // the assignee does the work; the requester (never the vendor) verifies it (验收) or reopens it
  'POST /api/v1/maintenance/repair-requests': REQUESTERS,
  'POST /api/v1/maintenance/repair-requests/:id/cancel': REQUESTERS,
  'POST /api/v1/maintenance/repair-requests/:id/triage': OPERATORS,
  'POST /api/v1/maintenance/work-orders/:id/assign': OPERATORS,
  'POST /api/v1/maintenance/work-orders/:id/accept': ASSIGNEES,
  'POST /api/v1/maintenance/work-orders/:id/start': ASSIGNEES,
  'POST /api/v1/maintenance/work-orders/:id/hold': ASSIGNEES,
  // a hold waits on the requester: the requester may end it too
  'POST /api/v1/maintenance/work-orders/:id/resume': [...ASSIGNEES, 'staff', 'approver'],
  'POST /api/v1/maintenance/work-orders/:id/complete': ASSIGNEES,
  'POST /api/v1/maintenance/work-orders/:id/verify': REQUESTERS,
  'POST /api/v1/maintenance/work-orders/:id/reopen': REQUESTERS,
  'POST /api/v1/maintenance/work-orders/:id/close': OPERATORS,
  'POST /api/v1/maintenance/work-orders/:id/cancel': OPERATORS,
  'POST /api/v1/maintenance/work-orders/:id/costs/labour': ASSIGNEES,
  'POST /api/v1/maintenance/work-orders/:id/costs/extra': ASSIGNEES,
  'POST /api/v1/maintenance/work-orders/:id/costs/:lineId/void': OPERATORS,
  'POST /api/v1/maintenance/assets': OPERATORS,
  'POST /api/v1/maintenance/assets/:id/meter-readings': OPERATORS,
  'POST /api/v1/maintenance/preventive-plans': OPERATORS,
  'PATCH /api/v1/maintenance/preventive-plans/:id': OPERATORS,
  'POST /api/v1/maintenance/preventive-plans/:id/pause': OPERATORS,
  'POST /api/v1/maintenance/preventive-plans/:id/resume': OPERATORS,
  'POST /api/v1/maintenance/preventive-plans/:id/retire': OPERATORS,

  // catering and transport: run by the operators
  'POST /api/v1/catering/canteens': OPERATORS,
  'POST /api/v1/catering/canteens/:id/close': OPERATORS,
  'POST /api/v1/catering/canteens/:id/reopen': OPERATORS,
  // catering (issue 17): the manager assigns operators, sets periods and subsidies, approves menus and reception
  // meals, inspects; the operator's vendor accounts (the service checks it runs the canteen) declare dishes, draft
  // menus, serve at the counter and weigh waste; staff book, cancel, pay for and rate their own meals
  'POST /api/v1/catering/canteens/:id/operator-periods': OPERATORS,
  'PUT /api/v1/catering/canteens/:id/meal-periods/:period': OPERATORS,
  'POST /api/v1/catering/canteens/:id/dishes': ASSIGNEES,
  'POST /api/v1/catering/canteens/:id/menus': ASSIGNEES,
  'POST /api/v1/catering/menus/:id/submit': ASSIGNEES,
  'POST /api/v1/catering/menus/:id/approve': OPERATORS,
  'POST /api/v1/catering/menus/:id/reject': OPERATORS,
  'POST /api/v1/catering/canteens/:id/reservations': REQUESTERS,
  'POST /api/v1/catering/canteens/:id/reception-meals': REQUESTERS,
  'POST /api/v1/catering/reservations/:id/cancel': REQUESTERS,
  'POST /api/v1/catering/reservations/:id/approve': OPERATORS,
  'POST /api/v1/catering/reservations/:id/reject': OPERATORS,
  'POST /api/v1/catering/canteens/:id/check-ins': ASSIGNEES,
  'POST /api/v1/catering/meals/:id/rating': REQUESTERS,
  'POST /api/v1/catering/canteens/:id/food-waste': ASSIGNEES,
  'POST /api/v1/catering/meal-accounts': OPERATORS,
  'POST /api/v1/catering/meal-accounts/:staffId/top-ups': REQUESTERS,
  'POST /api/v1/catering/meal-accounts/:staffId/charges': OPERATORS,
  'POST /api/v1/catering/meal-accounts/:staffId/refunds': OPERATORS,
  'PUT /api/v1/catering/meal-subsidies/rules': OPERATORS,
  'POST /api/v1/catering/canteens/:id/inspections': OPERATORS,
  'POST /api/v1/transport/vehicles': OPERATORS,
  'POST /api/v1/transport/vehicles/:id/send-for-service': OPERATORS,
  'POST /api/v1/transport/vehicles/:id/return-from-service': OPERATORS,
  'POST /api/v1/transport/vehicles/:id/retire': OPERATORS,
  'PUT /api/v1/transport/vehicles/:id/service-schedule': OPERATORS,
  'POST /api/v1/transport/vehicles/:id/odometer-readings': OPERATORS,
  // transport (issue 18): the operators keep vehicles' documents and drivers, set the approval policy and dispatch;
  // staff request, cancel and rate their own trips; approvers approve others'; the trip's driver (a staff account,
  // checked by the service) or an operator starts, ends and closes it as a no-show
  'PUT /api/v1/transport/vehicles/:id/documents': OPERATORS,
  'POST /api/v1/transport/drivers': OPERATORS,
  'PATCH /api/v1/transport/drivers/:id': OPERATORS,
  'PUT /api/v1/transport/trip-approval-policy': OPERATORS,
  'POST /api/v1/transport/trips': REQUESTERS,
  'POST /api/v1/transport/trips/:id/approve': APPROVERS,
  'POST /api/v1/transport/trips/:id/reject': APPROVERS,
  'POST /api/v1/transport/trips/:id/dispatch': OPERATORS,
  'POST /api/v1/transport/trips/:id/cancel': REQUESTERS,
  'POST /api/v1/transport/trips/:id/no-show': REQUESTERS,
  'POST /api/v1/transport/trips/:id/start': REQUESTERS,
  'POST /api/v1/transport/trips/:id/end': REQUESTERS,
  'POST /api/v1/transport/trips/:id/rating': REQUESTERS,
  // the rental vendor answers a dispatch (租车响应) with the vehicle and driver it sends: its own account only
  'POST /api/v1/transport/trips/:id/rental-confirmation': ['vendor'],

  // KPIs (绩效指标): the operators set the agency's targets and weights and recompute a period from the
  // audit trail; evaluators, auditors, supervisors and vendors only read
  'PUT /api/v1/evaluation/kpis/definitions/:serviceType': OPERATORS,
  'DELETE /api/v1/evaluation/kpis/definitions/:serviceType': OPERATORS,
  'POST /api/v1/evaluation/kpis/recomputations': OPERATORS,

  // satisfaction surveys (满意度调查): the person served answers (staff and approvers, operators too when served);
  // the operators set the sampling and close the follow-ups (回访); evaluators, auditors and supervisors only read
  'POST /api/v1/evaluation/surveys/:id/answer': REQUESTERS,
  'PUT /api/v1/evaluation/surveys/sampling': OPERATORS,
  'POST /api/v1/evaluation/survey-follow-ups/:id/close': OPERATORS,

  // third-party assessments (第三方评估): the operators engage evaluator organisations; the evaluator
  // accounts draft, revise and submit their organisation's assessments and declare its ties (operators may record a tie too)
  'POST /api/v1/evaluation/evaluator-organisations': OPERATORS,
  'POST /api/v1/evaluation/evaluator-organisations/:id/engagements': OPERATORS,
  'PUT /api/v1/evaluation/evaluator-organisations/:id/accounts': OPERATORS,
  'POST /api/v1/evaluation/evaluator-organisations/:id/ties': ['evaluator', 'agency-admin', 'logistics-manager'],
  'POST /api/v1/evaluation/assessments': ['evaluator'],
  'PATCH /api/v1/evaluation/assessments/:id': ['evaluator'],
  'POST /api/v1/evaluation/assessments/:id/submit': ['evaluator'],

  // scorecards (考核记分卡): the operators set weights and thresholds, publish and correct
  'PUT /api/v1/evaluation/scorecards/policies/:serviceType': OPERATORS,
  'POST /api/v1/evaluation/scorecards': OPERATORS,
  'POST /api/v1/evaluation/scorecards/:id/corrections': OPERATORS,

  // complaints (投诉): the agency's own people complain, appeal (once) and withdraw their own; the operators
  // triage, investigate and decide (an appeal by another operator than the first decider); auditors, evaluators,
  // supervisors and vendors only read
  'POST /api/v1/evaluation/complaints': REQUESTERS,
  'POST /api/v1/evaluation/complaints/:id/triage': OPERATORS,
  'POST /api/v1/evaluation/complaints/:id/evidence': OPERATORS,
  'POST /api/v1/evaluation/complaints/:id/decision': OPERATORS,
  'POST /api/v1/evaluation/complaints/:id/appeal': REQUESTERS,
  'POST /api/v1/evaluation/complaints/:id/appeal-decision': OPERATORS,
  'POST /api/v1/evaluation/complaints/:id/withdraw': REQUESTERS,

  // violations (违规): recorded by hand by the operators and the auditor (its one supervision write besides internal audit);
  // voided and their rules set by the operators only
  'POST /api/v1/evaluation/violations': ['agency-admin', 'logistics-manager', 'auditor'],
  'POST /api/v1/evaluation/violations/:id/void': OPERATORS,
  'PUT /api/v1/evaluation/violations/rules': OPERATORS,

  // rectification notices (整改): the operators issue, verify and send back; the vendor answers its own
  // notices (the service refuses another vendor's with 404) and the operators answer the internal team's
  'POST /api/v1/evaluation/rectifications': OPERATORS,
  'POST /api/v1/evaluation/rectifications/:id/answer': ['vendor', 'agency-admin', 'logistics-manager'],
  'POST /api/v1/evaluation/rectifications/:id/verify': OPERATORS,
  'POST /api/v1/evaluation/rectifications/:id/send-back': OPERATORS,

  // sanctions (处罚): the agency admin sets the rules and lifts a sanction early; the operators confirm or dismiss proposals;
  // the auditor, evaluator, supervisor and vendor only read
  'PUT /api/v1/evaluation/sanctions/rules': ['agency-admin'],
  'POST /api/v1/evaluation/sanctions/proposals/:id/confirm': OPERATORS,
  'POST /api/v1/evaluation/sanctions/proposals/:id/dismiss': OPERATORS,
  'POST /api/v1/evaluation/sanctions/:id/lift': ['agency-admin'],

  // internal audit (内部审计)
  // the auditor (审计) and the agency admin draw up plans and tasks and verify rectifications; any agency
  // person may be named an assignee (records findings) or a responsible person (answers): the service checks the name
  'POST /api/v1/evaluation/internal-audit/plans': ['auditor', 'agency-admin'],
  'POST /api/v1/evaluation/internal-audit/plans/:id/tasks': ['auditor', 'agency-admin'],
  'POST /api/v1/evaluation/internal-audit/tasks/:id/findings': ['agency-admin', 'logistics-manager', 'approver', 'staff', 'auditor'],
  'POST /api/v1/evaluation/internal-audit/findings/:id/answer': ['agency-admin', 'logistics-manager', 'approver', 'staff', 'auditor'],
  'POST /api/v1/evaluation/internal-audit/findings/:id/close': ['auditor', 'agency-admin'],
  'POST /api/v1/evaluation/internal-audit/findings/:id/send-back': ['auditor', 'agency-admin'],

  // qualifications and training (团队建设与能力建设)
  // the operators record the internal team's and every vendor's on-site staff's certificates and training;
  // a vendor account its own staff's (the service refuses another vendor's)
  'POST /api/v1/evaluation/qualifications': ['agency-admin', 'logistics-manager', 'vendor'],
  'POST /api/v1/evaluation/qualifications/:id/renewals': ['agency-admin', 'logistics-manager', 'vendor'],
  'POST /api/v1/evaluation/training-records': ['agency-admin', 'logistics-manager', 'vendor'],

  // accountability (问责)
};

const writes = PLATFORM_POLICIES.filter((policy) => policy.method !== 'GET');
const routeOf = (policy: { method: string; path: string }) => `${policy.method} ${policy.path}`;
const sorted = (roles: readonly string[]) => [...new Set(roles)].sort();

describe('who may write what (the policy table against the business, written out by hand)', () => {
  it('has an expectation for every write route of the policy table', () => {
    const missing = writes.map(routeOf).filter((route) => !(route in WHO_MAY_WRITE));
    // A new write route needs a line in WHO_MAY_WRITE, reasoned from the business, before it ships.
    expect({ writeRoutesWithoutAnExpectation: missing }).toEqual({ writeRoutesWithoutAnExpectation: [] });
  });

  it('has no expectation for a write route the table does not declare', () => {
    const declared = new Set(writes.map(routeOf));
    expect({ expectationsWithoutARoute: Object.keys(WHO_MAY_WRITE).filter((route) => !declared.has(route)) }).toEqual({ expectationsWithoutARoute: [] });
  });

  it('grants each write route to exactly the roles the business expects', () => {
    const wrong = writes
      .filter((policy) => routeOf(policy) in WHO_MAY_WRITE)
      .flatMap((policy) => {
        const granted = sorted(policy.roles);
        const expected = sorted(WHO_MAY_WRITE[routeOf(policy)]!);
        if (JSON.stringify(granted) === JSON.stringify(expected)) return [];
        const extra = granted.filter((role) => !expected.includes(role));
        const lacking = expected.filter((role) => !granted.includes(role));
        return [`${routeOf(policy)}: grants ${extra.length ? `[${extra.join(', ')}] it must not` : 'no extra role'}; lacks [${lacking.join(', ')}]`];
      });
    expect(wrong).toEqual([]);
  });
});
