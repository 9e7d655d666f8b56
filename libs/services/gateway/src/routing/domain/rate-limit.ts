import { Clock, systemClock } from '@houqin/domain';

/**
 * A client may send `burst` requests at once and then `perMinute` per minute, evenly refilled:
 * a token bucket, computed as GCRA (one "theoretical arrival time" per client, so the state is a
 * single number that Redis can update atomically).
 */
export interface RateLimitPolicy {
  perMinute: number;
  burst: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** The bucket's capacity (RateLimit-Limit). */
  limit: number;
  /** Requests the client may still send right now (RateLimit-Remaining). */
  remaining: number;
  /** For a refused request: how long until one more is admitted (Retry-After). */
  retryAfterMs: number;
  /** How long until the bucket is full again (RateLimit-Reset). */
  resetMs: number;
}

/** Who a limit applies to: the person behind an access token, an integrator's API key, or an address. */
export type RateLimitSubject = { kind: 'user'; userId: string } | { kind: 'api-key'; keyId: string } | { kind: 'ip'; address: string };

export function rateLimitKey(subject: RateLimitSubject): string {
  switch (subject.kind) {
    case 'user':
      return `user:${subject.userId}`;
    case 'api-key':
      return `api-key:${subject.keyId}`;
    case 'ip':
      return `ip:${subject.address}`;
  }
}

/** Slack for floating-point drift: times are milliseconds around 1.7e12, intervals often fractional. */
const EPSILON_MS = 0.01;

export function emissionIntervalMs(policy: RateLimitPolicy): number {
  return 60_000 / policy.perMinute;
}

/**
 * One GCRA step: given the stored theoretical arrival time (undefined for a new client) and now,
 * decides and returns the arrival time to store. Mirrored line by line by the Redis script.
 */
export function gcraStep(storedTat: number | undefined, now: number, policy: RateLimitPolicy): { decision: RateLimitDecision; tat: number } {
  const interval = emissionIntervalMs(policy);
  const capacity = interval * policy.burst;
  const tat = Math.max(storedTat ?? now, now);
  const next = tat + interval;
  if (next - now > capacity + EPSILON_MS) {
    return { tat, decision: { allowed: false, limit: policy.burst, remaining: 0, retryAfterMs: Math.ceil(next - now - capacity), resetMs: Math.ceil(tat - now) } };
  }
  return {
    tat: next,
    decision: { allowed: true, limit: policy.burst, remaining: Math.floor((capacity - (next - now) + EPSILON_MS) / interval), retryAfterMs: 0, resetMs: Math.ceil(next - now) },
  };
}

export interface RateLimiter {
  /** Counts one request of `key` and says whether it is admitted. */
  consume(key: string): Promise<RateLimitDecision>;
}

/**
 * The limiter of a single process (no Redis configured): the same arithmetic, state in a map.
 * Clients whose bucket is full again hold no memory; they are swept out as the map is used.
 */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly arrivals = new Map<string, number>();
  private calls = 0;

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly clock: Clock = systemClock,
    private readonly sweepEvery = 1000,
  ) {}

  /** Clients currently remembered. */
  get size(): number {
    return this.arrivals.size;
  }

  async consume(key: string): Promise<RateLimitDecision> {
    const now = this.clock.now().getTime();
    this.calls += 1;
    if (this.calls % this.sweepEvery === 0) this.sweep(now);
    const { decision, tat } = gcraStep(this.arrivals.get(key), now, this.policy);
    this.arrivals.set(key, tat);
    return decision;
  }

  private sweep(now: number): void {
    for (const [key, tat] of this.arrivals) if (tat <= now) this.arrivals.delete(key);
  }
}
