import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { parsePeriod } from '../../kpis/domain/period';
import { Scorecard, computeScorecard, correctScorecard, publishScorecard } from './scorecard';
import { defaultPolicy } from './scorecard-policy';

/*
 * The whole state × action table of a scorecard (考核记分卡), written out from the business: a
 * party's scorecard for a period is published once; it is then corrected (更正) only as a new
 * version with a reason, and only from the current version — the corrected one is superseded and
 * final; a scorecard is published only once its period has ended. 'published' after a correction is
 * the new version; '409' is an illegal transition naming the state; '422' the period-not-ended refusal.
 */
type ScorecardCondition = 'not yet published' | 'period not ended' | 'published' | 'superseded';
type ScorecardAction = 'publish' | 'correct';
const SCORECARD_TABLE: Record<ScorecardCondition, Record<ScorecardAction, 'published' | '409' | '422' | 'nothing to correct'>> = {
  'not yet published': { publish: 'published', correct: 'nothing to correct' },
  'period not ended': { publish: '422', correct: 'nothing to correct' },
  published: { publish: '409', correct: 'published' },
  superseded: { publish: '409', correct: '409' },
};

const clock = new FixedClock(new Date('2026-12-05T02:00:00Z'));
const content = computeScorecard(
  { agencyId: 'agency-1', party: { kind: 'vendor', vendorId: 'v-1' }, serviceType: 'maintenance', period: parsePeriod('2026-11') },
  { kpis: [], satisfaction: { issued: 10, answered: 8, responseRate: 0.8, meanScore: 4.2 }, assessments: [{ assessmentId: 'a-1', score: 70 }] },
  defaultPolicy('maintenance'),
  { rank: 1, rankedAmong: 3, previous: [] },
  clock.now(),
);
const first = publishScorecard(content, null, { id: 's-1', userId: 'manager-1' }, clock);
const running = { ...content, period: parsePeriod('2026-12') };
const inCondition: Record<ScorecardCondition, Scorecard | null> = {
  'not yet published': null,
  'period not ended': null,
  published: first,
  superseded: correctScorecard(first, content, 'a late survey answer', { id: 's-2', userId: 'manager-1' }, clock).superseded,
};
const perform: Record<ScorecardAction, (current: Scorecard | null, condition: ScorecardCondition) => string> = {
  publish: (current, condition) => publishScorecard(condition === 'period not ended' ? running : content, current, { id: 's-3', userId: 'manager-1' }, clock).status,
  correct: (current) => (current ? correctScorecard(current, content, 'assessment resubmitted', { id: 's-3', userId: 'manager-1' }, clock).corrected.status : 'nothing to correct'),
};

describe('the scorecard state × action table', () => {
  const cells = (Object.keys(SCORECARD_TABLE) as ScorecardCondition[]).flatMap((condition) =>
    (Object.keys(perform) as ScorecardAction[]).map((action) => [condition, action, SCORECARD_TABLE[condition][action]] as const),
  );

  it.each(cells)('%s, %s → %s', (condition, action, expected) => {
    const current = inCondition[condition];
    if (expected === '409') {
      expect(() => perform[action](current, condition)).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: current?.status }));
    } else if (expected === '422') {
      expect(() => perform[action](current, condition)).toThrow(expect.objectContaining({ constructor: BusinessRuleViolation, code: 'period-not-ended', field: 'period' }));
    } else {
      expect(perform[action](current, condition)).toBe(expected);
    }
  });
});
