import { Caller } from '@houqin/observability';
import {
  GatewayAnswer,
  ServiceProcess,
  TEST_ACCESS_TOKEN_SECRET,
  TEST_BID_SEALING_KEY,
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_KAFKA_BROKERS,
  TestDatabase,
  callGateway,
  createTestDatabase,
  expectStatus,
  freePort,
  startServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@houqin/testing';
import { periodOf } from '../../libs/services/evaluation/src/kpis/domain/period';

/**
 * The catering loop end to end, every service its own OS process on real Kafka and PostgreSQL,
 * driven through the gateway: a catering contract signed in procurement makes the caterer the
 * canteen's operator; the operator publishes a menu the manager approves; a staff member books
 * lunch (the price held on the meal account), is served at the counter by QR code (the hold
 * captured as the charge) and rates the meal; the manager inspects the kitchen twice — and
 * evaluation holds the rating and both inspection results in the operator's KPIs, records the
 * failed inspection as the operator's violation, and the manager's rectification notice for it
 * reaches the operator.
 */
const SERVICES = ['procurement', 'catering', 'evaluation'] as const;
type Service = (typeof SERVICES)[number];

const run = uniqueSuffix();
const agencyId = `agency-catering-${run}`;
const person = (userId: string, roles: string[]): Caller => ({ agencyId, userId, roles });
const people = {
  requester: person('staff-zhou', ['staff']),
  approver: person('approver-wang', ['approver']),
  manager: person('manager-chen', ['staff', 'logistics-manager']),
  admin: person('admin-lin', ['agency-admin']),
  diner: person('staff-li', ['staff']),
};

const databases = {} as Record<Service | 'gateway', TestDatabase>;
const ports = {} as Record<Service, number>;
const processes = {} as Record<Service | 'gateway', ServiceProcess>;
const month = periodOf(new Date(), 'month').key;

const as = (caller: Caller, method: string, path: string, body?: unknown) => callGateway(processes.gateway.url, caller, method, path, body);
const ok = (answer: Promise<GatewayAnswer>, status = 200) => expectStatus(answer, status);

/** An instant's China Standard Time date and HH:MM. */
function cst(at: Date): { date: string; time: string } {
  const iso = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

beforeAll(async () => {
  for (const name of [...SERVICES, 'gateway'] as const) databases[name] = await createTestDatabase(`catloop_${name}`);
  for (const service of SERVICES) {
    ports[service] = await freePort();
    processes[service] = startServiceProcess({
      app: service,
      port: ports[service],
      label: service,
      env: {
        INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
        ...(service === 'procurement' ? { BID_SEALING_KEY: TEST_BID_SEALING_KEY } : {}),
        KAFKA_BROKERS: TEST_KAFKA_BROKERS,
        KAFKA_CONSUMER_GROUP: `${service}-catloop-${run}`,
        DATABASE_URL: databases[service].url,
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_INTERVAL_MS: '100',
      },
    });
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
      KAFKA_CONSUMER_GROUP: `gateway-catloop-${run}`,
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_URL`, `http://127.0.0.1:${ports[service]}`])),
      ...Object.fromEntries(['maintenance', 'transport'].map((service) => [`${service.toUpperCase()}_URL`, 'http://127.0.0.1:9'])),
    },
  });
  await Promise.all(Object.values(processes).map((child) => child.waitUntilReady(90_000)));
});

afterAll(async () => {
  await Promise.all(Object.values(processes).map((child) => child.stop()));
  await Promise.all(Object.values(databases).map((database) => database.drop()));
});

type Kpi = { code: string; value: number | null; sampleSize: number };
type Entry = { kind: string; amountFen: number; reference?: string };

describe('the catering loop on Kafka, each service its own process', () => {
  let vendorId: string;
  let canteenId: string;
  let dishId: string;
  let mealId: string;
  const operator = (): Caller => ({ agencyId, userId: 'chef-huang', roles: ['vendor'], vendorId });
  const year = new Date().getUTCFullYear();
  const PRICE = 18_00;

  async function operatorKpis(): Promise<Record<string, Kpi>> {
    const rows = (await ok(as(people.manager, 'GET', `/evaluation/kpis/values?period=${month}&serviceType=catering&party=${vendorId}`))) as unknown as Array<{ kpis: Kpi[] }>;
    return Object.fromEntries((rows[0]?.kpis ?? []).map((kpi) => [kpi.code, kpi]));
  }

  it("makes the caterer of a signed catering contract the canteen's operator, with the contract's targets", async () => {
    // The booking and the serving happen on today's date (China Standard Time): the last minutes of
    // the day leave no room for both, so a run that starts then waits for the next day.
    await waitFor(() => cst(new Date()).time < '23:50', { timeoutMs: 11 * 60_000, intervalMs: 5_000, description: 'a CST time of day with room for a booking and its serving' });
    const registered = await ok(
      as(people.manager, 'POST', '/procurement/vendors', { name: '京华膳食服务有限公司', unifiedSocialCreditCode: '91440300708461136T', categories: ['catering'], contact: { name: '黄经理', phone: '13901010003' } }),
      201,
    );
    vendorId = String(registered['id']);
    await ok(as(people.manager, 'POST', `/procurement/vendors/${vendorId}/qualifications`, { kind: 'food-operation-permit', number: 'JY11105000123456', category: 'catering', issuedOn: `${year - 1}-03-01`, expiresOn: `${year + 2}-02-28` }), 201);
    await ok(as(people.admin, 'POST', '/procurement/budgets', { fiscalYear: year, category: 'catering', allocated: 1_000_000_00 }), 201);
    const requisition = await ok(as(people.requester, 'POST', '/procurement/requisitions', { title: '机关食堂承包经营', category: 'catering', fiscalYear: year, lines: [{ description: '食堂承包经营 12 个月', quantity: 1, estimatedUnitPrice: 48_000_00 }] }), 201);
    const requisitionId = String(requisition['id']);
    await ok(as(people.requester, 'POST', `/procurement/requisitions/${requisitionId}/submit`));
    await ok(as(people.approver, 'POST', `/procurement/requisitions/${requisitionId}/approve`, {}));
    const contract = await ok(
      as(people.manager, 'POST', '/procurement/contracts', {
        title: '机关一食堂承包经营合同',
        requisitionId,
        vendorId,
        serviceType: 'catering',
        scope: { description: '机关一食堂午餐' },
        validFrom: `${year}-01-01T00:00:00+08:00`,
        validTo: '2099-12-31T00:00:00+08:00',
        priceTerms: { monthlyFee: 4_000_00 },
        slaTerms: { minInspectionPassRate: 95, minSatisfactionScore: 4.2 },
        penaltyRules: [{ breach: 'inspection-failed', amount: 2_000_00, capPerMonth: 10_000_00 }],
      }),
      201,
    );
    const contractId = String(contract['id']);
    await ok(as(people.admin, 'POST', `/procurement/contracts/${contractId}/sign`));
    await waitFor(async () => ((await ok(as(people.manager, 'GET', '/catering/catering-contracts'))) as unknown as Array<{ contractId: string }>).some((known) => known.contractId === contractId), {
      description: 'catering learning the catering contract',
    });

    const canteen = await ok(as(people.manager, 'POST', '/catering/canteens', { name: '机关一食堂', location: { building: '2号楼' }, capacity: 60, mealPeriods: ['lunch'] }), 201);
    canteenId = String(canteen['id']);
    const period = await ok(as(people.manager, 'POST', `/catering/canteens/${canteenId}/operator-periods`, { contractId }), 201);
    expect(period).toMatchObject({ vendorId, contractId, targets: { minInspectionPassRate: 95, minSatisfactionScore: 4.2 } });
    // Lunch is served later today: booking closes a minute before it starts.
    const later = cst(new Date(Date.now() + 5 * 60_000));
    await ok(as(people.manager, 'PUT', `/catering/canteens/${canteenId}/meal-periods/lunch`, { servesFrom: later.time, servesUntil: '23:59', cutoffMinutes: 1, capacity: 50 }));
  });

  it('publishes the menu the operator drafted once the manager approves it', async () => {
    const dish = await ok(
      as(operator(), 'POST', `/catering/canteens/${canteenId}/dishes`, {
        name: '宫保鸡丁',
        priceFen: PRICE,
        allergens: ['peanuts', 'soybeans'],
        nutrition: { energyKcal: 560, proteinG: 30, fatG: 24, carbohydrateG: 48, sodiumMg: 980 },
        ingredients: [
          { name: '鸡腿肉', supplierName: '京郊禽业', batch: 'CK-0601-02' },
          { name: '花生米', supplierName: '冀中粮油', batch: 'PN-2605-11' },
        ],
      }),
      201,
    );
    dishId = String(dish['id']);
    const today = cst(new Date()).date;
    const menu = await ok(as(operator(), 'POST', `/catering/canteens/${canteenId}/menus`, { kind: 'daily', startsOn: today, days: [{ date: today, period: 'lunch', dishIds: [dishId] }] }), 201);
    const menuId = String(menu['id']);
    await ok(as(operator(), 'POST', `/catering/menus/${menuId}/submit`));
    // Nobody books what is not yet approved; the operator never approves its own menu.
    expect((await as(people.diner, 'POST', `/catering/canteens/${canteenId}/reservations`, { date: today, period: 'lunch', dishIds: [dishId] })).status).toBe(422);
    expect((await as(operator(), 'POST', `/catering/menus/${menuId}/approve`, {})).status).toBe(403);
    expect(await ok(as(people.manager, 'POST', `/catering/menus/${menuId}/approve`, { note: '荤素搭配合理' }))).toMatchObject({ status: 'published' });
  });

  it('holds the price of a booked lunch, captures it as the charge when the meal is served, and takes one rating', async () => {
    await ok(as(people.manager, 'PUT', '/evaluation/surveys/sampling', { serviceType: 'catering', percent: 100 }));
    await ok(as(people.manager, 'POST', '/catering/meal-accounts', { staffId: people.diner.userId, staffCategory: '在编', overdraftLimitFen: 0 }), 201);
    await ok(as(people.manager, 'POST', `/catering/meal-accounts/${people.diner.userId}/top-ups`, { amountFen: 100_00, idempotencyKey: 'opening' }), 201);
    const today = cst(new Date()).date;
    const booked = await ok(as(people.diner, 'POST', `/catering/canteens/${canteenId}/reservations`, { date: today, period: 'lunch', dishIds: [dishId] }), 201);
    mealId = String(booked['id']);
    expect(booked).toMatchObject({ status: 'booked', amountFen: PRICE, vendorId });
    // Booked, not yet served: the price is held (预授权冻结), not charged.
    expect(await ok(as(people.diner, 'GET', `/catering/meal-accounts/${people.diner.userId}`))).toMatchObject({ balanceFen: 100_00 - PRICE, heldFen: PRICE });

    // Serving starts now: the manager opens lunch at this minute (the test does not wait for noon).
    expect((await as(operator(), 'POST', `/catering/canteens/${canteenId}/check-ins`, { qrToken: booked['qrToken'] })).status).toBe(409);
    await ok(as(people.manager, 'PUT', `/catering/canteens/${canteenId}/meal-periods/lunch`, { servesFrom: cst(new Date()).time, servesUntil: '23:59', cutoffMinutes: 1, capacity: 50 }));
    const served = await ok(as(operator(), 'POST', `/catering/canteens/${canteenId}/check-ins`, { qrToken: booked['qrToken'] }), 201);
    expect(served).toMatchObject({ id: mealId, status: 'served' });
    expect(await ok(as(people.diner, 'GET', `/catering/meal-accounts/${people.diner.userId}`))).toMatchObject({ balanceFen: 100_00 - PRICE, heldFen: 0 });
    const entries = (await ok(as(people.diner, 'GET', `/catering/meal-accounts/${people.diner.userId}/entries`))) as unknown as Entry[];
    expect(entries.map((entry) => [entry.kind, entry.amountFen])).toEqual([['charge', -PRICE], ['release', PRICE], ['hold', -PRICE], ['top-up', 100_00]]);
    expect(entries.reduce((sum, entry) => sum + entry.amountFen, 0)).toBe(100_00 - PRICE);
    const trace = await ok(as(people.manager, 'GET', `/catering/meals/${mealId}/trace`));
    expect(JSON.stringify(trace)).toContain('PN-2605-11');

    await ok(as(people.diner, 'POST', `/catering/meals/${mealId}/rating`, { score: 4, comment: '略咸' }), 201);
    expect((await as(people.diner, 'POST', `/catering/meals/${mealId}/rating`, { score: 5 })).status).toBe(409);
    // meal.served is the completion evaluation surveys: the diner is asked.
    await waitFor(async () => ((await ok(as(people.diner, 'GET', '/evaluation/surveys/pending'))) as unknown as Array<{ instanceId: string }>).some((survey) => survey.instanceId === mealId), {
      description: 'the survey of the served meal',
    });
  });

  it("records the rating and both inspections in the operator's KPIs, and the failed one as its violation", async () => {
    const passed = await ok(
      as(people.manager, 'POST', `/catering/canteens/${canteenId}/inspections`, {
        items: [
          { code: 'kitchen', category: 'hygiene', description: '后厨卫生', passed: true },
          { code: 'cold-room', category: 'storage-temperature', description: '冷藏库温度', storage: 'chilled', measuredCelsius: 4 },
          { code: 'samples', category: 'sample-retention', description: '留样', retainedHours: 48, sampleGrams: 150 },
        ],
      }),
      201,
    );
    expect(passed).toMatchObject({ passed: true, vendorId });
    const failed = await ok(
      as(people.manager, 'POST', `/catering/canteens/${canteenId}/inspections`, {
        items: [
          { code: 'kitchen', category: 'hygiene', description: '后厨卫生', passed: true },
          { code: 'cold-room', category: 'storage-temperature', description: '冷藏库温度', storage: 'chilled', measuredCelsius: 11 },
        ],
      }),
      201,
    );
    expect(failed).toMatchObject({ passed: false, score: 50, vendorId });

    const kpis = await waitFor(
      async () => {
        const current = await operatorKpis();
        return current['catering.inspection-pass']?.sampleSize === 2 && current['catering.meal-rating']?.sampleSize === 1 && current;
      },
      { description: "the rating and the inspections in the operator's KPIs" },
    );
    expect(kpis['catering.meal-rating']).toMatchObject({ value: 4, sampleSize: 1 });
    expect(kpis['catering.inspection-pass']).toMatchObject({ value: 50, sampleSize: 2 });
    expect(kpis['catering.complaint-rate']).toMatchObject({ value: 0, sampleSize: 1 });

    const violations = await waitFor(
      async () => {
        const rows = (await ok(as(people.manager, 'GET', `/evaluation/violations?party=${vendorId}&source=failed-inspection`))) as unknown as Array<Record<string, unknown>>;
        return rows.length > 0 && rows;
      },
      { description: 'the failed inspection recorded as a violation of the operator' },
    );
    expect(violations).toEqual([expect.objectContaining({ party: vendorId, serviceType: 'catering', sourceRef: failed['id'] })]);

    // The manager demands rectification (整改) of that violation; the operator reads the notice.
    const deadline = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const notice = await ok(
      as(people.manager, 'POST', '/evaluation/rectifications', {
        party: vendorId,
        finding: '冷藏库温度 11 °C，超过 8 °C',
        violationId: violations[0]!['id'],
        requiredEvidence: ['冷藏库温度记录照片'],
        deadline,
      }),
      201,
    );
    const seen = (await ok(as(operator(), 'GET', '/evaluation/rectifications'))) as unknown as Array<{ id: string }>;
    expect(seen.map((item) => item.id)).toEqual([notice['id']]);
  });
});
