import { halfUp, weightedMeanHalfUp } from '@houqin/domain';
import type { KpiResult } from '../../kpis/domain/kpi-result';
import type { ComponentWeights } from './scorecard-policy';

// Figures are kept to 2 decimal places, half up on the exact figure, so equal scores compare equal.

const clamp = (value: number): number => Math.min(100, Math.max(0, value));

/**
 * How far a KPI reached its target, 0–100 to 2 decimals. Higher is better: value ÷ target (capped at
 * 100). Lower is better: 100 at or under target, else target ÷ value. No value: null (not counted).
 */
export function kpiAttainment(kpi: Pick<KpiResult, 'direction' | 'target' | 'value'>): number | null {
  const { value, target } = kpi;
  if (value === null || !Number.isFinite(value)) return null;
  if (kpi.direction === 'higher-is-better') return target <= 0 ? 100 : clamp(halfUp([[value, 100]], target, 2));
  if (value <= target) return 100;
  return target <= 0 ? 0 : clamp(halfUp([[target, 100]], value, 2));
}

export interface KpiLine extends KpiResult {
  attainment: number | null;
}

/**
 * The KPI component: the weight-averaged attainment of the KPIs that have a value, from the
 * attainments the lines show (null if none has a value).
 */
export function kpiComponent(kpis: readonly KpiResult[]): { score: number | null; lines: KpiLine[] } {
  const lines = kpis.map((kpi) => ({ ...kpi, attainment: kpiAttainment(kpi) }));
  const counted = lines.filter((line): line is KpiLine & { attainment: number } => line.attainment !== null && line.weight > 0);
  return { score: weightedMeanHalfUp(counted.map((line) => [line.attainment, line.weight]), 2), lines };
}

/** The survey component: the mean answer on the 1–5 scale as 0–100 (1 → 0, 5 → 100); null without answers. */
export function surveyComponent(meanScore: number | null): number | null {
  if (meanScore === null || !Number.isFinite(meanScore)) return null;
  return clamp(halfUp([[meanScore, 25], [1, -25]], 1, 2));
}

/** The third-party component: the mean overall score of the period's submitted assessments; null without any. */
export function thirdPartyComponent(scores: readonly number[]): number | null {
  return weightedMeanHalfUp(scores.map((score) => [score, 1]), 2);
}

export interface ComponentScores {
  kpi: number | null;
  survey: number | null;
  thirdParty: number | null;
}

/**
 * The weighted composite. A component without figures does not count as zero: the weights of the
 * components present are scaled back to 100 (appliedWeights) and the missing ones are named.
 * Nothing present (or only zero-weighted components): no score.
 */
export function compositeScore(
  components: ComponentScores,
  weights: ComponentWeights,
): { score: number | null; appliedWeights: ComponentWeights; missing: Array<keyof ComponentScores> } {
  const names = ['kpi', 'survey', 'thirdParty'] as const;
  const missing = names.filter((name) => components[name] === null);
  const present = names.filter((name) => components[name] !== null && weights[name] > 0);
  const total = present.reduce((sum, name) => sum + weights[name], 0);
  const applied: ComponentWeights = { kpi: 0, survey: 0, thirdParty: 0 };
  if (total === 0) return { score: null, appliedWeights: applied, missing };
  for (const name of present) applied[name] = halfUp([[weights[name], 100]], total, 2);
  const score = weightedMeanHalfUp(present.map((name) => [components[name]!, weights[name]]), 2);
  return { score, appliedWeights: applied, missing };
}
