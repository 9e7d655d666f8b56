import { Counter, Gauge, Histogram } from 'prom-client';
import { ServiceMetrics } from '@houqin/observability';

/** What one delivery attempt came to: delivered, failed and scheduled again, or failed for good. */
export type AttemptOutcome = 'delivered' | 'retry-scheduled' | 'failed';

/** Series of webhooks and the live stream, on the gateway's registry (its /metrics). */
export class IntegrationsMetrics {
  readonly deliveryAttempts: Counter<'outcome'>;
  readonly attemptDuration: Histogram;
  readonly deliveryBacklog: Gauge;
  readonly streamClients: Gauge;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.deliveryAttempts = new Counter({
      name: 'houqin_gateway_webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts by outcome: delivered (2xx), retry-scheduled (failed, tried again later), failed (failed and given up)',
      labelNames: ['outcome'],
      registers,
    });
    this.attemptDuration = new Histogram({
      name: 'houqin_gateway_webhook_attempt_duration_seconds',
      help: 'Time from sending a webhook delivery to its answer, timeout or error',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.deliveryBacklog = new Gauge({
      name: 'houqin_gateway_webhook_deliveries_pending',
      help: 'Webhook deliveries not yet delivered nor given up (due now or scheduled for a retry)',
      registers,
    });
    this.streamClients = new Gauge({
      name: 'houqin_gateway_event_stream_clients',
      help: 'Open live event stream (SSE) connections on this replica',
      registers,
    });
  }
}
