/** What one call to an upstream came to. */
export type AttemptOutcome =
  | { kind: 'answered'; status: number }
  /** No answer: connection refused or reset, DNS failure, socket closed mid-request. */
  | { kind: 'unreachable'; reason: string }
  | { kind: 'timed-out' };

/** Methods whose repetition has the effect of a single call (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Made safe to repeat by the Idempotency-Key the services honour. */
const KEYED_METHODS = new Set(['POST', 'PATCH']);

export function isRepeatable(method: string, hasIdempotencyKey: boolean): boolean {
  const upper = method.toUpperCase();
  return IDEMPOTENT_METHODS.has(upper) || (hasIdempotencyKey && KEYED_METHODS.has(upper));
}

/** Worth another try: the upstream was not reached, or said it is momentarily unavailable. */
export function isTransient(outcome: AttemptOutcome): boolean {
  return outcome.kind === 'unreachable' || (outcome.kind === 'answered' && outcome.status === 503);
}

/** What the circuit breaker counts against an upstream: no answer, too late, or a 5xx. */
export function isUpstreamFailure(outcome: AttemptOutcome): boolean {
  return outcome.kind !== 'answered' || outcome.status >= 500;
}

export interface RetryOptions {
  /** Extra attempts after the first. */
  retries: number;
  /** Backoff before the first retry; doubles per retry, jittered down to half. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Retries only what is safe and useful to repeat — a repeatable request whose attempt met a
 * transient outcome — a bounded number of times, with a short jittered backoff, and never past
 * the request's deadline (a retry that could not finish in time is not started).
 */
export class RetryPolicy {
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly options: RetryOptions,
    private readonly random: () => number = Math.random,
  ) {
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.maxDelayMs = options.maxDelayMs ?? 1000;
  }

  get retries(): number {
    return this.options.retries;
  }

  /**
   * The pause before the next attempt, or undefined when there is none.
   * @param attempt the attempt that just ended, 1 for the first
   */
  delayBeforeRetry(request: { method: string; hasIdempotencyKey: boolean }, outcome: AttemptOutcome, attempt: number, remainingMs: number): number | undefined {
    if (attempt > this.options.retries) return undefined;
    if (!isRepeatable(request.method, request.hasIdempotencyKey) || !isTransient(outcome)) return undefined;
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    const delay = Math.round(ceiling / 2 + (ceiling / 2) * this.random());
    return delay < remainingMs ? delay : undefined;
  }
}
