import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { Clock } from '@houqin/domain';
import { CLOCK, REDIS_CLIENT, SERVICE_LOGGER } from '@houqin/service-kit';
import {
  FAILURES_WITHOUT_DELAY,
  FAILURE_MEMORY_MS,
  FIRST_DELAY_MS,
  LoginClaim,
  LoginThrottleState,
  MAX_DELAY_MS,
  claimLoginAttempt,
  loginThrottleKey,
} from './domain/login-throttle';

const KEY_PREFIX = 'houqin:gateway:login-failures:';
const REDIS_BUDGET_MS = 250;

/**
 * claimLoginAttempt of domain/login-throttle.ts, run atomically in Redis on Redis's clock, so every
 * replica sees one count per (account, address). Returns {allowed, retryAfterMs}.
 */
const CLAIM_SCRIPT = `
local freeFailures = tonumber(ARGV[1])
local firstDelay = tonumber(ARGV[2])
local maxDelay = tonumber(ARGV[3])
local memory = tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local stored = redis.call('HMGET', KEYS[1], 'failures', 'next')
local failures = tonumber(stored[1]) or 0
local nextAt = tonumber(stored[2]) or 0
if now < nextAt then
  return {0, nextAt - now}
end
failures = failures + 1
local delay = 0
if failures >= freeFailures then
  delay = math.min(maxDelay, firstDelay * 2 ^ math.min(failures - freeFailures, 30))
end
redis.call('HSET', KEYS[1], 'failures', failures, 'next', now + delay)
redis.call('PEXPIRE', KEYS[1], memory)
return {1, 0}
`;

interface ClaimCommand {
  houqinGatewayLoginClaim(key: string, ...args: string[]): Promise<[number, number]>;
}

/**
 * Failed logins per (account, client address), shared by the replicas through Redis; in memory in
 * the single-process platform (no REDIS_URL) or while Redis does not answer.
 */
@Injectable()
export class LoginThrottle {
  private readonly local = new Map<string, LoginThrottleState>();
  private lastWarning = 0;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    redis?.defineCommand('houqinGatewayLoginClaim', { numberOfKeys: 1, lua: CLAIM_SCRIPT });
  }

  /** Lets one attempt at `username` from `address` through, or says how long to wait. */
  async claim(username: string, address: string): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const key = loginThrottleKey(username, address);
    if (this.redis) {
      try {
        const args = [FAILURES_WITHOUT_DELAY, FIRST_DELAY_MS, MAX_DELAY_MS, FAILURE_MEMORY_MS].map(String);
        const [allowed, retryAfterMs] = await withinBudget((this.redis as unknown as ClaimCommand).houqinGatewayLoginClaim(KEY_PREFIX + key, ...args));
        return { allowed: allowed === 1, retryAfterMs };
      } catch (error) {
        this.warn(error);
      }
    }
    const claim: LoginClaim = claimLoginAttempt(this.local.get(key), this.clock.now().getTime());
    this.local.set(key, claim.state);
    this.forgetOld();
    return { allowed: claim.allowed, retryAfterMs: claim.allowed ? 0 : claim.retryAfterMs };
  }

  /** A right password: the count of this account from this address starts again. */
  async succeeded(username: string, address: string): Promise<void> {
    const key = loginThrottleKey(username, address);
    this.local.delete(key);
    if (!this.redis) return;
    try {
      await withinBudget(this.redis.del(KEY_PREFIX + key));
    } catch (error) {
      this.warn(error);
    }
  }

  private forgetOld(): void {
    const horizon = this.clock.now().getTime() - FAILURE_MEMORY_MS;
    if (this.local.size < 10_000) return;
    for (const [key, state] of this.local) if (state.nextAttemptAt < horizon) this.local.delete(key);
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < 30_000) return;
    this.lastWarning = now;
    this.logger.warn({ err: error }, 'login failures counted in memory: Redis did not answer (per replica until it does)');
  }
}

function withinBudget<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_BUDGET_MS} ms`)), REDIS_BUDGET_MS);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
