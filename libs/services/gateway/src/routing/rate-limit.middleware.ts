import { HttpException, Inject, Injectable, NestMiddleware, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { REDIS_CLIENT, SERVICE_CONFIG, SERVICE_LOGGER, problemType } from '@houqin/service-kit';
import { CallerAuthenticator } from '../access/caller-authenticator';
import { GatewayEnvironment } from '../gateway.config';
import { GatewayMetrics } from '../gateway-metrics';
import { InMemoryRateLimiter, RateLimitPolicy, RateLimitSubject, RateLimiter, rateLimitKey } from './domain/rate-limit';
import { RedisRateLimiter } from './redis-rate-limiter';
import { addressBucket } from '../identity/domain/login-throttle';

export const RATE_LIMITER = Symbol('houqin.gateway.rate-limiter');
export const LOGIN_RATE_LIMITER = Symbol('houqin.gateway.login-rate-limiter');
/** The sign-in routes: a password, and the code of the agency's identity provider (each exchanged with it). */
const SIGN_IN_PATHS = new Set(['/api/v1/auth/login', '/api/v1/auth/oidc']);

export function rateLimitPolicy(config: GatewayEnvironment): RateLimitPolicy {
  return { perMinute: config.RATE_LIMIT_PER_MINUTE, burst: config.RATE_LIMIT_BURST ?? config.RATE_LIMIT_PER_MINUTE };
}

/** Login attempts per client address: far fewer than other requests (password guessing). */
export function loginRateLimitPolicy(config: GatewayEnvironment): RateLimitPolicy {
  return { perMinute: config.LOGIN_RATE_LIMIT_PER_MINUTE, burst: config.LOGIN_RATE_LIMIT_BURST };
}

function limiterFor(policyOf: (config: GatewayEnvironment) => RateLimitPolicy) {
  return (config: GatewayEnvironment, redis: Redis | null, logger: Logger, metrics: GatewayMetrics): RateLimiter => {
    const policy = policyOf(config);
    const inMemory = new InMemoryRateLimiter(policy);
    return redis ? new RedisRateLimiter(redis, policy, inMemory, logger, metrics) : inMemory;
  };
}

/** Shared through Redis when REDIS_URL is set; in memory in single-process mode. */
export const rateLimiterProvider = { provide: RATE_LIMITER, inject: [SERVICE_CONFIG, REDIS_CLIENT, SERVICE_LOGGER, GatewayMetrics], useFactory: limiterFor(rateLimitPolicy) };
export const loginRateLimiterProvider = { provide: LOGIN_RATE_LIMITER, inject: [SERVICE_CONFIG, REDIS_CLIENT, SERVICE_LOGGER, GatewayMetrics], useFactory: limiterFor(loginRateLimitPolicy) };

/**
 * The client's address behind the ingress: X-Forwarded-For is believed from TRUSTED_PROXIES only
 * (Express "trust proxy"), so a client cannot choose the address its limits are counted against.
 */
@Injectable()
export class TrustedProxies implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayEnvironment,
  ) {}

  onModuleInit(): void {
    const proxies = this.config.TRUSTED_PROXIES ?? [];
    this.adapter.httpAdapter.getInstance<{ set(name: string, value: unknown): void }>().set('trust proxy', proxies.length > 0 ? proxies : false);
  }
}

/**
 * Every /api/v1 request counts against its client: the integrator whose API key it carries, the
 * person whose token it carries, or — when its credentials do not verify, or it has none — the
 * address it comes from (so guessing tokens and keys is limited too). Each response says where the client
 * stands (RateLimit-Limit / -Remaining / -Reset, RateLimit-Policy); one over the limit is a 429
 * problem with Retry-After, and is not forwarded.
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  private readonly policy: RateLimitPolicy;
  private readonly loginPolicy: RateLimitPolicy;

  constructor(
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(LOGIN_RATE_LIMITER) private readonly loginLimiter: RateLimiter,
    @Inject(SERVICE_CONFIG) config: GatewayEnvironment,
    private readonly metrics: GatewayMetrics,
    private readonly authenticator: CallerAuthenticator,
  ) {
    this.policy = rateLimitPolicy(config);
    this.loginPolicy = loginRateLimitPolicy(config);
  }

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const subject = await this.subjectOf(request);
    const decision = await this.limiter.consume(rateLimitKey(subject));
    response.setHeader('RateLimit-Policy', `${this.policy.burst};w=${Math.ceil((60 * this.policy.burst) / this.policy.perMinute)}`);
    response.setHeader('RateLimit-Limit', String(decision.limit));
    response.setHeader('RateLimit-Remaining', String(decision.remaining));
    response.setHeader('RateLimit-Reset', String(Math.ceil(decision.resetMs / 1000)));
    if (!decision.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      this.metrics.countRateLimited(subject);
      response.setHeader('Retry-After', String(retryAfterSeconds));
      throw new HttpException(
        {
          type: problemType('rate-limited'),
          title: 'Too Many Requests',
          status: 429,
          detail: `rate limit of ${this.policy.perMinute} requests per minute (bursts of ${this.policy.burst}) exceeded; retry in ${retryAfterSeconds} s`,
          retryAfterSeconds,
        },
        429,
      );
    }
    if (request.method === 'POST' && isLoginPath(request.originalUrl)) await this.limitLogin(request, response);
    next();
  }

  /** Password guessing: a client address gets LOGIN_RATE_LIMIT_PER_MINUTE sign-in attempts, whatever the accounts or the way. */
  private async limitLogin(request: Request, response: Response): Promise<void> {
    const address = clientAddress(request);
    const decision = await this.loginLimiter.consume(`login-ip:${addressBucket(address)}`);
    if (decision.allowed) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    this.metrics.countRateLimited({ kind: 'ip', address });
    response.setHeader('Retry-After', String(retryAfterSeconds));
    throw new HttpException(
      {
        type: problemType('rate-limited'),
        title: 'Too Many Requests',
        status: 429,
        detail: `login rate limit of ${this.loginPolicy.perMinute} attempts per minute per address (bursts of ${this.loginPolicy.burst}) exceeded; retry in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      },
      429,
    );
  }

  private async subjectOf(request: Request): Promise<RateLimitSubject> {
    const hasCredentials = request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined;
    const signedUser = hasCredentials ? this.authenticator.signedUser(request) : undefined;
    if (signedUser !== undefined) {
      // The revocation check starts now and runs while the limit is counted: the two Redis calls
      // travel together. The outcome stays with the request for the access guard.
      this.authenticator.authenticate(request).catch(() => undefined);
      return { kind: 'user', userId: signedUser };
    }
    if (hasCredentials) {
      try {
        // The outcome stays with the request: the access guard does not authenticate it again.
        const authentication = await this.authenticator.authenticate(request);
        if (authentication.method === 'api-key') return { kind: 'api-key', keyId: authentication.caller.userId };
        return { kind: 'user', userId: authentication.caller.userId };
      } catch {
        // Credentials that do not verify: limited by address; the guard answers 401.
      }
    }
    return { kind: 'ip', address: clientAddress(request) };
  }
}

function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

/**
 * Whether a request reaches a sign-in route as the router matches it: case-insensitive, with or
 * without a trailing slash, so `/API/V1/AUTH/LOGIN/` is limited like `/api/v1/auth/login`. The code
 * exchange with the identity provider counts too: each one makes the gateway call the provider.
 */
export function isLoginPath(originalUrl: string): boolean {
  const path = (originalUrl.split('?')[0] ?? '').toLowerCase().replace(/\/+$/, '');
  return SIGN_IN_PATHS.has(path);
}
