import { evaluationEnvironment } from './evaluation.config';

describe("evaluation's survey settings", () => {
  it('default to surveys open 14 days, a reminder 48 hours before expiry, a follow-up at an overall score of 2 or less, every instance surveyed', () => {
    expect(evaluationEnvironment.parse({})).toMatchObject({ SURVEY_EXPIRY_DAYS: 14, SURVEY_REMINDER_BEFORE_HOURS: 48, SURVEY_FOLLOW_UP_MAX_OVERALL: 2, SURVEY_DEFAULT_SAMPLING_PERCENT: 100 });
  });

  it.each([
    ['SURVEY_EXPIRY_DAYS', '0'],
    ['SURVEY_REMINDER_BEFORE_HOURS', '-1'],
    ['SURVEY_SWEEP_INTERVAL_MS', 'soon'],
    ['SURVEY_FOLLOW_UP_MAX_OVERALL', '5'],
    ['SURVEY_DEFAULT_SAMPLING_PERCENT', '101'],
  ])('refuse %s=%s, naming the variable', (variable, value) => {
    const result = evaluationEnvironment.safeParse({ [variable]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([variable]);
  });
});
