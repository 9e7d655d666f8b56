import { BusinessRuleViolation, halfUp } from '@houqin/domain';
import { ServiceType } from '../../kpis/domain/evaluated-party';
import { KpiUnit, platformKpi } from '../../kpis/domain/kpi-definitions';
import { kpiValue } from '../../kpis/domain/kpi-values';
import { Period, parsePeriod, periodOf } from '../../kpis/domain/period';

/**
 * Reform-effect analytics (改革效果评估): how a service line of an agency went over time — the cost
 * of a unit of service, satisfaction, SLA compliance and the complaint rate (投诉率) — and the change
 * around a date the agency names (e.g. when the service was outsourced). Every figure is computed from
 * sums (numerators and denominators), never by averaging monthly averages, so a month with many work
 * orders weighs as much as its work orders.
 */

/** A reform figure and where it comes from. */
export type ReformFigureCode = 'cost-per-unit' | 'sla-compliance' | 'satisfaction' | 'complaint-rate';

export interface ReformFigureDefinition {
  code: ReformFigureCode;
  label: string;
  unit: KpiUnit;
  better: 'higher' | 'lower';
  /** The KPI whose sums give the figure; absent when the figure comes from surveys or complaints. */
  kpiCode?: string;
  /** For the complaint rate: the KPI whose denominator counts the service instances completed in the month. */
  instancesKpiCode?: string;
}

/**
 * Per service type, the KPI that measures a unit's cost, the one that measures SLA compliance, and the
 * one whose denominator counts every service instance completed in the month, once: the complaint
 * rate's denominator. Maintenance: first-time fix counts every verified work order (vendors' and the
 * internal team's, cancelled ones left out) in the month of its verification; procurement: invoice
 * match counts every purchase order fully received — the instance a procurement complaint names.
 * Catering and transport publish no completions yet, so their rate stays null.
 */
const KPI_SOURCES: Record<ServiceType, { costPerUnit?: string; slaCompliance?: string; completedInstances?: { kpiCode: string; noun: string } }> = {
  maintenance: {
    costPerUnit: 'maintenance.cost-per-work-order',
    slaCompliance: 'maintenance.resolution-within-sla',
    completedInstances: { kpiCode: 'maintenance.first-time-fix', noun: 'verified work orders' },
  },
  procurement: { slaCompliance: 'procurement.on-time-delivery', completedInstances: { kpiCode: 'procurement.invoice-match', noun: 'purchase orders received' } },
  catering: { slaCompliance: 'catering.inspection-pass' },
  transport: { costPerUnit: 'transport.cost-per-km', slaCompliance: 'transport.punctuality' },
};

/** The figures reported for a service type, in the order they are shown. */
export function reformFigures(serviceType: ServiceType): ReformFigureDefinition[] {
  const sources = KPI_SOURCES[serviceType];
  const figures: ReformFigureDefinition[] = [];
  if (sources.costPerUnit) {
    const kpi = platformKpi(sources.costPerUnit);
    figures.push({ code: 'cost-per-unit', label: kpi ? `Cost per unit (${kpi.name})` : 'Cost per unit', unit: kpi?.unit ?? 'fen', better: 'lower', kpiCode: sources.costPerUnit });
  }
  if (sources.slaCompliance) {
    const kpi = platformKpi(sources.slaCompliance);
    figures.push({ code: 'sla-compliance', label: kpi ? `SLA compliance (${kpi.name})` : 'SLA compliance', unit: 'percent', better: 'higher', kpiCode: sources.slaCompliance });
  }
  figures.push({ code: 'satisfaction', label: 'Satisfaction (mean overall score, 1–5)', unit: 'score', better: 'higher' });
  const instances = sources.completedInstances;
  figures.push({
    code: 'complaint-rate',
    label: `Complaints per 100 service instances${instances ? ` (${instances.noun})` : ''}`,
    unit: 'percent',
    better: 'lower',
    ...(instances ? { instancesKpiCode: instances.kpiCode } : {}),
  });
  return figures;
}

/** What one month contributes to a figure: sums, so months add up exactly. */
export interface FigureSums {
  numerator: number;
  denominator: number;
  /** The service instances (or answers) counted. */
  sampleSize: number;
}

/** The raw sums of one month of an agency's service line. */
export interface MonthSums {
  month: string;
  /** KPI sums by KPI code (all parties of the agency together). */
  kpis: Record<string, FigureSums>;
  /** Survey answers: the sum of overall scores over the answers. */
  satisfaction: FigureSums;
  /**
   * Complaints (投诉) about the service type filed in the month (China Standard Time), withdrawn ones
   * left out; undecided, upheld and rejected ones all count (complaints received, 受理投诉).
   */
  complaints: number;
}

export interface FigureValue {
  code: ReformFigureCode;
  value: number | null;
  sampleSize: number;
}

export interface MonthFigures {
  month: string;
  figures: FigureValue[];
}

export interface BeforeAfterFigure {
  code: ReformFigureCode;
  label: string;
  unit: KpiUnit;
  better: 'higher' | 'lower';
  before: number | null;
  after: number | null;
  /** after − before, in the figure's unit; null when either side has no data. */
  change: number | null;
  /** The change relative to before, in percent (2 decimals); null when before is 0 or absent. */
  changePercent: number | null;
  /** Whether the figure moved the better way; null when unchanged or unknown. */
  improved: boolean | null;
}

export interface BeforeAfter {
  /** The first month counted as "after" (the month of the pivot date). */
  pivotMonth: string;
  monthsBefore: number;
  monthsAfter: number;
  figures: BeforeAfterFigure[];
}

/** The longest series one report covers, so a request cannot ask for centuries of months. */
export const MAX_REPORT_MONTHS = 60;

/** The months from `from` to `to`, both included (keys YYYY-MM). */
export function monthsBetween(fromKey: string, toKey: string): Period[] {
  const from = monthPeriod(fromKey, 'from');
  const to = monthPeriod(toKey, 'to');
  if (to.start < from.start) throw new BusinessRuleViolation('empty-range', `to (${to.key}) is before from (${from.key})`, 'to');
  const months: Period[] = [];
  for (let current = from; current.start <= to.start; current = periodOf(current.end, 'month')) {
    months.push(current);
    if (months.length > MAX_REPORT_MONTHS) throw new BusinessRuleViolation('range-too-long', `a report covers at most ${MAX_REPORT_MONTHS} months`, 'to');
  }
  return months;
}

function monthPeriod(key: string, field: string): Period {
  let period: Period;
  try {
    period = parsePeriod(key);
  } catch {
    throw new BusinessRuleViolation('invalid-month', `${field} must be a month YYYY-MM, not ${String(key)}`, field);
  }
  if (period.kind !== 'month') throw new BusinessRuleViolation('invalid-month', `${field} must be a month YYYY-MM, not ${key}`, field);
  return period;
}

function sumsOf(figure: ReformFigureDefinition, month: MonthSums): FigureSums | undefined {
  if (figure.kpiCode) return month.kpis[figure.kpiCode];
  if (figure.code === 'satisfaction') return month.satisfaction;
  return complaintSums(figure, month);
}

/**
 * The complaint rate's sums of a month: its complaints over the service instances completed in it (the
 * instances KPI's denominator). Without a completed instance there is no rate (null), whatever the
 * complaints: a rate over nothing would be made up.
 */
function complaintSums(figure: ReformFigureDefinition, month: MonthSums): FigureSums | undefined {
  const instances = figure.instancesKpiCode ? month.kpis[figure.instancesKpiCode]?.denominator ?? 0 : 0;
  return { numerator: month.complaints, denominator: instances, sampleSize: instances };
}

function valueOf(figure: ReformFigureDefinition, sums: FigureSums | undefined): FigureValue {
  if (!sums || sums.denominator <= 0) return { code: figure.code, value: null, sampleSize: sums?.sampleSize ?? 0 };
  return { code: figure.code, value: kpiValue(figure.unit, sums.numerator, sums.denominator), sampleSize: sums.sampleSize };
}

function add(a: FigureSums | undefined, b: FigureSums | undefined): FigureSums | undefined {
  if (!a) return b;
  if (!b) return a;
  return { numerator: a.numerator + b.numerator, denominator: a.denominator + b.denominator, sampleSize: a.sampleSize + b.sampleSize };
}

/** Each month's figures, in month order. */
export function monthlySeries(serviceType: ServiceType, months: readonly MonthSums[]): MonthFigures[] {
  const figures = reformFigures(serviceType);
  return months.map((month) => ({ month: month.month, figures: figures.map((figure) => valueOf(figure, sumsOf(figure, month))) }));
}


/**
 * The figures of the months before the pivot date's month against those from it on, each side
 * computed from its summed months. A pivot outside the range leaves one side empty (null values).
 */
export function beforeAfter(serviceType: ServiceType, months: readonly MonthSums[], pivot: Date): BeforeAfter {
  const pivotMonth = periodOf(pivot, 'month').key;
  const before = months.filter((month) => month.month < pivotMonth);
  const after = months.filter((month) => month.month >= pivotMonth);
  const figures = reformFigures(serviceType).map((figure): BeforeAfterFigure => {
    const beforeValue = valueOf(figure, before.reduce<FigureSums | undefined>((sum, month) => add(sum, sumsOf(figure, month)), undefined)).value;
    const afterValue = valueOf(figure, after.reduce<FigureSums | undefined>((sum, month) => add(sum, sumsOf(figure, month)), undefined)).value;
    const change = beforeValue === null || afterValue === null ? null : halfUp([[afterValue, 1], [beforeValue, -1]], 1, 2);
    const changePercent = change === null || beforeValue === null || beforeValue === 0 ? null : halfUp([[change, 100]], beforeValue, 2);
    const improved = change === null || change === 0 ? null : figure.better === 'higher' ? change > 0 : change < 0;
    return { code: figure.code, label: figure.label, unit: figure.unit, better: figure.better, before: beforeValue, after: afterValue, change, changePercent, improved };
  });
  return { pivotMonth, monthsBefore: before.length, monthsAfter: after.length, figures };
}
