import { HttpException, Inject, Injectable, NestMiddleware, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram } from 'prom-client';
import { ServiceMetrics } from '@houqin/observability';
import { SERVICE_CONFIG, SERVICE_LOGGER, problemType } from '@houqin/service-kit';
import type { GatewayEnvironment } from './gateway.config';
import { CircuitState } from './routing/domain/circuit-breaker';
import { RateLimitSubject } from './routing/domain/rate-limit';

export type UpstreamOutcome = 'answered' | 'upstream-error' | 'unreachable' | 'timed-out' | 'circuit-open';

const METRICS_PATH = '/metrics';

const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * The gateway's own series, on the service's registry (its /metrics). The service called is the
 * `upstream` label: `service` is already the label of the process emitting the series (gateway).
 */
export class GatewayMetrics {
  readonly upstreamRequests: Counter<'upstream' | 'outcome'>;
  readonly upstreamRetries: Counter<'upstream'>;
  readonly upstreamDuration: Histogram<'upstream'>;
  readonly circuitState: Gauge<'upstream'>;
  readonly rateLimited: Counter<'subject'>;
  readonly shed: Counter<'upstream' | 'reason'>;
  readonly rateLimiterFallbacks: Counter;

  private readonly circuits = new Map<string, () => CircuitState>();
  private readonly bulkheads = new Map<string, () => { active: number; waiting: number }>();

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.upstreamRequests = new Counter({
      name: 'houqin_gateway_upstream_requests_total',
      help: 'Calls to a service by outcome (answered <500, upstream-error 5xx, unreachable, timed-out; circuit-open: refused without calling); each retry counts',
      labelNames: ['upstream', 'outcome'],
      registers,
    });
    this.upstreamRetries = new Counter({
      name: 'houqin_gateway_upstream_retries_total',
      help: 'Retries of forwarded requests after the service was unreachable or answered 503',
      labelNames: ['upstream'],
      registers,
    });
    this.upstreamDuration = new Histogram({
      name: 'houqin_gateway_upstream_duration_seconds',
      help: 'Latency of one call to a service',
      labelNames: ['upstream'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const circuits = this.circuits;
    this.circuitState = new Gauge({
      name: 'houqin_gateway_circuit_state',
      help: 'Circuit breaker of each service: 0 closed, 1 half-open, 2 open',
      labelNames: ['upstream'],
      registers,
      collect() {
        for (const [service, state] of circuits) this.set({ upstream: service }, CIRCUIT_STATE_VALUE[state()]);
      },
    });
    this.shed = new Counter({
      name: 'houqin_gateway_shed_total',
      help: 'Forwarded requests refused with 503 before calling the service because its slots and queue were full (queue-full) or the wait passed UPSTREAM_QUEUE_TIMEOUT_MS (queue-timeout)',
      labelNames: ['upstream', 'reason'],
      registers,
    });
    const bulkheads = this.bulkheads;
    new Gauge({
      name: 'houqin_gateway_upstream_in_flight',
      help: 'Forwarded requests in flight to each service from this replica',
      labelNames: ['upstream'],
      registers,
      collect() {
        for (const [service, load] of bulkheads) this.set({ upstream: service }, load().active);
      },
    });
    new Gauge({
      name: 'houqin_gateway_upstream_queued',
      help: 'Forwarded requests waiting for a free slot of each service on this replica',
      labelNames: ['upstream'],
      registers,
      collect() {
        for (const [service, load] of bulkheads) this.set({ upstream: service }, load().waiting);
      },
    });
    this.rateLimited = new Counter({
      name: 'houqin_gateway_rate_limited_total',
      help: 'Requests refused with 429, by who was limited (user, api-key, ip)',
      labelNames: ['subject'],
      registers,
    });
    this.rateLimiterFallbacks = new Counter({
      name: 'houqin_gateway_rate_limiter_fallbacks_total',
      help: 'Rate-limit decisions taken in memory because Redis could not be reached',
      registers,
    });
  }

  /** The gauge reads each circuit's state at scrape time (an open circuit turns half-open by itself). */
  watchCircuit(service: string, state: () => CircuitState): void {
    this.circuits.set(service, state);
  }

  /** The gauges read each service's slots and queue at scrape time. */
  watchBulkhead(service: string, load: () => { active: number; waiting: number }): void {
    this.bulkheads.set(service, load);
  }

  countRateLimited(subject: RateLimitSubject): void {
    this.rateLimited.inc({ subject: subject.kind });
  }
}

/**
 * The gateway is the platform's public door, so its metrics are not served on the API port (where
 * /metrics answers 404) but on a port of their own, METRICS_PORT, which only Prometheus reaches
 * (the services' metrics stay on their port: only the gateway and Prometheus reach those).
 */
@Injectable()
export class GatewayMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;
  private listening?: string;

  constructor(
    private readonly metrics: ServiceMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayEnvironment & { HOST: string },
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Where Prometheus scrapes, e.g. http://127.0.0.1:9464/metrics. */
  get url(): string {
    if (!this.listening) throw new Error('the metrics server is not listening');
    return this.listening;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== METRICS_PATH) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: metrics are at /metrics\n');
        return;
      }
      this.metrics.render().then(
        (text) => response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(text),
        (error: unknown) => {
          this.logger.error({ err: error }, 'metrics could not be rendered');
          response.writeHead(500).end();
        },
      );
    });
    const port = this.config.METRICS_PORT ?? 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(new Error(`METRICS_PORT ${port} on ${this.config.HOST}: ${(error as Error).message}`)));
      server.listen(port, this.config.HOST, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const host = this.config.HOST === '0.0.0.0' || this.config.HOST === '::' ? '127.0.0.1' : this.config.HOST;
    this.listening = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}${METRICS_PATH}`;
    this.logger.info({ url: this.listening }, 'gateway metrics listening (not on the API port)');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** /metrics on the API port: not here (see GatewayMetricsServer). */
@Injectable()
export class MetricsNotOnApiPort implements NestMiddleware {
  use(request: Request, _response: Response, next: (error?: unknown) => void): void {
    next(new HttpException({ type: problemType('not-found'), title: 'Not Found', status: 404, detail: `no route ${request.method} ${request.path}` }, 404));
  }
}
