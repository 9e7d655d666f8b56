import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import type { KpiResult } from '../../kpis/domain/kpi-result';
import { parsePeriod } from '../../kpis/domain/period';
import { compositeScore, kpiAttainment, kpiComponent, surveyComponent, thirdPartyComponent } from './composite';
import { competitionRanks } from './ranking';
import { computeScorecard, correctScorecard, publishScorecard, scoreChanged } from './scorecard';
import { DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS, defaultPolicy, standingOf, thresholdProblems, weightProblems } from './scorecard-policy';
import { trendOf } from './trend';

const kpi = (over: Partial<KpiResult>): KpiResult => ({
  code: 'k',
  name: 'k',
  unit: '%',
  direction: 'higher-is-better',
  target: 90,
  weight: 50,
  value: 90,
  sampleSize: 10,
  ...over,
});

describe('scorecard weights (per agency and service type)', () => {
  it('accepts whole points summing to exactly 100', () => {
    expect(weightProblems({ kpi: 60, survey: 25, thirdParty: 15 })).toEqual([]);
    expect(weightProblems({ kpi: 100, survey: 0, thirdParty: 0 })).toEqual([]);
  });

  it('refuses weights that do not sum to 100, naming the field weights and the sum', () => {
    const [problem, ...rest] = weightProblems({ kpi: 60, survey: 25, thirdParty: 20 });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ field: 'weights', rule: 'sumsTo100' });
    expect(problem?.message).toContain('= 105');
    expect(weightProblems({ kpi: 50, survey: 25, thirdParty: 15 })[0]).toMatchObject({ field: 'weights', rule: 'sumsTo100' });
  });

  it('refuses a fractional or negative weight, naming it', () => {
    expect(weightProblems({ kpi: 60.5, survey: 24.5, thirdParty: 15 }).map((p) => p.field)).toEqual(['weights.kpi', 'weights.survey']);
    expect(weightProblems({ kpi: 110, survey: -10, thirdParty: 0 }).map((p) => p.field)).toEqual(['weights.kpi', 'weights.survey']);
  });

  it('has defaults for every service type that sum to 100', () => {
    for (const weights of Object.values(DEFAULT_WEIGHTS)) expect(weightProblems(weights)).toEqual([]);
  });
});

describe('standings (excellent / good / warning / failing)', () => {
  it('puts a score on a threshold in that standing, just below it in the next', () => {
    expect(standingOf(90, DEFAULT_THRESHOLDS)).toBe('excellent');
    expect(standingOf(89.99, DEFAULT_THRESHOLDS)).toBe('good');
    expect(standingOf(75, DEFAULT_THRESHOLDS)).toBe('good');
    expect(standingOf(74.99, DEFAULT_THRESHOLDS)).toBe('warning');
    expect(standingOf(60, DEFAULT_THRESHOLDS)).toBe('warning');
    expect(standingOf(59.99, DEFAULT_THRESHOLDS)).toBe('failing');
    expect(standingOf(0, DEFAULT_THRESHOLDS)).toBe('failing');
  });

  it("follows an agency's own thresholds", () => {
    const strict = { excellent: 95, good: 85, warning: 70 };
    expect(standingOf(92, strict)).toBe('good');
    expect(standingOf(80, strict)).toBe('warning');
    expect(standingOf(65, strict)).toBe('failing');
  });

  it('refuses thresholds that are not strictly descending, naming the field', () => {
    expect(thresholdProblems({ excellent: 90, good: 90, warning: 60 })).toEqual([expect.objectContaining({ field: 'thresholds.good', rule: 'descending' })]);
    expect(thresholdProblems({ excellent: 90, good: 75, warning: 80 })).toEqual([expect.objectContaining({ field: 'thresholds.warning', rule: 'descending' })]);
    expect(thresholdProblems({ excellent: 101, good: 75, warning: 60 })).toEqual([expect.objectContaining({ field: 'thresholds.excellent', rule: 'range' })]);
    expect(thresholdProblems(DEFAULT_THRESHOLDS)).toEqual([]);
  });
});

describe('the composite', () => {
  it('scores a KPI by how far it reached its target, capped at 100', () => {
    expect(kpiAttainment(kpi({ target: 90, value: 72 }))).toBeCloseTo(80);
    expect(kpiAttainment(kpi({ target: 90, value: 99 }))).toBe(100);
    expect(kpiAttainment(kpi({ direction: 'lower-is-better', target: 5, value: 4 }))).toBe(100);
    expect(kpiAttainment(kpi({ direction: 'lower-is-better', target: 5, value: 10 }))).toBe(50);
    expect(kpiAttainment(kpi({ value: null }))).toBeNull();
  });

  it('weights KPIs by their own weights and leaves out those without a value', () => {
    const { score } = kpiComponent([kpi({ weight: 30, target: 100, value: 100 }), kpi({ weight: 10, target: 100, value: 60 }), kpi({ weight: 60, value: null })]);
    expect(score).toBe(90); // (100×30 + 60×10) ÷ 40
    expect(kpiComponent([kpi({ value: null })]).score).toBeNull();
  });

  it('turns the 1–5 satisfaction mean into 0–100', () => {
    expect(surveyComponent(5)).toBe(100);
    expect(surveyComponent(1)).toBe(0);
    expect(surveyComponent(4.2)).toBe(80);
    expect(surveyComponent(null)).toBeNull();
  });

  it('averages the period’s third-party assessments', () => {
    expect(thirdPartyComponent([80, 90])).toBe(85);
    expect(thirdPartyComponent([])).toBeNull();
  });

  it('weights the components (60/25/15: 90, 80, 70 → 84.5)', () => {
    expect(compositeScore({ kpi: 90, survey: 80, thirdParty: 70 }, { kpi: 60, survey: 25, thirdParty: 15 })).toEqual({
      score: 84.5,
      appliedWeights: { kpi: 60, survey: 25, thirdParty: 15 },
      missing: [],
    });
  });

  it('scales the weights over the components that have figures instead of counting a missing one as zero', () => {
    const result = compositeScore({ kpi: 90, survey: 80, thirdParty: null }, { kpi: 60, survey: 25, thirdParty: 15 });
    expect(result.score).toBeCloseTo((90 * 60 + 80 * 25) / 85, 2);
    expect(result.missing).toEqual(['thirdParty']);
    expect(result.appliedWeights.thirdParty).toBe(0);
    expect(compositeScore({ kpi: null, survey: null, thirdParty: null }, { kpi: 60, survey: 25, thirdParty: 15 }).score).toBeNull();
  });
});

describe('rank among the vendors of a service type', () => {
  it('gives equal scores the same rank and skips the places they share (1, 1, 3)', () => {
    const ranks = competitionRanks([
      { key: 'a', score: 92 },
      { key: 'b', score: 80 },
      { key: 'c', score: 92 },
      { key: 'd', score: 75.5 },
    ]);
    expect([...ranks.entries()]).toEqual([
      ['a', 1],
      ['b', 3],
      ['c', 1],
      ['d', 4],
    ]);
  });

  it('ties scores equal to 2 decimals and leaves a party without a score unranked', () => {
    const ranks = competitionRanks([
      { key: 'a', score: 88.004 },
      { key: 'b', score: 88.001 },
      { key: 'c', score: null },
      { key: 'd', score: 90 },
    ]);
    expect(ranks.get('d')).toBe(1);
    expect(ranks.get('a')).toBe(2);
    expect(ranks.get('b')).toBe(2);
    expect(ranks.get('c')).toBeNull();
  });
});

describe('trend against the previous periods', () => {
  const point = (period: string, score: number | null) => ({ period, score, standing: null, published: true });

  it('compares with the nearest previous period that has a score', () => {
    expect(trendOf(84, [point('2026-10', null), point('2026-09', 80)])).toMatchObject({ direction: 'up', change: 4, comparedWith: '2026-09' });
    expect(trendOf(70, [point('2026-10', 80)])).toMatchObject({ direction: 'down', change: -10 });
    expect(trendOf(80, [point('2026-10', 80)])).toMatchObject({ direction: 'flat', change: 0 });
    expect(trendOf(80, [point('2026-10', null)])).toMatchObject({ direction: null, change: null });
  });
});

describe('publication and correction', () => {
  const clock = new FixedClock(new Date('2026-12-05T02:00:00Z'));
  const content = computeScorecard(
    { agencyId: 'agency-1', party: { kind: 'vendor', vendorId: 'v-1' }, serviceType: 'maintenance', period: parsePeriod('2026-11') },
    { kpis: [kpi({ weight: 100, target: 100, value: 90 })], satisfaction: { issued: 10, answered: 8, responseRate: 0.8, meanScore: 4.2 }, assessments: [{ assessmentId: 'a-1', score: 70 }] },
    defaultPolicy('maintenance'),
    { rank: 1, rankedAmong: 3, previous: [] },
    clock.now(),
  );

  it('computes the composite and its standing from the inputs and the policy', () => {
    expect(content.score).toBe(84.5);
    expect(content.standing).toBe('good');
  });

  it('publishes version 1, and refuses to publish the same scorecard again (409 naming published)', () => {
    const published = publishScorecard(content, null, { id: 's-1', userId: 'manager-1' }, clock);
    expect(published).toMatchObject({ id: 's-1', version: 1, status: 'published', publishedBy: 'manager-1', score: 84.5 });
    expect(() => publishScorecard(content, published, { id: 's-2', userId: 'manager-1' }, clock)).toThrow(IllegalTransitionError);
    expect(() => publishScorecard(content, published, { id: 's-2', userId: 'manager-1' }, clock)).toThrow(/scorecard is published/);
  });

  it('refuses to publish a scorecard for a period that has not ended (422 naming period), the current one or one to come', () => {
    const publishFor = (key: string, at: FixedClock) => publishScorecard({ ...content, period: parsePeriod(key) }, null, { id: 's-1', userId: 'manager-1' }, at);
    // 5 December 2026, 10:00 in China: December, Q4 and 2026 are still running; 2027 has not begun.
    for (const key of ['2026-12', '2026-Q4', '2026', '2027', '2027-01']) {
      expect(() => publishFor(key, clock)).toThrow(expect.objectContaining({ constructor: BusinessRuleViolation, code: 'period-not-ended', field: 'period' }));
    }
    expect(publishFor('2026-Q3', clock)).toMatchObject({ version: 1, status: 'published' });
    // November ends at 00:00 on 1 December China Standard Time (16:00 UTC on 30 November).
    expect(() => publishFor('2026-11', new FixedClock(new Date('2026-11-30T15:59:59.999Z')))).toThrow(/has not ended/);
    expect(publishFor('2026-11', new FixedClock(new Date('2026-11-30T16:00:00Z')))).toMatchObject({ version: 1, status: 'published' });
  });

  it('corrects with a new version and a reason; the old version stays, superseded', () => {
    const published = publishScorecard(content, null, { id: 's-1', userId: 'manager-1' }, clock);
    const recomputed = { ...content, score: 80, standing: 'good' as const };
    const { corrected, superseded } = correctScorecard(published, recomputed, ' late assessment counted ', { id: 's-2', userId: 'admin-1' }, clock);
    expect(corrected).toMatchObject({ id: 's-2', version: 2, status: 'published', correctionOf: 's-1', reason: 'late assessment counted', score: 80 });
    expect(superseded).toMatchObject({ id: 's-1', version: 1, status: 'superseded', supersededBy: 's-2', score: 84.5 });
    expect(() => correctScorecard(superseded, recomputed, 'again', { id: 's-3', userId: 'admin-1' }, clock)).toThrow(/scorecard is superseded/);
    expect(() => correctScorecard(published, recomputed, '  ', { id: 's-3', userId: 'admin-1' }, clock)).toThrow(BusinessRuleViolation);
  });

  it("tells a vendor's score changed on a first version and on a correction that moves the score, not otherwise", () => {
    const published = publishScorecard(content, null, { id: 's-1', userId: 'manager-1' }, clock);
    expect(scoreChanged(null, published)).toBe(true);
    expect(scoreChanged(published, { ...published, id: 's-2', version: 2 })).toBe(false);
    expect(scoreChanged(published, { ...published, id: 's-2', version: 2, score: 80 })).toBe(true);
    expect(scoreChanged(null, { ...published, party: { kind: 'internal-team' } })).toBe(false);
  });
});
