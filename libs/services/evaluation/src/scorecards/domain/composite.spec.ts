import type { KpiResult } from '../../kpis/domain/kpi-result';
import { compositeScore, kpiAttainment, kpiComponent, surveyComponent, thirdPartyComponent } from './composite';
import { DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS, standingOf } from './scorecard-policy';

const kpi = (over: Partial<KpiResult>): KpiResult => ({
  code: 'k',
  name: 'k',
  unit: 'percent',
  direction: 'higher-is-better',
  target: 100,
  weight: 50,
  value: 90,
  sampleSize: 10,
  ...over,
});

// Every figure is rounded half up (四舍五入) from its exact value: a score exactly halfway between
// two hundredths takes the higher, whatever binary floating point makes of it.
describe('composite figures exactly halfway round up', () => {
  it('scores 60/25/15 of 70.13, 81.25 and 84.03 (exactly 74.995) as 75.00: good, not warning', () => {
    const survey = surveyComponent(4.25);
    expect(survey).toBe(81.25);
    const { score } = compositeScore({ kpi: 70.13, survey, thirdParty: 84.03 }, DEFAULT_WEIGHTS.maintenance);
    expect(score).toBe(75);
    expect(standingOf(score!, DEFAULT_THRESHOLDS)).toBe('good');
  });

  it('scores 60/25/15 of 57.08, 68.74 and 57.08 (exactly 59.995) as 60.00: warning, not failing', () => {
    const { score } = compositeScore({ kpi: 57.08, survey: 68.74, thirdParty: 57.08 }, DEFAULT_WEIGHTS.maintenance);
    expect(score).toBe(60);
    expect(standingOf(score!, DEFAULT_THRESHOLDS)).toBe('warning');
  });

  it('still rounds a composite below the half down (74.9935 stays 74.99)', () => {
    expect(compositeScore({ kpi: 70.13, survey: 81.25, thirdParty: 84.02 }, DEFAULT_WEIGHTS.maintenance).score).toBe(74.99); // 74.9935
  });

  it('scales the applied weights of the components present to 100, half up', () => {
    expect(compositeScore({ kpi: 90, survey: 80, thirdParty: null }, DEFAULT_WEIGHTS.maintenance).appliedWeights).toEqual({ kpi: 70.59, survey: 29.41, thirdParty: 0 });
  });

  it('takes a KPI that reached 2.175 % of its target as 2.18', () => {
    expect(kpiAttainment(kpi({ target: 40, value: 0.87 }))).toBe(2.18);
    expect(kpiAttainment(kpi({ direction: 'lower-is-better', target: 0.87, value: 40 }))).toBe(2.18);
  });

  it('averages the line attainments the scorecard shows: 50.02 and 50.03 equally weighted give 50.03', () => {
    const { score, lines } = kpiComponent([kpi({ value: 50.02, weight: 1 }), kpi({ value: 50.03, weight: 1 })]);
    expect(lines.map((line) => line.attainment)).toEqual([50.02, 50.03]);
    expect(score).toBe(50.03);
  });

  it('turns a satisfaction mean of 2.025 (81 points over 40 answers) into 25.63', () => {
    expect(surveyComponent(81 / 40)).toBe(25.63);
    expect(surveyComponent(4.275)).toBe(81.88);
  });

  it('averages third-party scores of 80.07 and 80.08 to 80.08', () => {
    expect(thirdPartyComponent([80.07, 80.08])).toBe(80.08);
  });
});
