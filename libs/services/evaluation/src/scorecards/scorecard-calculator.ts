import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssessmentsRepository } from '../assessments/assessments.repository';
import { EvaluatedParty, ServiceType, parseParty, partyKey, vendorParty } from '../kpis/domain/evaluated-party';
import type { KpiResult } from '../kpis/domain/kpi-result';
import { Period, previousPeriod } from '../kpis/domain/period';
import { SurveyResultsRepository } from '../surveys/survey-results.repository';
import { competitionRanks } from './domain/ranking';
import { ScorecardContent, ScorecardInputs, computeScorecard } from './domain/scorecard';
import { ScorecardPolicy } from './domain/scorecard-policy';
import { TREND_PERIODS, TrendPoint } from './domain/trend';
import { ScorecardPoliciesRepository } from './scorecard-policies.repository';
import { ScorecardsRepository } from './scorecards.repository';

/** What scorecards read of the KPIs (KpiValuesRepository, evaluation's KPI capability). */
export interface KpiSource {
  forParty(manager: EntityManager, agencyId: string, party: EvaluatedParty, serviceType: ServiceType, period: Period): Promise<KpiResult[]>;
  partiesWithValues(manager: EntityManager, agencyId: string, serviceType: ServiceType, period: Period): Promise<EvaluatedParty[]>;
}
export const KPI_SOURCE = Symbol('houqin.evaluation.kpi-source');

export interface Subject {
  agencyId: string;
  party: EvaluatedParty;
  serviceType: ServiceType;
  period: Period;
}

/**
 * Computes scorecards from the inputs as they stand: the draft is computed on read, never stored,
 * so it follows every KPI event, survey answer and submitted assessment at once.
 */
@Injectable()
export class ScorecardCalculator {
  constructor(
    @Inject(KPI_SOURCE) private readonly kpis: KpiSource,
    private readonly surveys: SurveyResultsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly policies: ScorecardPoliciesRepository,
    private readonly scorecards: ScorecardsRepository,
  ) {}

  async inputs(manager: EntityManager, subject: Subject): Promise<ScorecardInputs> {
    const { agencyId, party, serviceType, period } = subject;
    // One after another: the queries share the transaction's connection.
    const kpis = await this.kpis.forParty(manager, agencyId, party, serviceType, period);
    const satisfaction = await this.surveys.satisfaction(manager, agencyId, party, serviceType, period);
    const assessments = party.kind === 'vendor' ? await this.assessments.submittedScores(manager, agencyId, party.vendorId, serviceType, period) : [];
    return { kpis, satisfaction, assessments };
  }

  /** Every party with figures in the period: KPI values, surveys or submitted assessments. */
  async parties(manager: EntityManager, agencyId: string, serviceType: ServiceType, period: Period): Promise<EvaluatedParty[]> {
    const withKpis = await this.kpis.partiesWithValues(manager, agencyId, serviceType, period);
    const surveyed = await this.surveys.responseRates(manager, agencyId, period, { serviceType });
    const assessed = await this.assessments.vendorsAssessed(manager, agencyId, serviceType, period);
    const keys = new Set<string>([...withKpis.map(partyKey), ...surveyed.rows.map((row) => row.party), ...assessed.map((vendorId) => partyKey(vendorParty(vendorId)))]);
    return [...keys].sort().map(parseParty);
  }

  /**
   * The period's scorecards of every party of the service type (and `include`, figures or not),
   * with the vendors' competition rank; without trend (that reads the earlier periods).
   */
  async standings(manager: EntityManager, agencyId: string, serviceType: ServiceType, period: Period, now: Date, include?: EvaluatedParty): Promise<ScorecardContent[]> {
    const policy = await this.policies.policyFor(manager, agencyId, serviceType);
    const parties = await this.parties(manager, agencyId, serviceType, period);
    if (include && !parties.some((party) => partyKey(party) === partyKey(include))) parties.push(include);
    const computed = [];
    for (const party of parties) {
      const inputs = await this.inputs(manager, { agencyId, party, serviceType, period });
      computed.push(computeScorecard({ agencyId, party, serviceType, period }, inputs, policy, { rank: null, rankedAmong: 0, previous: [] }, now));
    }
    const vendors = computed.filter((content) => content.party.kind === 'vendor');
    const ranks = competitionRanks(vendors.map((content) => ({ key: partyKey(content.party), score: content.score })));
    const rankedAmong = vendors.filter((content) => content.score !== null).length;
    return computed.map((content) => ({ ...content, rank: ranks.get(partyKey(content.party)) ?? null, rankedAmong }));
  }

  /** One party's draft: its inputs, its rank among the vendors of the service type, its trend. */
  async draft(manager: EntityManager, subject: Subject, now: Date): Promise<ScorecardContent> {
    const all = await this.standings(manager, subject.agencyId, subject.serviceType, subject.period, now, subject.party);
    const own = all.find((content) => partyKey(content.party) === partyKey(subject.party))!;
    const policy = await this.policies.policyFor(manager, subject.agencyId, subject.serviceType);
    const previous = await this.previousPoints(manager, subject, policy, now);
    const inputs = await this.inputs(manager, subject);
    return computeScorecard(subject, inputs, policy, { rank: own.rank, rankedAmong: own.rankedAmong, previous }, now);
  }

  /** The previous periods, most recent first: the published score where there is one, else the draft's. */
  private async previousPoints(manager: EntityManager, subject: Subject, policy: ScorecardPolicy, now: Date): Promise<TrendPoint[]> {
    const points: TrendPoint[] = [];
    let period = subject.period;
    for (let i = 0; i < TREND_PERIODS; i += 1) {
      period = previousPeriod(period);
      const earlier = { ...subject, period };
      const published = await this.scorecards.current(manager, subject.agencyId, subject.party, subject.serviceType, period);
      if (published) {
        points.push({ period: period.key, score: published.score, standing: published.standing, published: true });
        continue;
      }
      const draft = computeScorecard(earlier, await this.inputs(manager, earlier), policy, { rank: null, rankedAmong: 0, previous: [] }, now);
      points.push({ period: period.key, score: draft.score, standing: draft.standing, published: false });
    }
    return points;
  }
}
