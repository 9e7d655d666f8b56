import fc from 'fast-check';
import { kpiScenario, seededRandom, seededUuid } from '../kpi-scenario';
import { INTERNAL_TEAM } from './evaluated-party';
import { Fact, KPI_EVENT_TYPES, KpiEvent, factKey, foldEvent, foldFacts, sameSummary, summarize } from './kpi-facts';
import { affectedValues } from './kpi-fold';
import { KpiSums, addMeasures, sumsForPeriod, sumsKey } from './kpi-values';
import { PERIOD_KINDS, Period, periodOf } from './period';

const agencyId = 'agency-kpi';
const vendor = '6f1c7e0a-6b1d-4c57-9e49-1a2b3c4d5e6f';
const other = '0b8e7c52-1f0e-4f43-8a4b-0e0c3a7d2f11';
let sequence = 0;
const event = (type: string, time: string, data: Record<string, unknown>): KpiEvent => ({
  id: `00000000-0000-4000-8000-${String((sequence += 1)).padStart(12, '0')}`,
  type,
  time,
  agencyId,
  data,
});

const workOrderId = '11111111-1111-4111-8111-111111111111';
const contractId = '55555555-5555-4555-8555-555555555555';
const verified = (time: string, extra: Record<string, unknown> = {}) =>
  event(KPI_EVENT_TYPES.workOrderVerified, time, {
    workOrderId,
    vendorId: vendor,
    contractId,
    verifiedAt: time,
    completedAt: '2026-03-10T02:00:00.000Z',
    reopenCount: 0,
    firstTimeFix: true,
    cost: { labourFen: 30_000, partsFen: 0, extraFen: 0, totalFen: 30_000 },
    ...extra,
  });

function factOf(events: KpiEvent[]): Fact {
  const facts = [...foldFacts(events).values()].filter((fact) => fact.instance === `work-order:${workOrderId}`);
  expect(facts).toHaveLength(1);
  return facts[0]!;
}

describe('KPI facts of a work order', () => {
  it('counts a verified work order for its vendor in the period it was verified (China Standard Time)', () => {
    const fact = factOf([verified('2026-03-31T16:30:00.000Z')]);
    const summary = summarize(fact.instance, fact.fields);
    expect(summary.party).toBe(vendor);
    expect(periodOf(new Date(summary.anchorAt!), 'month').key).toBe('2026-04');
    expect(summary.measures['maintenance.response-within-sla']).toEqual({ num: 1, den: 1, n: 1 });
    expect(summary.measures['maintenance.cost-per-work-order']).toEqual({ num: 30_000, den: 1, n: 1 });
  });

  it('counts nothing before verification, nor for a cancelled work order', () => {
    const completed = event(KPI_EVENT_TYPES.workOrderCompleted, '2026-03-10T02:00:00.000Z', { workOrderId, vendorId: vendor, completedAt: '2026-03-10T02:00:00.000Z', reopenCount: 0, firstTimeFix: true });
    expect(summarize(factOf([completed]).instance, factOf([completed]).fields).anchorAt).toBeNull();
    const cancelled = event(KPI_EVENT_TYPES.workOrderCancelled, '2026-03-10T03:00:00.000Z', { workOrderId });
    const fact = factOf([verified('2026-03-11T00:00:00.000Z'), cancelled]);
    expect(summarize(fact.instance, fact.fields).measures).toEqual({});
  });

  it('holds a breach against the SLA whether it arrives before or after the verification', () => {
    const breach = event(KPI_EVENT_TYPES.slaBreached, '2026-03-09T00:00:00.000Z', { workOrderId, kind: 'resolution', vendorId: vendor });
    for (const order of [
      [breach, verified('2026-03-11T00:00:00.000Z')],
      [verified('2026-03-11T00:00:00.000Z'), breach],
    ]) {
      const fact = factOf(order);
      const measures = summarize(fact.instance, fact.fields).measures;
      expect(measures['maintenance.resolution-within-sla']).toEqual({ num: 0, den: 1, n: 1 });
      expect(measures['maintenance.response-within-sla']).toEqual({ num: 1, den: 1, n: 1 });
    }
  });

  it('counts no SLA compliance for internal-team work, which runs no SLA clock, and the other measures as usual', () => {
    const fact = factOf([verified('2026-03-11T00:00:00.000Z', { vendorId: undefined, contractId: undefined })]);
    const summary = summarize(fact.instance, fact.fields);
    expect(summary.party).toBe(INTERNAL_TEAM);
    expect(summary.measures['maintenance.response-within-sla']).toBeUndefined();
    expect(summary.measures['maintenance.resolution-within-sla']).toBeUndefined();
    expect(summary.measures['maintenance.first-time-fix']).toEqual({ num: 1, den: 1, n: 1 });
    expect(summary.measures['maintenance.cost-per-work-order']).toEqual({ num: 30_000, den: 1, n: 1 });
  });

  it('keeps the SLA measures of work first assigned under a contract and then handed to the internal team, whose clocks kept running', () => {
    const toVendor = event(KPI_EVENT_TYPES.workOrderAssigned, '2026-03-01T00:00:00.000Z', { workOrderId, assignee: 'vendor', vendorId: vendor, contractId });
    const toTeam = event(KPI_EVENT_TYPES.workOrderAssigned, '2026-03-01T01:00:00.000Z', { workOrderId, assignee: 'internal' });
    const breach = event(KPI_EVENT_TYPES.slaBreached, '2026-03-03T00:00:00.000Z', { workOrderId, kind: 'resolution', vendorId: vendor, contractId });
    const internal = verified('2026-03-11T00:00:00.000Z', { vendorId: undefined, contractId: undefined });
    const fact = factOf([internal, breach, toTeam, toVendor]);
    const summary = summarize(fact.instance, fact.fields);
    expect(summary.party).toBe(INTERNAL_TEAM);
    expect(summary.measures['maintenance.response-within-sla']).toEqual({ num: 1, den: 1, n: 1 });
    expect(summary.measures['maintenance.resolution-within-sla']).toEqual({ num: 0, den: 1, n: 1 });
  });

  it('is no first-time fix once reopened, even when the reopening arrives last', () => {
    const reopened = event(KPI_EVENT_TYPES.workOrderReopened, '2026-03-09T00:00:00.000Z', { workOrderId, vendorId: vendor, reopenCount: 1 });
    const fact = factOf([verified('2026-03-11T00:00:00.000Z'), reopened]);
    const measures = summarize(fact.instance, fact.fields).measures;
    expect(measures['maintenance.first-time-fix']).toEqual({ num: 0, den: 1, n: 1 });
    expect(measures['maintenance.reopen-rate']).toEqual({ num: 1, den: 1, n: 1 });
  });

  it('takes the cost of the latest cost event, not the last one delivered', () => {
    const later = event(KPI_EVENT_TYPES.costRecorded, '2026-03-12T00:00:00.000Z', { workOrderId, totals: { labourFen: 30_000, partsFen: 5_000, extraFen: 0, totalFen: 35_000 } });
    const fact = factOf([later, verified('2026-03-11T00:00:00.000Z')]);
    expect(summarize(fact.instance, fact.fields).measures['maintenance.cost-per-work-order']).toEqual({ num: 35_000, den: 1, n: 1 });
  });

  it('credits the party of the latest assignment, and the internal team when no vendor is named', () => {
    const toOther = event(KPI_EVENT_TYPES.workOrderAssigned, '2026-03-01T00:00:00.000Z', { workOrderId, assignee: 'vendor', vendorId: other });
    const toTeam = event(KPI_EVENT_TYPES.workOrderAssigned, '2026-03-01T01:00:00.000Z', { workOrderId, assignee: 'internal' });
    expect(summarize(`work-order:${workOrderId}`, factOf([toTeam, toOther]).fields).party).toBe(INTERNAL_TEAM);
    expect(summarize(`work-order:${workOrderId}`, factOf([toOther, verified('2026-03-11T00:00:00.000Z')]).fields).party).toBe(vendor);
  });

  it('counts a preventive work order done on time when completed on or before its due date in Beijing', () => {
    const raised = (dueOn: string) => event(KPI_EVENT_TYPES.occurrenceRaised, '2026-03-01T00:00:00.000Z', { workOrderId, dueOn });
    // Completed 2026-03-10T02:00Z: 10 March in Beijing.
    for (const [dueOn, onTime] of [
      ['2026-03-10', 1],
      ['2026-03-09', 0],
    ] as const) {
      const fact = factOf([raised(dueOn), verified('2026-03-11T00:00:00.000Z')]);
      expect(summarize(fact.instance, fact.fields).measures['maintenance.preventive-on-time']).toEqual({ num: onTime, den: 1, n: 1 });
    }
    const plain = factOf([verified('2026-03-11T00:00:00.000Z')]);
    expect(summarize(plain.instance, plain.fields).measures['maintenance.preventive-on-time']).toBeUndefined();
  });
});

describe('KPI facts of transport trips', () => {
  const tripId = '66666666-6666-4666-8666-666666666666';
  const completed = (extra: Record<string, unknown>) =>
    event(KPI_EVENT_TYPES.tripCompleted, '2026-12-08T03:10:00.000Z', {
      tripId,
      kind: 'fleet',
      requestedStartAt: '2026-12-08T01:00:00.000Z',
      requestedEndAt: '2026-12-08T03:00:00.000Z',
      startedAt: '2026-12-08T01:03:00.000Z',
      endedAt: '2026-12-08T02:33:00.000Z',
      onTime: true,
      distanceKm: 36,
      costFen: 7_300,
      ...extra,
    });

  it('counts a completed fleet trip for the internal team: on time, its cost over its kilometres, the booked time it used, and its rating', () => {
    const rated = event(KPI_EVENT_TYPES.tripRated, '2026-12-08T05:00:00.000Z', { tripId, kind: 'fleet', score: 4 });
    const [fact] = [...foldFacts([rated, completed({})]).values()];
    expect(summarize(fact!.instance, fact!.fields)).toEqual({
      party: INTERNAL_TEAM,
      anchorAt: '2026-12-08T02:33:00.000Z',
      measures: {
        'transport.punctuality': { num: 1, den: 1, n: 1 },
        'transport.cost-per-km': { num: 7_300, den: 36, n: 1 },
        'transport.utilisation': { num: 90, den: 120, n: 1 },
        'transport.trip-rating': { num: 4, den: 1, n: 1 },
      },
    });
  });

  it('counts a rental trip for its vendor, late and without cost per km when nothing was driven', () => {
    const [fact] = [...foldFacts([completed({ kind: 'rental', vendorId: vendor, onTime: false, distanceKm: 0 })]).values()];
    const summary = summarize(fact!.instance, fact!.fields);
    expect(summary.party).toBe(vendor);
    expect(summary.measures['transport.punctuality']).toEqual({ num: 0, den: 1, n: 1 });
    expect(summary.measures['transport.cost-per-km']).toBeUndefined();
  });
});

describe('KPI facts of procurement', () => {
  const purchaseOrderId = '22222222-2222-4222-8222-222222222222';
  const received = (receiptId: string, status: string, time: string, lines: Array<{ accepted: number; rejected: number }>, onTime: boolean) =>
    event(KPI_EVENT_TYPES.purchaseOrderReceived, time, { purchaseOrderId, vendorId: vendor, receiptId, status, onTime, lines, recordedAt: time });

  it('counts each receipt for on-time delivery and its quantities for acceptance, and the fully received order for invoice match', () => {
    const first = received('33333333-3333-4333-8333-333333333333', 'partially-received', '2026-05-02T00:00:00.000Z', [{ accepted: 8, rejected: 2 }], false);
    const last = received('44444444-4444-4444-8444-444444444444', 'received', '2026-05-20T00:00:00.000Z', [{ accepted: 10, rejected: 0 }], true);
    const mismatch = event(KPI_EVENT_TYPES.invoiceMismatch, '2026-05-25T00:00:00.000Z', { purchaseOrderId, vendorId: vendor });
    const sums = sumsForPeriod(foldFacts([mismatch, last, first]).values(), periodOf(new Date('2026-05-10T00:00:00Z'), 'month'));
    const value = (code: string) => sums.get(sumsKey('procurement', vendor, '2026-05', code));
    expect(value('procurement.on-time-delivery')).toMatchObject({ numerator: 1, denominator: 2, sampleSize: 2 });
    expect(value('procurement.receipt-acceptance')).toMatchObject({ numerator: 18, denominator: 20, sampleSize: 2 });
    expect(value('procurement.invoice-match')).toMatchObject({ numerator: 0, denominator: 1, sampleSize: 1 });
  });
});

describe('KPI facts of catering complaints', () => {
  const mealId = '66666666-6666-4666-8666-666666666666';
  const served = event(KPI_EVENT_TYPES.mealServed, '2026-06-02T04:00:00.000Z', { mealId, vendorId: vendor, covers: 1, servedAt: '2026-06-02T04:00:00.000Z' });
  const upheld = (complaintId: string) =>
    event(KPI_EVENT_TYPES.complaintUpheld, '2026-06-05T02:00:00.000Z', { complaintId, party: vendor, vendorId: vendor, serviceType: 'catering', decidedAt: '2026-06-05T02:00:00.000Z' });
  const overturned = (complaintId: string, serviceType?: string) =>
    event(KPI_EVENT_TYPES.complaintOverturned, '2026-06-20T02:00:00.000Z', { complaintId, party: vendor, vendorId: vendor, ...(serviceType ? { serviceType } : {}), decidedAt: '2026-06-20T02:00:00.000Z' });
  const rate = (events: KpiEvent[]) => sumsForPeriod(foldFacts(events).values(), periodOf(new Date('2026-06-10T00:00:00Z'), 'month')).get(sumsKey('catering', vendor, '2026-06', 'catering.complaint-rate'));
  const first = '77777777-7777-4777-8777-777777777777';
  const second = '88888888-8888-4888-8888-888888888888';

  it('count an upheld complaint over the meals served, and not once it is overturned on appeal, whichever arrives first', () => {
    expect(rate([served, upheld(first), upheld(second)])).toMatchObject({ numerator: 2, denominator: 1 });
    expect(rate([served, upheld(first), upheld(second), overturned(first, 'catering')])).toMatchObject({ numerator: 1, denominator: 1 });
    expect(rate([overturned(first, 'catering'), served, upheld(second), upheld(first)])).toMatchObject({ numerator: 1, denominator: 1 });
    // An overturn from before events named the service still takes a catering complaint out.
    expect(rate([served, upheld(first), overturned(first)])).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('leave catering alone when another service’s complaint is overturned', () => {
    expect(rate([served, upheld(first), overturned(first, 'maintenance')])).toMatchObject({ numerator: 1, denominator: 1 });
    expect([...foldFacts([overturned(second, 'maintenance')]).keys()]).toEqual([]);
  });
});

/** The handler's path, in memory: fold one event at a time, then recompute the affected values from the facts. */
function incremental(events: readonly KpiEvent[]): Map<string, KpiSums> {
  const facts = new Map<string, Fact>();
  const sums = new Map<string, KpiSums>();
  for (const next of events) {
    for (const change of foldEvent(next, (serviceType, instance) => facts.get(factKey(next.agencyId, serviceType, instance)))) {
      facts.set(factKey(change.fact.agencyId, change.fact.serviceType, change.fact.instance), change.fact);
      for (const affected of affectedValues(change, sameSummary(change.before, change.after))) {
        for (const [key, row] of sums) {
          if (row.serviceType === affected.serviceType && row.party === affected.party && row.periodKey === affected.period.key) sums.delete(key);
        }
        for (const fact of facts.values()) {
          const summary = summarize(fact.instance, fact.fields);
          if (fact.serviceType !== affected.serviceType || summary.party !== affected.party || summary.anchorAt === null) continue;
          const at = new Date(summary.anchorAt).getTime();
          if (at >= affected.period.start.getTime() && at < affected.period.end.getTime()) addMeasures(sums, fact.serviceType, affected.party, affected.period.key, summary.measures);
        }
      }
    }
  }
  return sums;
}

function fromScratch(events: readonly KpiEvent[]): Map<string, KpiSums> {
  const facts = [...foldFacts(events).values()];
  const periods = new Map<string, Period>();
  for (const fact of facts) {
    const anchor = summarize(fact.instance, fact.fields).anchorAt;
    if (anchor) for (const kind of PERIOD_KINDS) periods.set(periodOf(new Date(anchor), kind).key, periodOf(new Date(anchor), kind));
  }
  const sums = new Map<string, KpiSums>();
  for (const period of periods.values()) for (const [key, row] of sumsForPeriod(facts, period)) sums.set(key, row);
  return sums;
}

function sorted(sums: Map<string, KpiSums>): Array<[string, KpiSums]> {
  return [...sums].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** Delivered out of order, some more than once. */
function redeliveredAndShuffled(events: readonly KpiEvent[], seed: number, duplicateShare: number): KpiEvent[] {
  const random = seededRandom(seed);
  const deliveries = [...events, ...events.filter(() => random() < duplicateShare)];
  for (let i = deliveries.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
  return deliveries;
}

describe('incremental KPI values (property)', () => {
  const vendorsOf = (seed: number) => {
    const random = seededRandom(seed ^ 0x5bd1e995);
    return Array.from({ length: 3 }, () => seededUuid(random));
  };

  it('equal the from-scratch recomputation of the same events, however they are shuffled and redelivered', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer(), fc.double({ min: 0, max: 0.5, noNaN: true }), (seed, shuffleSeed, duplicateShare) => {
        const events = kpiScenario({ agencyId, seed, vendors: vendorsOf(seed), workOrders: 12, receipts: 5, year: 2026 });
        const expected = sorted(fromScratch(events));
        expect(expected.length).toBeGreaterThan(0);
        expect(sorted(incremental(events))).toEqual(expected);
        expect(sorted(incremental(redeliveredAndShuffled(events, shuffleSeed, duplicateShare)))).toEqual(expected);
        expect(sorted(fromScratch(redeliveredAndShuffled(events, shuffleSeed + 1, duplicateShare)))).toEqual(expected);
      }),
      { seed: 20_261_206, numRuns: 60 },
    );
  });

  it('take a fact out of the values it counted in when it moves to another party', () => {
    const moved = event(KPI_EVENT_TYPES.workOrderAssigned, '2026-03-12T00:00:00.000Z', { workOrderId, assignee: 'vendor', vendorId: other });
    const events = [verified('2026-03-11T00:00:00.000Z'), moved];
    const values = sorted(incremental(events));
    expect(values).toEqual(sorted(fromScratch(events)));
    expect(values.some(([, row]) => row.party === vendor)).toBe(false);
  });

  it('leave the facts themselves identical whatever the delivery order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer(), (seed, shuffleSeed) => {
        const events = kpiScenario({ agencyId, seed, vendors: vendorsOf(seed), workOrders: 10, receipts: 4, year: 2026 });
        const facts = (list: KpiEvent[]) => [...foldFacts(list)].sort(([a], [b]) => (a < b ? -1 : 1));
        expect(facts(redeliveredAndShuffled(events, shuffleSeed, 0.3))).toEqual(facts(events));
      }),
      { seed: 20_261_207, numRuns: 60 },
    );
  });
});
