import { BusinessRuleViolation } from '@houqin/domain';
import { MonthSums, beforeAfter, monthlySeries, monthsBetween, reformFigures } from './reform-effect';

const COST = 'maintenance.cost-per-work-order';
const SLA = 'maintenance.resolution-within-sla';

function month(key: string, workOrders: number, costFen: number, withinSla: number, answers = 0, overallSum = 0): MonthSums {
  return {
    month: key,
    kpis: {
      [COST]: { numerator: costFen, denominator: workOrders, sampleSize: workOrders },
      [SLA]: { numerator: withinSla, denominator: workOrders, sampleSize: workOrders },
    },
    satisfaction: { numerator: overallSum, denominator: answers, sampleSize: answers },
  };
}

describe('reform-effect analytics (改革效果评估)', () => {
  it('reports cost per unit, SLA compliance, satisfaction and the complaint rate for maintenance', () => {
    expect(reformFigures('maintenance').map((figure) => figure.code)).toEqual(['cost-per-unit', 'sla-compliance', 'satisfaction', 'complaint-rate']);
    expect(reformFigures('procurement').map((figure) => figure.code)).toEqual(['sla-compliance', 'satisfaction', 'complaint-rate']);
  });

  it('values each month from its own sums, and a month without service as no value rather than 0', () => {
    const series = monthlySeries('maintenance', [month('2026-01', 4, 10_000, 3, 2, 9), month('2026-02', 0, 0, 0)]);
    expect(series[0]).toEqual({
      month: '2026-01',
      figures: [
        { code: 'cost-per-unit', value: 2500, sampleSize: 4 },
        { code: 'sla-compliance', value: 75, sampleSize: 4 },
        { code: 'satisfaction', value: 4.5, sampleSize: 2 },
        { code: 'complaint-rate', value: null, sampleSize: 0 },
      ],
    });
    expect(series[1]?.figures.map((figure) => figure.value)).toEqual([null, null, null, null]);
  });

  it('compares the months before the pivot with those from its month on, weighting every work order alike', () => {
    // Before: 10 orders at 1,000 fen and 30 at 1,000 fen; after: 20 orders costing 30,000 fen in all.
    const months = [month('2025-12', 10, 10_000, 5, 1, 2), month('2026-01', 30, 30_000, 15, 1, 2), month('2026-02', 20, 30_000, 19, 4, 18)];
    const result = beforeAfter('maintenance', months, new Date('2026-02-10T03:00:00Z'));
    expect(result.pivotMonth).toBe('2026-02');
    expect([result.monthsBefore, result.monthsAfter]).toEqual([2, 1]);
    const [cost, sla, satisfaction] = result.figures;
    expect(cost).toMatchObject({ before: 1000, after: 1500, change: 500, changePercent: 50, improved: false });
    expect(sla).toMatchObject({ before: 50, after: 95, change: 45, changePercent: 90, improved: true });
    expect(satisfaction).toMatchObject({ before: 2, after: 4.5, change: 2.5, improved: true });
  });

  it('rounds the relative change half up on the exact quotient (0.87 on 40 is 2.175 %, so 2.18 %)', () => {
    const months = [month('2026-01', 1, 4000, 1), month('2026-02', 1, 4087, 1)];
    expect(beforeAfter('maintenance', months, new Date('2026-02-01T00:00:00+08:00')).figures[0]).toMatchObject({ before: 4000, after: 4087, change: 87, changePercent: 2.18 });
  });

  it('takes the pivot month in China Standard Time', () => {
    // 2026-01-31T17:00Z is already 1 February in Beijing.
    expect(beforeAfter('maintenance', [], new Date('2026-01-31T17:00:00Z')).pivotMonth).toBe('2026-02');
  });

  it('leaves the change unknown when one side has no data', () => {
    const result = beforeAfter('maintenance', [month('2026-03', 2, 2000, 2)], new Date('2026-01-01T00:00:00+08:00'));
    expect(result.figures[0]).toMatchObject({ before: null, after: 1000, change: null, changePercent: null, improved: null });
  });

  it('lists the months of a range, both ends included, and refuses a reversed or overlong range naming the field', () => {
    expect(monthsBetween('2025-11', '2026-02').map((period) => period.key)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    const refusal = (from: string, to: string): BusinessRuleViolation | undefined => {
      try {
        monthsBetween(from, to);
        return undefined;
      } catch (error) {
        return error as BusinessRuleViolation;
      }
    };
    expect(refusal('2026-03', '2026-02')).toMatchObject({ code: 'empty-range', field: 'to' });
    expect(refusal('2020-01', '2026-01')).toMatchObject({ code: 'range-too-long', field: 'to' });
    expect(refusal('2026-Q1', '2026-06')).toMatchObject({ code: 'invalid-month', field: 'from' });
    expect(refusal('2026-01', 'soon')).toMatchObject({ code: 'invalid-month', field: 'to' });
  });
});
