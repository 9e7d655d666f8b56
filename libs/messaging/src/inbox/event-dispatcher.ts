import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { EventCatalog, EventEnvelope } from '@houqin/contracts';
import { ServiceMetrics, requestContext } from '@houqin/observability';
import { isDatabaseUnavailable } from '@houqin/persistence';
import { DLQ_HEADERS, DeliveryMetadata } from '../transport';
import { EventContext } from './event-context';

export type EventHandlerFn = (envelope: EventEnvelope, context: EventContext) => Promise<void>;

export interface RetryPolicy {
  /** Attempts of one handler on one event before it is dead-lettered. */
  maxAttempts: number;
  /** First backoff; doubles each attempt. */
  backoffMs: number;
  maxBackoffMs: number;
}

export type DispatchOutcome =
  | { outcome: 'processed' | 'duplicate' | 'ignored' }
  | { outcome: 'dead-letter'; reason: 'handler-failed' | 'malformed' | 'envelope-invalid' | 'data-invalid'; error: string; attempts: number };

/** Thrown when the service's own database is unreachable: the event must be retried later, not dead-lettered. */
export class InfrastructureUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`infrastructure unavailable: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'InfrastructureUnavailableError';
  }
}

/**
 * The consuming half of the messaging guarantees, shared by every transport: validate the event
 * against its contract, run the handler inside a transaction that also records the event id in the
 * inbox (a redelivery is skipped), retry with backoff, and tell the transport to dead-letter the
 * event when retries are exhausted or it can never be valid.
 */
export class EventDispatcher {
  constructor(
    private readonly consumerGroup: string,
    private readonly catalog: EventCatalog,
    private readonly dataSource: DataSource,
    private readonly retry: RetryPolicy,
    private readonly logger: Logger,
    private readonly metrics: ServiceMetrics,
  ) {}

  async dispatch(raw: Buffer | string, delivery: DeliveryMetadata, resolve: (type: string) => EventHandlerFn | undefined): Promise<DispatchOutcome> {
    const decoded = this.catalog.decode(raw);
    if (!decoded.ok) {
      // An event of a type this service does not know and does not handle is simply not for us.
      if (decoded.reason === 'unknown-type' && (!decoded.type || !resolve(decoded.type))) {
        this.metrics.eventsConsumed.inc({ type: decoded.type ?? 'unknown', outcome: 'ignored' });
        return { outcome: 'ignored' };
      }
      if (decoded.reason !== 'unknown-type' && decoded.type && !resolve(decoded.type)) {
        this.metrics.eventsConsumed.inc({ type: decoded.type, outcome: 'ignored' });
        return { outcome: 'ignored' };
      }
      const reason = decoded.reason === 'unknown-type' ? 'data-invalid' : decoded.reason;
      this.logger.warn({ delivery, reason, detail: decoded.detail }, 'invalid event sent to the dead-letter topic');
      this.metrics.eventsConsumed.inc({ type: decoded.type ?? 'unknown', outcome: 'dead-lettered' });
      return { outcome: 'dead-letter', reason, error: decoded.detail, attempts: 0 };
    }
    const { envelope } = decoded;
    const handler = resolve(envelope.type);
    if (!handler) {
      this.metrics.eventsConsumed.inc({ type: envelope.type, outcome: 'ignored' });
      return { outcome: 'ignored' };
    }

    let lastError: unknown;
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt += 1) {
      try {
        const duplicate = await this.handleOnce(envelope, delivery, handler, attempt);
        const outcome = duplicate ? 'duplicate' : 'processed';
        this.metrics.eventsConsumed.inc({ type: envelope.type, outcome });
        return { outcome };
      } catch (error) {
        lastError = error;
        this.metrics.handlerFailures.inc({ type: envelope.type });
        if (isDatabaseUnavailable(error)) throw new InfrastructureUnavailableError(error);
        this.logger.warn(
          { err: error, eventId: envelope.id, type: envelope.type, attempt, maxAttempts: this.retry.maxAttempts },
          'event handler failed',
        );
        if (attempt < this.retry.maxAttempts) {
          await delay(Math.min(this.retry.maxBackoffMs, this.retry.backoffMs * 2 ** (attempt - 1)));
        }
      }
    }
    this.metrics.eventsConsumed.inc({ type: envelope.type, outcome: 'dead-lettered' });
    this.logger.error({ err: lastError, eventId: envelope.id, type: envelope.type }, 'event handler gave up; event sent to the dead-letter topic');
    return { outcome: 'dead-letter', reason: 'handler-failed', error: describe(lastError), attempts: this.retry.maxAttempts };
  }

  private async handleOnce(envelope: EventEnvelope, delivery: DeliveryMetadata, handler: EventHandlerFn, attempt: number): Promise<boolean> {
    let duplicate = false;
    await requestContext.run(
      {
        correlationId: envelope.correlationid,
        causationId: envelope.id,
        ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
        ...(envelope.tracestate ? { tracestate: envelope.tracestate } : {}),
      },
      () =>
        this.dataSource.transaction(async (manager) => {
          const recorded = (await manager.query(
            `INSERT INTO inbox_event (consumer_group, event_id, event_type, source_topic) VALUES ($1, $2, $3, $4)
             ON CONFLICT (consumer_group, event_id) DO NOTHING RETURNING event_id`,
            [this.consumerGroup, envelope.id, envelope.type, delivery.topic],
          )) as unknown[];
          if (recorded.length === 0) {
            duplicate = true;
            return;
          }
          await handler(envelope, new EventContext(envelope, manager, delivery, attempt));
        }),
    );
    return duplicate;
  }
}

export function deadLetterHeaders(
  outcome: Extract<DispatchOutcome, { outcome: 'dead-letter' }>,
  consumerGroup: string,
  delivery: DeliveryMetadata,
): Record<string, string> {
  return {
    [DLQ_HEADERS.reason]: outcome.reason,
    [DLQ_HEADERS.error]: outcome.error.slice(0, 4000),
    [DLQ_HEADERS.attempts]: String(outcome.attempts),
    [DLQ_HEADERS.consumerGroup]: consumerGroup,
    [DLQ_HEADERS.originalTopic]: delivery.topic,
    [DLQ_HEADERS.originalPartition]: String(delivery.partition),
    [DLQ_HEADERS.originalOffset]: delivery.offset,
    [DLQ_HEADERS.failedAt]: new Date().toISOString(),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
