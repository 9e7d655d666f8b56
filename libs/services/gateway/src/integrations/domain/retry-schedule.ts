/**
 * When a failed webhook delivery is tried again. The delay doubles from `baseDelayMs` per failed
 * attempt up to `maxDelayMs`, with "equal jitter" (a random point in the upper half of the delay), so
 * the deliveries of one outage do not all come back at the same instant. Retries go on until
 * `horizonMs` has passed since the first attempt — the last retry may fall just past it — and the
 * delivery is then given up (failed).
 */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  horizonMs: number;
}

/** The delay before the attempt after failed attempt number `failedAttempts` (1 = the first attempt failed). */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 52);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
}

export type AfterFailure = { decision: 'retry'; at: Date } | { decision: 'give-up' };

export interface FailedAttempt {
  /** Attempts made so far, this one included. */
  attempt: number;
  /** The first attempt of the current retry window (a manual redelivery opens a new window). */
  firstAttemptAt: Date;
  failedAt: Date;
}

export function afterFailedAttempt(failed: FailedAttempt, policy: RetryPolicy, random: () => number = Math.random): AfterFailure {
  if (failed.failedAt.getTime() - failed.firstAttemptAt.getTime() >= policy.horizonMs) return { decision: 'give-up' };
  return { decision: 'retry', at: new Date(failed.failedAt.getTime() + retryDelayMs(failed.attempt, policy, random)) };
}

/** A receiver acknowledges a delivery with any 2xx status; everything else (3xx included) is retried. */
export function isAcknowledged(status: number): boolean {
  return status >= 200 && status < 300;
}
