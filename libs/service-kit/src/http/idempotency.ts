import { CallHandler, ExecutionContext, HttpException, Inject, Injectable, NestInterceptor, Optional } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ModuleRef, Reflector } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createHash, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { Observable, catchError, defer, from, mergeMap, of, throwError } from 'rxjs';
import { IdempotencyKeyAlreadyApplied, committedIdempotentCommand } from '@houqin/messaging';
import { Caller, requestContext } from '@houqin/observability';
import { SERVICE_DEFINITION, SERVICE_LOGGER } from '../tokens';
import { ServiceDefinition } from '../runtime/service-definition';
import { problemType } from './problem-details';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const IN_PROGRESS_TTL_MS = 60_000;
const COMPLETED_TTL_MS = 24 * 3600_000;

interface StoredRequest {
  fingerprint: string;
  state: 'in-progress' | 'done';
  status?: number;
  body?: unknown;
}

export type IdempotencyClaim = { outcome: 'claimed' } | { outcome: 'in-progress' } | { outcome: 'mismatch' } | { outcome: 'replay'; status: number; body: unknown };

/** Remembers the answer to each idempotency key for a day; shared by replicas when Redis is configured. */
export interface IdempotencyStore {
  claim(key: string, fingerprint: string): Promise<IdempotencyClaim>;
  complete(key: string, fingerprint: string, status: number, body: unknown): Promise<void>;
  release(key: string): Promise<void>;
}

function interpret(existing: StoredRequest, fingerprint: string): IdempotencyClaim {
  if (existing.fingerprint !== fingerprint) return { outcome: 'mismatch' };
  if (existing.state === 'in-progress') return { outcome: 'in-progress' };
  return { outcome: 'replay', status: existing.status ?? 200, body: existing.body };
}

export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(private readonly redis: Redis) {}

  async claim(key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const claimed = await this.redis.set(key, JSON.stringify({ fingerprint, state: 'in-progress' } satisfies StoredRequest), 'PX', IN_PROGRESS_TTL_MS, 'NX');
    if (claimed === 'OK') return { outcome: 'claimed' };
    const raw = await this.redis.get(key);
    // Expired between the two calls: treat as in progress; the client retries.
    if (!raw) return { outcome: 'in-progress' };
    return interpret(JSON.parse(raw) as StoredRequest, fingerprint);
  }

  async complete(key: string, fingerprint: string, status: number, body: unknown): Promise<void> {
    await this.redis.set(key, JSON.stringify({ fingerprint, state: 'done', status, body } satisfies StoredRequest), 'PX', COMPLETED_TTL_MS);
  }

  async release(key: string): Promise<void> {
    await this.redis.del(key);
  }
}

/** Single-process fallback when no Redis is configured. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, { value: StoredRequest; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async claim(key: string, fingerprint: string): Promise<IdempotencyClaim> {
    this.evictExpired();
    const existing = this.entries.get(key);
    if (existing) return interpret(existing.value, fingerprint);
    this.entries.set(key, { value: { fingerprint, state: 'in-progress' }, expiresAt: this.now() + IN_PROGRESS_TTL_MS });
    return { outcome: 'claimed' };
  }

  async complete(key: string, fingerprint: string, status: number, body: unknown): Promise<void> {
    this.entries.set(key, { value: { fingerprint, state: 'done', status, body }, expiresAt: this.now() + COMPLETED_TTL_MS });
  }

  async release(key: string): Promise<void> {
    this.entries.delete(key);
  }

  private evictExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

export const IDEMPOTENCY_STORE = Symbol('houqin.idempotency-store');

export function idempotencyStoreFor(redis: Redis | null): IdempotencyStore {
  return redis ? new RedisIdempotencyStore(redis) : new InMemoryIdempotencyStore();
}

function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): HttpException {
  return new HttpException({ type: problemType(code), title: status === 409 ? 'Conflict' : 'Unprocessable Content', status, detail, errors: [{ field: IDEMPOTENCY_HEADER, rule: code, message: detail }], ...extra }, status);
}

/** Redis cannot be asked whether the key is known: the client sends the request again later. */
function storeUnavailable(): HttpException {
  return new HttpException(
    { type: problemType('idempotency-store-unavailable'), title: 'Service Unavailable', status: 503, detail: 'Idempotency-Keys cannot be checked just now; send the request again with the same key', retryAfterSeconds: 1 },
    503,
  );
}

/** The key's first attempt committed but its answer is not kept (Redis forgot it, or the process died first). */
function alreadyApplied(error: IdempotencyKeyAlreadyApplied): HttpException {
  if (!error.sameRequest) return problem(422, 'idempotency-key-reused', 'this Idempotency-Key was used for a different request');
  return problem(409, 'idempotency-key-applied', `a request with this Idempotency-Key was applied already; its answer was not kept${error.subject ? ` — it concerned ${error.subject}` : ''}`, error.subject ? { resourceId: error.subject } : {});
}

/**
 * `Idempotency-Key` on POST and PATCH: a client that retries after a timeout gets the first answer
 * again (with `Idempotent-Replayed: true`) instead of creating a second repair request. Keys are
 * scoped to the service, the agency and the user; reusing one for a different request is a 422.
 * Redis keeps the answers and marks keys in progress; the key is also recorded by the outbox in the
 * command's own transaction (idempotent_command), so a retry Redis no longer knows about is refused
 * (409 idempotency-key-applied) rather than applied twice. Redis unreachable: 503, never a 500.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    private readonly reflector: Reflector,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Optional() private readonly moduleRef?: ModuleRef,
  ) {}

  /**
   * Whether a key's first attempt committed, from the service's own record: asked when Redis still
   * marks the key in progress (an attempt that committed and then died before it kept the answer is
   * answered at once, rather than after the mark expires), and when a request under a key Redis
   * forgot was refused (its first attempt may have left the state that refused it).
   */
  private async committedAttempt(key: string, fingerprint: string): Promise<HttpException | undefined> {
    if (!this.definition.persistence || !this.moduleRef) return undefined;
    try {
      const dataSource = this.moduleRef.get<DataSource>(getDataSourceToken(), { strict: false });
      const committed = await committedIdempotentCommand(dataSource.manager, key, fingerprint);
      return committed ? alreadyApplied(committed) : undefined;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the idempotent command record; answering in progress');
      return undefined;
    }
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined || !['POST', 'PATCH'].includes(request.method)) return next.handle();
    if (typeof header !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(header)) {
      return throwError(() => problem(400, 'invalid-idempotency-key', 'Idempotency-Key must be 1 to 255 visible ASCII characters'));
    }
    const caller = request.caller;
    const key = `houqin:idempotency:${this.definition.name}:${caller?.agencyId ?? '-'}:${caller?.userId ?? '-'}:${header}`;
    const fingerprint = createHash('sha256').update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    const claiming = defer(() => this.store.claim(key, fingerprint)).pipe(
      catchError((error: unknown) => {
        this.logger.warn({ err: error }, 'idempotency store unavailable; request refused with 503');
        return throwError(() => storeUnavailable());
      }),
    );
    return claiming.pipe(
      mergeMap((claim) => {
        switch (claim.outcome) {
          case 'replay':
            response.setHeader('Idempotent-Replayed', 'true');
            return of(claim.body);
          case 'in-progress':
            return from(this.committedAttempt(key, fingerprint)).pipe(
              mergeMap((applied) => throwError(() => applied ?? problem(409, 'idempotency-key-in-progress', 'a request with this Idempotency-Key is still being processed; retry shortly'))),
            );
          case 'mismatch':
            return throwError(() => problem(422, 'idempotency-key-reused', 'this Idempotency-Key was used for a different request'));
          case 'claimed': {
            const context = requestContext.current();
            if (context) context.idempotency = { key, fingerprint, attemptId: randomUUID() };
            return next.handle().pipe(
              // Committed: the answer goes out even if Redis cannot keep it (the key is in the database).
              mergeMap((body) =>
                from(
                  this.store.complete(key, fingerprint, status, body).catch((error: unknown) => this.logger.warn({ err: error }, 'the answer to an Idempotency-Key could not be kept; a retry will be refused as applied')),
                ).pipe(mergeMap(() => of(body))),
              ),
              // Refused: a retry Redis forgot whose first attempt committed meets the state that attempt left
              // (a duplicate, a step already taken) before it reaches its key's record; the record says so.
              catchError((error: unknown) =>
                from(this.store.release(key).catch(() => undefined)).pipe(
                  mergeMap(() => (error instanceof IdempotencyKeyAlreadyApplied ? of(alreadyApplied(error)) : from(this.committedAttempt(key, fingerprint)))),
                  mergeMap((applied) => throwError(() => applied ?? error)),
                ),
              ),
            );
          }
        }
      }),
    );
  }
}
