import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { EventEnvelope, RepairRequestReported, platformEvents } from '@houqin/contracts';
import { EventContext, EventDispatcher, EventHandlerFn, IncomingMessage, MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceMetrics } from '@houqin/observability';
import { serviceDataSourceOptions } from '@houqin/persistence';
import { TestDatabase, createTestDatabase, waitFor } from '@houqin/testing';

/**
 * Two batches of one consumer group applied at once (two partitions, or two replicas) whose events
 * belong to the same agencies in opposite orders, with handlers that lock per agency as the audit
 * trail, scorecards and vendor standings do: they must wait for each other, never deadlock.
 */
describe('batches holding the same agencies in opposite orders', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let observer: Client;

  beforeAll(async () => {
    database = await createTestDatabase('inbox_agency_locks');
    dataSource = new DataSource(serviceDataSourceOptions({ service: 'evaluation', url: database.url, entities: [], migrations: [MessagingTables1764201600000], runMigrations: true }));
    await dataSource.initialize();
    await dataSource.runMigrations();
    observer = new Client({ connectionString: database.url });
    await observer.connect();
  });

  afterAll(async () => {
    await observer?.end();
    await dataSource?.destroy();
    await database?.drop();
  });

  function reported(agencyId: string): EventEnvelope {
    const id = randomUUID();
    return RepairRequestReported.create({
      subject: id,
      origin: { agencyId, correlationId: `locks-${id}` },
      data: { repairRequestId: id, reportedBy: 'staff', location: { building: 'A' }, description: 'probe', priority: 'normal', reportedAt: new Date().toISOString() },
    });
  }

  const message = (envelope: EventEnvelope, partition: number, offset: number): IncomingMessage => ({
    value: JSON.stringify(envelope),
    delivery: { topic: RepairRequestReported.topic, partition, offset: String(offset) },
  });

  /** Some transaction of this database waits for an advisory lock. */
  async function someoneWaitsForALock(): Promise<boolean> {
    const { rows } = await observer.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    );
    return (rows[0]?.waiting ?? 0) > 0;
  }

  it('applies both, each event once, without a failure', async () => {
    const agencyA = `agency-a-${randomUUID()}`;
    const agencyB = `agency-b-${randomUUID()}`;
    const first = [reported(agencyA), reported(agencyB)];
    const second = [reported(agencyB), reported(agencyA)];
    const openers = new Set([first[0]!.id, second[0]!.id]);
    const opened = new Set<string>();
    const applied: string[] = [];
    const handler: EventHandlerFn = async (envelope: EventEnvelope, context: EventContext) => {
      await context.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`probe:${envelope.agencyid}`]);
      if (openers.has(envelope.id)) {
        opened.add(envelope.id);
        // Hold this agency until the other batch has locked its first one too, or is waiting for a lock.
        await waitFor(async () => opened.size === 2 || (await someoneWaitsForALock()), { timeoutMs: 10_000, description: 'the other batch under way' });
      }
      applied.push(envelope.id);
    };
    const dispatcher = new EventDispatcher(
      'agency-locks',
      platformEvents,
      dataSource,
      // One attempt: a deadlock would show as a dead letter, not hide behind a retry.
      { maxAttempts: 1, backoffMs: 10, maxBackoffMs: 10 },
      pino({ level: 'silent' }),
      new ServiceMetrics('agency-locks', { defaultMetrics: false }),
    );
    const resolve = () => handler;
    const outcomes = await Promise.all([
      dispatcher.dispatchBatch(first.map((envelope, index) => message(envelope, 0, index)), resolve),
      dispatcher.dispatchBatch(second.map((envelope, index) => message(envelope, 1, index)), resolve),
    ]);
    expect(outcomes.flat()).toEqual([{ outcome: 'processed' }, { outcome: 'processed' }, { outcome: 'processed' }, { outcome: 'processed' }]);
    expect([...applied].sort()).toEqual([...first, ...second].map((envelope) => envelope.id).sort());
  });
});
