import { halfUp } from '@houqin/domain';
import { ServiceType } from './evaluated-party';
import { Fact, Measure, summarize } from './kpi-facts';
import { KpiDefinition, KpiUnit, platformKpi } from './kpi-definitions';
import { KpiResult } from './kpi-result';
import { Period, inPeriod } from './period';

/** A KPI's sums for one party, service type and period: what kpi_value keeps. */
export interface KpiSums {
  serviceType: ServiceType;
  party: string;
  periodKey: string;
  code: string;
  numerator: number;
  denominator: number;
  sampleSize: number;
}

/**
 * The value of a KPI from its sums: a share in percent (2 decimals), a mean cost in whole fen or a
 * mean score or a cost per km (2 decimals), each half up on the exact quotient; null when nothing
 * was measured.
 */
export function kpiValue(unit: KpiUnit, numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  switch (unit) {
    case 'percent':
      return halfUp([[numerator, 100]], denominator, 2);
    case 'fen':
      return halfUp([[numerator, 1]], denominator, 0);
    case 'score':
    case 'fen-per-km':
      return halfUp([[numerator, 1]], denominator, 2);
    case 'grams':
      return halfUp([[numerator, 1]], denominator, 1);
  }
}

/** Adds one fact's measures to the sums of its party in a period. */
export function addMeasures(into: Map<string, KpiSums>, serviceType: ServiceType, party: string, periodKey: string, measures: Record<string, Measure>): void {
  for (const [code, measure] of Object.entries(measures)) {
    const key = sumsKey(serviceType, party, periodKey, code);
    const current = into.get(key) ?? { serviceType, party, periodKey, code, numerator: 0, denominator: 0, sampleSize: 0 };
    into.set(key, { ...current, numerator: current.numerator + measure.num, denominator: current.denominator + measure.den, sampleSize: current.sampleSize + measure.n });
  }
}

export function sumsKey(serviceType: ServiceType, party: string, periodKey: string, code: string): string {
  return `${serviceType}|${party}|${periodKey}|${code}`;
}

/** The sums of every party's KPIs in a period, from facts in memory (the from-scratch path). */
export function sumsForPeriod(facts: Iterable<Fact>, period: Period): Map<string, KpiSums> {
  const sums = new Map<string, KpiSums>();
  for (const fact of facts) {
    const summary = summarize(fact.instance, fact.fields);
    if (summary.party === null || summary.anchorAt === null || !inPeriod(new Date(summary.anchorAt), period)) continue;
    addMeasures(sums, fact.serviceType, summary.party, period.key, summary.measures);
  }
  return sums;
}

/** The results a scorecard reads: every defined KPI of the type, valued from its sums (null without). */
export function kpiResults(definitions: readonly KpiDefinition[], sums: ReadonlyArray<Pick<KpiSums, 'code' | 'numerator' | 'denominator' | 'sampleSize'>>): KpiResult[] {
  const byCode = new Map(sums.map((row) => [row.code, row]));
  return definitions.map((definition) => {
    const row = byCode.get(definition.code);
    const unit = platformKpi(definition.code)?.unit ?? definition.unit;
    return {
      code: definition.code,
      name: definition.name,
      unit,
      direction: definition.direction,
      target: definition.target,
      weight: definition.weight,
      value: row ? kpiValue(unit, row.numerator, row.denominator) : null,
      sampleSize: row?.sampleSize ?? 0,
    };
  });
}
