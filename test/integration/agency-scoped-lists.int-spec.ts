import { randomUUID } from 'node:crypto';
import { PLATFORM_POLICIES, RoutePolicy } from '@houqin/gateway';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, ServiceDefinition, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TEST_REDIS_URL, TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, uniqueSuffix, waitFor } from '@houqin/testing';
import { catalogOfServices } from './all-services';
import { startGateway, viaGateway } from './gateway-fixture';

/**
 * Every list answers with the caller's own agency's rows only (数据隔离). Two agencies are seeded
 * through the real APIs behind a real gateway, with rows for every list route of the policy table;
 * each list is read as each agency, and must hold that agency's rows and none of the other's.
 *
 * The list routes are taken from the policy table (every GET whose last segment is not a parameter),
 * so a new one is checked as soon as it is declared: it needs a line in LISTS (how it is seeded, or
 * why nothing can be) or in NOT_LISTS, or the first test names it. A sub-collection of one record
 * (`/tenders/:id/bids`) is asked for the other agency's record and must answer 404.
 */
const run = uniqueSuffix();
const BOOTSTRAP_PASSWORD = 'bootstrap-admin-password-0123';
const AGENCIES = ['east', 'west'] as const;
type AgencyName = (typeof AGENCIES)[number];

interface Seeded {
  agencyId: string;
  /** Ids (or audit subjects) per list route, `METHOD path` as in the policy table. */
  ids: Map<string, string[]>;
  /** One record per parent route, for its sub-collections. */
  parents: Map<string, string>;
  people: { admin: Caller; manager: Caller; approver: Caller; staff: Caller; evaluator: Caller };
}

/** Lists whose rows this test seeds: the seeded ids are read from each row's `key` (default `id`). */
const LISTS: Record<string, { key?: string } | { notSeeded: string }> = {
  'GET /api/v1/procurement/vendors': {},
  'GET /api/v1/procurement/tenders': {},
  'GET /api/v1/procurement/store-rooms': {},
  'GET /api/v1/procurement/stock-items': {},
  'GET /api/v1/procurement/budgets': {},
  'GET /api/v1/procurement/requisitions': {},
  'GET /api/v1/procurement/purchase-orders': {},
  'GET /api/v1/procurement/contracts': {},
  'GET /api/v1/maintenance/repair-requests': {},
  'GET /api/v1/maintenance/assets': {},
  'GET /api/v1/maintenance/vendor-contracts': { key: 'contractId' },
  'GET /api/v1/maintenance/work-orders': {},
  'GET /api/v1/maintenance/preventive-plans': {},
  'GET /api/v1/maintenance/costs/unmatched-parts': { notSeeded: 'needs a part issued for a work order maintenance does not know; the costs tests cover it within one agency' },
  'GET /api/v1/catering/canteens': {},
  'GET /api/v1/catering/meal-accounts': { key: 'staffId' },
  'GET /api/v1/catering/catering-contracts': { notSeeded: 'needs a catering contract signed in procurement; catering-serving checks the projection within one agency' },
  'GET /api/v1/catering/reservations/mine': { notSeeded: "the caller's own bookings: needs a published menu; catering-reservations covers it" },
  'GET /api/v1/transport/vehicles': {},
  'GET /api/v1/transport/drivers': {},
  'GET /api/v1/transport/trips': {},
  'GET /api/v1/transport/transport-contracts': { notSeeded: 'needs a transport contract signed in procurement; transport-trips checks the projection within one agency' },
  'GET /api/v1/evaluation/audit-trail': { key: 'subject' },
  'GET /api/v1/evaluation/evaluator-organisations': {},
  'GET /api/v1/evaluation/assessments': {},
  'GET /api/v1/evaluation/complaints': {},
  'GET /api/v1/evaluation/qualifications': {},
  'GET /api/v1/evaluation/training-records': {},
  'GET /api/v1/evaluation/internal-audit/plans': {},
  'GET /api/v1/evaluation/internal-audit/tasks': {},
  'GET /api/v1/evaluation/internal-audit/findings': {},
  'GET /api/v1/evaluation/rectifications': {},
  'GET /api/v1/evaluation/violations': {},
  'GET /api/v1/evaluation/surveys': { notSeeded: 'a survey is issued for verified work by sampling; the survey tests cover its agency' },
  'GET /api/v1/evaluation/surveys/pending': { notSeeded: "the caller's own surveys: issued only for verified work by sampling" },
  'GET /api/v1/evaluation/survey-follow-ups': { notSeeded: 'a follow-up needs a low survey score' },
  'GET /api/v1/evaluation/scorecards': { notSeeded: 'a published scorecard needs a period of KPI values' },
  'GET /api/v1/evaluation/scorecards/drafts': { notSeeded: 'drafts are computed from a period of KPI values' },
  'GET /api/v1/evaluation/analytics/exports/kpi-values': { notSeeded: 'CSV of a period of KPI values; evaluation-analytics checks it against another agency' },
  'GET /api/v1/evaluation/analytics/exports/scorecards': { notSeeded: 'CSV of the drafts, computed from a period of KPI values' },
  'GET /api/v1/evaluation/analytics/exports/survey-response-rates': { notSeeded: 'CSV of response rates; a survey needs verified work' },
  'GET /api/v1/evaluation/accountability': { key: 'offenceId' },
  'GET /api/v1/evaluation/sanctions/proposals': {},
  'GET /api/v1/evaluation/sanctions': {},
  'GET /api/v1/identity/api-keys': {},
  'GET /api/v1/webhooks': {},
};

/** GET routes ending in a literal segment that are not lists of an agency's rows. */
const NOT_LISTS: Record<string, string> = {
  'GET /api/v1/auth/me': 'the caller itself',
  'GET /api/v1/auth/sessions': "the caller's own login sessions, whatever the agency",
  'GET /api/v1/auth/providers': 'how the console may sign people in: public settings, not rows',
  'GET /api/v1/identity/supervising-bodies': 'platform-wide, for the platform admin',
  'GET /api/v1/identity/people': "names of the ids asked for (required), the caller's agency's only: gateway-identity.int-spec asks for another agency's person and gets nothing",
  'GET /api/v1/supervision/comparison': 'across the agencies a supervisor oversees, by design',
  'GET /api/v1/procurement/approval-policy': "one policy, the agency's",
  'GET /api/v1/maintenance/costs/summary': "totals of the agency's costs, not a list of rows",
  'GET /api/v1/evaluation/audit-trail/verification': "a verdict on the agency's chain",
  'GET /api/v1/dashboard': 'figures, not rows',
  'GET /api/v1/procurement/dashboard': 'figures, not rows',
  'GET /api/v1/maintenance/dashboard': 'figures, not rows',
  'GET /api/v1/catering/dashboard': 'figures, not rows',
  'GET /api/v1/catering/meal-subsidies/rules': "the agency's subsidy rules: settings",
  'GET /api/v1/transport/dashboard': 'figures, not rows',
  'GET /api/v1/transport/trip-approval-policy': "the agency's trip approval policy: settings",
  'GET /api/v1/evaluation/dashboard': 'figures, not rows',
  'GET /api/v1/events/stream': 'a live stream of events, not a list',
  'GET /api/v1/evaluation/kpis/definitions': "the platform's KPI catalogue with the agency's overrides: settings",
  'GET /api/v1/evaluation/kpis/values': 'figures, not rows',
  'GET /api/v1/evaluation/surveys/response-rates': 'figures, not rows',
  'GET /api/v1/evaluation/surveys/sampling': "the agency's sampling settings",
  'GET /api/v1/evaluation/assessments/criteria': 'the assessment criteria, the same for every agency',
  'GET /api/v1/evaluation/analytics/reform-effect': 'figures, not rows',
  'GET /api/v1/evaluation/analytics/reform-effect/export': 'figures, not rows',
  'GET /api/v1/evaluation/sanctions/rules': "the agency's sanction rules (or the defaults): settings",
  'GET /api/v1/evaluation/violations/rules': "the agency's violation rules (or the defaults): settings",
  'GET /api/v1/evaluation/violations/penalties': "a settlement month's totals per party and contract, read from the agency's violations (whose list is checked)",
  'GET /api/v1/evaluation/violations/penalties/export': "CSV of the month's totals, read from the agency's violations (whose list is checked)",
};

/**
 * Reads under one record (its sub-collections): the other agency's record (seeded under the list
 * route named) answers 404; or why no record can be seeded.
 */
const SUB_COLLECTIONS: Record<string, string | { notSeeded: string }> = {
  'GET /api/v1/procurement/tenders/:id/bids': 'GET /api/v1/procurement/tenders',
  'GET /api/v1/procurement/tenders/:id/ranking': 'GET /api/v1/procurement/tenders',
  'GET /api/v1/procurement/stock-items/:id/movements': 'GET /api/v1/procurement/stock-items',
  'GET /api/v1/procurement/purchase-orders/:id/receipts': 'GET /api/v1/procurement/purchase-orders',
  'GET /api/v1/procurement/vendors/:id/delivery-performance': 'GET /api/v1/procurement/vendors',
  'GET /api/v1/maintenance/work-orders/:id/costs': 'GET /api/v1/maintenance/work-orders',
  'GET /api/v1/webhooks/:id/deliveries': 'GET /api/v1/webhooks',
  'GET /api/v1/catering/canteens/:id/operator': 'GET /api/v1/catering/canteens',
  'GET /api/v1/catering/canteens/:id/meal-periods': 'GET /api/v1/catering/canteens',
  'GET /api/v1/catering/canteens/:id/dishes': 'GET /api/v1/catering/canteens',
  'GET /api/v1/catering/canteens/:id/menus': 'GET /api/v1/catering/canteens',
  'GET /api/v1/catering/canteens/:id/reservations': 'GET /api/v1/catering/canteens',
  'GET /api/v1/catering/canteens/:id/forecast': 'GET /api/v1/catering/canteens',
  'GET /api/v1/catering/canteens/:id/food-waste': 'GET /api/v1/catering/canteens',
  'GET /api/v1/catering/canteens/:id/inspections': 'GET /api/v1/catering/canteens',
  'GET /api/v1/catering/meal-accounts/:staffId/entries': 'GET /api/v1/catering/meal-accounts',
  'GET /api/v1/transport/trips/:id/dispatch-options': 'GET /api/v1/transport/trips',
  'GET /api/v1/catering/meals/:id/trace': { notSeeded: 'a served meal needs a published menu and a check-in in serving hours; catering-serving asks for it from another agency' },
  // not a list, but read by the record's id like one: the vendor's 360° view
  'GET /api/v1/vendors/:id/360': 'GET /api/v1/procurement/vendors',
  'GET /api/v1/evaluation/scorecards/:id/versions': { notSeeded: 'a published scorecard needs a period of KPI values' },
  'GET /api/v1/evaluation/accountability/people/:userId/export': {
    notSeeded: "a person's record read in the caller's agency: another agency's person has none there (an empty CSV, not a 404); evaluation-accountability checks it",
  },
  'GET /api/v1/evaluation/accountability/vendors/:vendorId/export': {
    notSeeded: "a vendor's record read in the caller's agency: another agency's entries never show (an empty CSV, not a 404); evaluation-accountability checks it",
  },
};

const routeOf = (policy: RoutePolicy) => `${policy.method} ${policy.path}`;
const reads = PLATFORM_POLICIES.filter((policy) => policy.method === 'GET');
const listRoutes = reads.filter((policy) => !policy.path.includes('/:')).map(routeOf);
const subCollectionRoutes = reads.filter((policy) => policy.path.includes('/:') && !policy.path.split('/').pop()!.startsWith(':')).map(routeOf);

const databases: TestDatabase[] = [];
const services: RunningService[] = [];
const urls: Record<string, string> = {};
let gateway: RunningService;
const seeded = {} as Record<AgencyName, Seeded>;

async function ok(caller: Caller, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await viaGateway(gateway, method, path, { caller, ...(body !== undefined ? { body } : {}) });
  if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body ?? {};
}

async function seed(name: AgencyName, agencyId: string, index: number): Promise<Seeded> {
  const who = (role: Caller['roles'][number]) => testCaller({ agencyId, userId: randomUUID(), roles: [role] });
  const people = { admin: who('agency-admin'), manager: who('logistics-manager'), approver: who('approver'), staff: who('staff'), evaluator: who('evaluator') };
  const { admin, manager, approver, staff, evaluator } = people;
  const ids = new Map<string, string[]>();
  const parents = new Map<string, string>();
  const add = (list: string, id: unknown) => {
    ids.set(`GET /api/v1${list}`, [...(ids.get(`GET /api/v1${list}`) ?? []), String(id)]);
    parents.set(`GET /api/v1${list}`, String(id));
    return String(id);
  };

  // procurement
  const vendor = add(
    '/procurement/vendors',
    (await ok(manager, 'POST', '/procurement/vendors', { name: `${name} facilities`, unifiedSocialCreditCode: '91350100M000100Y43', categories: ['maintenance', 'supplies'], contact: { name: '王经理', phone: '13800138000' } }))['id'],
  );
  for (const category of ['supplies', 'maintenance']) add('/procurement/budgets', (await ok(manager, 'POST', '/procurement/budgets', { fiscalYear: 2026, category, allocated: 100_000_000 }))['id']);
  const approvedRequisition = async (category: string) => {
    const id = add(
      '/procurement/requisitions',
      (await ok(staff, 'POST', '/procurement/requisitions', { title: `${category} for ${name}`, fiscalYear: 2026, category, lines: [{ description: 'For the year', quantity: 1, estimatedUnitPrice: 300_000 }] }))['id'],
    );
    await ok(staff, 'POST', `/procurement/requisitions/${id}/submit`);
    await ok(approver, 'POST', `/procurement/requisitions/${id}/approve`, {});
    return id;
  };
  const supplies = await approvedRequisition('supplies');
  const upkeep = await approvedRequisition('maintenance');
  add('/procurement/purchase-orders', (await ok(manager, 'POST', '/procurement/purchase-orders', { requisitionId: supplies, vendorId: vendor, expectedDeliveryDate: '2026-12-31' }))['id']);
  const hours = (responseHours: number, resolutionHours: number) => ({ responseHours, resolutionHours });
  const contract = add(
    '/procurement/contracts',
    (
      await ok(manager, 'POST', '/procurement/contracts', {
        title: `Building maintenance, ${name}`,
        requisitionId: upkeep,
        vendorId: vendor,
        serviceType: 'maintenance',
        scope: { description: 'Repair and upkeep of the office buildings', buildings: ['building-a'], assetCategories: ['hvac'] },
        validFrom: '2026-01-01T00:00:00+08:00',
        validTo: '2099-01-01T00:00:00+08:00',
        priceTerms: { monthlyFee: 300_000 },
        slaTerms: { priorities: { urgent: hours(1, 4), high: hours(4, 24), normal: hours(24, 72), low: hours(72, 240) } },
        penaltyRules: [],
      })
    )['id'],
  );
  await ok(manager, 'POST', `/procurement/contracts/${contract}/sign`);
  add('/maintenance/vendor-contracts', contract);
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString();
  add(
    '/procurement/tenders',
    (
      await ok(manager, 'POST', '/procurement/tenders', {
        title: `2027 年度保洁服务 ${name}`,
        category: 'cleaning',
        method: 'open-tender',
        budgetCeiling: 100_000_000,
        criteria: { weights: { price: 40, technical: 45, service: 15 }, technical: [{ name: 'staffing plan', maxPoints: 20 }], service: [{ name: 'response commitment', maxPoints: 10 }] },
        bidDeadline: deadline,
        openingAt: deadline,
        publicationDays: 3,
      })
    )['id'],
  );
  add('/procurement/store-rooms', (await ok(manager, 'POST', '/procurement/store-rooms', { name: `${name} 备件库` }))['id']);
  add('/procurement/stock-items', (await ok(manager, 'POST', '/procurement/stock-items', { code: `FILTER-${index}`, name: '空调滤网', unitOfMeasure: '片', lowStockThreshold: 0, reorderQuantity: 10 }))['id']);

  // maintenance
  add('/maintenance/assets', (await ok(manager, 'POST', '/maintenance/assets', { code: `AC-${index}`, name: 'Air conditioner', category: 'hvac', location: { building: 'building-a' }, criticality: 'high' }))['id']);
  const request = add('/maintenance/repair-requests', (await ok(staff, 'POST', '/maintenance/repair-requests', { location: { building: 'building-a', room: '301' }, description: `No heating (${name})` }))['id']);
  add('/maintenance/work-orders', (await ok(manager, 'POST', `/maintenance/repair-requests/${request}/triage`, { category: 'hvac' }))['id']);
  add(
    '/maintenance/preventive-plans',
    (
      await ok(manager, 'POST', '/maintenance/preventive-plans', {
        name: 'Monthly filter change',
        description: 'Change the filters of every air conditioner.',
        category: 'hvac',
        location: { building: 'building-a' },
        assignee: { kind: 'internal' },
        trigger: { kind: 'calendar', every: 1, unit: 'month', firstDueOn: '2099-01-01' },
      })
    )['id'],
  );

  // catering, transport
  add('/catering/canteens', (await ok(manager, 'POST', '/catering/canteens', { name: `${name} canteen`, location: { building: 'building-b' }, capacity: 120, mealPeriods: ['lunch'] }))['id']);
  add('/catering/meal-accounts', (await ok(manager, 'POST', '/catering/meal-accounts', { staffId: staff.userId, staffCategory: 'civil-servant' }))['staffId']);
  add('/transport/vehicles', (await ok(manager, 'POST', '/transport/vehicles', { plateNumber: `京A1000${index}`, vehicleType: 'sedan', seats: 5, odometerKm: 1200, fuel: 'petrol' }))['id']);
  add('/transport/drivers', (await ok(manager, 'POST', '/transport/drivers', { name: `${name} 司机`, licenceClass: 'C1', licenceNumber: `11010119800101${index}00`, licenceExpiresOn: '2099-01-01' }))['id']);
  const trip = { purpose: `${name} 公务出行`, passengers: 1, passengerRank: 'division', origin: '机关大院', destination: '市政府', distanceKm: 8, startsAt: '2099-03-02T09:00:00+08:00', endsAt: '2099-03-02T10:00:00+08:00' };
  add('/transport/trips', (await ok(staff, 'POST', '/transport/trips', trip))['id']);

  // evaluation: a third-party evaluator organisation engaged for the year, and its assessment of the vendor
  add(
    '/evaluation/evaluator-organisations',
    (await ok(admin, 'POST', '/evaluation/evaluator-organisations', { name: `${name} 评估`, accounts: [evaluator.userId], from: '2026-01-01T00:00:00+08:00', until: '2099-01-01T00:00:00+08:00' }))['id'],
  );
  add('/evaluation/assessments', (await ok(evaluator, 'POST', '/evaluation/assessments', { vendorId: vendor, serviceType: 'maintenance', period: '2026-11' }))['id']);
  // evaluation: a complaint (投诉) by a member of staff about the vendor
  add('/evaluation/complaints', (await ok(staff, 'POST', '/evaluation/complaints', { vendorId: vendor, category: 'service-quality', description: `Left without testing (${name})` }))['id']);
  // evaluation: a qualification (资质证书) and a training record of the vendor's on-site staff
  const holder = { kind: 'vendor-staff', vendorId: vendor, name: '张建国', staffNumber: `JD-${index}` };
  const qualification = { holder, type: 'electrician-certificate', mandatory: true, certificateNumber: `EL-${index}`, issuedOn: '2021-01-05', expiresOn: '2099-01-05' };
  add('/evaluation/qualifications', (await ok(manager, 'POST', '/evaluation/qualifications', qualification))['id']);
  add('/evaluation/training-records', (await ok(manager, 'POST', '/evaluation/training-records', { holder, course: '低压电工安全复训', hours: 8, completedOn: '2026-11-20' }))['id']);
  // evaluation: an internal audit plan (审计计划), its self-check task and the finding its assignee recorded
  const plan = add('/evaluation/internal-audit/plans', (await ok(admin, 'POST', '/evaluation/internal-audit/plans', { name: `${name} 内部审计`, period: '2099', scope: '物资采购' }))['id']);
  const checklist = [{ requirement: '采购台账完整' }];
  const auditTask = { kind: 'self-check', checkedDepartmentId: randomUUID(), assignees: [staff.userId], dueOn: '2099-12-31', checklist };
  const task = add('/evaluation/internal-audit/tasks', (await ok(admin, 'POST', `/evaluation/internal-audit/plans/${plan}/tasks`, auditTask))['id']);
  add('/evaluation/internal-audit/findings', (await ok(staff, 'POST', `/evaluation/internal-audit/tasks/${task}/findings`, { itemId: 'item-1', result: 'pass' }))['id']);
  // evaluation: a rectification notice (整改通知) to the vendor
  add(
    '/evaluation/rectifications',
    (await ok(manager, 'POST', '/evaluation/rectifications', { party: vendor, finding: `Leaking valve (${name})`, requiredEvidence: ['photo of the repaired valve'], deadline }))['id'],
  );
  // evaluation: sanction rules (处罚规则) under which one penalty point suspends the vendor without a human
  const sanctionRules = { rules: [{ offence: 'penalty-points', threshold: 1, windowDays: 365, measure: 'suspension', suspensionDays: 1 }], ladder: { windowDays: 365, suspensionDays: 1 }, automatic: true };
  await ok(admin, 'PUT', '/evaluation/sanctions/rules', sanctionRules);
  // evaluation: a violation (违规) recorded by hand against the vendor
  const violation = { party: vendor, serviceType: 'maintenance', severity: 'minor', description: `Late on site (${name})`, occurredAt: '2026-11-20T10:00:00+08:00' };
  add('/evaluation/violations', (await ok(manager, 'POST', '/evaluation/violations', violation))['id']);
  // evaluation: the vendor answers for that violation in the accountability record (问责)
  add('/evaluation/accountability', ids.get('GET /api/v1/evaluation/violations')!.at(-1));
  // evaluation: the violation's point reaches the agency's automatic rule set before it: a proposal, confirmed at once into a sanction
  const proposals = await waitFor(
    async () => {
      const listed = (await ok(manager, 'GET', '/evaluation/sanctions/proposals')) as unknown as Array<Record<string, unknown>>;
      return listed.length > 0 && listed;
    },
    { description: `the sanction proposal of ${name}` },
  );
  add('/evaluation/sanctions/proposals', proposals[0]!['id']);
  add('/evaluation/sanctions', proposals[0]!['sanctionId']);

  // the gateway's own: API keys and webhooks
  add('/identity/api-keys', (await ok(admin, 'POST', '/identity/api-keys', { name: `${name} integrator`, actions: ['procurement.vendors.read'] }))['id']);
  add('/webhooks', (await ok(admin, 'POST', '/webhooks', { url: `https://hooks.example.com/houqin/${name}`, eventTypes: ['houqin.procurement.vendor.registered.v1'] }))['id']);

  // The audit trail records the agency's events: its vendor's registration among them.
  ids.set('GET /api/v1/evaluation/audit-trail', [vendor, request]);
  return { agencyId, ids, parents, people };
}

beforeAll(async () => {
  const broker = new InProcessBroker();
  // Evaluation first, so its consumer is subscribed before anything is published.
  const ordered = [...catalogOfServices].sort((a, b) => Number(b.name === 'evaluation') - Number(a.name === 'evaluation'));
  for (const definition of ordered as ServiceDefinition[]) {
    const database = await createTestDatabase(`lists_${definition.name}`);
    databases.push(database);
    const service = await startService(definition, { env: inProcessServiceEnv(database.url, { LOG_LEVEL: 'fatal', BID_SEALING_KEY: TEST_BID_SEALING_KEY }), broker });
    services.push(service);
    urls[`${definition.name.toUpperCase()}_URL`] = service.url;
  }
  gateway = await startGateway({ ...urls, REDIS_URL: TEST_REDIS_URL, GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD, RATE_LIMIT_PER_MINUTE: '1000000' });
  const login = await viaGateway(gateway, 'POST', '/auth/login', { caller: null, body: { username: 'admin', password: BOOTSTRAP_PASSWORD } });
  const platformAdmin = { authorization: `Bearer ${String(login.body?.['accessToken'])}` };
  for (const [index, name] of AGENCIES.entries()) {
    const agency = await viaGateway(gateway, 'POST', '/identity/agencies', { caller: null, headers: platformAdmin, body: { name, code: `${name}-${run}` } });
    expect(agency.status).toBe(201);
    seeded[name] = await seed(name, String(agency.body?.['id']), index);
  }
  // Lists fed by events (evaluation's audit trail, maintenance's contracts) fill asynchronously.
  for (const [route, key, query] of [
    ['GET /api/v1/evaluation/audit-trail', 'subject', '?limit=500'],
    ['GET /api/v1/maintenance/vendor-contracts', 'contractId', ''],
    ['GET /api/v1/evaluation/accountability', 'offenceId', ''],
  ] as const) {
    for (const name of AGENCIES) {
      const { people, ids } = seeded[name];
      await waitFor(
        async () => {
          const answer = await viaGateway(gateway, 'GET', `${route.slice('GET /api/v1'.length)}${query}`, { caller: people.admin });
          const listed = (answer.body as unknown as Array<Record<string, unknown>>).map((row) => row[key]);
          return ids.get(route)!.every((id) => listed.includes(id));
        },
        { description: `${route} of ${name}` },
      );
    }
  }
}, 180_000);

afterAll(async () => {
  await gateway?.shutdown();
  for (const service of services.reverse()) await service.shutdown();
  for (const database of databases) await database.drop();
});

describe("every list holds the caller's agency's rows only", () => {
  it('knows every list route of the policy table: seeded, or said why not', () => {
    const unknown = listRoutes.filter((route) => !(route in LISTS) && !(route in NOT_LISTS));
    const unknownSubCollections = subCollectionRoutes.filter((route) => !(route in SUB_COLLECTIONS));
    // A new list route needs a line in LISTS (seeded in seed()) or NOT_LISTS, with the reason.
    expect({ listRoutesWithoutALine: unknown, subCollectionsWithoutALine: unknownSubCollections }).toEqual({ listRoutesWithoutALine: [], subCollectionsWithoutALine: [] });
    const stale = [...Object.keys(LISTS), ...Object.keys(NOT_LISTS)].filter((route) => !listRoutes.includes(route));
    expect({ linesWithoutARoute: stale }).toEqual({ linesWithoutARoute: [] });
  });

  it.each(Object.entries(LISTS).filter(([, how]) => !('notSeeded' in how)))('%s', async (route, how) => {
    const key = 'key' in how && how.key ? how.key : 'id';
    const path = route.slice('GET /api/v1'.length);
    const leaks: string[] = [];
    for (const name of AGENCIES) {
      const other = AGENCIES.find((candidate) => candidate !== name)!;
      const answer = await viaGateway(gateway, 'GET', path.includes('audit-trail') ? `${path}?limit=500` : path, { caller: seeded[name].people.admin });
      expect({ route, as: name, status: answer.status }).toEqual({ route, as: name, status: 200 });
      const body = answer.body as unknown;
      const rows = (Array.isArray(body) ? body : ((body as Record<string, unknown>)['items'] as unknown[])) as Array<Record<string, unknown>>;
      const listed = rows.map((row) => String(row[key]));
      const own = seeded[name].ids.get(route) ?? [];
      const theirs = seeded[other].ids.get(route) ?? [];
      expect({ route, as: name, seeded: own.length > 0 }).toEqual({ route, as: name, seeded: true });
      const missing = own.filter((id) => !listed.includes(id));
      if (missing.length) leaks.push(`${name} does not see its own ${missing.join(', ')}`);
      const foreign = theirs.filter((id) => listed.includes(id));
      if (foreign.length) leaks.push(`${name} sees ${other}'s ${foreign.join(', ')}`);
    }
    expect(leaks).toEqual([]);
  });

  it.each(Object.entries(SUB_COLLECTIONS).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))("%s answers 404 for the other agency's record", async (route, parentList) => {
    for (const name of AGENCIES) {
      const other = AGENCIES.find((candidate) => candidate !== name)!;
      const parent = seeded[other].parents.get(parentList);
      expect({ route, parentSeeded: parent !== undefined }).toEqual({ route, parentSeeded: true });
      const path = route.slice('GET /api/v1'.length).replace(/:[A-Za-z]+/, parent!);
      const answer = await viaGateway(gateway, 'GET', path, { caller: seeded[name].people.admin });
      expect({ route, as: name, status: answer.status }).toEqual({ route, as: name, status: 404 });
    }
  });
});

describe('procurement checks who allocates a budget itself, not only the gateway (defence in depth)', () => {
  it('refuses staff whose call reaches the service directly, 422 naming the rule, and records nothing', async () => {
    const { agencyId, people } = seeded.east;
    const before = await callService(urls['PROCUREMENT_URL']!, people.admin, 'GET', '/budgets');
    const refused = await callService(urls['PROCUREMENT_URL']!, people.staff, 'POST', '/budgets', { fiscalYear: 2027, category: 'supplies', allocated: 1_000_000 });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'urn:houqin:problem:allocation-not-authorised', errors: [expect.objectContaining({ field: 'roles' })] });
    expect((await callService(urls['PROCUREMENT_URL']!, people.admin, 'GET', '/budgets')).body).toEqual(before.body);
    const allowed = await callService(urls['PROCUREMENT_URL']!, testCaller({ agencyId, userId: randomUUID(), roles: ['logistics-manager'] }), 'POST', '/budgets', { fiscalYear: 2027, category: 'supplies', allocated: 1_000_000 });
    expect(allowed.status).toBe(201);
  });
});
