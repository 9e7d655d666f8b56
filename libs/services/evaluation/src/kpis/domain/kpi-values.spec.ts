import { effectiveDefinitions } from './kpi-definitions';
import { kpiResults, kpiValue } from './kpi-values';

describe('KPI values', () => {
  it('give a share in percent to two decimals, half up', () => {
    expect(kpiValue('percent', 2, 3)).toBe(66.67);
    expect(kpiValue('percent', 1, 8)).toBe(12.5);
    expect(kpiValue('percent', 1, 200_000)).toBe(0);
  });

  it('round a share exactly halfway up, though the binary quotient falls just below it', () => {
    expect(kpiValue('percent', 87, 4000)).toBe(2.18); // 2.175 %
    expect(kpiValue('percent', 1, 400)).toBe(0.25);
    expect(kpiValue('percent', 1, 20_000)).toBe(0.01); // 0.005 %
  });

  it('round a mean score or cost per km exactly halfway up', () => {
    expect(kpiValue('score', 201, 200)).toBe(1.01); // 1.005
    expect(kpiValue('score', 829, 200)).toBe(4.15); // 4.145
    expect(kpiValue('fen-per-km', 427, 200)).toBe(2.14); // 2.135
  });

  it('give a mean cost in whole fen, half up', () => {
    expect(kpiValue('fen', 5, 2)).toBe(3);
    expect(kpiValue('fen', 100_001, 3)).toBe(33_334);
    expect(kpiValue('fen', 12_345, 2)).toBe(6173);
  });

  it('are null without a single measured instance', () => {
    expect(kpiValue('percent', 0, 0)).toBeNull();
  });

  it('list every defined KPI of the type with the agency’s weight and target, null where nothing was measured', () => {
    const results = kpiResults(effectiveDefinitions([], 'procurement'), [{ code: 'procurement.on-time-delivery', numerator: 17, denominator: 20, sampleSize: 20 }]);
    expect(results).toEqual([
      { code: 'procurement.on-time-delivery', name: '准时交付率 (on-time delivery)', unit: 'percent', direction: 'higher-is-better', target: 95, weight: 40, value: 85, sampleSize: 20 },
      expect.objectContaining({ code: 'procurement.receipt-acceptance', value: null, sampleSize: 0, weight: 30 }),
      expect.objectContaining({ code: 'procurement.invoice-match', value: null, sampleSize: 0, weight: 30 }),
    ]);
  });
});
