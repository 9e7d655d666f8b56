import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { GatewayMetrics } from '../gateway-metrics';
import { RateLimitDecision, RateLimitPolicy, RateLimiter, emissionIntervalMs } from './domain/rate-limit';

const KEY_PREFIX = 'houqin:gateway:rate-limit:';
/** A decision that Redis cannot give in this time is taken in memory instead. */
const REDIS_BUDGET_MS = 250;
const FALLBACK_WARNING_INTERVAL_MS = 30_000;

/** Where the state of one limited client lives in Redis. */
export function rateLimitStorageKey(key: string): string {
  return `${KEY_PREFIX}${key}`;
}

/**
 * gcraStep of domain/rate-limit.ts, run atomically in Redis on Redis's own clock, so every gateway
 * replica sees and updates one bucket per client and clock skew between replicas does not matter.
 * Returns {allowed, remaining, retryAfterMs, resetMs}.
 */
const GCRA_SCRIPT = `
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local epsilon = 0.01
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local capacity = interval * burst
local tat = now
local stored = redis.call('GET', KEYS[1])
if stored then tat = math.max(tonumber(stored), now) end
local nextTat = tat + interval
if nextTat - now > capacity + epsilon then
  return {0, 0, math.ceil(nextTat - now - capacity), math.ceil(tat - now)}
end
redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.ceil(nextTat - now))
return {1, math.floor((capacity - (nextTat - now) + epsilon) / interval), 0, math.ceil(nextTat - now)}
`;

interface GcraCommand {
  houqinGatewayRateLimit(key: string, intervalMs: string, burst: string): Promise<[number, number, number, number]>;
}

/**
 * The limit shared by all gateway replicas. When Redis does not answer, a replica keeps limiting on
 * its own (in memory) rather than letting everything through or refusing everything.
 */
export class RedisRateLimiter implements RateLimiter {
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly policy: RateLimitPolicy,
    private readonly fallback: RateLimiter,
    private readonly logger: Logger,
    private readonly metrics: GatewayMetrics,
  ) {
    redis.defineCommand('houqinGatewayRateLimit', { numberOfKeys: 1, lua: GCRA_SCRIPT });
  }

  async consume(key: string): Promise<RateLimitDecision> {
    try {
      const [allowed, remaining, retryAfterMs, resetMs] = await withinBudget(
        (this.redis as unknown as GcraCommand).houqinGatewayRateLimit(rateLimitStorageKey(key), String(emissionIntervalMs(this.policy)), String(this.policy.burst)),
      );
      return { allowed: allowed === 1, limit: this.policy.burst, remaining, retryAfterMs, resetMs };
    } catch (error) {
      this.metrics.rateLimiterFallbacks.inc();
      const now = Date.now();
      if (now - this.lastWarning > FALLBACK_WARNING_INTERVAL_MS) {
        this.lastWarning = now;
        this.logger.warn({ err: error }, 'rate limiting in memory: Redis did not answer (limits are per replica until it does)');
      }
      return this.fallback.consume(key);
    }
  }
}

function withinBudget<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_BUDGET_MS} ms`)), REDIS_BUDGET_MS);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
