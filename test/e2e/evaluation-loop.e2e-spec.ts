import { Caller } from '@houqin/observability';
import {
  ServiceProcess,
  TEST_ACCESS_TOKEN_SECRET,
  TEST_BID_SEALING_KEY,
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_KAFKA_BROKERS,
  TestDatabase,
  GatewayAnswer,
  callGateway,
  expectStatus,
  createTestDatabase,
  freePort,
  startServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@houqin/testing';
import { periodOf } from '../../libs/services/evaluation/src/kpis/domain/period';

/**
 * The evaluation loop end to end, every service its own OS process on real Kafka and PostgreSQL,
 * driven through the gateway: work orders completed and verified in maintenance, a delivery
 * received in procurement, the surveys the requester answers — and the month's KPIs, satisfaction
 * and scorecard draft of the vendor are exactly what those events say (the running month cannot be
 * published yet). Evaluation is then killed
 * (SIGKILL) while more work is done; once restarted it catches up from Kafka and no figure differs
 * from what the events say, nor from a recomputation from scratch.
 */
const SERVICES = ['procurement', 'maintenance', 'evaluation'] as const;
type Service = (typeof SERVICES)[number];

const run = uniqueSuffix();
const agencyId = `agency-loop-${run}`;
const person = (userId: string, roles: string[]): Caller => ({ agencyId, userId, roles });
const people = {
  requester: person('staff-zhou', ['staff']),
  approver: person('approver-wang', ['approver']),
  manager: person('manager-chen', ['staff', 'logistics-manager']),
  admin: person('admin-lin', ['agency-admin']),
};

const databases = {} as Record<Service | 'gateway', TestDatabase>;
const ports = {} as Record<Service, number>;
const processes = {} as Record<Service | 'gateway', ServiceProcess>;
const month = periodOf(new Date(), 'month').key;

function launch(service: Service, label: string = service): ServiceProcess {
  return startServiceProcess({
    app: service,
    port: ports[service],
    label,
    env: {
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      ...(service === 'procurement' ? { BID_SEALING_KEY: TEST_BID_SEALING_KEY } : {}),
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      KAFKA_CONSUMER_GROUP: `${service}-loop-${run}`,
      DATABASE_URL: databases[service].url,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_INTERVAL_MS: '100',
    },
  });
}

const as = (caller: Caller, method: string, path: string, body?: unknown) => callGateway(processes.gateway.url, caller, method, `${path}`, body);

const ok = (answer: Promise<GatewayAnswer>, status = 200) => expectStatus(answer, status);

beforeAll(async () => {
  for (const name of [...SERVICES, 'gateway'] as const) databases[name] = await createTestDatabase(`loop_${name}`);
  for (const service of SERVICES) {
    ports[service] = await freePort();
    processes[service] = launch(service);
  }
  processes.gateway = startServiceProcess({
    app: 'gateway',
    port: await freePort(),
    label: 'gateway',
    env: {
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
      WEBHOOK_SECRET_KEY: 'e2e-webhook-secret-key-0123456789abcdef',
      DATABASE_URL: databases.gateway.url,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      KAFKA_CONSUMER_GROUP: `gateway-loop-${run}`,
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_URL`, `http://127.0.0.1:${ports[service]}`])),
      ...Object.fromEntries(['catering', 'transport'].map((service) => [`${service.toUpperCase()}_URL`, 'http://127.0.0.1:9'])),
    },
  });
  await Promise.all(Object.values(processes).map((child) => child.waitUntilReady(90_000)));
});

afterAll(async () => {
  await Promise.all(Object.values(processes).map((child) => child.stop()));
  await Promise.all(Object.values(databases).map((database) => database.drop()));
});

type Kpi = { code: string; value: number | null; sampleSize: number };

describe('the evaluation loop on Kafka, each service its own process', () => {
  let vendorId: string;
  let supplierId: string;
  const vendor = (): Caller => ({ agencyId, userId: 'vendor-staff-he', roles: ['vendor'], vendorId });
  const costs: Record<string, number> = {};

  async function registered(name: string, code: string, categories: string[]): Promise<string> {
    const body = await ok(as(people.manager, 'POST', '/procurement/vendors', { name, unifiedSocialCreditCode: code, categories, contact: { name: '联系人', phone: '13901010002' } }), 201);
    return String(body['id']);
  }

  async function approvedRequisition(category: string, title: string, estimatedUnitPrice: number, quantity = 1): Promise<string> {
    const requisition = await ok(as(people.requester, 'POST', '/procurement/requisitions', { title, category, fiscalYear: 2026, lines: [{ description: title, quantity, estimatedUnitPrice }] }), 201);
    const id = String(requisition['id']);
    await ok(as(people.requester, 'POST', `/procurement/requisitions/${id}/submit`));
    await ok(as(people.approver, 'POST', `/procurement/requisitions/${id}/approve`, {}));
    return id;
  }

  /** A repair reported, triaged to the vendor, done and verified by the requester; `labourMinutes` at 100 yuan an hour. */
  async function verifiedWorkOrder(description: string, options: { labourMinutes?: number; reopened?: boolean } = {}): Promise<string> {
    const reported = await ok(as(people.requester, 'POST', '/maintenance/repair-requests', { location: { building: 'Main Building', room: '402' }, description, priority: 'urgent' }), 201);
    const triaged = await ok(as(people.manager, 'POST', `/maintenance/repair-requests/${String(reported['id'])}/triage`, { category: 'hvac', autoAssign: true }), 201);
    const workOrder = String(triaged['id']);
    for (const step of ['accept', 'start'] as const) await ok(as(vendor(), 'POST', `/maintenance/work-orders/${workOrder}/${step}`));
    if (options.labourMinutes) await ok(as(vendor(), 'POST', `/maintenance/work-orders/${workOrder}/costs/labour`, { worker: 'He', minutes: options.labourMinutes, hourlyRateFen: 100_00 }), 201);
    await ok(as(vendor(), 'POST', `/maintenance/work-orders/${workOrder}/complete`, { resolutionNote: 'Done' }));
    if (options.reopened) {
      await ok(as(people.requester, 'POST', `/maintenance/work-orders/${workOrder}/reopen`, { reason: 'Still dripping' }));
      await ok(as(vendor(), 'POST', `/maintenance/work-orders/${workOrder}/complete`, { resolutionNote: 'Replaced the drain pipe' }));
    }
    await ok(as(people.requester, 'POST', `/maintenance/work-orders/${workOrder}/verify`));
    costs[workOrder] = ((options.labourMinutes ?? 0) * 100_00) / 60;
    return workOrder;
  }

  async function vendorKpis(): Promise<Record<string, Kpi>> {
    const rows = (await ok(as(people.manager, 'GET', `/evaluation/kpis/values?period=${month}&serviceType=maintenance&party=${vendorId}`))) as unknown as Array<{ kpis: Kpi[] }>;
    return Object.fromEntries((rows[0]?.kpis ?? []).map((kpi) => [kpi.code, kpi]));
  }

  /** Answers every pending survey of the requester for the given work orders with one overall score each. */
  async function answerSurveys(scores: Record<string, number>): Promise<void> {
    const pending = await waitFor(
      async () => {
        const surveys = (await ok(as(people.requester, 'GET', '/evaluation/surveys/pending'))) as unknown as Array<{ id: string; instanceId: string; questions: Array<{ code: string }> }>;
        const mine = surveys.filter((survey) => survey.instanceId in scores);
        return mine.length === Object.keys(scores).length && mine;
      },
      { description: 'the surveys of the verified work orders' },
    );
    for (const survey of pending) {
      const score = scores[survey.instanceId]!;
      await ok(as(people.requester, 'POST', `/evaluation/surveys/${survey.id}/answer`, { scores: Object.fromEntries(survey.questions.map((question) => [question.code, score])) }));
    }
  }

  /** What the work done so far must give, from the business's definitions. */
  function expectedKpis(orders: Array<{ id: string; reopened: boolean }>): Record<string, Partial<Kpi>> {
    const n = orders.length;
    const share = (count: number) => Math.round((count * 10_000) / n) / 100;
    const reopened = orders.filter((order) => order.reopened).length;
    const totalCost = orders.reduce((sum, order) => sum + (costs[order.id] ?? 0), 0);
    return {
      'maintenance.response-within-sla': { value: 100, sampleSize: n },
      'maintenance.resolution-within-sla': { value: 100, sampleSize: n },
      'maintenance.first-time-fix': { value: share(n - reopened), sampleSize: n },
      'maintenance.reopen-rate': { value: share(reopened), sampleSize: n },
      'maintenance.cost-per-work-order': { value: Math.round(totalCost / n), sampleSize: n },
    };
  }

  const done: Array<{ id: string; reopened: boolean }> = [];

  it('signs a maintenance contract in procurement and receives a delivery of supplies', async () => {
    vendorId = await registered('北京安泰楼宇设备维保有限公司', '91110000802100433B', ['maintenance']);
    supplierId = await registered('北京办公用品供应有限公司', '91110000600037341L', ['supplies']);
    await ok(as(people.admin, 'POST', '/procurement/budgets', { fiscalYear: 2026, category: 'maintenance', allocated: 1_000_000_00 }), 201);
    await ok(as(people.admin, 'POST', '/procurement/budgets', { fiscalYear: 2026, category: 'supplies', allocated: 1_000_000_00 }), 201);
    const requisitionId = await approvedRequisition('maintenance', 'HVAC upkeep, 12 months', 36_000_00);
    const contract = await ok(
      as(people.manager, 'POST', '/procurement/contracts', {
        title: 'HVAC maintenance',
        requisitionId,
        vendorId,
        serviceType: 'maintenance',
        scope: { description: 'Air conditioning of the Main Building', buildings: ['Main Building'], assetCategories: ['hvac'] },
        validFrom: '2026-01-01T00:00:00+08:00',
        validTo: '2099-12-31T00:00:00+08:00',
        priceTerms: { monthlyFee: 3_000_00 },
        slaTerms: { priorities: { urgent: { responseHours: 1, resolutionHours: 4 }, high: { responseHours: 4, resolutionHours: 24 }, normal: { responseHours: 24, resolutionHours: 72 }, low: { responseHours: 72, resolutionHours: 240 } } },
        penaltyRules: [{ breach: 'response-late', amount: 500_00, capPerMonth: 5_000_00 }],
      }),
      201,
    );
    await ok(as(people.admin, 'POST', `/procurement/contracts/${String(contract['id'])}/sign`));
    await waitFor(async () => ((await ok(as(people.manager, 'GET', '/maintenance/vendor-contracts'))) as unknown as unknown[]).length > 0, { description: 'maintenance learning the contract' });

    // Ten boxes of paper ordered for next month, delivered today: on time, two boxes refused.
    const paper = await approvedRequisition('supplies', 'A4 paper, box', 25_00, 10);
    const storeRoomId = String((await ok(as(people.manager, 'POST', '/procurement/store-rooms', { name: '1号库房' }), 201))['id']);
    const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const order = await ok(as(people.manager, 'POST', '/procurement/purchase-orders', { requisitionId: paper, vendorId: supplierId, lines: [{ quantity: 10, unitPrice: 25_00, expectedDeliveryDate: nextMonth }] }), 201);
    const orderId = String(order['id']);
    await ok(as(people.manager, 'POST', `/procurement/purchase-orders/${orderId}/place`));
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await ok(as(people.manager, 'POST', `/procurement/purchase-orders/${orderId}/receipts`, { receivedDate: today, storeRoomId, lines: [{ line: 1, accepted: 8, rejected: 2, inspectionNotes: 'Two boxes damp' }] }), 201);
    const supplier = await waitFor(
      async () => {
        const rows = (await ok(as(people.manager, 'GET', `/evaluation/kpis/values?period=${month}&serviceType=procurement&party=${supplierId}`))) as unknown as Array<{ kpis: Kpi[] }>;
        const kpis = Object.fromEntries((rows[0]?.kpis ?? []).map((kpi) => [kpi.code, kpi]));
        return kpis['procurement.on-time-delivery']?.value !== null && kpis['procurement.on-time-delivery'] !== undefined && kpis;
      },
      { description: 'the delivery in the supplier’s KPIs' },
    );
    expect(supplier['procurement.on-time-delivery']).toMatchObject({ value: 100, sampleSize: 1 });
    expect(supplier['procurement.receipt-acceptance']).toMatchObject({ value: 80 });
  });

  it('gives the vendor’s month exactly the KPIs and satisfaction of the work it did', async () => {
    done.push({ id: await verifiedWorkOrder('Air conditioner in 402 leaks', { labourMinutes: 60 }), reopened: false });
    done.push({ id: await verifiedWorkOrder('No cooling in 405', { reopened: true }), reopened: true });
    done.push({ id: await verifiedWorkOrder('Noisy fan in 410', { labourMinutes: 120 }), reopened: false });
    const kpis = await waitFor(
      async () => {
        const current = await vendorKpis();
        return current['maintenance.first-time-fix']?.sampleSize === 3 && current;
      },
      { description: 'three verified work orders in the vendor’s KPIs' },
    );
    expect(kpis).toMatchObject(expectedKpis(done));
    expect(kpis['maintenance.cost-per-work-order']?.value).toBe(100_00);

    await answerSurveys({ [done[0]!.id]: 5, [done[1]!.id]: 2, [done[2]!.id]: 4 });
    const rates = await ok(as(people.manager, 'GET', `/evaluation/surveys/response-rates?period=${month}&serviceType=maintenance`));
    expect(JSON.stringify(rates)).toContain(vendorId);
    const followUps = (await ok(as(people.manager, 'GET', '/evaluation/survey-follow-ups'))) as unknown as Array<{ instanceId: string; status: string }>;
    expect(followUps.filter((followUp) => followUp.status === 'open').map((followUp) => followUp.instanceId)).toEqual([done[1]!.id]);

    // The month's scorecard is built from exactly these figures: the KPI lines are the vendor's
    // KPIs, the survey part the three answers (mean 11/3), no third-party assessment yet.
    const draft = await ok(as(people.manager, 'GET', `/evaluation/scorecards/drafts/${vendorId}?serviceType=maintenance&period=${month}`));
    const lines = Object.fromEntries(((draft['kpi'] as { lines: Kpi[] }).lines).map((line) => [line.code, { value: line.value, sampleSize: line.sampleSize }]));
    expect(lines).toMatchObject(expectedKpis(done));
    expect(draft['survey']).toMatchObject({ issued: 3, answered: 3, responseRate: 1 });
    expect((draft['survey'] as { meanScore: number }).meanScore).toBeCloseTo(11 / 3, 10);
    expect(draft).toMatchObject({ party: vendorId, rank: 1, rankedAmong: 1, missing: ['thirdParty'] });
    // The month is still running: its scorecard cannot be published yet, only read as a draft.
    const early = await as(people.manager, 'POST', '/evaluation/scorecards', { party: vendorId, serviceType: 'maintenance', period: month });
    expect(early).toMatchObject({ status: 422, body: { errors: [expect.objectContaining({ field: 'period', rule: 'period-not-ended' })] } });
  });

  it('loses and doubles nothing when evaluation is killed mid-stream and restarted', async () => {
    // Killed the moment a work order is verified, while its events are on their way to evaluation or
    // being handled; work goes on while evaluation is down, its events waiting in Kafka.
    done.push({ id: await verifiedWorkOrder('Thermostat in 420 dead', { labourMinutes: 30 }), reopened: false });
    await processes.evaluation.kill();
    done.push({ id: await verifiedWorkOrder('Condensate on the ceiling of 421', { reopened: true }), reopened: true });
    processes.evaluation = launch('evaluation', 'evaluation-restarted');
    await processes.evaluation.waitUntilReady(90_000);

    const kpis = await waitFor(
      async () => {
        const current = await vendorKpis();
        return current['maintenance.first-time-fix']?.sampleSize === 5 && current;
      },
      { description: 'all five verified work orders after the restart' },
    );
    expect(kpis).toMatchObject(expectedKpis(done));
    await answerSurveys({ [done[3]!.id]: 3, [done[4]!.id]: 5 });
    const satisfaction = await ok(as(people.manager, 'GET', `/evaluation/surveys/response-rates?period=${month}&serviceType=maintenance&party=${vendorId}`));
    expect(JSON.stringify(satisfaction)).toContain('"answered":5');

    // Every event once in the audit trail, the chain intact, and a recomputation from scratch agrees.
    for (const { id } of done) {
      const entries = (await ok(as(people.manager, 'GET', `/evaluation/audit-trail?subject=${id}`))) as unknown as Array<{ eventType: string }>;
      expect(entries.filter((entry) => entry.eventType === 'houqin.maintenance.work-order.verified.v1')).toHaveLength(1);
    }
    expect(await ok(as(people.manager, 'GET', '/evaluation/audit-trail/verification'))).toMatchObject({ intact: true });
    const recomputed = await ok(as(people.admin, 'POST', '/evaluation/kpis/recomputations', { period: month }));
    expect(recomputed['differences']).toEqual([]);
    expect(await vendorKpis()).toMatchObject(expectedKpis(done));

    // The draft now counts all five work orders and answers, and nothing was published meanwhile.
    expect(await ok(as(people.manager, 'GET', `/evaluation/scorecards?party=${vendorId}&period=${month}`))).toEqual([]);
    const draft = await ok(as(people.manager, 'GET', `/evaluation/scorecards/drafts/${vendorId}?serviceType=maintenance&period=${month}`));
    expect(draft['survey']).toMatchObject({ issued: 5, answered: 5 });
    expect((draft['survey'] as { meanScore: number }).meanScore).toBeCloseTo(19 / 5, 10);
    expect(Object.fromEntries(((draft['kpi'] as { lines: Kpi[] }).lines).map((line) => [line.code, { value: line.value, sampleSize: line.sampleSize }]))).toMatchObject(expectedKpis(done));
  });
});
