import { Counter, Gauge, Histogram } from 'prom-client';
import { ServiceMetrics } from '@houqin/observability';
import { CircuitState } from './routing/domain/circuit-breaker';
import { RateLimitSubject } from './routing/domain/rate-limit';

export type UpstreamOutcome = 'answered' | 'upstream-error' | 'unreachable' | 'timed-out' | 'circuit-open';

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
  readonly rateLimiterFallbacks: Counter;

  private readonly circuits = new Map<string, () => CircuitState>();

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

  countRateLimited(subject: RateLimitSubject): void {
    this.rateLimited.inc({ subject: subject.kind });
  }
}
