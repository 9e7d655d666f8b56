import { ServiceType } from './evaluated-party';
import { FactChange } from './kpi-facts';
import { PERIOD_KINDS, Period, periodOf } from './period';

/** A party's values of one service type in one period, to recompute after a fact changed. */
export interface AffectedValues {
  serviceType: ServiceType;
  party: string;
  period: Period;
}

/**
 * The (party, period) values a fact change touches: where it counted before and where it counts
 * now, for the month, quarter and year. Nothing when what it counts did not change.
 */
export function affectedValues(change: FactChange, unchanged: boolean): AffectedValues[] {
  if (unchanged) return [];
  const found = new Map<string, AffectedValues>();
  for (const summary of [change.before, change.after]) {
    if (summary.party === null || summary.anchorAt === null) continue;
    for (const kind of PERIOD_KINDS) {
      const period = periodOf(new Date(summary.anchorAt), kind);
      found.set(`${summary.party}|${period.key}`, { serviceType: change.fact.serviceType, party: summary.party, period });
    }
  }
  return [...found.values()].sort((a, b) => (a.party + a.period.key < b.party + b.period.key ? -1 : 1));
}
