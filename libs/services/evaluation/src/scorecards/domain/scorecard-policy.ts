import type { ServiceType } from '../../kpis/domain/evaluated-party';

/** How much of the composite each input carries, in whole points of 100. */
export interface ComponentWeights {
  kpi: number;
  survey: number;
  thirdParty: number;
}

/** The lowest composite score of each standing; below `warning` is failing. */
export interface Thresholds {
  excellent: number;
  good: number;
  warning: number;
}

export const STANDINGS = ['excellent', 'good', 'warning', 'failing'] as const;
export type Standing = (typeof STANDINGS)[number];

/** An agency's scorecard rules for one service type, or the platform's defaults. */
export interface ScorecardPolicy {
  serviceType: ServiceType;
  weights: ComponentWeights;
  thresholds: Thresholds;
  source: 'default' | 'agency';
}

/**
 * Defaults: KPIs from the events carry most; satisfaction weighs more where people are served in
 * person (canteens, cars); the third-party assessment (第三方评估) is the independent check.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<ServiceType, ComponentWeights>> = {
  maintenance: { kpi: 60, survey: 25, thirdParty: 15 },
  procurement: { kpi: 70, survey: 15, thirdParty: 15 },
  catering: { kpi: 40, survey: 40, thirdParty: 20 },
  transport: { kpi: 50, survey: 35, thirdParty: 15 },
};

/** 优秀 ≥ 90, 良好 ≥ 75, 预警 ≥ 60, 不合格 below. */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = { excellent: 90, good: 75, warning: 60 };

export function defaultPolicy(serviceType: ServiceType): ScorecardPolicy {
  return { serviceType, weights: { ...DEFAULT_WEIGHTS[serviceType] }, thresholds: { ...DEFAULT_THRESHOLDS }, source: 'default' };
}

/** A field of the policy and the rule it breaks (answered 400 at the edge). */
export interface PolicyProblem {
  field: string;
  rule: string;
  message: string;
}

const COMPONENTS = ['kpi', 'survey', 'thirdParty'] as const;
const LEVELS = ['excellent', 'good', 'warning'] as const;

/** Weights: whole numbers 0–100 summing to exactly 100. */
export function weightProblems(weights: ComponentWeights): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const name of COMPONENTS) {
    const value = weights[name];
    if (!Number.isInteger(value) || value < 0 || value > 100) {
      problems.push({ field: `weights.${name}`, rule: 'wholePoints', message: `weights.${name} must be a whole number from 0 to 100` });
    }
  }
  if (problems.length > 0) return problems;
  const sum = weights.kpi + weights.survey + weights.thirdParty;
  if (sum !== 100) {
    problems.push({
      field: 'weights',
      rule: 'sumsTo100',
      message: `weights must sum to 100 (kpi ${weights.kpi} + survey ${weights.survey} + thirdParty ${weights.thirdParty} = ${sum})`,
    });
  }
  return problems;
}

/** Thresholds: 0–100 and strictly descending, excellent > good > warning > 0. */
export function thresholdProblems(thresholds: Thresholds): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const name of LEVELS) {
    const value = thresholds[name];
    if (!Number.isFinite(value) || value <= 0 || value > 100) {
      problems.push({ field: `thresholds.${name}`, rule: 'range', message: `thresholds.${name} must be above 0 and at most 100` });
    }
  }
  if (problems.length > 0) return problems;
  if (thresholds.good >= thresholds.excellent) {
    problems.push({ field: 'thresholds.good', rule: 'descending', message: 'thresholds.good must be below thresholds.excellent' });
  }
  if (thresholds.warning >= thresholds.good) {
    problems.push({ field: 'thresholds.warning', rule: 'descending', message: 'thresholds.warning must be below thresholds.good' });
  }
  return problems;
}

/** The standing of a composite score: a score on a threshold reaches it. */
export function standingOf(score: number, thresholds: Thresholds): Standing {
  if (score >= thresholds.excellent) return 'excellent';
  if (score >= thresholds.good) return 'good';
  if (score >= thresholds.warning) return 'warning';
  return 'failing';
}
