import { BusinessRuleViolation } from '@houqin/domain';
import { ServiceType, SERVICE_TYPES } from './evaluated-party';
import { KpiDirection } from './kpi-result';

/**
 * KPI definitions (绩效指标): the platform's defaults per service type, and an agency's override of
 * names, targets and weights. Unit, direction and the event data a KPI reads are the platform's.
 */
export type KpiUnit = 'percent' | 'fen' | 'score' | 'fen-per-km' | 'grams';

export interface KpiDefinition {
  code: string;
  serviceType: ServiceType;
  name: string;
  unit: KpiUnit;
  direction: KpiDirection;
  target: number;
  /** Whole number; a service type's weights sum to 100. */
  weight: number;
  /** The events (and fields) the value is computed from. */
  reads: string[];
  /** How the value is computed, for people. */
  formula: string;
  /** false while the events it reads do not exist yet: its value stays null. */
  available: boolean;
}

const WORK_ORDER_VERIFIED = 'houqin.maintenance.work-order.verified.v1';

export const PLATFORM_KPIS: readonly KpiDefinition[] = [
  {
    code: 'maintenance.response-within-sla',
    serviceType: 'maintenance',
    name: '响应及时率 (response within SLA)',
    unit: 'percent',
    direction: 'higher-is-better',
    target: 95,
    weight: 20,
    reads: [`${WORK_ORDER_VERIFIED} (contractId)`, 'houqin.maintenance.sla.breached.v1 (kind response)'],
    formula: 'verified work orders under a contract (the ones that ran an SLA clock) whose response clock never breached ÷ those work orders × 100; none for the internal team',
    available: true,
  },
  {
    code: 'maintenance.resolution-within-sla',
    serviceType: 'maintenance',
    name: '修复及时率 (resolution within SLA)',
    unit: 'percent',
    direction: 'higher-is-better',
    target: 90,
    weight: 25,
    reads: [`${WORK_ORDER_VERIFIED} (contractId)`, 'houqin.maintenance.sla.breached.v1 (kind resolution)'],
    formula: 'verified work orders under a contract (the ones that ran an SLA clock) whose resolution clock never breached ÷ those work orders × 100; none for the internal team',
    available: true,
  },
  {
    code: 'maintenance.first-time-fix',
    serviceType: 'maintenance',
    name: '一次修复率 (first-time fix)',
    unit: 'percent',
    direction: 'higher-is-better',
    target: 85,
    weight: 20,
    reads: [`${WORK_ORDER_VERIFIED} (firstTimeFix)`, 'houqin.maintenance.work-order.reopened.v1'],
    formula: 'verified work orders never reopened ÷ verified work orders × 100',
    available: true,
  },
  {
    code: 'maintenance.reopen-rate',
    serviceType: 'maintenance',
    name: '返修率 (reopened)',
    unit: 'percent',
    direction: 'lower-is-better',
    target: 5,
    weight: 10,
    reads: [`${WORK_ORDER_VERIFIED} (reopenCount)`, 'houqin.maintenance.work-order.reopened.v1', 'houqin.maintenance.work-order.closed.v1'],
    formula: 'verified work orders reopened at least once ÷ verified work orders × 100',
    available: true,
  },
  {
    code: 'maintenance.cost-per-work-order',
    serviceType: 'maintenance',
    name: '单均维修费用 (mean cost per work order)',
    unit: 'fen',
    direction: 'lower-is-better',
    target: 50_000,
    weight: 10,
    reads: [
      `${WORK_ORDER_VERIFIED} (cost.totalFen)`,
      'houqin.maintenance.work-order.closed.v1 (cost.totalFen)',
      'houqin.maintenance.work-order-cost.recorded.v1 (totals.totalFen)',
      'houqin.maintenance.work-order-cost.voided.v1 (totals.totalFen)',
    ],
    formula: 'sum of the latest cost total of each verified work order ÷ verified work orders, in fen, rounded half up',
    available: true,
  },
  {
    code: 'maintenance.preventive-on-time',
    serviceType: 'maintenance',
    name: '预防性维护按时完成率 (preventive plans done on time)',
    unit: 'percent',
    direction: 'higher-is-better',
    target: 95,
    weight: 15,
    reads: ['houqin.maintenance.preventive-plan.occurrence-raised.v1 (dueOn)', `${WORK_ORDER_VERIFIED} (completedAt)`],
    formula: 'verified work orders of calendar occurrences completed on or before the due date (China Standard Time) ÷ such work orders × 100',
    available: true,
  },
  {
    code: 'procurement.on-time-delivery',
    serviceType: 'procurement',
    name: '准时交付率 (on-time delivery)',
    unit: 'percent',
    direction: 'higher-is-better',
    target: 95,
    weight: 40,
    reads: ['houqin.procurement.purchase-order.received.v1 (onTime)'],
    formula: 'receipts on or before every line’s expected date ÷ receipts × 100',
    available: true,
  },
  {
    code: 'procurement.receipt-acceptance',
    serviceType: 'procurement',
    name: '验收合格率 (receipt acceptance)',
    unit: 'percent',
    direction: 'higher-is-better',
    target: 98,
    weight: 30,
    reads: ['houqin.procurement.purchase-order.received.v1 (lines[].accepted, lines[].rejected)'],
    formula: 'quantity accepted ÷ quantity received (accepted + rejected) × 100',
    available: true,
  },
  {
    code: 'procurement.invoice-match',
    serviceType: 'procurement',
    name: '发票相符率 (invoice match)',
    unit: 'percent',
    direction: 'higher-is-better',
    target: 98,
    weight: 30,
    reads: ['houqin.procurement.purchase-order.received.v1 (status received)', 'houqin.procurement.purchase-order.invoice-mismatch.v1'],
    formula: 'purchase orders fully received with no invoice flagged by the three-way match ÷ purchase orders fully received × 100',
    available: true,
  },
  {
    code: 'catering.meal-rating',
    serviceType: 'catering',
    name: '餐食评分 (meal rating)',
    unit: 'score',
    direction: 'higher-is-better',
    target: 4,
    weight: 40,
    reads: ['houqin.catering.meal.served.v1 (vendorId)', 'houqin.catering.meal.rated.v1 (score)'],
    formula: 'mean rating (1–5) of the meals served and rated, in the period of the serving',
    available: true,
  },
  {
    code: 'catering.inspection-pass',
    serviceType: 'catering',
    name: '食品安全检查合格率 (inspection pass)',
    unit: 'percent',
    direction: 'higher-is-better',
    target: 100,
    weight: 30,
    reads: ['houqin.catering.inspection.passed.v1', 'houqin.catering.inspection.failed.v1'],
    formula: 'food-safety inspections passed ÷ inspections × 100, in the period of the inspection',
    available: true,
  },
  {
    code: 'catering.waste-per-meal',
    serviceType: 'catering',
    name: '人均餐厨浪费 (food waste per meal)',
    unit: 'grams',
    direction: 'lower-is-better',
    target: 50,
    weight: 15,
    reads: ['houqin.catering.food-waste.recorded.v1 (wasteGrams, mealsServed)'],
    formula: 'grams of food waste weighed ÷ meals served in the periods weighed, rounded half up',
    available: true,
  },
  {
    code: 'catering.complaint-rate',
    serviceType: 'catering',
    name: '投诉率 (upheld complaints per 100 meals)',
    unit: 'percent',
    direction: 'lower-is-better',
    target: 1,
    weight: 15,
    reads: ['houqin.catering.meal.served.v1 (covers)', 'houqin.evaluation.complaint.upheld.v1 (serviceType catering)'],
    formula: 'upheld catering complaints ÷ meals served × 100',
    available: true,
  },
  {
    code: 'transport.punctuality',
    serviceType: 'transport',
    name: '准点率 (punctuality)',
    unit: 'percent',
    direction: 'higher-is-better',
    target: 95,
    weight: 35,
    reads: ['houqin.transport.trip.completed.v1 (onTime, kind, vendorId)'],
    formula: 'completed trips that set off within five minutes of the requested start ÷ completed trips × 100, in the period of the return',
    available: true,
  },
  {
    code: 'transport.cost-per-km',
    serviceType: 'transport',
    name: '每公里成本 (cost per km)',
    unit: 'fen-per-km',
    direction: 'lower-is-better',
    target: 300,
    weight: 25,
    reads: ['houqin.transport.trip.completed.v1 (costFen, distanceKm)'],
    formula: 'fuel, tolls, parking and rental charges of the completed trips in fen ÷ the kilometres they drove',
    available: true,
  },
  {
    code: 'transport.utilisation',
    serviceType: 'transport',
    name: '车辆使用率 (booked time used)',
    unit: 'percent',
    direction: 'higher-is-better',
    target: 70,
    weight: 15,
    reads: ['houqin.transport.trip.completed.v1 (startedAt, endedAt, requestedStartAt, requestedEndAt)'],
    formula: 'minutes on the road (start to return, at most the window) ÷ minutes the trips booked their vehicle × 100; per vehicle, transport answers it on its dashboard',
    available: true,
  },
  {
    code: 'transport.trip-rating',
    serviceType: 'transport',
    name: '出车评价 (trip rating)',
    unit: 'score',
    direction: 'higher-is-better',
    target: 4,
    weight: 25,
    reads: ['houqin.transport.trip.completed.v1', 'houqin.transport.trip.rated.v1 (score)'],
    formula: "mean rating (1–5) the requesters gave the completed trips, in the period of the return",
    available: true,
  },
];

export const KPI_CODES: readonly string[] = PLATFORM_KPIS.map((kpi) => kpi.code);

export function platformKpi(code: string): KpiDefinition | undefined {
  return PLATFORM_KPIS.find((kpi) => kpi.code === code);
}

/** An agency's choice for one KPI. */
export interface KpiOverride {
  code: string;
  name?: string;
  target: number;
  weight: number;
}

/** The range a target of each unit may take. */
export const TARGET_RANGES: Record<KpiUnit, { min: number; max: number; integer: boolean }> = {
  percent: { min: 0, max: 100, integer: false },
  score: { min: 1, max: 5, integer: false },
  fen: { min: 0, max: 100_000_000_000, integer: true },
  'fen-per-km': { min: 0, max: 10_000_000, integer: false },
  grams: { min: 0, max: 100_000, integer: false },
};

/** The definitions an agency's KPIs follow: the platform's, with its overrides applied. */
export function effectiveDefinitions(overrides: readonly KpiOverride[], serviceType?: ServiceType): KpiDefinition[] {
  const byCode = new Map(overrides.map((override) => [override.code, override]));
  return PLATFORM_KPIS.filter((kpi) => serviceType === undefined || kpi.serviceType === serviceType).map((kpi) => {
    const override = byCode.get(kpi.code);
    if (!override) return { ...kpi, reads: [...kpi.reads] };
    return { ...kpi, reads: [...kpi.reads], name: override.name ?? kpi.name, target: override.target, weight: override.weight };
  });
}

/**
 * An agency's override of one service type's KPIs: every KPI of the type exactly once, whole weights
 * summing to 100, each target within its unit's range. Refusals name the field.
 */
export function validateOverrides(serviceType: ServiceType, overrides: readonly KpiOverride[]): KpiOverride[] {
  if (!SERVICE_TYPES.includes(serviceType)) throw new BusinessRuleViolation('unknown-service-type', `no KPIs for service type ${String(serviceType)}`, 'serviceType');
  const expected = PLATFORM_KPIS.filter((kpi) => kpi.serviceType === serviceType);
  const seen = new Set<string>();
  overrides.forEach((override, index) => {
    const kpi = expected.find((candidate) => candidate.code === override.code);
    if (!kpi) throw new BusinessRuleViolation('unknown-kpi', `${override.code} is not a ${serviceType} KPI`, `kpis[${index}].code`);
    if (seen.has(override.code)) throw new BusinessRuleViolation('duplicate-kpi', `${override.code} is listed twice`, `kpis[${index}].code`);
    seen.add(override.code);
    if (!Number.isInteger(override.weight) || override.weight < 0 || override.weight > 100) {
      throw new BusinessRuleViolation('invalid-weight', 'a weight is a whole number from 0 to 100', `kpis[${index}].weight`);
    }
    const range = TARGET_RANGES[kpi.unit];
    const target = override.target;
    if (!Number.isFinite(target) || target < range.min || target > range.max || (range.integer && !Number.isInteger(target))) {
      throw new BusinessRuleViolation(
        'target-out-of-range',
        `a target in ${kpi.unit} is ${range.integer ? 'a whole number ' : ''}from ${range.min} to ${range.max}`,
        `kpis[${index}].target`,
      );
    }
  });
  const missing = expected.filter((kpi) => !seen.has(kpi.code)).map((kpi) => kpi.code);
  if (missing.length > 0) throw new BusinessRuleViolation('kpis-incomplete', `every ${serviceType} KPI is weighted: missing ${missing.join(', ')}`, 'kpis');
  const total = overrides.reduce((sum, override) => sum + override.weight, 0);
  if (total !== 100) throw new BusinessRuleViolation('weights-not-100', `the weights of the ${serviceType} KPIs sum to ${total}, not 100`, 'kpis');
  return overrides.map((override) => ({ ...override }));
}

/** Who may set an agency's KPI definitions. */
export function mayDefineKpis(actor: { roles: readonly string[] }): boolean {
  return actor.roles.includes('logistics-manager') || actor.roles.includes('agency-admin');
}

/** Who may recompute an agency's KPIs from the audit trail. */
export function mayRecomputeKpis(actor: { roles: readonly string[] }): boolean {
  return actor.roles.includes('agency-admin') || actor.roles.includes('logistics-manager');
}
