import { FixedClock, IllegalTransitionError } from '@houqin/domain';
import { parsePeriod } from '../../kpis/domain/period';
import { Assessment, AssessmentStatus, DEFAULT_CRITERIA, draftAssessment, reviseAssessment, submitAssessment } from './assessment';
import { registerOrganisation } from './evaluator-organisation';

/*
 * The whole state × action table of a third-party assessment (第三方评估), written out from the
 * business: a draft is revised and submitted; submission locks it for good (no change, no second
 * submission) — '409' is an illegal transition naming the state.
 */
type AssessmentAction = 'revise' | 'submit';
const ASSESSMENT_TABLE: Record<AssessmentStatus, Record<AssessmentAction, AssessmentStatus | '409'>> = {
  draft: { revise: 'draft', submit: 'submitted' },
  submitted: { revise: '409', submit: '409' },
};

const clock = new FixedClock(new Date('2026-12-05T02:00:00Z'));
const organisation = registerOrganisation(
  { id: 'org-1', agencyId: 'agency-1', name: '华信评估', accounts: ['evaluator-1'], from: new Date('2026-01-01T00:00:00+08:00'), until: new Date('2027-01-01T00:00:00+08:00') },
  'admin-1',
  clock,
);
// Every criterion scored and evidence attached, so only the state decides.
const ready = draftAssessment(
  organisation,
  {
    id: 'a-1',
    vendorId: '6f1c1d2e-1111-4a4a-8b8b-000000000001',
    serviceType: 'maintenance',
    period: parsePeriod('2026-11'),
    scores: DEFAULT_CRITERIA.maintenance.map((criterion) => ({ code: criterion.code, score: 80 })),
    evidence: [{ fileName: 'site-visit.pdf', contentType: 'application/pdf', sizeBytes: 1024, url: 'https://files.agency.example/site-visit.pdf' }],
  },
  'evaluator-1',
  clock,
);
const inState: Record<AssessmentStatus, Assessment> = { draft: ready, submitted: submitAssessment(ready, organisation, 'evaluator-1', clock) };
const perform: Record<AssessmentAction, (assessment: Assessment) => Assessment> = {
  revise: (assessment) => reviseAssessment(assessment, organisation, { summary: '现场检查良好' }, clock),
  submit: (assessment) => submitAssessment(assessment, organisation, 'evaluator-1', clock),
};

describe('the third-party assessment state × action table', () => {
  const cells = (Object.keys(ASSESSMENT_TABLE) as AssessmentStatus[]).flatMap((state) =>
    (Object.keys(perform) as AssessmentAction[]).map((action) => [state, action, ASSESSMENT_TABLE[state][action]] as const),
  );

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    if (expected === '409') {
      expect(() => perform[action](inState[state])).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](inState[state]).status).toBe(expected);
    }
  });
});
