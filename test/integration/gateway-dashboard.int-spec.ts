import { cateringService } from '@houqin/catering';
import { businessDay, businessMonth } from '@houqin/domain';
import { evaluationService } from '@houqin/evaluation';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { procurementService } from '@houqin/procurement';
import { RunningService, ServiceDefinition, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TEST_INTERNAL_TOKEN_SECRET, TestDatabase, createTestDatabase, testCaller, uniqueSuffix, waitFor } from '@houqin/testing';
import { transportService } from '@houqin/transport';
import { GatewayAnswer, StubUpstream, startGateway, viaGateway } from './gateway-fixture';

/**
 * The aggregated views on the five real services (in this process, each on its own PostgreSQL
 * database, events on one in-process broker so evaluation records them) behind a real gateway:
 * the dashboard of the caller's agency, a vendor's 360 view and the supervision comparison.
 */
const run = uniqueSuffix();
const east = `agency-east-${run}`;
const west = `agency-west-${run}`;
const managerEast = testCaller({ agencyId: east, userId: 'manager-li', roles: ['staff', 'logistics-manager'] });
const managerWest = testCaller({ agencyId: west, userId: 'manager-chen', roles: ['staff', 'logistics-manager'] });
const staffEast = testCaller({ agencyId: east, userId: 'staff-wang', roles: ['staff'] });
const supervisor = testCaller({ agencyId: `bureau-${run}`, userId: 'inspector-zhao', roles: ['supervisor'], supervisedAgencyIds: [east, west] });

const DEFINITIONS: Record<string, ServiceDefinition> = {
  evaluation: evaluationService,
  procurement: procurementService,
  maintenance: maintenanceService,
  catering: cateringService,
  transport: transportService,
};
type ServiceName = 'evaluation' | 'procurement' | 'maintenance' | 'catering' | 'transport';
const SERVICES = Object.keys(DEFINITIONS) as ServiceName[];

interface Section {
  status: 'available' | 'unavailable' | 'not-offered';
  data?: Record<string, unknown>;
  reason?: string;
  detail?: string;
}

const databases = {} as Record<ServiceName, TestDatabase>;
const services = {} as Record<ServiceName, RunningService | undefined>;
let gateway: RunningService;

async function created(answer: Promise<GatewayAnswer>): Promise<{ id: string }> {
  const { status, body } = await answer;
  if (status !== 201 && status !== 200) throw new Error(`expected 201, got ${status}: ${JSON.stringify(body)}`);
  return body as { id: string };
}

const post = (caller: typeof managerEast, path: string, body: unknown) => created(viaGateway(gateway, 'POST', path, { caller, body }));
const sectionsOf = (answer: GatewayAnswer) => (answer.body as { sections: Record<string, Section> }).sections;

/** Vendors, repair requests, canteens and vehicles of one agency, all created through the gateway. */
async function vendor(caller: typeof managerEast, name: string, unifiedSocialCreditCode: string) {
  return post(caller, '/procurement/vendors', { name, unifiedSocialCreditCode, categories: ['maintenance'], contact: { name: '王经理', phone: '13800138000' } });
}

let vendorEast: { id: string };
let suspendedVendorEast: { id: string };
let vendorWest: { id: string };
let urgentRepair: { id: string };
/** When the urgent repair request counts as reported (moved 5 hours back: see beforeAll). */
let urgentReportedAt: Date;

beforeAll(async () => {
  const broker = new InProcessBroker();
  for (const name of SERVICES) databases[name] = await createTestDatabase(`views_${name}`);
  // Evaluation first, so its consumer is subscribed before anything is published.
  for (const name of SERVICES) {
    services[name] = await startService(DEFINITIONS[name]!, {
      env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'fatal', DATABASE_URL: databases[name].url, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET, BID_SEALING_KEY: TEST_BID_SEALING_KEY, MESSAGING_TRANSPORT: 'in-process' },
      broker,
    });
  }
  gateway = await startGateway(Object.fromEntries(SERVICES.map((name) => [`${name.toUpperCase()}_URL`, services[name]!.url])));

  // East (16 events): three vendors, one of them suspended; three repair requests, one cancelled; two canteens,
  // one closed; three vehicles, one in the workshop and one retired.
  vendorEast = await vendor(managerEast, '福州市鼓楼区后勤服务有限公司', '91350100M000100Y43');
  suspendedVendorEast = await vendor(managerEast, '福州市台江区物业管理有限公司', '91350100M000200Y4T');
  await vendor(managerEast, '福州市仓山区餐饮服务有限公司', '91350100M000300Y4J');
  await post(managerEast, `/procurement/vendors/${suspendedVendorEast.id}/suspend`, { reason: 'Three SLA breaches in October; under review' });
  urgentRepair = await post(staffEast, '/maintenance/repair-requests', { location: { building: 'Main Building', room: 'B1-02' }, description: 'Water leaking into the server room', priority: 'urgent' });
  await post(staffEast, '/maintenance/repair-requests', { location: { building: 'Main Building' }, description: 'Lift stuck on floor 4', priority: 'high' });
  const light = await post(staffEast, '/maintenance/repair-requests', { location: { building: 'East Wing' }, description: 'Flickering light in corridor' });
  await post(staffEast, `/maintenance/repair-requests/${light.id}/cancel`, { reason: 'Fixed by the reporter' });
  await post(managerEast, '/catering/canteens', { name: 'Staff canteen', location: { building: 'Building 2' }, capacity: 120, mealPeriods: ['breakfast', 'lunch'] });
  const annex = await post(managerEast, '/catering/canteens', { name: 'Annex canteen', location: { building: 'Annex' }, capacity: 40, mealPeriods: ['lunch', 'dinner'] });
  await post(managerEast, `/catering/canteens/${annex.id}/close`, { reason: 'Kitchen renovation' });
  await post(managerEast, '/transport/vehicles', { plateNumber: '闽A12345', vehicleType: 'sedan', seats: 5, odometerKm: 1200, fuel: 'petrol' });
  const minibus = await post(managerEast, '/transport/vehicles', { plateNumber: '闽A23456', vehicleType: 'minibus', seats: 14, odometerKm: 56000, fuel: 'diesel' });
  const old = await post(managerEast, '/transport/vehicles', { plateNumber: '闽A34567', vehicleType: 'sedan', seats: 5, odometerKm: 420000, fuel: 'petrol' });
  await post(managerEast, `/transport/vehicles/${minibus.id}/send-for-service`, { reason: 'Annual inspection' });
  await post(managerEast, `/transport/vehicles/${old.id}/retire`, { reason: 'End of service life' });

  // West: one of each, so its figures are easy to tell apart from East's.
  vendorWest = await vendor(managerWest, '北京市东城区后勤服务有限公司', '91110000M000400A19');
  await post(managerWest, '/maintenance/repair-requests', { location: { building: 'Block A' }, description: 'Broken window', priority: 'low' });
  await post(managerWest, '/catering/canteens', { name: 'West canteen', location: { building: 'Block B' }, capacity: 60, mealPeriods: ['lunch'] });

  // The urgent request has been open for five hours: past the 4-hour interim target of its priority.
  urgentReportedAt = new Date(Date.now() - 5 * 3_600_000);
  await databases.maintenance.query(`UPDATE repair_request SET reported_at = $2 WHERE id = $1`, [urgentRepair.id, urgentReportedAt]);

  // Wait until evaluation has recorded every event of East (16) and West (3) in the audit trails.
  for (const [caller, events] of [[managerEast, 16], [managerWest, 3]] as const) {
    await waitFor(
      async () => {
        const answer = await viaGateway(gateway, 'GET', '/evaluation/audit-trail?limit=500', { caller });
        if (answer.status !== 200 || (answer.body as unknown as unknown[]).length !== events) throw new Error(`${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
        return true;
      },
      { description: `the audit trail of ${caller.agencyId} to hold ${events} entries` },
    );
  }
});

afterAll(async () => {
  await gateway?.shutdown();
  for (const name of SERVICES) await services[name]?.shutdown();
  for (const name of SERVICES) await databases[name]?.drop();
});

describe('the dashboard', () => {
  it("shows every service's figures of the caller's agency, and none of another agency's", async () => {
    const answer = await viaGateway(gateway, 'GET', '/dashboard', { caller: managerEast });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ agencyId: east, asOf: expect.any(String) });
    const sections = sectionsOf(answer);
    expect(Object.keys(sections).sort()).toEqual(['catering', 'evaluation', 'maintenance', 'procurement', 'transport']);
    for (const section of Object.values(sections)) expect(section.status).toBe('available');

    const today = businessDay(new Date());
    expect(sections['procurement']!.data).toEqual({
      asOf: expect.any(String),
      businessDay: today.date,
      vendors: { total: 3, byStatus: { active: 2, suspended: 1, blacklisted: 0 }, registeredToday: 3 },
      recentlySuspended: [{ id: suspendedVendorEast.id, name: '福州市台江区物业管理有限公司', reason: 'Three SLA breaches in October; under review', suspendedAt: expect.any(String) }],
    });

    const urgentReportedToday = businessDay(urgentReportedAt).date === today.date ? 1 : 0;
    expect(sections['maintenance']!.data).toEqual({
      asOf: expect.any(String),
      businessDay: today.date,
      openRepairRequests: { total: 2, byPriority: { urgent: 1, high: 1, normal: 0, low: 0 }, byStatus: { reported: 2, triaged: 0 } },
      oldestOpenRepairRequest: { id: urgentRepair.id, priority: 'urgent', status: 'reported', reportedAt: urgentReportedAt.toISOString(), ageMinutes: expect.any(Number) },
      atRisk: {
        total: 1,
        byPriority: { urgent: 1, high: 0, normal: 0, low: 0 },
        responseTargetHours: { urgent: 4, high: 24, normal: 72, low: 168 },
        rule: expect.stringContaining('interim response target'),
      },
      reportedToday: 2 + urgentReportedToday,
      cancelledToday: 1,
      workOrders: {
        open: { total: 0, byStatus: { triaged: 0, assigned: 0, accepted: 0, 'in-progress': 0, 'on-hold-requester': 0, completed: 0 } },
        sla: { atRisk: 0, overdue: 0, breachedThisMonth: 0 },
        thisMonth: { month: businessMonth(new Date()).month, verified: 0, firstTimeFixRate: null, reopenRate: null, meanResponseMinutes: null, meanResolutionMinutes: null, costPerWorkOrderFen: null },
      },
    });
    const oldest = (sections['maintenance']!.data as { oldestOpenRepairRequest: { ageMinutes: number } }).oldestOpenRepairRequest;
    expect(oldest.ageMinutes).toBeGreaterThanOrEqual(300);
    expect(oldest.ageMinutes).toBeLessThan(310);

    expect(sections['catering']!.data).toEqual({
      asOf: expect.any(String),
      canteens: { total: 2, byStatus: { open: 1, closed: 1 }, openSeats: 120, servingByMealPeriod: { breakfast: 1, lunch: 1, dinner: 0 } },
      closedCanteens: [{ id: expect.any(String), name: 'Annex canteen', reason: 'Kitchen renovation', closedAt: expect.any(String) }],
    });

    expect(sections['transport']!.data).toEqual({
      asOf: expect.any(String),
      vehicles: { total: 3, fleet: 2, byStatus: { available: 1, inService: 1, retired: 1 }, availableSeats: 5 },
      inWorkshop: [{ id: expect.any(String), plateNumber: '闽A23456', reason: 'Annual inspection', since: expect.any(String) }],
      // No trips yet: every vehicle of the fleet unused over the last 30 days.
      utilisation: [
        { id: expect.any(String), plateNumber: '闽A12345', minutesOnTrips: 0, trips: 0, percent: 0 },
        { id: expect.any(String), plateNumber: '闽A23456', minutesOnTrips: 0, trips: 0, percent: 0 },
      ],
    });

    const evaluation = sections['evaluation']!.data as { auditTrail: { entriesToday: number; totalEntries: number; latest: Array<{ sequence: number; eventType: string; subject: string }> } };
    expect(evaluation.auditTrail).toMatchObject({ entriesToday: 16, totalEntries: 16 });
    expect(evaluation.auditTrail.latest).toHaveLength(5);
    expect(evaluation.auditTrail.latest.map((entry) => entry.sequence)).toEqual([16, 15, 14, 13, 12]);
    expect(evaluation.auditTrail.latest[0]).toMatchObject({ eventType: expect.stringMatching(/^houqin\.(procurement|maintenance|catering|transport)\./), occurredAt: expect.any(String) });
    // Nothing of West's: its vendor, its request and its canteen are not counted, its events not listed.
    expect(JSON.stringify(sections)).not.toContain(vendorWest.id);
  });

  it("shows another agency only its own figures", async () => {
    const sections = sectionsOf(await viaGateway(gateway, 'GET', '/dashboard', { caller: managerWest }));
    expect(sections['procurement']!.data).toMatchObject({ vendors: { total: 1, byStatus: { active: 1, suspended: 0, blacklisted: 0 } }, recentlySuspended: [] });
    expect(sections['maintenance']!.data).toMatchObject({ openRepairRequests: { total: 1, byPriority: { low: 1 } }, atRisk: { total: 0 }, cancelledToday: 0 });
    expect(sections['catering']!.data).toMatchObject({ canteens: { total: 1, byStatus: { open: 1, closed: 0 }, openSeats: 60 } });
    expect(sections['transport']!.data).toMatchObject({ vehicles: { total: 0, fleet: 0 }, inWorkshop: [] });
    expect(sections['evaluation']!.data).toMatchObject({ auditTrail: { entriesToday: 3, totalEntries: 3 } });
  });

  it("answers each service's own section through the gateway too", async () => {
    const answer = await viaGateway(gateway, 'GET', '/catering/dashboard', { caller: managerEast });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ canteens: { total: 2, openSeats: 120 } });
  });

  it('is refused to a vendor account with 403', async () => {
    const answer = await viaGateway(gateway, 'GET', '/dashboard', { caller: testCaller({ agencyId: east, userId: 'vendor-zhang', roles: ['vendor'], vendorId: vendorEast.id }) });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
  });

  it('is refused without an access token', async () => {
    expect((await viaGateway(gateway, 'GET', '/dashboard', { caller: null })).status).toBe(401);
  });
});

describe("a vendor's 360 view", () => {
  it('shows the registry record, the audit trail, contracts, work orders and published scorecards, and marks what no service offers yet', async () => {
    const scorecard = await post(managerEast, '/evaluation/scorecards', { party: suspendedVendorEast.id, serviceType: 'maintenance', period: '2026-10' });
    const answer = await viaGateway(gateway, 'GET', `/vendors/${suspendedVendorEast.id}/360`, { caller: managerEast });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ vendorId: suspendedVendorEast.id, agencyId: east, asOf: expect.any(String) });
    const sections = sectionsOf(answer);
    expect(sections['registry']).toMatchObject({ status: 'available', data: { id: suspendedVendorEast.id, status: 'suspended', suspension: { reason: 'Three SLA breaches in October; under review' } } });
    expect(sections['auditTrail']).toMatchObject({
      status: 'available',
      data: {
        entries: [
          expect.objectContaining({ eventType: 'houqin.procurement.vendor.suspended.v1', subject: suspendedVendorEast.id }),
          expect.objectContaining({ eventType: 'houqin.procurement.vendor.registered.v1', subject: suspendedVendorEast.id }),
        ],
      },
    });
    expect((sections['auditTrail']!.data as { entries: unknown[] }).entries).toHaveLength(2);
    // Procurement and maintenance answer for the vendor's contracts and work orders: none yet.
    expect(sections['contracts']).toEqual({ status: 'available', data: { contracts: [] } });
    expect(sections['workOrders']).toEqual({ status: 'available', data: { workOrders: [] } });
    // Evaluation answers with the vendor's published scorecards: one, without figures (nothing measured in October).
    expect(sections['scores']).toMatchObject({ status: 'available', data: { scorecards: [{ id: scorecard.id, party: suspendedVendorEast.id, period: '2026-10', version: 1, status: 'published', score: null }] } });
    expect(sections['sanctions']).toEqual({ status: 'not-offered', detail: expect.any(String) });
  });

  it("answers 404 for another agency's vendor and for an unknown one", async () => {
    const other = await viaGateway(gateway, 'GET', `/vendors/${vendorWest.id}/360`, { caller: managerEast });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ type: 'urn:houqin:problem:not-found' });
    expect((await viaGateway(gateway, 'GET', '/vendors/00000000-0000-4000-8000-000000000000/360', { caller: managerEast })).status).toBe(404);
  });

  it('answers 400 naming the parameter for an id that is not a UUID', async () => {
    const answer = await viaGateway(gateway, 'GET', '/vendors/not-a-uuid/360', { caller: managerEast });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('id');
  });

  it('shows a vendor account its own vendor, and answers 404 for any other vendor', async () => {
    const vendorAccount = testCaller({ agencyId: east, userId: 'vendor-zhang', roles: ['vendor'], vendorId: vendorEast.id });
    const own = await viaGateway(gateway, 'GET', `/vendors/${vendorEast.id}/360`, { caller: vendorAccount });
    expect(own.status).toBe(200);
    expect(sectionsOf(own)['registry']).toMatchObject({ status: 'available', data: { id: vendorEast.id, status: 'active' } });
    expect((await viaGateway(gateway, 'GET', `/vendors/${suspendedVendorEast.id}/360`, { caller: vendorAccount })).status).toBe(404);
  });
});

describe('the supervision comparison', () => {
  interface Comparison {
    agencies: Array<{ agencyId: string; sections: Record<string, Section> }>;
    figures: Array<{ key: string; values: Array<{ agencyId: string; value: number | null }>; best: string[]; worst: string[] }>;
  }
  const figure = (comparison: Comparison, key: string) => comparison.figures.find((row) => row.key === key)!;

  it("puts the supervised agencies' figures side by side", async () => {
    const answer = await viaGateway(gateway, 'GET', '/supervision/comparison', { caller: supervisor });
    expect(answer.status).toBe(200);
    const comparison = answer.body as unknown as Comparison;
    expect(comparison.agencies.map((agency) => agency.agencyId)).toEqual([east, west]);
    for (const agency of comparison.agencies) for (const section of Object.values(agency.sections)) expect(section).toEqual({ status: 'available' });
    expect(figure(comparison, 'maintenance.open-repair-requests')).toMatchObject({ values: [{ agencyId: east, value: 2 }, { agencyId: west, value: 1 }], best: [west], worst: [east] });
    expect(figure(comparison, 'maintenance.at-risk').values).toEqual([{ agencyId: east, value: 1 }, { agencyId: west, value: 0 }]);
    expect(figure(comparison, 'maintenance.work-orders-open').values).toEqual([{ agencyId: east, value: 0 }, { agencyId: west, value: 0 }]);
    // Nothing verified this month in either agency: no rate, rather than a made-up 0.
    expect(figure(comparison, 'maintenance.first-time-fix-rate')).toMatchObject({ values: [{ agencyId: east, value: null }, { agencyId: west, value: null }], best: [], worst: [] });
    expect(figure(comparison, 'procurement.vendors').values).toEqual([{ agencyId: east, value: 3 }, { agencyId: west, value: 1 }]);
    expect(figure(comparison, 'catering.open-seats').values).toEqual([{ agencyId: east, value: 120 }, { agencyId: west, value: 60 }]);
    expect(figure(comparison, 'transport.fleet').values).toEqual([{ agencyId: east, value: 2 }, { agencyId: west, value: 0 }]);
    expect(figure(comparison, 'evaluation.audit-entries-today').values).toEqual([{ agencyId: east, value: 16 }, { agencyId: west, value: 3 }]);
  });

  it('compares only the supervised agencies named in agencyIds', async () => {
    const answer = await viaGateway(gateway, 'GET', `/supervision/comparison?agencyIds=${west}`, { caller: supervisor });
    expect(answer.status).toBe(200);
    expect((answer.body as unknown as Comparison).agencies.map((agency) => agency.agencyId)).toEqual([west]);
  });

  it('answers 404 for an agency the supervisor does not supervise', async () => {
    const answer = await viaGateway(gateway, 'GET', `/supervision/comparison?agencyIds=${west},agency-elsewhere-${run}`, { caller: supervisor });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ type: 'urn:houqin:problem:not-found' });
  });

  it('is refused to staff and to a logistics manager with 403', async () => {
    for (const caller of [staffEast, managerEast]) {
      const answer = await viaGateway(gateway, 'GET', '/supervision/comparison', { caller });
      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('a view whose service is down or slow', () => {
  it('still answers 200, with that section marked unavailable and the others unaffected', async () => {
    await services.transport!.shutdown();
    services.transport = undefined;
    const answer = await viaGateway(gateway, 'GET', '/dashboard', { caller: managerEast });
    expect(answer.status).toBe(200);
    const sections = sectionsOf(answer);
    expect(sections['transport']).toEqual({ status: 'unavailable', reason: expect.stringMatching(/^(unreachable|circuit-open)$/), detail: expect.stringContaining('transport') });
    for (const service of ['procurement', 'maintenance', 'catering', 'evaluation']) expect(sections[service]!.status).toBe('available');

    const comparison = await viaGateway(gateway, 'GET', '/supervision/comparison', { caller: supervisor });
    expect(comparison.status).toBe(200);
    const table = comparison.body as unknown as { agencies: Array<{ sections: Record<string, Section> }>; figures: Array<{ key: string; values: Array<{ value: number | null }> }> };
    for (const agency of table.agencies) expect(agency.sections['transport']!.status).toBe('unavailable');
    expect(table.figures.find((row) => row.key === 'transport.fleet')!.values.map((entry) => entry.value)).toEqual([null, null]);
    expect(table.figures.find((row) => row.key === 'catering.open-seats')!.values.map((entry) => entry.value)).toEqual([120, 60]);
  });

  it('marks a section that does not answer within VIEW_SECTION_TIMEOUT_MS timed-out, and answers within the budget', async () => {
    const hanging = await StubUpstream.start('hang');
    const budgeted = await startGateway({
      PROCUREMENT_URL: services.procurement!.url,
      MAINTENANCE_URL: services.maintenance!.url,
      CATERING_URL: hanging.url,
      EVALUATION_URL: services.evaluation!.url,
      VIEW_SECTION_TIMEOUT_MS: '400',
      UPSTREAM_TIMEOUT_MS: '5000',
    });
    try {
      const started = Date.now();
      const answer = await viaGateway(budgeted, 'GET', '/dashboard', { caller: managerEast });
      const elapsed = Date.now() - started;
      expect(answer.status).toBe(200);
      const sections = sectionsOf(answer);
      expect(sections['catering']).toEqual({ status: 'unavailable', reason: 'timed-out', detail: 'catering did not answer within 400 ms' });
      expect(sections['maintenance']!.status).toBe('available');
      // Well within the 5 s the gateway gives a forwarded request: the section budget bounds the view.
      expect(elapsed).toBeLessThan(2000);
    } finally {
      await budgeted.shutdown();
      await hanging.close();
    }
  });
});
