import { BusinessRuleViolation, IllegalTransitionError, NotFoundError } from '@houqin/domain';
import { closeFollowUp, needsFollowUp, openFollowUp } from './follow-up';
import { QUESTIONNAIRES, questionnaireFor } from './questionnaire';
import { responseFigures } from './response-rate';
import { isSampled, samplingBucket } from './sampling';
import { CompletedService, Survey, answerSurvey, decideIssue, expireSurvey, isReminderDue, issueSurvey, maySee, remindSurvey, statusAt, withdrawSurvey } from './survey';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const issuedAt = new Date('2026-12-01T02:00:00Z');
const completed: CompletedService = {
  agencyId: 'agency-a',
  serviceType: 'maintenance',
  instanceId: 'b0b6a3c2-1d7e-4f4a-9d7c-000000000001',
  party: { kind: 'vendor', vendorId: 'c0c6a3c2-1d7e-4f4a-9d7c-000000000002' },
  respondentId: 'staff-wang',
  completedAt: new Date('2026-12-01T01:00:00Z'),
};
const terms = { expiryDays: 14, reminderBeforeHours: 48 };
const issue = (overrides: Partial<typeof terms> = {}): Survey => issueSurvey('survey-1', completed, questionnaireFor('maintenance'), { ...terms, ...overrides }, issuedAt);
const at = (ms: number) => new Date(issuedAt.getTime() + ms);
const allFours = { timeliness: 4, quality: 4, attitude: 4, overall: 4 };

describe('issuing a satisfaction survey', () => {
  it('asks the maintenance questions — timeliness, quality, attitude, overall — of the person served', () => {
    const survey = issue();
    expect(survey).toMatchObject({ status: 'pending', respondentId: 'staff-wang', instanceId: completed.instanceId, completedAt: completed.completedAt, issuedAt });
    expect(survey.questions.map((question) => question.code)).toEqual(['timeliness', 'quality', 'attitude', 'overall']);
  });

  it('expires after the configured days and reminds the configured hours before', () => {
    const survey = issue();
    expect(survey.expiresAt).toEqual(at(14 * DAY));
    expect(survey.remindAt).toEqual(at(14 * DAY - 48 * HOUR));
  });

  it('sends no reminder when none is configured, or when it would fall before the issue', () => {
    expect(issue({ reminderBeforeHours: 0 }).remindAt).toBeUndefined();
    expect(issue({ expiryDays: 1, reminderBeforeHours: 24 }).remindAt).toBeUndefined();
    expect(issue({ expiryDays: 1, reminderBeforeHours: 23 }).remindAt).toEqual(at(HOUR));
  });

  it('ends every questionnaire with the overall score', () => {
    for (const questions of Object.values(QUESTIONNAIRES)) expect(questions.at(-1)?.code).toBe('overall');
  });

  it('issues one survey per instance, none for cancelled work, and only for the sampled instances', () => {
    expect(decideIssue({ alreadyIssued: false, cancelled: false, sampled: true })).toBe('issue');
    expect(decideIssue({ alreadyIssued: true, cancelled: false, sampled: true })).toBe('already-issued');
    expect(decideIssue({ alreadyIssued: false, cancelled: true, sampled: true })).toBe('cancelled');
    expect(decideIssue({ alreadyIssued: false, cancelled: false, sampled: false })).toBe('not-sampled');
  });
});

describe('answering a satisfaction survey', () => {
  it('records one score per question, the overall score and the comment', () => {
    const answered = answerSurvey(issue(), 'staff-wang', { scores: { timeliness: 5, quality: 4, attitude: 3, overall: 2 }, comment: '  师傅来得晚  ' }, at(DAY));
    expect(answered).toMatchObject({ status: 'answered', answer: { scores: { timeliness: 5, quality: 4, attitude: 3, overall: 2 }, overall: 2, comment: '师傅来得晚', answeredAt: at(DAY) } });
  });

  it('refuses a second answer, naming the state answered', () => {
    const answered = answerSurvey(issue(), 'staff-wang', { scores: allFours }, at(DAY));
    expect(() => answerSurvey(answered, 'staff-wang', { scores: allFours }, at(DAY))).toThrow(expect.objectContaining({ currentState: 'answered' }) as Error);
  });

  it('refuses an answer once the survey has expired, even before the sweep records it', () => {
    const survey = issue();
    expect(statusAt(survey, at(14 * DAY - 1))).toBe('pending');
    expect(() => answerSurvey(survey, 'staff-wang', { scores: allFours }, at(14 * DAY))).toThrow(IllegalTransitionError);
    expect(() => answerSurvey(survey, 'staff-wang', { scores: allFours }, at(14 * DAY))).toThrow(expect.objectContaining({ currentState: 'expired' }) as Error);
    expect(answerSurvey(survey, 'staff-wang', { scores: allFours }, at(14 * DAY - 1)).status).toBe('answered');
  });

  it("tells someone else that the survey does not exist (a survey is its respondent's own)", () => {
    expect(() => answerSurvey(issue(), 'staff-li', { scores: allFours }, at(DAY))).toThrow(NotFoundError);
  });

  it('is seen by the person it asks and the agency\'s survey readers, not by another colleague', () => {
    const survey = issue();
    expect(maySee(survey, { userId: 'staff-wang', roles: ['staff'] })).toBe(true);
    expect(maySee(survey, { userId: 'manager-li', roles: ['staff', 'logistics-manager'] })).toBe(true);
    expect(maySee(survey, { userId: 'auditor-zhou', roles: ['auditor'] })).toBe(true);
    expect(maySee(survey, { userId: 'staff-li', roles: ['staff', 'approver'] })).toBe(false);
  });

  it('refuses a missing question, an unknown question and a score off the 1–5 scale, naming the field', () => {
    const survey = issue();
    const refusal = (scores: Record<string, number>) => {
      try {
        answerSurvey(survey, 'staff-wang', { scores }, at(DAY));
      } catch (error) {
        return error as BusinessRuleViolation;
      }
      throw new Error('accepted');
    };
    expect(refusal({ timeliness: 4, quality: 4, overall: 4 }).field).toBe('scores.attitude');
    expect(refusal({ ...allFours, speed: 3 }).field).toBe('scores.speed');
    expect(refusal({ ...allFours, quality: 6 }).field).toBe('scores.quality');
    expect(refusal({ ...allFours, quality: 2.5 }).field).toBe('scores.quality');
  });

  it('refuses answering a withdrawn survey', () => {
    expect(() => answerSurvey(withdrawSurvey(issue(), 'work order cancelled', at(HOUR)), 'staff-wang', { scores: allFours }, at(DAY))).toThrow(expect.objectContaining({ currentState: 'withdrawn' }) as Error);
  });
});

describe('reminders and expiry', () => {
  it('reminds once, at the reminder instant, while still pending', () => {
    const survey = issue();
    expect(isReminderDue(survey, at(12 * DAY - 1))).toBe(false);
    expect(isReminderDue(survey, at(12 * DAY))).toBe(true);
    const reminded = remindSurvey(survey, at(12 * DAY));
    expect(reminded.remindedAt).toEqual(at(12 * DAY));
    expect(isReminderDue(reminded, at(13 * DAY))).toBe(false);
    expect(() => remindSurvey(reminded, at(13 * DAY))).toThrow(IllegalTransitionError);
    expect(isReminderDue(answerSurvey(survey, 'staff-wang', { scores: allFours }, at(DAY)), at(12 * DAY))).toBe(false);
  });

  it('does not remind an expired survey', () => {
    expect(isReminderDue(issue(), at(14 * DAY))).toBe(false);
  });

  it('expires a pending survey at its expiry, not before, and never an answered one', () => {
    const survey = issue();
    expect(() => expireSurvey(survey, at(14 * DAY - 1))).toThrow(IllegalTransitionError);
    expect(expireSurvey(survey, at(14 * DAY))).toMatchObject({ status: 'expired', expiredAt: at(14 * DAY) });
    const answered = answerSurvey(survey, 'staff-wang', { scores: allFours }, at(DAY));
    expect(() => expireSurvey(answered, at(15 * DAY))).toThrow(expect.objectContaining({ currentState: 'answered' }) as Error);
  });
});

describe('cancelled service instances', () => {
  it('withdraw a pending or expired survey, and leave an answered one standing', () => {
    const survey = issue();
    expect(withdrawSurvey(survey, 'cancelled', at(HOUR))).toMatchObject({ status: 'withdrawn', withdrawalReason: 'cancelled', withdrawnAt: at(HOUR) });
    expect(withdrawSurvey(expireSurvey(survey, at(14 * DAY)), 'cancelled', at(15 * DAY)).status).toBe('withdrawn');
    const answered = answerSurvey(survey, 'staff-wang', { scores: allFours }, at(DAY));
    expect(withdrawSurvey(answered, 'cancelled', at(2 * DAY))).toBe(answered);
  });
});

describe('follow-ups on a low score (回访)', () => {
  it('are called for by an overall score at or below the threshold', () => {
    expect(needsFollowUp(1, 2)).toBe(true);
    expect(needsFollowUp(2, 2)).toBe(true);
    expect(needsFollowUp(3, 2)).toBe(false);
    expect(needsFollowUp(3, 3)).toBe(true);
  });

  it('open with the score and comment, and close once with a note', () => {
    const answered = answerSurvey(issue(), 'staff-wang', { scores: { ...allFours, overall: 1 }, comment: '漏水未修好' }, at(DAY));
    const followUp = openFollowUp('follow-up-1', answered, at(DAY));
    expect(followUp).toMatchObject({ status: 'open', overall: 1, comment: '漏水未修好', surveyId: 'survey-1', party: completed.party });
    const closed = closeFollowUp(followUp, 'manager-li', ' 已电话回访，安排返修 ', at(2 * DAY));
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'manager-li', note: '已电话回访，安排返修', closedAt: at(2 * DAY) });
    expect(() => closeFollowUp(closed, 'manager-li', 'again', at(3 * DAY))).toThrow(expect.objectContaining({ currentState: 'closed' }) as Error);
    expect(() => closeFollowUp(followUp, 'manager-li', '   ', at(3 * DAY))).toThrow(BusinessRuleViolation);
  });

  it('cannot open on an unanswered survey', () => {
    expect(() => openFollowUp('follow-up-1', issue(), at(DAY))).toThrow(IllegalTransitionError);
  });
});

describe('sampling', () => {
  const ids = Array.from({ length: 2000 }, (_, index) => `0000${index.toString(16).padStart(4, '0')}-1d7e-4f4a-9d7c-${index.toString(16).padStart(12, '0')}`);

  it('decides the same for the same instance, every time', () => {
    for (const id of ids.slice(0, 50)) {
      expect(isSampled('maintenance', id, 30)).toBe(isSampled('maintenance', id, 30));
      expect(isSampled('maintenance', id.toUpperCase(), 30)).toBe(isSampled('maintenance', id, 30));
    }
    // Pinned: a change of the hash would re-decide instances already decided.
    expect(samplingBucket('maintenance', 'b0b6a3c2-1d7e-4f4a-9d7c-000000000001')).toBe(85);
    expect(samplingBucket('maintenance', 'B0B6A3C2-1D7E-4F4A-9D7C-000000000002')).toBe(28);
  });

  it('surveys every instance at 100 %, none at 0 %, and about the rate asked in between', () => {
    expect(ids.every((id) => isSampled('maintenance', id, 100))).toBe(true);
    expect(ids.some((id) => isSampled('maintenance', id, 0))).toBe(false);
    const share = ids.filter((id) => isSampled('maintenance', id, 30)).length / ids.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });

  it('keeps the instances sampled at a rate when the rate rises', () => {
    for (const id of ids.slice(0, 200)) if (isSampled('maintenance', id, 20)) expect(isSampled('maintenance', id, 50)).toBe(true);
  });
});

describe('response rates', () => {
  it('are the answered share of the issued surveys, with the mean overall score of the answers', () => {
    expect(responseFigures({ issued: 8, answered: 6, expired: 1, pending: 1, overallSum: 21 })).toEqual({ issued: 8, answered: 6, expired: 1, pending: 1, responseRate: 0.75, meanScore: 3.5 });
  });

  it('are unknown when nothing was issued or answered', () => {
    expect(responseFigures({ issued: 0, answered: 0, expired: 0, pending: 0, overallSum: 0 })).toMatchObject({ responseRate: null, meanScore: null });
    expect(responseFigures({ issued: 3, answered: 0, expired: 3, pending: 0, overallSum: 0 })).toMatchObject({ responseRate: 0, meanScore: null });
  });
});
