import { RetryPolicy, afterFailedAttempt, isAcknowledged, retryDelayMs } from './retry-schedule';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const policy: RetryPolicy = { baseDelayMs: 10 * SECOND, maxDelayMs: HOUR, horizonMs: 24 * HOUR };
const top = () => 1;
const bottom = () => 0;

describe('retry schedule of failed webhook deliveries', () => {
  it('doubles the delay from the base per failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, policy, top))).toEqual([10, 20, 40, 80, 160].map((s) => s * SECOND));
  });

  it('caps the delay at one hour', () => {
    expect(retryDelayMs(10, policy, top)).toBe(HOUR);
    expect(retryDelayMs(200, policy, top)).toBe(HOUR);
  });

  it('jitters within the upper half of the delay, never below half', () => {
    expect(retryDelayMs(3, policy, bottom)).toBe(20 * SECOND);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(30 * SECOND);
    for (let i = 0; i < 100; i += 1) {
      const delay = retryDelayMs(4, policy);
      expect(delay).toBeGreaterThanOrEqual(40 * SECOND);
      expect(delay).toBeLessThanOrEqual(80 * SECOND);
    }
  });

  it('schedules the next attempt after the delay while inside the 24 h window', () => {
    const firstAttemptAt = new Date('2026-12-01T08:00:00Z');
    const failedAt = new Date('2026-12-01T08:00:30Z');
    expect(afterFailedAttempt({ attempt: 3, firstAttemptAt, failedAt }, policy, top)).toEqual({ decision: 'retry', at: new Date('2026-12-01T08:01:10Z') });
  });

  it('still retries a failure just inside the window, even if the retry falls past it', () => {
    const firstAttemptAt = new Date('2026-12-01T08:00:00Z');
    const failedAt = new Date(firstAttemptAt.getTime() + 24 * HOUR - 1);
    const next = afterFailedAttempt({ attempt: 30, firstAttemptAt, failedAt }, policy, top);
    expect(next).toEqual({ decision: 'retry', at: new Date(failedAt.getTime() + HOUR) });
  });

  it('gives up once 24 h have passed since the first attempt', () => {
    const firstAttemptAt = new Date('2026-12-01T08:00:00Z');
    expect(afterFailedAttempt({ attempt: 31, firstAttemptAt, failedAt: new Date('2026-12-02T08:00:00Z') }, policy)).toEqual({ decision: 'give-up' });
  });

  it('gives up at once with a zero horizon: one attempt only', () => {
    const at = new Date('2026-12-01T08:00:00Z');
    expect(afterFailedAttempt({ attempt: 1, firstAttemptAt: at, failedAt: at }, { ...policy, horizonMs: 0 })).toEqual({ decision: 'give-up' });
  });

  it('makes 33 (longest delays) to 57 (shortest delays) attempts over the default 24 h', () => {
    const attemptsWithin = (random: () => number) => {
      let elapsed = 0;
      let attempts = 1;
      while (elapsed < policy.horizonMs) {
        elapsed += retryDelayMs(attempts, policy, random);
        attempts += 1;
      }
      return attempts;
    };
    expect(attemptsWithin(top)).toBe(33);
    expect(attemptsWithin(bottom)).toBe(57);
  });

  it('counts any 2xx as acknowledged and nothing else', () => {
    expect([200, 201, 202, 204, 299].every(isAcknowledged)).toBe(true);
    expect([100, 301, 304, 400, 410, 429, 500, 503].some(isAcknowledged)).toBe(false);
  });
});
