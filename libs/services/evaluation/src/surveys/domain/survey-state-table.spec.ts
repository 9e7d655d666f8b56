import { IllegalTransitionError } from '@houqin/domain';
import { FollowUp, FollowUpStatus, closeFollowUp, openFollowUp } from './follow-up';
import { questionnaireFor } from './questionnaire';
import { CompletedService, Survey, SurveyStatus, answerSurvey, expireSurvey, issueSurvey, remindSurvey, withdrawSurvey } from './survey';

/*
 * The whole state × action table of a satisfaction survey (满意度调查), written out from the
 * business: the person served answers once while it is open; a reminder goes out once, when due; a
 * survey not answered in time expires (and reads as expired before the sweep records it); a
 * cancelled service withdraws an unanswered survey, while an answered one stands. 'same' leaves the
 * state as it was, 'ignored' changes nothing; '409' is an illegal transition naming the state the
 * survey reads as.
 */
type SurveyCondition = 'pending' | 'pending, its reminder due' | 'pending past its expiry' | 'answered' | 'expired' | 'withdrawn';
type SurveyAction = 'answer' | 'remind' | 'expire' | 'withdraw';
// prettier-ignore
const SURVEY_TABLE: Record<SurveyCondition, { readsAs: SurveyStatus; actions: Record<SurveyAction, SurveyStatus | 'same' | 'ignored' | '409'> }> = {
  'pending':                   { readsAs: 'pending',   actions: { answer: 'answered', remind: '409',  expire: '409',     withdraw: 'withdrawn' } },
  'pending, its reminder due': { readsAs: 'pending',   actions: { answer: 'answered', remind: 'same', expire: '409',     withdraw: 'withdrawn' } },
  'pending past its expiry':   { readsAs: 'expired',   actions: { answer: '409',      remind: '409',  expire: 'expired', withdraw: 'withdrawn' } },
  'answered':                  { readsAs: 'answered',  actions: { answer: '409',      remind: '409',  expire: '409',     withdraw: 'ignored' } },
  'expired':                   { readsAs: 'expired',   actions: { answer: '409',      remind: '409',  expire: '409',     withdraw: 'withdrawn' } },
  'withdrawn':                 { readsAs: 'withdrawn', actions: { answer: '409',      remind: '409',  expire: '409',     withdraw: 'ignored' } },
};

const HOUR = 3_600_000;
const issuedAt = new Date('2026-12-01T02:00:00Z');
const completed: CompletedService = {
  agencyId: 'agency-a',
  serviceType: 'maintenance',
  instanceId: 'b0b6a3c2-1d7e-4f4a-9d7c-000000000001',
  party: { kind: 'vendor', vendorId: 'c0c6a3c2-1d7e-4f4a-9d7c-000000000002' },
  respondentId: 'staff-wang',
  completedAt: new Date('2026-12-01T01:00:00Z'),
};
// Open 14 days, reminded 48 hours before the end.
const issued = issueSurvey('survey-1', completed, questionnaireFor('maintenance'), { expiryDays: 14, reminderBeforeHours: 48 }, issuedAt);
const answers = { scores: { timeliness: 4, quality: 4, attitude: 4, overall: 4 } };
const early = new Date(issuedAt.getTime() + HOUR);
const reminderDue = new Date(issuedAt.getTime() + 13 * 24 * HOUR);
const afterExpiry = new Date(issuedAt.getTime() + 15 * 24 * HOUR);

const inCondition: Record<SurveyCondition, { survey: Survey; now: Date }> = {
  pending: { survey: issued, now: early },
  'pending, its reminder due': { survey: issued, now: reminderDue },
  'pending past its expiry': { survey: issued, now: afterExpiry },
  answered: { survey: answerSurvey(issued, 'staff-wang', answers, early), now: reminderDue },
  expired: { survey: expireSurvey(issued, afterExpiry), now: afterExpiry },
  withdrawn: { survey: withdrawSurvey(issued, 'work order cancelled', early), now: reminderDue },
};

const outcome = (before: Survey, after: Survey) => (after === before ? 'ignored' : after.status === before.status ? 'same' : after.status);
const perform: Record<SurveyAction, (survey: Survey, now: Date) => ReturnType<typeof outcome>> = {
  answer: (survey, now) => outcome(survey, answerSurvey(survey, 'staff-wang', answers, now)),
  remind: (survey, now) => outcome(survey, remindSurvey(survey, now)),
  expire: (survey, now) => outcome(survey, expireSurvey(survey, now)),
  withdraw: (survey, now) => outcome(survey, withdrawSurvey(survey, 'work order cancelled', now)),
};

describe('the satisfaction survey state × action table', () => {
  it('has a row for every status', () => {
    expect([...new Set(Object.values(SURVEY_TABLE).map((row) => row.readsAs))].sort()).toEqual(['answered', 'expired', 'pending', 'withdrawn']);
  });

  const cells = (Object.keys(SURVEY_TABLE) as SurveyCondition[]).flatMap((condition) =>
    (Object.keys(perform) as SurveyAction[]).map((action) => [condition, action, SURVEY_TABLE[condition].actions[action]] as const),
  );

  it.each(cells)('%s, %s → %s', (condition, action, expected) => {
    const { survey, now } = inCondition[condition];
    if (expected === '409') {
      expect(() => perform[action](survey, now)).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: SURVEY_TABLE[condition].readsAs }));
    } else {
      expect(perform[action](survey, now)).toBe(expected);
    }
  });
});

/* A follow-up (回访) of a low score is closed once, with a note. */
const FOLLOW_UP_TABLE: Record<FollowUpStatus, { close: FollowUpStatus | '409' }> = {
  open: { close: 'closed' },
  closed: { close: '409' },
};

describe('the survey follow-up state × action table', () => {
  const opened = openFollowUp('follow-up-1', answerSurvey(issued, 'staff-wang', { scores: { timeliness: 1, quality: 1, attitude: 2, overall: 1 } }, early), early);
  const inState: Record<FollowUpStatus, FollowUp> = { open: opened, closed: closeFollowUp(opened, 'manager-1', 'called back, leak fixed', reminderDue) };

  it.each((Object.keys(FOLLOW_UP_TABLE) as FollowUpStatus[]).map((state) => [state, FOLLOW_UP_TABLE[state].close] as const))('%s, close → %s', (state, expected) => {
    const close = () => closeFollowUp(inState[state], 'manager-2', 'called again', afterExpiry);
    if (expected === '409') expect(close).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    else expect(close().status).toBe(expected);
  });
});
