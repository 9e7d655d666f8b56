import { platformEvents } from '@houqin/contracts';
import { INTERNAL_TEAM } from '@houqin/evaluation';
import { demoHistory, lastQuarter, pastYear } from './demo-seed-evaluation';

const agencyId = 'f3c1c4a0-5d6e-4c1b-9a53-8a2f64f0d001';
const contracted = '0b6f2a9e-3c1d-4e5f-8a7b-9c0d1e2f3a4b';
const onCall = '1c7a3b0f-4d2e-4f6a-9b8c-0d1e2f3a4b5c';
const supplier = '2d8b4c1a-5e3f-4a7b-8c9d-1e2f3a4b5c6d';

const dataOf = (event: { data: unknown }) => event.data as Record<string, unknown>;

describe('the demo agency’s year of evaluation history', () => {
  it('covers the twelve months before the current one (China Standard Time), with the quarters that ended within them', () => {
    const year = pastYear(new Date('2026-12-06T05:00:00Z'));
    expect(year.months).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(year.start.toISOString()).toBe('2025-11-30T16:00:00.000Z');
    expect(year.end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(year.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    // 1 January 00:30 in Beijing is still 31 December in UTC: the year ends with December.
    const newYear = pastYear(new Date('2026-12-31T16:30:00Z'));
    expect([newYear.months[0], newYear.months[11]]).toEqual(['2026-01', '2026-12']);
    expect(newYear.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });

  it('assesses the last quarter that has ended', () => {
    expect(lastQuarter(new Date('2026-12-06T05:00:00Z'))).toBe('2026-Q3');
    expect(lastQuarter(new Date('2027-01-15T05:00:00Z'))).toBe('2026-Q4');
    expect(lastQuarter(new Date('2026-03-31T15:59:00Z'))).toBe('2025-Q4');
    expect(lastQuarter(new Date('2026-03-31T16:00:00Z'))).toBe('2026-Q1');
  });

  const now = new Date('2026-12-06T05:00:00Z');
  const { window, pivotAt, history } = demoHistory({ agencyId, contracted, onCall, supplier, reportedBy: 'demo-logistics-manager', now });

  it('replays only events valid against their contracts, all within the past year, none in the future', () => {
    expect(history.length).toBeGreaterThan(1_000);
    for (const event of history) {
      const envelope = platformEvents.get(event.type).create({ subject: event.subject, id: event.id, time: new Date(event.time), data: event.data, origin: { agencyId, correlationId: 'demo-history:x' } });
      expect(platformEvents.decode(JSON.stringify(envelope)).ok).toBe(true);
      expect(new Date(event.time).getTime()).toBeGreaterThanOrEqual(window.start.getTime());
      expect(new Date(event.time).getTime()).toBeLessThan(window.end.getTime());
    }
    // The same history at every first start in the month: the event ids included.
    expect(demoHistory({ agencyId, contracted, onCall, supplier, reportedBy: 'demo-logistics-manager', now }).history.map((event) => event.id)).toEqual(history.map((event) => event.id));
  });

  it('tells the outsourcing story: the internal team before the pivot, the contracted vendor after it, the demo token’s user asked', () => {
    const verified = history.filter((event) => event.type === 'houqin.maintenance.work-order.verified.v1');
    const partyOf = (event: (typeof history)[number]) => (dataOf(event)['vendorId'] as string | undefined) ?? INTERNAL_TEAM;
    const share = (events: typeof verified, party: string) => events.filter((event) => partyOf(event) === party).length / events.length;
    const before = verified.filter((event) => new Date(dataOf(event)['reportedAt'] as string) < pivotAt);
    const after = verified.filter((event) => new Date(dataOf(event)['reportedAt'] as string) >= pivotAt);
    expect(share(before, INTERNAL_TEAM)).toBeGreaterThan(0.75);
    expect(share(before, contracted)).toBe(0);
    expect(share(after, contracted)).toBeGreaterThan(0.65);
    expect(share(after, onCall)).toBeGreaterThan(0);
    expect(verified.every((event) => dataOf(event)['reportedBy'] === 'demo-logistics-manager' && dataOf(event)['verifiedBy'] === 'demo-logistics-manager')).toBe(true);
    const receipts = history.filter((event) => event.type === 'houqin.procurement.purchase-order.received.v1');
    expect(receipts.length).toBeGreaterThan(0);
    expect(receipts.every((event) => dataOf(event)['vendorId'] === supplier)).toBe(true);
  });

  it('breaches SLAs only for work assigned under a contract, as maintenance runs clocks only for it', () => {
    const underContract = new Set(
      history.filter((event) => event.type === 'houqin.maintenance.work-order.assigned.v1' && dataOf(event)['contractId'] !== undefined).map((event) => dataOf(event)['workOrderId']),
    );
    const breaches = history.filter((event) => event.type === 'houqin.maintenance.sla.breached.v1');
    expect(breaches.length).toBeGreaterThan(0);
    expect(breaches.filter((event) => !underContract.has(dataOf(event)['workOrderId']))).toEqual([]);
    // Before the pivot the internal team did most repairs, without clocks: SLA compliance then is the on-call vendor's.
    const late = (event: (typeof history)[number]) => (dataOf(event)['resolutionMinutes'] as number) > 2_880;
    const lateInternal = history.filter(
      (event) => event.type === 'houqin.maintenance.work-order.verified.v1' && late(event) && !underContract.has(dataOf(event)['workOrderId']) && new Date(event.time) < pivotAt,
    );
    expect(lateInternal.length).toBeGreaterThan(0);
    expect(breaches.filter((event) => new Date(event.time) < pivotAt).every((event) => dataOf(event)['vendorId'] === onCall)).toBe(true);
  });
});
