import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Logger } from 'pino';
import { EventCatalog, EventEnvelope } from '@houqin/contracts';
import { ServiceMetrics, requestContext } from '@houqin/observability';
import { isDatabaseUnavailable } from '@houqin/persistence';
import { DLQ_HEADERS, DeliveryMetadata } from '../transport';
import { BatchScope } from './batch-scope';
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
 * The savepoint around one event's handlers, taken only when they first touch the database: a
 * handler that writes nothing (the audit trail keeps a batch's entries until its end) costs no round
 * trip, and one that writes pays one — the previous event's savepoint is released in the same
 * statement. Subtransactions are what PostgreSQL keeps per savepoint that wrote, which is why a batch
 * stays small (`EVENT_BATCH_SIZE`).
 */
class LazySavepoint {
  private readonly query: QueryRunner['query'];
  private armed = false;
  /** A savepoint is open (the last event that wrote took it). */
  private open = false;
  /** The current event's handlers took it. */
  private taken = false;

  constructor(private readonly runner: QueryRunner) {
    this.query = runner.query.bind(runner);
    const take = async (): Promise<void> => {
      this.armed = false;
      await this.query(this.open ? 'RELEASE SAVEPOINT houqin_event; SAVEPOINT houqin_event' : 'SAVEPOINT houqin_event');
      this.open = true;
      this.taken = true;
    };
    runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
      if (this.armed) await take();
      return this.query(...args);
    }) as QueryRunner['query'];
  }

  /** The next event begins: its first statement takes a savepoint. */
  arm(): void {
    this.armed = true;
    this.taken = false;
  }

  /** Undoes the current event's writes, if it made any. */
  async rollBack(): Promise<void> {
    this.armed = false;
    if (this.taken) await this.query('ROLLBACK TO SAVEPOINT houqin_event');
  }

  /** The runner answers its queries directly again. */
  disarm(): void {
    this.armed = false;
    Reflect.deleteProperty(this.runner, 'query');
  }
}

/** One message as the transport received it. */
export interface IncomingMessage {
  value: Buffer | string;
  delivery: DeliveryMetadata;
}

/** A valid event with a handler: what a batch transaction applies. */
interface Applicable {
  index: number;
  envelope: EventEnvelope;
  delivery: DeliveryMetadata;
  handler: EventHandlerFn;
}

/** How one transaction over a run of events ended: outcomes of the events it applied, and the event that failed, if one did. */
interface TransactionRun {
  outcomes: Array<'processed' | 'duplicate'>;
  /** `at` is the failed event's position in the run; -1 when the batch failed as a whole (its closing writes), not one event. */
  failed?: { at: number; error: unknown };
}

/**
 * The consuming half of the messaging guarantees, shared by every transport: validate each event
 * against its contract, then apply a batch of events in one transaction that records all their ids
 * in the inbox together (a redelivery is skipped) and runs each event's handlers in a savepoint.
 * An event whose handler fails is rolled back alone: the events before it commit, it is retried
 * alone with backoff and dead-lettered when retries are exhausted, and the events after it follow
 * in the next transaction — so one poison event never takes its neighbours with it, and the order
 * of the batch (per partition, hence per aggregate) is kept.
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

  /** Outcomes in the order of `messages`; the caller dead-letters those that say so before committing offsets past them. */
  async dispatchBatch(messages: IncomingMessage[], resolve: (type: string) => EventHandlerFn | undefined): Promise<DispatchOutcome[]> {
    const outcomes: DispatchOutcome[] = new Array(messages.length);
    const applicable: Applicable[] = [];
    messages.forEach((message, index) => {
      const decided = this.decide(message, resolve);
      if ('outcome' in decided) outcomes[index] = decided;
      else applicable.push({ index, ...decided });
    });

    let rest = applicable;
    while (rest.length > 0) {
      const run = await this.applyTogether(rest, 1);
      run.outcomes.forEach((outcome, position) => {
        outcomes[rest[position]!.index] = { outcome };
        this.metrics.eventsConsumed.inc({ type: rest[position]!.envelope.type, outcome });
      });
      if (!run.failed) break;
      if (run.failed.at < 0) {
        // Nothing committed and no event to blame: each is applied on its own, where a failure is its own.
        for (const event of rest) outcomes[event.index] = await this.applyAlone(event, 1);
        break;
      }
      const failed = rest[run.failed.at]!;
      outcomes[failed.index] = await this.applyAlone(failed, 2, run.failed.error);
      rest = rest.slice(run.failed.at + 1);
    }
    return outcomes;
  }

  /** Decodes a message: an event to apply, or an outcome decided without the handler. */
  private decide(message: IncomingMessage, resolve: (type: string) => EventHandlerFn | undefined): Omit<Applicable, 'index'> | DispatchOutcome {
    const decoded = this.catalog.decode(message.value);
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
      this.logger.warn({ delivery: message.delivery, reason, detail: decoded.detail }, 'invalid event sent to the dead-letter topic');
      this.metrics.eventsConsumed.inc({ type: decoded.type ?? 'unknown', outcome: 'dead-lettered' });
      return { outcome: 'dead-letter', reason, error: decoded.detail, attempts: 0 };
    }
    const { envelope } = decoded;
    const handler = resolve(envelope.type);
    if (!handler) {
      this.metrics.eventsConsumed.inc({ type: envelope.type, outcome: 'ignored' });
      return { outcome: 'ignored' };
    }
    return { envelope, delivery: message.delivery, handler };
  }

  /** Retries one event in a transaction of its own, from `fromAttempt`, and dead-letters it when the attempts run out. */
  private async applyAlone(event: Applicable, fromAttempt: number, lastFailure?: unknown): Promise<DispatchOutcome> {
    let lastError = lastFailure;
    for (let attempt = fromAttempt; attempt <= this.retry.maxAttempts; attempt += 1) {
      if (attempt > 1) await delay(Math.min(this.retry.maxBackoffMs, this.retry.backoffMs * 2 ** (attempt - 2)));
      const run = await this.applyTogether([event], attempt);
      if (!run.failed) {
        const outcome = run.outcomes[0]!;
        this.metrics.eventsConsumed.inc({ type: event.envelope.type, outcome });
        return { outcome };
      }
      lastError = run.failed.error;
    }
    const { envelope } = event;
    this.metrics.eventsConsumed.inc({ type: envelope.type, outcome: 'dead-lettered' });
    this.logger.error({ err: lastError, eventId: envelope.id, type: envelope.type }, 'event handler gave up; event sent to the dead-letter topic');
    return { outcome: 'dead-letter', reason: 'handler-failed', error: describe(lastError), attempts: this.retry.maxAttempts };
  }

  /**
   * One transaction: the inbox records of every event first, in one statement, then each new
   * event's handlers in a savepoint, then what the handlers left for the batch's end. At the first
   * failing event the run stops: the events before it commit, its inbox record and those of the
   * events after it are withdrawn. An unreachable database aborts the whole run (nothing is
   * dead-lettered for it; the transport delivers the events again).
   */
  private async applyTogether(events: Applicable[], attempt: number): Promise<TransactionRun> {
    const outcomes: TransactionRun['outcomes'] = [];
    let failed: TransactionRun['failed'];
    try {
      await this.dataSource.transaction(async (manager) => {
        const runner = manager.queryRunner!;
        const fresh = await this.recordInInbox(manager, events);
        await this.lockAgencies(manager, events, fresh);
        const batch = new BatchScope();
        const savepoint = new LazySavepoint(runner);
        try {
          for (let position = 0; position < events.length; position += 1) {
            const event = events[position]!;
            // The first copy of an event id is the one applied; a second copy in the same batch is a redelivery.
            if (!fresh.delete(event.envelope.id)) {
              outcomes.push('duplicate');
              continue;
            }
            const before = batch.snapshot();
            savepoint.arm();
            try {
              await this.runHandler(event, manager, attempt, batch);
              outcomes.push('processed');
            } catch (error) {
              await savepoint.rollBack();
              if (isDatabaseUnavailable(error)) throw error;
              batch.restore(before);
              this.noteFailure(event.envelope, attempt, error);
              failed = { at: position, error };
              fresh.add(event.envelope.id);
              break;
            }
          }
        } finally {
          savepoint.disarm();
        }
        if (failed && fresh.size > 0) {
          await manager.query(`DELETE FROM inbox_event WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])`, [this.consumerGroup, [...fresh]]);
        }
        await batch.flush(manager);
      });
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw new InfrastructureUnavailableError(error);
      // The batch's closing writes failed: nothing committed.
      if (events.length === 1) this.noteFailure(events[0]!.envelope, attempt, error);
      return { outcomes: [], failed: { at: events.length === 1 ? 0 : -1, error } };
    }
    return { outcomes, ...(failed ? { failed } : {}) };
  }

  /**
   * Takes, in the order of their ids, a lock per agency whose new events the run applies, held to its
   * commit. Handlers lock per agency (the audit chain head, a scorecard, a vendor's standing) in the
   * order their events come; two runs of the same consumer group over other partitions, or on another
   * replica, that hold events of the same agencies would otherwise take those locks in opposite orders
   * and deadlock. With the agencies locked first, in one order, such runs wait for each other instead.
   * One statement; the sorted subquery feeds the aggregate, so the locks are taken in that order.
   */
  private async lockAgencies(manager: EntityManager, events: Applicable[], fresh: ReadonlySet<string>): Promise<void> {
    const agencies = [...new Set(events.filter((event) => fresh.has(event.envelope.id)).map((event) => event.envelope.agencyid))].sort();
    if (agencies.length === 0) return;
    await manager.query(
      `SELECT count(pg_advisory_xact_lock(hashtextextended('houqin.inbox-agency.' || $1 || '.' || sorted.agency, 0)))
         FROM (SELECT agency FROM unnest($2::text[]) AS agency ORDER BY agency) AS sorted`,
      [this.consumerGroup, agencies],
    );
  }

  /** Records every event of the run in the inbox at once; returns the ids that were new. */
  private async recordInInbox(manager: EntityManager, events: Applicable[]): Promise<Set<string>> {
    const recorded = (await manager.query(
      `INSERT INTO inbox_event (consumer_group, event_id, event_type, source_topic)
       SELECT $1, event.id, event.type, event.topic FROM unnest($2::uuid[], $3::text[], $4::text[]) AS event (id, type, topic)
       ON CONFLICT (consumer_group, event_id) DO NOTHING RETURNING event_id`,
      [this.consumerGroup, events.map((event) => event.envelope.id), events.map((event) => event.envelope.type), events.map((event) => event.delivery.topic)],
    )) as Array<{ event_id: string }>;
    return new Set(recorded.map((row) => row.event_id));
  }

  private runHandler(event: Applicable, manager: EntityManager, attempt: number, batch: BatchScope): Promise<void> {
    const { envelope } = event;
    return requestContext.run(
      {
        correlationId: envelope.correlationid,
        causationId: envelope.id,
        ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
        ...(envelope.tracestate ? { tracestate: envelope.tracestate } : {}),
      },
      () => event.handler(envelope, new EventContext(envelope, manager, event.delivery, attempt, batch)),
    );
  }

  private noteFailure(envelope: EventEnvelope, attempt: number, error: unknown): void {
    this.metrics.handlerFailures.inc({ type: envelope.type });
    this.logger.warn({ err: error, eventId: envelope.id, type: envelope.type, attempt, maxAttempts: this.retry.maxAttempts }, 'event handler failed');
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
