import { BusinessRuleViolation } from '@houqin/domain';
import { SERVICE_TYPES } from './evaluated-party';
import { KpiOverride, PLATFORM_KPIS, effectiveDefinitions, validateOverrides } from './kpi-definitions';

const maintenance = (): KpiOverride[] => [
  { code: 'maintenance.response-within-sla', target: 90, weight: 30 },
  { code: 'maintenance.resolution-within-sla', target: 85, weight: 30 },
  { code: 'maintenance.first-time-fix', target: 80, weight: 10 },
  { code: 'maintenance.reopen-rate', target: 8, weight: 10 },
  { code: 'maintenance.cost-per-work-order', target: 60_000, weight: 10 },
  { code: 'maintenance.preventive-on-time', name: '巡检按时率', target: 90, weight: 10 },
];

function refusal(run: () => unknown): BusinessRuleViolation {
  try {
    run();
  } catch (error) {
    if (error instanceof BusinessRuleViolation) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('KPI definitions', () => {
  it('weigh every service type’s platform KPIs to 100 with whole numbers', () => {
    for (const type of SERVICE_TYPES) {
      const kpis = PLATFORM_KPIS.filter((kpi) => kpi.serviceType === type);
      expect(kpis.length).toBeGreaterThan(0);
      expect(kpis.every((kpi) => Number.isInteger(kpi.weight))).toBe(true);
      expect(kpis.reduce((sum, kpi) => sum + kpi.weight, 0)).toBe(100);
    }
  });

  it('define every KPI as available: catering and transport publish what their KPIs read', () => {
    expect(PLATFORM_KPIS.filter((kpi) => kpi.serviceType === 'catering').map((kpi) => [kpi.code, kpi.available])).toEqual([
      ['catering.meal-rating', true],
      ['catering.inspection-pass', true],
      ['catering.waste-per-meal', true],
      ['catering.complaint-rate', true],
    ]);
    expect(PLATFORM_KPIS.filter((kpi) => kpi.serviceType === 'transport').map((kpi) => [kpi.code, kpi.available])).toEqual([
      ['transport.punctuality', true],
      ['transport.cost-per-km', true],
      ['transport.utilisation', true],
      ['transport.trip-rating', true],
    ]);
    expect(PLATFORM_KPIS.filter((kpi) => !kpi.available)).toEqual([]);
  });

  it('apply an agency’s names, targets and weights over the platform’s, keeping unit and direction', () => {
    const effective = effectiveDefinitions(validateOverrides('maintenance', maintenance()), 'maintenance');
    const preventive = effective.find((kpi) => kpi.code === 'maintenance.preventive-on-time')!;
    expect(preventive).toMatchObject({ name: '巡检按时率', target: 90, weight: 10, unit: 'percent', direction: 'higher-is-better' });
    expect(effective.find((kpi) => kpi.code === 'maintenance.reopen-rate')).toMatchObject({ name: '返修率 (reopened)', direction: 'lower-is-better', target: 8 });
    expect(effectiveDefinitions([], 'procurement').map((kpi) => kpi.weight)).toEqual([40, 30, 30]);
  });

  it('refuses weights that do not sum to 100', () => {
    const overrides = maintenance();
    overrides[0]!.weight = 31;
    expect(refusal(() => validateOverrides('maintenance', overrides))).toMatchObject({ code: 'weights-not-100', field: 'kpis' });
  });

  it('refuses a weight that is not a whole number, naming it', () => {
    const overrides = maintenance();
    overrides[2]!.weight = 9.5;
    overrides[3]!.weight = 10.5;
    expect(refusal(() => validateOverrides('maintenance', overrides))).toMatchObject({ code: 'invalid-weight', field: 'kpis[2].weight' });
  });

  it('refuses a target out of range for its unit', () => {
    const percent = maintenance();
    percent[0]!.target = 101;
    expect(refusal(() => validateOverrides('maintenance', percent))).toMatchObject({ code: 'target-out-of-range', field: 'kpis[0].target' });
    const fen = maintenance();
    fen[4]!.target = 100.5;
    expect(refusal(() => validateOverrides('maintenance', fen))).toMatchObject({ code: 'target-out-of-range', field: 'kpis[4].target' });
    const score = [
      { code: 'catering.meal-rating', target: 0.5, weight: 50 },
      { code: 'catering.inspection-pass', target: 100, weight: 50 },
    ];
    expect(refusal(() => validateOverrides('catering', score))).toMatchObject({ code: 'target-out-of-range', field: 'kpis[0].target' });
  });

  it('refuses a set that leaves a KPI out, names one twice, or names another type’s KPI', () => {
    expect(refusal(() => validateOverrides('maintenance', maintenance().slice(1)))).toMatchObject({ code: 'kpis-incomplete' });
    expect(refusal(() => validateOverrides('maintenance', [...maintenance(), maintenance()[0]!]))).toMatchObject({ code: 'duplicate-kpi', field: 'kpis[6].code' });
    expect(refusal(() => validateOverrides('procurement', maintenance()))).toMatchObject({ code: 'unknown-kpi', field: 'kpis[0].code' });
  });
});
