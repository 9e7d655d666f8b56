import { Fact } from './kpi-facts';
import { changedFacts, compareSums } from './kpi-recomputation';
import { KpiSums } from './kpi-values';

const row = (party: string, numerator: number, denominator = 4): KpiSums => ({
  serviceType: 'maintenance',
  party,
  periodKey: '2026-03',
  code: 'maintenance.first-time-fix',
  numerator,
  denominator,
  sampleSize: denominator,
});

const fact = (instance: string, fields: Fact['fields']): Fact => ({ agencyId: 'a', serviceType: 'maintenance', instance, fields });

describe('a recomputation compared with what was stored', () => {
  it('names nothing when every stored sum is the recomputed one', () => {
    expect(compareSums([row('v1', 3), row('v2', 4)], [row('v2', 4), row('v1', 3)])).toEqual([]);
  });

  it('names a sum that differs, one stored that the events do not give, and one the events give that was missing', () => {
    expect(compareSums([row('v1', 4), row('v3', 1)], [row('v1', 3), row('v2', 2)])).toEqual([
      { serviceType: 'maintenance', party: 'v1', code: 'maintenance.first-time-fix', stored: { numerator: 4, denominator: 4, sampleSize: 4 }, recomputed: { numerator: 3, denominator: 4, sampleSize: 4 } },
      { serviceType: 'maintenance', party: 'v2', code: 'maintenance.first-time-fix', stored: null, recomputed: { numerator: 2, denominator: 4, sampleSize: 4 } },
      { serviceType: 'maintenance', party: 'v3', code: 'maintenance.first-time-fix', stored: { numerator: 1, denominator: 4, sampleSize: 4 }, recomputed: null },
    ]);
  });

  it('finds facts rebuilt differently or not at all, whatever order their fields were stored in', () => {
    const same = fact('work-order:1', { party: { v: 'v1', at: '2026-03-01T00:00:00.000Z', id: 'e1' }, reopenCount: { v: 0 } });
    const reordered = fact('work-order:1', { reopenCount: { v: 0 }, party: { v: 'v1', at: '2026-03-01T00:00:00.000Z', id: 'e1' } });
    const stored = new Map([
      ['1', same],
      ['2', fact('work-order:2', { cancelled: { v: false } })],
      ['3', fact('work-order:3', { cancelled: { v: true } })],
    ]);
    const rebuilt = new Map([
      ['1', reordered],
      ['2', fact('work-order:2', { cancelled: { v: true } })],
      ['4', fact('work-order:4', {})],
    ]);
    const { changed, vanished } = changedFacts(stored, rebuilt);
    expect(changed.map((f) => f.instance)).toEqual(['work-order:2', 'work-order:4']);
    expect(vanished.map((f) => f.instance)).toEqual(['work-order:3']);
  });
});
