import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { platformEvents } from '@houqin/contracts';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller } from '@houqin/testing';
import { recomputeKpis } from '../../tools/evaluation/recompute-kpis';
import { KPI_EVENT_TYPES, foldFacts, summarize } from '../../libs/services/evaluation/src/kpis/domain/kpi-facts';
import { KpiSums, sumsForPeriod } from '../../libs/services/evaluation/src/kpis/domain/kpi-values';
import { PERIOD_KINDS, Period, periodOf } from '../../libs/services/evaluation/src/kpis/domain/period';
import { ScenarioEvent, kpiScenario, seededRandom, seededUuid } from '../../libs/services/evaluation/src/kpis/kpi-scenario';

/**
 * KPIs (绩效指标) against the real evaluation service and PostgreSQL, events delivered through the
 * in-process broker and the real inbox and handlers: values per party and period as the events
 * say, whatever order they arrive in and however often; a recomputation from the audit trail (the
 * admin endpoint and the CLI) gives the identical result.
 */
describe('evaluation: KPIs', () => {
  const broker = new InProcessBroker();
  let database: TestDatabase;
  let evaluation: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('evaluation_kpis');
    evaluation = await startService(evaluationService, { env: inProcessServiceEnv(database.url), broker });
  });

  afterAll(async () => {
    await evaluation?.shutdown();
    await database?.drop();
  });

  const call = (caller: Caller, method: string, path: string, body?: unknown) => callService(evaluation.url, caller, method, path, body);
  const managerOf = (agencyId: string) => testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });

  async function deliver(event: ScenarioEvent, times = 1): Promise<void> {
    const contract = platformEvents.get(event.type);
    const envelope = contract.create({ subject: event.subject, origin: { agencyId: event.agencyId, correlationId: randomUUID() }, data: event.data, id: event.id, time: new Date(event.time) });
    for (let delivery = 0; delivery < times; delivery += 1) await broker.publish(contract.topic, event.subject, Buffer.from(JSON.stringify(envelope)));
  }

  async function storedSums(agencyId: string): Promise<string[]> {
    const rows = await database.query<{ service_type: string; party: string; period_key: string; kpi_code: string; numerator: string; denominator: string; sample_size: number }>(
      `SELECT service_type, party, period_key, kpi_code, numerator, denominator, sample_size FROM kpi_value WHERE agency_id = $1`,
      [agencyId],
    );
    return rows.map((row) => [row.service_type, row.party, row.period_key, row.kpi_code, Number(row.numerator), Number(row.denominator), row.sample_size].join('|')).sort();
  }

  /** What the events give, folded in memory in the order they happened. */
  function expectedSums(events: readonly ScenarioEvent[]): string[] {
    const facts = [...foldFacts(events).values()];
    const periods = new Map<string, Period>();
    for (const fact of facts) {
      const anchor = summarize(fact.instance, fact.fields).anchorAt;
      if (anchor) for (const kind of PERIOD_KINDS) periods.set(periodOf(new Date(anchor), kind).key, periodOf(new Date(anchor), kind));
    }
    const rows: KpiSums[] = [...periods.values()].flatMap((period) => [...sumsForPeriod(facts, period).values()]);
    return rows.map((row) => [row.serviceType, row.party, row.periodKey, row.code, row.numerator, row.denominator, row.sampleSize].join('|')).sort();
  }

  describe('a vendor’s month, by hand', () => {
    const agencyId = `agency-${randomUUID()}`;
    const vendor = randomUUID();
    let sequence = 0;
    const at = (day: number, hour = 2) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();
    const summary = (workOrderId: string) => ({ workOrderId, origin: 'repair-request', repairRequestId: workOrderId, priority: 'normal', category: 'hvac', location: { building: 'Main building' }, vendorId: vendor, contractId: vendor });
    const event = (type: string, subject: string, time: string, data: Record<string, unknown>): ScenarioEvent => ({ id: seededUuid(seededRandom((sequence += 1) * 7919)), type, time, agencyId, subject, data });
    const verified = (workOrderId: string, day: number, totalFen: number, reopenCount = 0) =>
      event(KPI_EVENT_TYPES.workOrderVerified, workOrderId, at(day), {
        ...summary(workOrderId),
        reportedBy: 'staff-1',
        reportedAt: at(day - 2),
        acceptedAt: at(day - 2, 3),
        completedAt: at(day - 1),
        responseMinutes: 60,
        resolutionMinutes: 1_440,
        onHoldMinutes: 0,
        reopenCount,
        firstTimeFix: reopenCount === 0,
        cost: { labourFen: totalFen, partsFen: 0, extraFen: 0, totalFen },
        verifiedBy: 'staff-1',
        verifiedAt: at(day),
      });
    const breach = (workOrderId: string, kind: 'response' | 'resolution', day: number) =>
      event(KPI_EVENT_TYPES.slaBreached, workOrderId, at(day), {
        workOrderId,
        agencyId,
        vendorId: vendor,
        contractId: vendor,
        kind,
        priority: 'normal',
        targetMinutes: 240,
        deadline: at(day),
        escalateTo: 'logistics-manager',
        breachedAt: at(day),
      });
    const orders = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

    beforeAll(async () => {
      // Four work orders verified in March 2026: one answered late, one fixed only the second time;
      // 100, 200, 300 and 400 yuan. The breach of the first arrives after its verification.
      await deliver(verified(orders[0]!, 10, 10_000));
      await deliver(verified(orders[1]!, 11, 20_000, 1));
      await deliver(verified(orders[2]!, 12, 30_000));
      await deliver(verified(orders[3]!, 13, 40_000), 2);
      await deliver(breach(orders[0]!, 'response', 8), 2);
    });

    it('counts each verified work order once for the vendor in the month, quarter and year it was verified', async () => {
      const answer = await call(managerOf(agencyId), 'GET', `/kpis/values?period=2026-03&serviceType=maintenance&party=${vendor}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toHaveLength(1);
      const kpis = Object.fromEntries((answer.body[0]!['kpis'] as Array<{ code: string; value: number | null; sampleSize: number }>).map((kpi) => [kpi.code, kpi]));
      expect(kpis['maintenance.response-within-sla']).toMatchObject({ value: 75, sampleSize: 4 });
      expect(kpis['maintenance.resolution-within-sla']).toMatchObject({ value: 100, sampleSize: 4 });
      expect(kpis['maintenance.first-time-fix']).toMatchObject({ value: 75, sampleSize: 4 });
      expect(kpis['maintenance.reopen-rate']).toMatchObject({ value: 25, sampleSize: 4 });
      expect(kpis['maintenance.cost-per-work-order']).toMatchObject({ value: 25_000, sampleSize: 4, unit: 'fen' });
      expect(kpis['maintenance.preventive-on-time']).toMatchObject({ value: null, sampleSize: 0 });
      for (const period of ['2026-Q1', '2026']) {
        const wider = await call(managerOf(agencyId), 'GET', `/kpis/values?period=${period}&serviceType=maintenance&party=${vendor}`);
        expect((wider.body[0]!['kpis'] as Array<{ code: string; sampleSize: number }>).find((kpi) => kpi.code === 'maintenance.first-time-fix')!.sampleSize).toBe(4);
      }
      const april = await call(managerOf(agencyId), 'GET', `/kpis/values?period=2026-04&serviceType=maintenance`);
      expect(april.body).toEqual([]);
    });

    it('keeps transport KPIs null for a party with no trips, and offers catering KPIs', async () => {
      const answer = await call(managerOf(agencyId), 'GET', `/kpis/values?period=2026-03&serviceType=transport&party=${vendor}`);
      expect(answer.status).toBe(200);
      expect((answer.body[0]!['kpis'] as Array<{ value: unknown }>).map((kpi) => kpi.value)).toEqual([null, null, null, null]);
      const definitions = await call(managerOf(agencyId), 'GET', '/kpis/definitions?serviceType=catering');
      expect(definitions.body.map((definition) => definition['available'])).toEqual([true, true, true, true]);
    });

    it('shows a vendor account its own values only; another party answers 404', async () => {
      const account = testCaller({ agencyId, userId: 'vendor-user', roles: ['vendor'], vendorId: vendor });
      const own = await call(account, 'GET', '/kpis/values?period=2026-03');
      expect(own.status).toBe(200);
      expect(own.body.map((values) => values['party'])).toEqual([vendor]);
      const stranger = testCaller({ agencyId, userId: 'other-user', roles: ['vendor'], vendorId: randomUUID() });
      expect((await call(stranger, 'GET', '/kpis/values?period=2026-03')).body).toEqual([]);
      expect((await call(stranger, 'GET', `/kpis/values?period=2026-03&party=${vendor}`)).status).toBe(404);
    });

    it('refuses a malformed period or party naming the field', async () => {
      const bad = await call(managerOf(agencyId), 'GET', '/kpis/values?period=2026-13');
      expect(bad.status).toBe(400);
      expect(bad.body['errors']).toEqual([expect.objectContaining({ field: 'period' })]);
      const party = await call(managerOf(agencyId), 'GET', '/kpis/values?period=2026-03&party=acme');
      expect(party.status).toBe(400);
      expect(party.body['errors']).toEqual([expect.objectContaining({ field: 'party' })]);
      expect((await call(managerOf(agencyId), 'GET', '/kpis/values')).status).toBe(400);
      for (const repeated of ['period=2026-03&period=2026-04', `period=2026-03&party=${vendor}&party=internal-team`]) {
        const answer = await call(managerOf(agencyId), 'GET', `/kpis/values?${repeated}`);
        expect(answer.status).toBe(400);
      }
    });

    it('finds a stored value the events do not give, reports it and puts it right', async () => {
      await database.query(`UPDATE kpi_value SET numerator = numerator + 1 WHERE agency_id = $1 AND period_key = '2026-03' AND kpi_code = 'maintenance.first-time-fix'`, [agencyId]);
      const first = await call(managerOf(agencyId), 'POST', '/kpis/recomputations', { period: '2026-03' });
      expect(first.status).toBe(200);
      // Five distinct events: the redeliveries were never recorded twice.
      expect(first.body).toMatchObject({ identical: false, events: 5, facts: 4 });
      expect(first.body['differences']).toEqual([
        { serviceType: 'maintenance', party: vendor, code: 'maintenance.first-time-fix', stored: { numerator: 4, denominator: 4, sampleSize: 4 }, recomputed: { numerator: 3, denominator: 4, sampleSize: 4 } },
      ]);
      const again = await call(managerOf(agencyId), 'POST', '/kpis/recomputations', { period: '2026-03' });
      expect(again.body).toMatchObject({ identical: true, differences: [], factsChanged: 0 });
    });
  });

  it('takes a work order out of the values it counted in once a later event names another party or cancels it', async () => {
    const agencyId = `agency-${randomUUID()}`;
    const [first, second] = [randomUUID(), randomUUID()];
    const history = kpiScenario({ agencyId, seed: 77, vendors: [first], workOrders: 6, receipts: 0, year: 2026 }).map((event) => ({ ...event, id: randomUUID() }));
    for (const event of history) await deliver(event);
    const verified = history.filter((event) => event.type === KPI_EVENT_TYPES.workOrderVerified && (event.data as { vendorId?: string }).vendorId === first);
    expect(verified.length).toBeGreaterThan(1);
    const [moved, cancelled] = verified.map((event) => event.data as Record<string, unknown>);
    // A minute after the last event of the same work order.
    const later = (event: ScenarioEvent) =>
      new Date(Math.max(...history.filter((other) => other.subject === event.subject).map((other) => new Date(other.time).getTime())) + 60_000).toISOString();
    const summaryOf = (data: Record<string, unknown>) => ({ workOrderId: data['workOrderId'], origin: data['origin'], ...(data['repairRequestId'] ? { repairRequestId: data['repairRequestId'] } : {}), ...(data['preventivePlanId'] ? { preventivePlanId: data['preventivePlanId'] } : {}), priority: 'normal', category: 'hvac', location: { building: 'Main building' } });
    const extra: ScenarioEvent[] = [
      { id: randomUUID(), agencyId, type: KPI_EVENT_TYPES.workOrderAssigned, subject: String(moved!['workOrderId']), time: later(verified[0]!), data: { ...summaryOf(moved!), vendorId: second, contractId: second, assignee: 'vendor', automatic: false, assignedBy: 'manager-1', assignedAt: later(verified[0]!), reportedAt: moved!['reportedAt'] } },
      { id: randomUUID(), agencyId, type: KPI_EVENT_TYPES.workOrderCancelled, subject: String(cancelled!['workOrderId']), time: later(verified[1]!), data: { ...summaryOf(cancelled!), vendorId: first, contractId: first, previousStatus: 'verified', reason: 'raised in error', cancelledBy: 'manager-1', cancelledAt: later(verified[1]!) } },
    ];
    for (const event of extra) await deliver(event);
    expect(await storedSums(agencyId)).toEqual(expectedSums([...history, ...extra]));
    const secondRows = (await storedSums(agencyId)).filter((row) => row.includes(second));
    expect(secondRows.some((row) => row.includes('|2026|maintenance.first-time-fix|'))).toBe(true);
    expect((await call(managerOf(agencyId), 'POST', '/kpis/recomputations', { period: '2026' })).body).toMatchObject({ identical: true });
  });

  it('gives the internal team no SLA compliance, its work running no SLA clock, and its other KPIs as the events say', async () => {
    const agencyId = `agency-${randomUUID()}`;
    const workOrderId = randomUUID();
    const at = (day: number) => new Date(Date.UTC(2026, 2, day, 2)).toISOString();
    // 内部后勤班组: no vendorId, no contractId; answered in two days, which no SLA measures.
    const verified: ScenarioEvent = {
      id: randomUUID(),
      agencyId,
      type: KPI_EVENT_TYPES.workOrderVerified,
      subject: workOrderId,
      time: at(12),
      data: {
        workOrderId,
        origin: 'repair-request',
        repairRequestId: workOrderId,
        priority: 'normal',
        category: 'hvac',
        location: { building: 'Main building' },
        reportedBy: 'staff-1',
        reportedAt: at(8),
        acceptedAt: at(10),
        completedAt: at(11),
        responseMinutes: 2_880,
        resolutionMinutes: 4_320,
        onHoldMinutes: 0,
        reopenCount: 0,
        firstTimeFix: true,
        cost: { labourFen: 12_000, partsFen: 0, extraFen: 0, totalFen: 12_000 },
        verifiedBy: 'staff-1',
        verifiedAt: at(12),
      },
    };
    await deliver(verified);
    const answer = await call(managerOf(agencyId), 'GET', '/kpis/values?period=2026-03&serviceType=maintenance&party=internal-team');
    expect(answer.status).toBe(200);
    const kpis = Object.fromEntries((answer.body[0]!['kpis'] as Array<{ code: string; value: number | null; sampleSize: number }>).map((kpi) => [kpi.code, kpi]));
    expect(kpis['maintenance.response-within-sla']).toMatchObject({ value: null, sampleSize: 0 });
    expect(kpis['maintenance.resolution-within-sla']).toMatchObject({ value: null, sampleSize: 0 });
    expect(kpis['maintenance.first-time-fix']).toMatchObject({ value: 100, sampleSize: 1 });
    expect(kpis['maintenance.cost-per-work-order']).toMatchObject({ value: 12_000, sampleSize: 1 });
  });

  it('rebuilds lost facts and values from the audit trail, to the same figures', async () => {
    const agencyId = `agency-${randomUUID()}`;
    const history = kpiScenario({ agencyId, seed: 91, vendors: [randomUUID(), randomUUID()], workOrders: 10, receipts: 4, year: 2026 }).map((event) => ({ ...event, id: randomUUID() }));
    for (const event of history) await deliver(event);
    const before = await storedSums(agencyId);
    const [{ count }] = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM kpi_fact WHERE agency_id = $1`, [agencyId]);
    await database.query(`DELETE FROM kpi_fact WHERE agency_id = $1`, [agencyId]);
    await database.query(`DELETE FROM kpi_value WHERE agency_id = $1`, [agencyId]);
    const rebuilt = await call(managerOf(agencyId), 'POST', '/kpis/recomputations', { period: '2026' });
    expect(rebuilt.body).toMatchObject({ identical: false, factsChanged: count, facts: count });
    // The year was replaced from the replay; its months and quarters from the rewritten facts.
    expect(await storedSums(agencyId)).toEqual(before);
    expect((await call(managerOf(agencyId), 'POST', '/kpis/recomputations', { period: '2026' })).body).toMatchObject({ identical: true, differences: [] });
  });

  describe('definitions', () => {
    const agencyId = `agency-${randomUUID()}`;
    const kpis = (weights: number[]) =>
      ['procurement.on-time-delivery', 'procurement.receipt-acceptance', 'procurement.invoice-match'].map((code, index) => ({ code, target: 90, weight: weights[index] }));

    it('lists the platform’s definitions until the agency sets its own, and back after clearing', async () => {
      const platform = await call(managerOf(agencyId), 'GET', '/kpis/definitions?serviceType=procurement');
      expect(platform.body.map((kpi) => [kpi['code'], kpi['weight'], kpi['overridden']])).toEqual([
        ['procurement.on-time-delivery', 40, false],
        ['procurement.receipt-acceptance', 30, false],
        ['procurement.invoice-match', 30, false],
      ]);
      const set = await call(managerOf(agencyId), 'PUT', '/kpis/definitions/procurement', { kpis: [{ ...kpis([50, 25, 25])[0], name: '到货及时率' }, ...kpis([50, 25, 25]).slice(1)] });
      expect(set.status).toBe(200);
      expect(set.body[0]).toMatchObject({ name: '到货及时率', target: 90, weight: 50, overridden: true, unit: 'percent' });
      const everything = await call(managerOf(agencyId), 'GET', '/kpis/definitions');
      expect(everything.body.filter((kpi) => kpi['serviceType'] === 'maintenance').every((kpi) => kpi['overridden'] === false)).toBe(true);
      const cleared = await call(testCaller({ agencyId, roles: ['agency-admin'] }), 'DELETE', '/kpis/definitions/procurement');
      expect(cleared.body.map((kpi) => kpi['weight'])).toEqual([40, 30, 30]);
    });

    it('refuses weights that do not sum to 100 (422) and a weight that is not a whole number (400), naming the field', async () => {
      const sum = await call(managerOf(agencyId), 'PUT', '/kpis/definitions/procurement', { kpis: kpis([50, 25, 24]) });
      expect(sum.status).toBe(422);
      expect(sum.body['type']).toBe('urn:houqin:problem:weights-not-100');
      const fraction = await call(managerOf(agencyId), 'PUT', '/kpis/definitions/procurement', { kpis: kpis([50.5, 24.5, 25]) });
      expect(fraction.status).toBe(400);
      expect(fraction.body['errors']).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'kpis[0].weight' })]));
      const target = await call(managerOf(agencyId), 'PUT', '/kpis/definitions/procurement', { kpis: kpis([50, 25, 25]).map((kpi, index) => (index === 1 ? { ...kpi, target: 120 } : kpi)) });
      expect(target.status).toBe(422);
      expect(target.body['errors']).toEqual([expect.objectContaining({ field: 'kpis[1].target' })]);
      expect((await call(managerOf(agencyId), 'PUT', '/kpis/definitions/laundry', { kpis: kpis([50, 25, 25]) })).status).toBe(400);
    });

    it('refuses anyone but a logistics manager or agency admin', async () => {
      const staff = await call(testCaller({ agencyId, roles: ['staff'] }), 'PUT', '/kpis/definitions/procurement', { kpis: kpis([50, 25, 25]) });
      expect(staff.status).toBe(422);
      const recompute = await call(testCaller({ agencyId, roles: ['evaluator'] }), 'POST', '/kpis/recomputations', { period: '2026' });
      expect(recompute.status).toBe(422);
      const badPeriod = await call(managerOf(agencyId), 'POST', '/kpis/recomputations', { period: '2026-Q5' });
      expect(badPeriod.status).toBe(400);
      expect(badPeriod.body['errors']).toEqual([expect.objectContaining({ field: 'period' })]);
    });
  });

  it('fold out-of-order events (breach after verification, cost after closing, verification before assignment) exactly as in order', async () => {
    const inOrder = `agency-${randomUUID()}`;
    const shuffled = `agency-${randomUUID()}`;
    const vendors = [randomUUID(), randomUUID()];
    // The same history for two agencies, each event with an id of its own (the inbox keys on it).
    const scenario = (agencyId: string) => kpiScenario({ agencyId, seed: 4_242, vendors, workOrders: 20, receipts: 6, year: 2026 }).map((event) => ({ ...event, id: randomUUID() }));
    const history = scenario(inOrder);
    for (const event of history) await deliver(event);
    // Latest first: every verification before its assignment, every breach and late cost before what preceded it.
    for (const event of [...scenario(shuffled)].reverse()) await deliver(event);
    expect(await storedSums(shuffled)).toEqual(await storedSums(inOrder));
    expect(await storedSums(inOrder)).toEqual(expectedSums(history));
  });

  it('gives values equal to the from-scratch recomputation (endpoint and CLI) for the same events, shuffled and redelivered (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer(), (seed, shuffleSeed) => {
        const agencyId = `agency-${randomUUID()}`;
        const random = seededRandom(seed);
        const vendors = Array.from({ length: 3 }, () => seededUuid(random));
        const events = kpiScenario({ agencyId, seed, vendors, workOrders: 12, receipts: 5, year: 2026 });
        return (async () => {
          const order = seededRandom(shuffleSeed);
          const deliveries = events.map((event) => ({ event, key: order(), times: order() < 0.25 ? 2 : 1 })).sort((a, b) => a.key - b.key);
          for (const { event, times } of deliveries) await deliver(event, times);
          const incremental = await storedSums(agencyId);
          expect(incremental).toEqual(expectedSums(events));
          const month = periodOf(new Date(events[Math.floor(events.length / 2)]!.time), 'month').key;
          const viaEndpoint = await call(managerOf(agencyId), 'POST', '/kpis/recomputations', { period: month });
          expect(viaEndpoint.body).toMatchObject({ identical: true, differences: [], factsChanged: 0 });
          const viaCli = await recomputeKpis({ databaseUrl: database.url, agencyId, period: '2026' });
          expect(viaCli).toMatchObject({ identical: true, differences: [], factsChanged: 0, events: events.length });
          expect(await storedSums(agencyId)).toEqual(incremental);
        })();
      }),
      { seed: 20_261_206, numRuns: 5 },
    );
  });
});
