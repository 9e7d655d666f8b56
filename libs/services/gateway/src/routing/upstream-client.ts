import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '@houqin/domain';
import { ConfigurationError, SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { GatewayMetrics, UpstreamOutcome } from '../gateway-metrics';
import { Bulkhead, ShedReason } from './bulkhead';
import { CircuitBreaker, CircuitState } from './domain/circuit-breaker';
import { queueDeadline } from './domain/queue-deadline';
import { AttemptOutcome, RetryPolicy, isUpstreamFailure } from './domain/retry-policy';
import { ROUTED_SERVICES, RoutedService } from './service-routes';
import { UpstreamConnections, UpstreamResponse } from './upstream-connection';

export interface UpstreamRequest {
  service: RoutedService;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The client sent an Idempotency-Key, which the service honours: POST and PATCH may be repeated. */
  hasIdempotencyKey: boolean;
}

export type UpstreamResult =
  | { kind: 'answered'; response: UpstreamResponse; attempts: number }
  | { kind: 'unreachable'; reason: string; attempts: number; circuit: CircuitState }
  | { kind: 'timed-out'; attempts: number; circuit: CircuitState }
  /** Refused by the open circuit before any call was made. */
  | { kind: 'circuit-open'; retryAfterMs: number; circuit: CircuitState }
  /** Shed before any call was made: the service's slots and queue were full, or the wait for a slot ran out. */
  | { kind: 'shed'; reason: ShedReason; retryAfterMs: number; maxConcurrent: number };

interface Attempt {
  outcome: AttemptOutcome;
  response?: UpstreamResponse;
}

/**
 * Calls the service owning a route: within the request's deadline (UPSTREAM_TIMEOUT_MS, retries
 * included), retrying what is safe to repeat, and through the service's circuit breaker so that a
 * dead service is refused at once instead of being waited for.
 */
@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly connections = new UpstreamConnections();
  private readonly breakers = new Map<RoutedService, CircuitBreaker>();
  private readonly bulkheads = new Map<RoutedService, Bulkhead>();
  private readonly maxConcurrent: number;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(
    @Inject(SERVICE_CONFIG) config: GatewayEnvironment,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    private readonly metrics: GatewayMetrics,
  ) {
    const queueTimeout = queueDeadline(config.UPSTREAM_QUEUE_TIMEOUT_MS, config.UPSTREAM_TIMEOUT_MS);
    if ('problem' in queueTimeout) throw new ConfigurationError('gateway', [{ variable: 'UPSTREAM_QUEUE_TIMEOUT_MS', message: queueTimeout.problem }]);
    this.timeoutMs = config.UPSTREAM_TIMEOUT_MS;
    this.retry = new RetryPolicy({ retries: config.UPSTREAM_RETRIES });
    this.maxConcurrent = config.UPSTREAM_MAX_CONCURRENCY;
    for (const service of ROUTED_SERVICES) {
      const bulkhead = new Bulkhead(service, { maxConcurrent: config.UPSTREAM_MAX_CONCURRENCY, maxQueued: config.UPSTREAM_QUEUE_LIMIT, queueTimeoutMs: queueTimeout.ms });
      metrics.watchBulkhead(service, () => ({ active: bulkhead.active, waiting: bulkhead.waiting }));
      this.bulkheads.set(service, bulkhead);
      const breaker = new CircuitBreaker(service, { failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD, openMs: config.CIRCUIT_OPEN_MS }, systemClock);
      breaker.onTransition(({ from, to, consecutiveFailures }) => {
        const entry = { service, circuit: { from, to }, consecutiveFailures };
        if (to === 'open') this.logger.warn(entry, `circuit of ${service} opened: its routes answer 503 for ${config.CIRCUIT_OPEN_MS} ms`);
        else this.logger.info(entry, `circuit of ${service} ${to}`);
      });
      metrics.watchCircuit(service, () => breaker.state);
      this.breakers.set(service, breaker);
    }
  }

  onApplicationShutdown(): void {
    this.connections.close();
  }

  circuit(service: RoutedService): CircuitBreaker {
    return this.breakers.get(service)!;
  }

  async call(request: UpstreamRequest): Promise<UpstreamResult> {
    const deadline = Date.now() + this.timeoutMs;
    const admission = await this.bulkheads.get(request.service)!.acquire(this.timeoutMs);
    if (!admission.admitted) {
      this.metrics.shed.inc({ upstream: request.service, reason: admission.reason });
      return { kind: 'shed', reason: admission.reason, retryAfterMs: admission.retryAfterMs, maxConcurrent: this.maxConcurrent };
    }
    try {
      return await this.callAdmitted(request, deadline);
    } finally {
      admission.release();
    }
  }

  private async callAdmitted(request: UpstreamRequest, deadline: number): Promise<UpstreamResult> {
    const breaker = this.circuit(request.service);
    let attempts = 0;
    let last: Attempt | undefined;
    for (;;) {
      const decision = breaker.request();
      if (!decision.allowed) {
        this.count(request.service, 'circuit-open');
        if (!last) return { kind: 'circuit-open', retryAfterMs: decision.retryAfterMs, circuit: decision.state };
        break;
      }
      if (last) this.metrics.upstreamRetries.inc({ upstream: request.service });
      attempts += 1;
      last = await this.attempt(request, deadline);
      if (isUpstreamFailure(last.outcome)) breaker.failed(decision);
      else breaker.succeeded(decision);
      this.count(request.service, outcomeLabel(last.outcome));
      const delay = this.retry.delayBeforeRetry(request, last.outcome, attempts, deadline - Date.now());
      // A retry the circuit would refuse is not waited for.
      if (delay === undefined || breaker.state !== 'closed') break;
      await sleep(delay);
    }
    const { outcome, response } = last;
    switch (outcome.kind) {
      case 'answered':
        return { kind: 'answered', response: response!, attempts };
      case 'unreachable':
        return { kind: 'unreachable', reason: outcome.reason, attempts, circuit: breaker.state };
      case 'timed-out':
        return { kind: 'timed-out', attempts, circuit: breaker.state };
    }
  }

  private async attempt(request: UpstreamRequest, deadline: number): Promise<Attempt> {
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) return { outcome: { kind: 'timed-out' } };
    const stopTimer = this.metrics.upstreamDuration.startTimer({ upstream: request.service });
    try {
      const response = await this.connections.send(
        request.url,
        { method: request.method, headers: request.headers, ...(request.body !== undefined ? { body: request.body } : {}) },
        remainingMs,
      );
      return { outcome: { kind: 'answered', status: response.status }, response };
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') return { outcome: { kind: 'timed-out' } };
      return { outcome: { kind: 'unreachable', reason: connectionFailure(error) } };
    } finally {
      stopTimer();
    }
  }

  private count(service: RoutedService, outcome: UpstreamOutcome): void {
    this.metrics.upstreamRequests.inc({ upstream: service, outcome });
  }
}

function outcomeLabel(outcome: AttemptOutcome): UpstreamOutcome {
  switch (outcome.kind) {
    case 'answered':
      return outcome.status >= 500 ? 'upstream-error' : 'answered';
    case 'unreachable':
      return 'unreachable';
    case 'timed-out':
      return 'timed-out';
  }
}

/** What happened to the connection: the system's code (ECONNREFUSED, ECONNRESET…) where there is one. */
function connectionFailure(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
