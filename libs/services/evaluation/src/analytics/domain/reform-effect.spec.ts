import { BusinessRuleViolation } from '@houqin/domain';
import { MonthSums, beforeAfter, monthlySeries, monthsBetween, reformFigures } from './reform-effect';

const COST = 'maintenance.cost-per-work-order';
const SLA = 'maintenance.resolution-within-sla';
const FIRST_TIME_FIX = 'maintenance.first-time-fix';

function month(key: string, workOrders: number, costFen: number, withinSla: number, answers = 0, overallSum = 0): MonthSums {
  return {
    month: key,
    kpis: {
      [COST]: { numerator: costFen, denominator: workOrders, sampleSize: workOrders },
      [SLA]: { numerator: withinSla, denominator: workOrders, sampleSize: workOrders },
    },
    satisfaction: { numerator: overallSum, denominator: answers, sampleSize: answers },
    complaints: 0,
  };
}

/** A month of `verified` work orders (first-time fix counts each once) and `complaints` complaints filed. */
function complaintMonth(key: string, verified: number, complaints: number): MonthSums {
  return {
    month: key,
    kpis: verified > 0 ? { [FIRST_TIME_FIX]: { numerator: verified - 1, denominator: verified, sampleSize: verified } } : {},
    satisfaction: { numerator: 0, denominator: 0, sampleSize: 0 },
    complaints,
  };
}

const rateOf = (serviceType: 'maintenance' | 'procurement' | 'catering', sums: MonthSums) =>
  monthlySeries(serviceType, [sums])[0]?.figures.find((figure) => figure.code === 'complaint-rate');

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

  it('gives the complaint rate as complaints per 100 service instances completed in the month, 2 decimals half up', () => {
    // 2 complaints over 3 verified work orders: 66.666… per 100, so 66.67.
    expect(rateOf('maintenance', complaintMonth('2026-03', 3, 2))).toEqual({ code: 'complaint-rate', value: 66.67, sampleSize: 3 });
    // 1 over 8: 12.5 exactly; more complaints than instances is a rate above 100, not capped.
    expect(rateOf('maintenance', complaintMonth('2026-03', 8, 1))?.value).toBe(12.5);
    expect(rateOf('maintenance', complaintMonth('2026-03', 2, 3))?.value).toBe(150);
    expect(rateOf('maintenance', complaintMonth('2026-03', 7, 0))).toEqual({ code: 'complaint-rate', value: 0, sampleSize: 7 });
  });

  it('has no complaint rate without a completed instance, however many complaints were filed', () => {
    expect(rateOf('maintenance', complaintMonth('2026-03', 0, 4))).toEqual({ code: 'complaint-rate', value: null, sampleSize: 0 });
    // Catering publishes no completions yet: its complaints have nothing to be a rate of.
    expect(rateOf('catering', complaintMonth('2026-03', 5, 2))).toEqual({ code: 'complaint-rate', value: null, sampleSize: 0 });
  });

  it('takes the service instances of procurement from the purchase orders received, not from a maintenance KPI', () => {
    const sums: MonthSums = {
      month: '2026-03',
      kpis: { 'procurement.invoice-match': { numerator: 3, denominator: 4, sampleSize: 4 }, [FIRST_TIME_FIX]: { numerator: 9, denominator: 10, sampleSize: 10 } },
      satisfaction: { numerator: 0, denominator: 0, sampleSize: 0 },
      complaints: 1,
    };
    expect(rateOf('procurement', sums)).toEqual({ code: 'complaint-rate', value: 25, sampleSize: 4 });
  });

  it('compares complaint rates before and after the pivot from summed complaints and instances, not from monthly rates', () => {
    // Before: 1 complaint in 2 orders (50 %) and 1 in 98 (≈1 %): 2 in 100 is 2 %, where averaging the rates would say 25.51 %.
    const months = [complaintMonth('2026-01', 2, 1), complaintMonth('2026-02', 98, 1), complaintMonth('2026-03', 40, 1), complaintMonth('2026-04', 0, 2)];
    const rate = beforeAfter('maintenance', months, new Date('2026-03-01T00:00:00+08:00')).figures.find((figure) => figure.code === 'complaint-rate');
    // After: 3 complaints (2 in a month without a verified order) over 40 orders: 7.5 %.
    expect(rate).toMatchObject({ before: 2, after: 7.5, change: 5.5, changePercent: 275, improved: false });
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
