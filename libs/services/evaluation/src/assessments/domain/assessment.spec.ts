import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { parsePeriod } from '../../kpis/domain/period';
import { DEFAULT_CRITERIA, draftAssessment, overallScore, reviseAssessment, submitAssessment } from './assessment';
import { declareTie, engage, isEngagedAt, registerOrganisation } from './evaluator-organisation';

const clock = new FixedClock(new Date('2026-12-05T02:00:00Z'));
const vendorId = '6f1c1d2e-1111-4a4a-8b8b-000000000001';
const organisation = registerOrganisation(
  { id: 'org-1', agencyId: 'agency-1', name: ' 华信评估 ', accounts: ['evaluator-1'], from: new Date('2026-01-01T00:00:00+08:00'), until: new Date('2027-01-01T00:00:00+08:00') },
  'admin-1',
  clock,
);
const allScores = DEFAULT_CRITERIA.maintenance.map((criterion) => ({ code: criterion.code, score: 80 }));
const evidence = [{ fileName: 'site-visit.pdf', contentType: 'application/PDF', sizeBytes: 1024, url: 'https://files.agency.example/site-visit.pdf' }];
const draft = () => draftAssessment(organisation, { id: 'a-1', vendorId, serviceType: 'maintenance', period: parsePeriod('2026-11') }, 'evaluator-1', clock);

describe('default criteria', () => {
  it('weigh 100 points for every service type', () => {
    for (const criteria of Object.values(DEFAULT_CRITERIA)) expect(criteria.reduce((sum, criterion) => sum + criterion.weight, 0)).toBe(100);
  });
});

describe('evaluator organisations', () => {
  it('act only while the agency engages them', () => {
    expect(organisation.name).toBe('华信评估');
    expect(isEngagedAt(organisation, new Date('2026-06-01T00:00:00Z'))).toBe(true);
    expect(isEngagedAt(organisation, new Date('2027-01-01T00:00:00+08:00'))).toBe(false);
    const later = new FixedClock(new Date('2027-02-01T00:00:00Z'));
    expect(() => draftAssessment(organisation, { id: 'a-2', vendorId, serviceType: 'maintenance', period: parsePeriod('2026-12') }, 'evaluator-1', later)).toThrow(/not engaged/);
  });

  it('refuses an overlapping engagement', () => {
    expect(() => engage(organisation, new Date('2026-12-01T00:00:00Z'), new Date('2027-06-01T00:00:00Z'), 'admin-1', clock)).toThrow(/already engaged/);
    expect(engage(organisation, new Date('2027-01-01T00:00:00+08:00'), new Date('2028-01-01T00:00:00+08:00'), 'admin-1', clock).engagements).toHaveLength(2);
  });
});

describe('third-party assessments (第三方评估)', () => {
  it('refuses an organisation tied to the vendor, naming the tie as a conflict of interest', () => {
    const tied = declareTie(organisation, { vendorId: vendorId.toUpperCase(), nature: 'shareholding', note: '持股 5%' }, 'evaluator-1', clock);
    let error: unknown;
    try {
      draftAssessment(tied, { id: 'a-1', vendorId, serviceType: 'maintenance', period: parsePeriod('2026-11') }, 'evaluator-1', clock);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error).toMatchObject({ code: 'conflict-of-interest', field: 'vendorId' });
    expect((error as Error).message).toMatch(/shareholding tie .*持股 5%.*conflict of interest/);
  });

  it('refuses to submit a draft once a tie is declared after drafting', () => {
    const scored = reviseAssessment(draft(), organisation, { scores: allScores, evidence }, clock);
    const tied = declareTie(organisation, { vendorId, nature: 'consulting' }, 'evaluator-1', clock);
    expect(() => submitAssessment(scored, tied, 'evaluator-1', clock)).toThrow(/conflict of interest/);
  });

  it('scores each criterion 0–100 and refuses unknown criteria, naming the field', () => {
    expect(() => reviseAssessment(draft(), organisation, { scores: [{ code: 'workmanship', score: 101 }] }, clock)).toThrow(expect.objectContaining({ field: 'scores[0].score' }));
    expect(() => reviseAssessment(draft(), organisation, { scores: [{ code: 'taste', score: 50 }] }, clock)).toThrow(expect.objectContaining({ field: 'scores[0].code' }));
  });

  it('weights the overall score by the criteria (35/25/20/20)', () => {
    const criteria = DEFAULT_CRITERIA.maintenance;
    expect(overallScore(criteria, [{ code: 'workmanship', score: 100 }, { code: 'safety', score: 80 }, { code: 'records', score: 60 }, { code: 'conduct', score: 50 }])).toBe(77);
    expect(overallScore(criteria, [{ code: 'workmanship', score: 100 }])).toBeNull();
  });

  it('rounds an overall score exactly halfway up to the next hundredth (74.995 → 75, 74.975 → 74.98)', () => {
    const criteria = DEFAULT_CRITERIA.maintenance;
    const scored = (workmanship: number, safety: number, records: number, conduct: number) =>
      overallScore(criteria, [
        { code: 'workmanship', score: workmanship },
        { code: 'safety', score: safety },
        { code: 'records', score: records },
        { code: 'conduct', score: conduct },
      ]);
    expect(scored(50.07, 70.17, 99.82, 99.82)).toBe(75); // exactly 74.995
    expect(scored(50.07, 50.17, 74.82, 74.82)).toBe(60); // exactly 59.995
    expect(scored(70, 73.9, 70, 90)).toBe(74.98); // exactly 74.975
    expect(scored(70, 73.9, 70, 89.99)).toBe(74.97); // 74.973
  });

  it('submits only with every criterion scored and evidence attached', () => {
    expect(() => submitAssessment(reviseAssessment(draft(), organisation, { evidence }, clock), organisation, 'evaluator-1', clock)).toThrow(/missing: workmanship, safety, records, conduct/);
    expect(() => submitAssessment(reviseAssessment(draft(), organisation, { scores: allScores }, clock), organisation, 'evaluator-1', clock)).toThrow(/evidence/);
  });

  it('locks the assessment at submission: changes and a second submission are illegal in state submitted', () => {
    const submitted = submitAssessment(reviseAssessment(draft(), organisation, { scores: allScores, evidence }, clock), organisation, 'evaluator-1', clock);
    expect(submitted).toMatchObject({ status: 'submitted', overallScore: 80, submittedBy: 'evaluator-1', evidence: [{ contentType: 'application/pdf' }] });
    expect(() => reviseAssessment(submitted, organisation, { summary: 'second thoughts' }, clock)).toThrow(IllegalTransitionError);
    expect(() => reviseAssessment(submitted, organisation, { summary: 'second thoughts' }, clock)).toThrow(/assessment is submitted/);
    expect(() => submitAssessment(submitted, organisation, 'evaluator-1', clock)).toThrow(/assessment is submitted/);
  });

  it('refuses the same evidence file twice', () => {
    expect(() => reviseAssessment(draft(), organisation, { evidence: [...evidence, ...evidence] }, clock)).toThrow(expect.objectContaining({ field: 'evidence[1].url' }));
  });
});
