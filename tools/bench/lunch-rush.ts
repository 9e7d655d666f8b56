import { Client } from 'pg';
import { Caller } from '@houqin/observability';
import { accessToken, callGateway, expectStatus, waitFor } from '@houqin/testing';
import { BenchConfig, Cleanup, progress } from './context';
import { LoadClient } from './load-client';
import type { RequestVariant } from './http-load';
import type { Cluster, Throughput } from './platform-bench';
import { inParallel, nowMs, perSecond, summarize } from './stats';

/**
 * The lunch rush (午餐订餐高峰, issue 17): `lunchStaff` staff members (2,000 by default), each with
 * their own access token, book the same lunch through the gateway, `lunchClients` at a time, until
 * every one of them has asked once. A booking is what `POST /catering/canteens/:id/reservations`
 * does as deployed: the canteen, the period's settings, the published menu, the operator, one
 * conditional UPDATE of the meal service's row (canteen, date, lunch) for the covers — every booking
 * of the rush takes its seat from that one row — the reservation row, and the hold of the price on
 * the diner's meal account under the account's row lock (docs/catering.md).
 *
 * Setup, as test/e2e/catering-loop.e2e-spec.ts does it, through the gateway: a caterer registered in
 * procurement, a budget, an approved requisition and a catering contract signed there; catering
 * learns the contract over Kafka; a canteen, the caterer's operator period under the contract,
 * tomorrow's lunch (China Standard Time, 11:30–13:00, booking closes 2 h before) with a capacity of
 * `lunchCapacity`, a dish and tomorrow's menu the operator drafts and the manager approves; then a
 * meal account with a top-up for every staff member, `httpConcurrency` requests at a time.
 *
 * Tomorrow's lunch, not today's: the booking's cut-off then lies ahead whatever the time of day the
 * bench runs at.
 */
export interface LunchRushResults {
  staff: number;
  capacity: number;
  clients: number;
  /** The whole rush: every staff member's one booking; rate = bookings that succeeded per second. */
  rush: Throughput;
  /** Answers per second, bookings and refusals alike. */
  answersPerSecond: number;
  booked: number;
  /** 409: the lunch was full. */
  full: number;
  /** min(capacity, staff): the bookings that must succeed. */
  expected: number;
  /** Every answer by HTTP status. */
  statuses: Record<string, number>;
  /** What catering's database holds after the rush: booked reservations, covers taken on the meal service's row, holds on meal accounts. */
  recorded: { reservations: number; taken: number; holds: number };
  /** Whatever does not add up (wrong counts, answers other than 201 and 409); empty when all holds. */
  problems: string[];
  setupMs: number;
}

const DISH_PRICE_FEN = 18_00;
const TOP_UP_FEN = 100_00;

/** An instant's date in China Standard Time (UTC+8, no daylight saving), `plusDays` later. */
export function cstDay(at: Date, plusDays = 0): string {
  return new Date(at.getTime() + 8 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** The staff member's user id, and meal account, of the rush's `index`-th diner. */
export function dinerId(index: number): string {
  return `staff-${String(index + 1).padStart(5, '0')}`;
}

/**
 * Does the rush add up? Exactly min(capacity, staff) bookings succeed, every other staff member is
 * told 409 (the lunch is full), nobody gets anything else, and catering's database holds as many
 * booked reservations, covers taken and holds as there were 201s.
 */
export function rushOutcome(
  statuses: Record<string, number>,
  staff: number,
  capacity: number,
  recorded?: LunchRushResults['recorded'],
): { booked: number; full: number; expected: number; problems: string[] } {
  const booked = statuses['201'] ?? 0;
  const full = statuses['409'] ?? 0;
  const expected = Math.min(staff, capacity);
  const problems: string[] = [];
  if (booked !== expected) problems.push(`${booked} bookings succeeded, expected min(capacity ${capacity}, staff ${staff}) = ${expected}`);
  if (full !== staff - expected) problems.push(`${full} bookings answered 409 (full), expected ${staff - expected}`);
  for (const [status, count] of Object.entries(statuses)) if (status !== '201' && status !== '409') problems.push(`${count} bookings answered ${status}`);
  if (recorded) {
    if (recorded.reservations !== booked) problems.push(`catering holds ${recorded.reservations} booked reservations for ${booked} bookings answered 201`);
    if (recorded.taken !== booked) problems.push(`the meal service's row counts ${recorded.taken} covers taken for ${booked} bookings answered 201`);
    if (recorded.holds !== booked) problems.push(`meal accounts hold ${recorded.holds} bookings' prices for ${booked} bookings answered 201`);
  }
  return { booked, full, expected, problems };
}

export async function lunchRushScenario(config: BenchConfig, cleanup: Cleanup, cluster: Cluster): Promise<LunchRushResults> {
  const setupStarted = nowMs();
  const gateway = cluster.byName['gateway']!;
  const agencyId = `${cluster.agencyId}-catering`;
  const person = (userId: string, roles: string[], vendorId?: string): Caller => ({ agencyId, userId, roles, ...(vendorId ? { vendorId } : {}) });
  const manager = person('manager-chen', ['staff', 'logistics-manager']);
  const admin = person('admin-lin', ['agency-admin']);
  const requester = person('staff-zhou', ['staff']);
  const approver = person('approver-wang', ['approver']);
  const as = (caller: Caller, method: string, path: string, body?: unknown) => callGateway(gateway.url, caller, method, path, body);
  const ok = (caller: Caller, method: string, path: string, body: unknown, status = 200) => expectStatus(as(caller, method, path, body), status);
  const year = new Date().getUTCFullYear();

  progress('lunch: a catering contract signed in procurement, waiting for catering to learn it over Kafka');
  const vendor = await ok(
    manager,
    'POST',
    '/procurement/vendors',
    { name: '京华膳食服务有限公司', unifiedSocialCreditCode: '91440300708461136T', categories: ['catering'], contact: { name: '黄经理', phone: '13901010003' } },
    201,
  );
  const vendorId = String(vendor['id']);
  await ok(manager, 'POST', `/procurement/vendors/${vendorId}/qualifications`, { kind: 'food-operation-permit', number: 'JY11105000123456', category: 'catering', issuedOn: `${year - 1}-03-01`, expiresOn: `${year + 2}-02-28` }, 201);
  await ok(admin, 'POST', '/procurement/budgets', { fiscalYear: year, category: 'catering', allocated: 1_000_000_00 }, 201);
  const requisition = await ok(requester, 'POST', '/procurement/requisitions', { title: '机关食堂承包经营', category: 'catering', fiscalYear: year, lines: [{ description: '食堂承包经营 12 个月', quantity: 1, estimatedUnitPrice: 48_000_00 }] }, 201);
  const requisitionId = String(requisition['id']);
  await ok(requester, 'POST', `/procurement/requisitions/${requisitionId}/submit`, undefined);
  await ok(approver, 'POST', `/procurement/requisitions/${requisitionId}/approve`, {});
  const contract = await ok(
    manager,
    'POST',
    '/procurement/contracts',
    {
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
    },
    201,
  );
  const contractId = String(contract['id']);
  await ok(admin, 'POST', `/procurement/contracts/${contractId}/sign`, undefined);
  await waitFor(async () => ((await ok(manager, 'GET', '/catering/catering-contracts', undefined)) as unknown as Array<{ contractId: string }>).some((known) => known.contractId === contractId), {
    timeoutMs: 60_000,
    description: 'catering learning the catering contract',
  });

  progress(`lunch: a canteen, its operator, tomorrow's lunch for ${config.lunchCapacity}, a dish and its approved menu`);
  const canteen = await ok(manager, 'POST', '/catering/canteens', { name: '机关一食堂', location: { building: '2号楼' }, capacity: 600, mealPeriods: ['lunch'] }, 201);
  const canteenId = String(canteen['id']);
  await ok(manager, 'POST', `/catering/canteens/${canteenId}/operator-periods`, { contractId }, 201);
  await ok(manager, 'PUT', `/catering/canteens/${canteenId}/meal-periods/lunch`, { servesFrom: '11:30', servesUntil: '13:00', cutoffMinutes: 120, capacity: config.lunchCapacity });
  const operator = person('chef-huang', ['vendor'], vendorId);
  const dish = await ok(
    operator,
    'POST',
    `/catering/canteens/${canteenId}/dishes`,
    {
      name: '宫保鸡丁',
      priceFen: DISH_PRICE_FEN,
      allergens: ['peanuts', 'soybeans'],
      nutrition: { energyKcal: 560, proteinG: 30, fatG: 24, carbohydrateG: 48, sodiumMg: 980 },
      ingredients: [
        { name: '鸡腿肉', supplierName: '京郊禽业', batch: 'CK-0601-02' },
        { name: '花生米', supplierName: '冀中粮油', batch: 'PN-2605-11' },
      ],
    },
    201,
  );
  const dishId = String(dish['id']);
  const date = cstDay(new Date(), 1);
  const menu = await ok(operator, 'POST', `/catering/canteens/${canteenId}/menus`, { kind: 'daily', startsOn: date, days: [{ date, period: 'lunch', dishIds: [dishId] }] }, 201);
  await ok(operator, 'POST', `/catering/menus/${String(menu['id'])}/submit`, undefined);
  await ok(manager, 'POST', `/catering/menus/${String(menu['id'])}/approve`, { note: '荤素搭配合理' });

  const staff = Array.from({ length: config.lunchStaff }, (_, index) => dinerId(index));
  progress(`lunch: ${staff.length} meal accounts with a top-up, ${config.httpConcurrency} at a time`);
  await inParallel(staff, config.httpConcurrency, async (staffId) => {
    await ok(manager, 'POST', '/catering/meal-accounts', { staffId, staffCategory: '在编', overdraftLimitFen: 0 }, 201);
    await ok(manager, 'POST', `/catering/meal-accounts/${staffId}/top-ups`, { amountFen: TOP_UP_FEN, idempotencyKey: 'opening' }, 201);
  });
  const setupMs = nowMs() - setupStarted;

  // Every diner's own access token (the gateway verifies each, and rate-limits each user in Redis).
  const variants: RequestVariant[] = staff.map((staffId) => ({
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken(person(staffId, ['staff']))}` },
  }));
  const client = new LoadClient();
  cleanup.push('stop the lunch load worker', () => client.close());
  progress(`lunch: the rush — ${staff.length} staff book tomorrow's lunch (capacity ${config.lunchCapacity}), ${config.lunchClients} clients (setup took ${(setupMs / 1000).toFixed(1)} s)`);
  const result = await client.run({
    url: `${gateway.url}/api/v1/catering/canteens/${canteenId}/reservations`,
    method: 'POST',
    headers: {},
    body: JSON.stringify({ date, period: 'lunch', dishIds: [dishId] }),
    expectStatus: 201,
    acceptStatuses: [409],
    concurrency: config.lunchClients,
    warmup: 0,
    variants,
  }, 600_000);
  await client.close();

  const database = new Client({ connectionString: cluster.databases['catering']!.url });
  await database.connect();
  let recorded: LunchRushResults['recorded'];
  try {
    const count = async (sql: string, params: unknown[]) => Number(((await database.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0));
    recorded = {
      reservations: await count(`SELECT count(*) AS n FROM reservation WHERE agency_id = $1 AND canteen_id = $2 AND service_date = $3 AND period = 'lunch' AND status = 'booked'`, [agencyId, canteenId, date]),
      taken: await count(`SELECT coalesce(sum(taken), 0) AS n FROM meal_service WHERE canteen_id = $1 AND service_date = $2 AND period = 'lunch'`, [canteenId, date]),
      holds: await count(`SELECT count(*) AS n FROM meal_account_entry WHERE agency_id = $1 AND kind = 'hold'`, [agencyId]),
    };
  } finally {
    await database.end();
  }
  const outcome = rushOutcome(result.statuses, staff.length, config.lunchCapacity, recorded);
  const rush: Throughput = {
    label: 'lunch rush: bookings through the gateway',
    requestsPerSecond: perSecond(outcome.booked, result.elapsedMs),
    latency: summarize(result.latencies),
    windowMs: result.elapsedMs,
    concurrency: config.lunchClients,
  };
  if (result.firstFailure) outcome.problems.push(`first unexpected answer: ${result.firstFailure}`);
  return {
    staff: staff.length,
    capacity: config.lunchCapacity,
    clients: config.lunchClients,
    rush,
    answersPerSecond: perSecond(result.sent, result.elapsedMs),
    booked: outcome.booked,
    full: outcome.full,
    expected: outcome.expected,
    statuses: result.statuses,
    recorded,
    problems: outcome.problems,
    setupMs,
  };
}
