import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';
import type { EvaluatedParty, ServiceType } from '../../kpis/domain/evaluated-party';
import type { KpiResult } from '../../kpis/domain/kpi-result';
import type { Period } from '../../kpis/domain/period';
import { ComponentScores, KpiLine, compositeScore, kpiComponent, surveyComponent, thirdPartyComponent } from './composite';
import { ComponentWeights, ScorecardPolicy, Standing, Thresholds, standingOf } from './scorecard-policy';
import { Trend, TrendPoint, trendOf } from './trend';

export interface Satisfaction {
  issued: number;
  answered: number;
  responseRate: number | null;
  /** 1–5 */
  meanScore: number | null;
}

/** What a scorecard is computed from, as the inputs stand at the moment. */
export interface ScorecardInputs {
  kpis: KpiResult[];
  satisfaction: Satisfaction;
  /** The submitted third-party assessments of the party, service type and period. */
  assessments: Array<{ assessmentId: string; score: number }>;
}

/** The computed content of a scorecard: a draft, or what a published version froze. */
export interface ScorecardContent {
  agencyId: string;
  party: EvaluatedParty;
  serviceType: ServiceType;
  period: Period;
  kpi: { score: number | null; lines: KpiLine[] };
  survey: Satisfaction & { score: number | null };
  thirdParty: { score: number | null; assessments: Array<{ assessmentId: string; score: number }> };
  weights: ComponentWeights;
  /** The weights as applied: scaled over the components that had figures. */
  appliedWeights: ComponentWeights;
  missing: Array<keyof ComponentScores>;
  thresholds: Thresholds;
  score: number | null;
  standing: Standing | null;
  rank: number | null;
  /** How many vendors of the service type had a score in the period. */
  rankedAmong: number;
  trend: Trend;
  computedAt: Date;
}

export type ScorecardStatus = 'published' | 'superseded';

/** A published scorecard version: immutable, save being marked superseded by its correction. */
export interface Scorecard extends ScorecardContent {
  id: string;
  version: number;
  status: ScorecardStatus;
  publishedBy: string;
  publishedAt: Date;
  correctionOf?: string;
  reason?: string;
  supersededBy?: string;
  supersededAt?: Date;
}

/** The draft (computed on read): components, composite, standing; rank and trend as the caller found them. */
export function computeScorecard(
  subject: { agencyId: string; party: EvaluatedParty; serviceType: ServiceType; period: Period },
  inputs: ScorecardInputs,
  policy: ScorecardPolicy,
  placing: { rank: number | null; rankedAmong: number; previous: TrendPoint[] },
  now: Date,
): ScorecardContent {
  const kpi = kpiComponent(inputs.kpis);
  const survey = surveyComponent(inputs.satisfaction.meanScore);
  const thirdParty = thirdPartyComponent(inputs.assessments.map((assessment) => assessment.score));
  const composite = compositeScore({ kpi: kpi.score, survey, thirdParty }, policy.weights);
  return {
    ...subject,
    kpi,
    survey: { ...inputs.satisfaction, score: survey },
    thirdParty: { score: thirdParty, assessments: inputs.assessments },
    weights: policy.weights,
    appliedWeights: composite.appliedWeights,
    missing: composite.missing,
    thresholds: policy.thresholds,
    score: composite.score,
    standing: composite.score === null ? null : standingOf(composite.score, policy.thresholds),
    rank: placing.rank,
    rankedAmong: placing.rankedAmong,
    trend: trendOf(composite.score, placing.previous),
    computedAt: now,
  };
}

/**
 * The first publication of a party's scorecard for a service type and period, once the period has
 * ended (考核周期结束后): a scorecard speaks for a closed period, never for one still running or to come.
 */
export function publishScorecard(content: ScorecardContent, existing: Scorecard | null, by: { id: string; userId: string }, clock: Clock): Scorecard {
  if (existing) throw new IllegalTransitionError('scorecard', existing.status === 'published' ? 'published' : 'superseded', 'publish again (a published scorecard is corrected by a new version with a reason)');
  const now = clock.now();
  if (now.getTime() < content.period.end.getTime()) {
    throw new BusinessRuleViolation(
      'period-not-ended',
      `period ${content.period.key} has not ended (it ends ${content.period.end.toISOString()}): a scorecard is published for a closed period only`,
      'period',
    );
  }
  return { ...content, id: by.id, version: 1, status: 'published', publishedBy: by.userId, publishedAt: now };
}

/**
 * A correction (更正): a new version computed from the inputs as they now stand, with the reason;
 * the version corrected stays, marked superseded. Only the current version can be corrected.
 */
export function correctScorecard(
  current: Scorecard,
  content: ScorecardContent,
  reason: string,
  by: { id: string; userId: string },
  clock: Clock,
): { corrected: Scorecard; superseded: Scorecard } {
  if (current.status !== 'published') throw new IllegalTransitionError('scorecard', current.status, 'correct (correct the current version)');
  const text = reason.trim();
  if (!text) throw new BusinessRuleViolation('reason-required', 'give the reason for the correction', 'reason');
  const now = clock.now();
  return {
    corrected: { ...content, id: by.id, version: current.version + 1, status: 'published', publishedBy: by.userId, publishedAt: now, correctionOf: current.id, reason: text },
    superseded: { ...current, status: 'superseded', supersededBy: by.id, supersededAt: now },
  };
}

/** Whether a publication changes the vendor's score: a first version, or a correction with another score or standing. */
export function scoreChanged(previous: Scorecard | null, next: Scorecard): boolean {
  if (next.party.kind !== 'vendor') return false;
  if (!previous) return true;
  return previous.score !== next.score || previous.standing !== next.standing;
}
