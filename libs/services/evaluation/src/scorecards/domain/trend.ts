import type { Standing } from './scorecard-policy';

/** A previous period's score: its latest published scorecard, or the draft when none was published. */
export interface TrendPoint {
  period: string;
  score: number | null;
  standing: Standing | null;
  published: boolean;
}

export interface Trend {
  /** Against the nearest previous period that has a score; null when none has. */
  direction: 'up' | 'down' | 'flat' | null;
  /** Points gained (negative: lost) since that period, 2 decimals. */
  change: number | null;
  comparedWith: string | null;
  /** The previous periods, most recent first. */
  previous: TrendPoint[];
}

/** How many previous periods a scorecard shows. */
export const TREND_PERIODS = 3;

export function trendOf(current: number | null, previous: readonly TrendPoint[]): Trend {
  const base = previous.find((point) => point.score !== null);
  if (current === null || !base || base.score === null) return { direction: null, change: null, comparedWith: base?.period ?? null, previous: [...previous] };
  const change = Math.round((current - base.score) * 100) / 100;
  return { direction: change > 0 ? 'up' : change < 0 ? 'down' : 'flat', change, comparedWith: base.period, previous: [...previous] };
}
