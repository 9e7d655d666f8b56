import { AttemptOutcome, RetryPolicy, isRepeatable, isTransient, isUpstreamFailure } from './retry-policy';

const unreachable: AttemptOutcome = { kind: 'unreachable', reason: 'ECONNREFUSED' };
const unavailable: AttemptOutcome = { kind: 'answered', status: 503 };

describe('what the gateway retries', () => {
  it('repeats idempotent methods, and POST or PATCH only with an Idempotency-Key', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']) expect(isRepeatable(method, false)).toBe(true);
    expect(isRepeatable('POST', false)).toBe(false);
    expect(isRepeatable('PATCH', false)).toBe(false);
    expect(isRepeatable('POST', true)).toBe(true);
    expect(isRepeatable('patch', true)).toBe(true);
  });

  it('retries an unreachable service or a 503, not other answers or a timeout', () => {
    expect(isTransient(unreachable)).toBe(true);
    expect(isTransient(unavailable)).toBe(true);
    expect(isTransient({ kind: 'answered', status: 500 })).toBe(false);
    expect(isTransient({ kind: 'answered', status: 404 })).toBe(false);
    expect(isTransient({ kind: 'timed-out' })).toBe(false);
  });

  it('counts no answer, a timeout and a 5xx against the service, not a 4xx', () => {
    expect(isUpstreamFailure(unreachable)).toBe(true);
    expect(isUpstreamFailure({ kind: 'timed-out' })).toBe(true);
    expect(isUpstreamFailure({ kind: 'answered', status: 500 })).toBe(true);
    expect(isUpstreamFailure({ kind: 'answered', status: 409 })).toBe(false);
  });
});

describe('the retry policy', () => {
  const get = { method: 'GET', hasIdempotencyKey: false };

  it('retries a bounded number of times with a jittered, growing backoff', () => {
    const policy = new RetryPolicy({ retries: 2, baseDelayMs: 100 }, () => 1);
    expect(policy.delayBeforeRetry(get, unreachable, 1, 10_000)).toBe(100);
    expect(policy.delayBeforeRetry(get, unreachable, 2, 10_000)).toBe(200);
    expect(policy.delayBeforeRetry(get, unreachable, 3, 10_000)).toBeUndefined();
    const lowest = new RetryPolicy({ retries: 2, baseDelayMs: 100 }, () => 0);
    expect(lowest.delayBeforeRetry(get, unavailable, 1, 10_000)).toBe(50);
  });

  it('caps the backoff', () => {
    const policy = new RetryPolicy({ retries: 5, baseDelayMs: 100, maxDelayMs: 300 }, () => 1);
    expect(policy.delayBeforeRetry(get, unreachable, 5, 10_000)).toBe(300);
  });

  it('does not start a retry that would pass the deadline', () => {
    const policy = new RetryPolicy({ retries: 2, baseDelayMs: 100 }, () => 1);
    expect(policy.delayBeforeRetry(get, unreachable, 1, 100)).toBeUndefined();
    expect(policy.delayBeforeRetry(get, unreachable, 1, 101)).toBe(100);
  });

  it('does not retry a POST without an Idempotency-Key, nor a non-transient outcome', () => {
    const policy = new RetryPolicy({ retries: 2 });
    expect(policy.delayBeforeRetry({ method: 'POST', hasIdempotencyKey: false }, unavailable, 1, 10_000)).toBeUndefined();
    expect(policy.delayBeforeRetry({ method: 'POST', hasIdempotencyKey: true }, unavailable, 1, 10_000)).toBeDefined();
    expect(policy.delayBeforeRetry(get, { kind: 'answered', status: 502 }, 1, 10_000)).toBeUndefined();
  });

  it('never retries when retries are off', () => {
    expect(new RetryPolicy({ retries: 0 }).delayBeforeRetry(get, unreachable, 1, 10_000)).toBeUndefined();
  });
});
