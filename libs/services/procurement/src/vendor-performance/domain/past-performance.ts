import type { ServiceCategory } from '../../vendors/domain/vendor';

/** The service lines evaluation publishes scorecards for. */
export type ScoredServiceType = 'maintenance' | 'procurement' | 'catering' | 'transport';

/** Which scorecards speak for a tender's category; cleaning and security have none yet. */
export const SCORECARD_SERVICE_TYPE: Readonly<Record<ServiceCategory, ScoredServiceType | undefined>> = {
  supplies: 'procurement',
  maintenance: 'maintenance',
  catering: 'catering',
  transport: 'transport',
  cleaning: undefined,
  security: undefined,
};

/**
 * A vendor without a published score (new to the agency, or scored without figures) gets half the
 * criterion's points: neither rewarded nor punished for having no history here.
 */
export const NO_HISTORY_SHARE = 0.5;

/** A vendor's published score as procurement keeps it (from scorecard.published / vendor.score-changed). */
export interface PublishedScore {
  agencyId: string;
  vendorId: string;
  serviceType: ScoredServiceType;
  period: string;
  periodStart: Date;
  periodEnd: Date;
  version: number;
  /** Null when the scorecard had no figures. */
  score: number | null;
  standing: string | null;
  scorecardId: string;
}

/**
 * Whether a published score replaces the one kept. A publication without a score never replaces one
 * with a score (a month without work does not erase the history), and one with a score always
 * replaces one without. Otherwise: a later period end; on the same end, the longer period (the year
 * over its last quarter over its last month); on the same period, the higher version (a correction).
 * The outcome does not depend on the order the events arrive in; late events never move it back.
 */
export function supersedes(candidate: PublishedScore, kept: PublishedScore): boolean {
  if ((candidate.score === null) !== (kept.score === null)) return kept.score === null;
  const endDelta = candidate.periodEnd.getTime() - kept.periodEnd.getTime();
  if (endDelta !== 0) return endDelta > 0;
  const startDelta = candidate.periodStart.getTime() - kept.periodStart.getTime();
  if (startDelta !== 0) return startDelta < 0;
  return candidate.version > kept.version;
}

/** The points of a past-performance criterion: the score's share of the maximum (2 decimals). */
export function pastPerformancePoints(maxPoints: number, score: number | null | undefined): number {
  const share = score === null || score === undefined ? NO_HISTORY_SHARE : Math.min(100, Math.max(0, score)) / 100;
  return Math.round(maxPoints * share * 100) / 100;
}
