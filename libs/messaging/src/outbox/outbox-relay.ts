import { Client, QueryResult } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Logger } from 'pino';
import { EventEnvelope } from '@houqin/contracts';
import { ServiceMetrics } from '@houqin/observability';
import { EventTransport, OutgoingEvent } from '../transport';
import { IDEMPOTENT_COMMAND_RETENTION_HOURS } from './idempotent-commands';
import { OUTBOX_CHANNEL } from './outbox';

export interface OutboxRelayOptions {
  service: string;
  databaseUrl: string;
  pollIntervalMs: number;
  batchSize: number;
  /** Published rows older than this are deleted; 0 keeps them. */
  retentionHours: number;
  /** The service records Idempotency-Keys (idempotent_command): prune them with the outbox. */
  idempotentCommands?: boolean;
  /**
   * Inbox records older than this are deleted; 0 keeps them. It must exceed the longest time an
   * event can still be redelivered (the broker's retention), or a very late redelivery would apply twice.
   */
  inboxRetentionHours?: number;
}

interface OutboxRow {
  position: string;
  topic: string;
  message_key: string;
  envelope: EventEnvelope;
}

/**
 * Publishes committed outbox rows in the order they were written (per aggregate that is the order of
 * its changes, because a use case holds the aggregate's row lock while it writes its events). Safe with many replicas: each batch runs in a
 * transaction that first takes a transaction-scoped advisory lock, so exactly one replica publishes
 * at a time (preserving per-aggregate order) and a crashed replica's lock dies with its connection;
 * rows are claimed FOR UPDATE SKIP LOCKED and marked published in the same transaction, so a row is
 * never lost (a crash before the mark means it is published again, and consumers deduplicate).
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A NOTIFY that arrived while a batch ran: the next sleep is skipped. */
  private notified = false;
  private listener?: Client;
  private consecutiveFailures = 0;
  private lastCleanup = 0;
  private readonly lockKey: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly options: OutboxRelayOptions,
    private readonly logger: Logger,
    private readonly metrics: ServiceMetrics,
  ) {
    this.lockKey = `houqin.outbox-relay.${options.service}`;
    metrics.onScrape(async () => {
      if (!this.dataSource.isInitialized) return;
      const [row] = (await this.dataSource.query(`SELECT count(*)::int AS backlog FROM outbox_event WHERE published_at IS NULL`)) as Array<{ backlog: number }>;
      this.metrics.outboxBacklog.set(row?.backlog ?? 0);
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Stops after the batch in flight; pending rows stay for the next start or another replica. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** Publishes until nothing is pending or the deadline passes (used on graceful shutdown). */
  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const published = await this.publishBatch();
        if (published === 0 && (await this.backlog()) === 0) return true;
        if (published === 0) await delay(50);
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox flush attempt failed');
        await delay(200);
      }
    }
    return false;
  }

  async backlog(): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS backlog FROM outbox_event WHERE published_at IS NULL`)) as Array<{ backlog: number }>;
    return row?.backlog ?? 0;
  }

  /**
   * One batch under the relay lock. Returns how many events were published (0 if another replica holds the lock).
   * Two round trips for a batch that publishes: `BEGIN` with the claim (the advisory lock taken once, as an
   * InitPlan, before any row is locked), then the mark with `COMMIT`. The statements carry no client input:
   * the lock key is the service's name, escaped, and the positions are the table's own bigints.
   */
  async publishBatch(): Promise<number> {
    const [client, release] = await (this.dataSource.driver as PostgresDriver).obtainMasterConnection();
    let broken: unknown;
    let rolledBack = false;
    try {
      const claim = `SELECT position, topic, message_key, envelope FROM outbox_event
          WHERE (SELECT pg_try_advisory_xact_lock(hashtextextended(${client.escapeLiteral(this.lockKey)}, 0)))
            AND published_at IS NULL ORDER BY position LIMIT ${Math.trunc(this.options.batchSize)} FOR UPDATE SKIP LOCKED`;
      const results = (await client.query(`BEGIN; ${claim}`)) as unknown as Array<QueryResult<OutboxRow>>;
      const rows = results[1]?.rows ?? [];
      if (rows.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      const events: OutgoingEvent[] = rows.map((row) => ({ topic: row.topic, key: row.message_key, envelope: row.envelope }));
      try {
        await this.transport.publish(events);
      } catch (error) {
        // Rolled back first: recording the failure on another connection waits for these rows' locks.
        await client.query('ROLLBACK');
        rolledBack = true;
        await this.recordFailure(rows, error);
        throw error;
      }
      await client.query(
        `UPDATE outbox_event SET published_at = now(), publish_attempts = publish_attempts + 1, last_error = NULL
          WHERE position = ANY(${client.escapeLiteral(positionsLiteral(rows))}::bigint[]); COMMIT`,
      );
      for (const event of events) this.metrics.eventsPublished.inc({ topic: event.topic });
      return rows.length;
    } catch (error) {
      // An aborted or half-sent transaction: roll back, and drop the connection if even that fails.
      if (!rolledBack) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError;
        });
      }
      throw error;
    } finally {
      release(broken);
    }
  }

  private async recordFailure(rows: OutboxRow[], error: unknown): Promise<void> {
    await this.dataSource
      .query(`UPDATE outbox_event SET publish_attempts = publish_attempts + 1, last_error = $2 WHERE position = ANY($1::bigint[])`, [
        rows.map((row) => row.position),
        String((error as Error)?.message ?? error).slice(0, 2000),
      ])
      .catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      this.notified = false;
      try {
        published = await this.publishBatch();
        this.consecutiveFailures = 0;
        await this.cleanup();
      } catch (error) {
        this.consecutiveFailures += 1;
        this.logger.error({ err: error, failures: this.consecutiveFailures }, 'outbox relay could not publish; will retry');
      }
      if (!this.running) break;
      // A full batch may leave more behind. A partial one took every row committed before it looked;
      // a row committed since has sent its NOTIFY, which set `notified` (or wakes the sleep below).
      if (published >= this.options.batchSize) continue;
      if (this.notified && this.consecutiveFailures === 0) {
        this.notified = false;
        continue;
      }
      const backoff = this.consecutiveFailures > 0 ? Math.min(30_000, 250 * 2 ** Math.min(this.consecutiveFailures, 7)) : this.options.pollIntervalMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoff);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `houqin-${this.options.service}-relay` });
    client.on('notification', () => {
      if (this.wake) this.wake();
      else this.notified = true;
    });
    // A lost LISTEN connection only costs latency: the poll interval still drives the relay.
    client.on('error', (error) => this.logger.warn({ err: error }, 'outbox LISTEN connection lost; polling continues'));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox LISTEN unavailable; polling only');
      await client.end().catch(() => undefined);
    }
  }

  /** Housekeeping of the messaging tables, at most once a minute, by whichever replica runs it. */
  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    if (this.options.retentionHours > 0) {
      await this.dataSource.query(`DELETE FROM outbox_event WHERE published_at < now() - make_interval(hours => $1)`, [this.options.retentionHours]);
    }
    if (this.options.idempotentCommands) await this.dataSource.query(`DELETE FROM idempotent_command WHERE committed_at < now() - make_interval(hours => $1)`, [IDEMPOTENT_COMMAND_RETENTION_HOURS]);
    if ((this.options.inboxRetentionHours ?? 0) > 0) {
      await this.dataSource.query(`DELETE FROM inbox_event WHERE processed_at < now() - make_interval(hours => $1)`, [this.options.inboxRetentionHours]);
    }
  }
}

/** `{1,2,3}` from the claimed rows' positions (bigints as PostgreSQL returns them: digits only). */
function positionsLiteral(rows: readonly OutboxRow[]): string {
  for (const row of rows) if (!/^\d+$/.test(String(row.position))) throw new Error(`outbox position ${String(row.position)} is not a bigint`);
  return `{${rows.map((row) => row.position).join(',')}}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
