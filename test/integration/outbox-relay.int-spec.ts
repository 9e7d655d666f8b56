import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { EventEnvelope, RepairRequestReported } from '@houqin/contracts';
import { EventTransport, InProcessBroker, InProcessEventTransport, MessagingTables1764201600000, Outbox, OutboxRelay } from '@houqin/messaging';
import { ServiceMetrics } from '@houqin/observability';
import { serviceDataSourceOptions } from '@houqin/persistence';
import { platformEvents } from '@houqin/contracts';
import { TestDatabase, createTestDatabase, waitFor } from '@houqin/testing';

/** The relay with several replicas on one database, against a real PostgreSQL. */
describe('the outbox relay', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const outbox = new Outbox(platformEvents);
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    database = await createTestDatabase('outbox_relay');
    dataSource = new DataSource(
      serviceDataSourceOptions({ service: 'maintenance', url: database.url, entities: [], migrations: [MessagingTables1764201600000], runMigrations: true }),
    );
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  function report(subject: string, index: number): EventEnvelope {
    return RepairRequestReported.create({
      subject,
      origin: { agencyId: 'agency-relay', correlationId: `relay-${index}` },
      data: {
        repairRequestId: subject,
        reportedBy: 'staff',
        location: { building: 'A' },
        description: `event ${index}`,
        priority: 'normal',
        reportedAt: new Date().toISOString(),
      },
    });
  }

  function relay(broker: InProcessBroker, name: string, pollIntervalMs = 20): OutboxRelay {
    return new OutboxRelay(
      dataSource,
      new InProcessEventTransport(broker),
      { service: 'maintenance', databaseUrl: database.url, pollIntervalMs, batchSize: 25, retentionHours: 0 },
      logger.child({ relay: name }),
      new ServiceMetrics(`relay-${name}`, { defaultMetrics: false }),
    );
  }

  it('publishes every committed event exactly once and in per-aggregate order with three replicas running', async () => {
    const broker = new InProcessBroker();
    const delivered: EventEnvelope[] = [];
    broker.subscribe('recorder', [RepairRequestReported.topic], async (value) => {
      delivered.push(JSON.parse(value.toString()) as EventEnvelope);
    });
    const replicas = [relay(broker, 'a'), relay(broker, 'b'), relay(broker, 'c')];
    await Promise.all(replicas.map((replica) => replica.start()));
    const aggregates = Array.from({ length: 12 }, () => randomUUID());
    const appended: EventEnvelope[] = [];
    // Writers commit while the replicas publish.
    await Promise.all(
      aggregates.map(async (subject, writer) => {
        for (let index = 0; index < 20; index += 1) {
          const event = report(subject, writer * 100 + index);
          await dataSource.transaction((manager) => outbox.append(manager, event));
          appended.push(event);
        }
      }),
    );
    await waitFor(() => delivered.length >= appended.length && replicas[0]!.backlog().then((backlog) => backlog === 0), { description: 'backlog drained' });
    await Promise.all(replicas.map((replica) => replica.stop()));

    expect(delivered).toHaveLength(appended.length);
    expect(new Set(delivered.map((event) => event.id)).size).toBe(appended.length);
    for (const subject of aggregates) {
      const order = (events: EventEnvelope[]) => events.filter((event) => event.subject === subject).map((event) => event.id);
      expect(order(delivered)).toEqual(order(appended));
    }
  });

  it('keeps events whose publication failed and publishes them once the transport recovers', async () => {
    const broker = new InProcessBroker();
    let refusals = 3;
    const delivered: string[] = [];
    broker.subscribe('flaky', [RepairRequestReported.topic], async (value) => {
      if (refusals > 0) {
        refusals -= 1;
        throw new Error('consumer unavailable');
      }
      delivered.push((JSON.parse(value.toString()) as EventEnvelope).id);
    });
    const subject = randomUUID();
    const events = [report(subject, 1), report(subject, 2)];
    await dataSource.transaction((manager) => outbox.append(manager, events));
    const replica = relay(broker, 'flaky');
    await expect(replica.publishBatch()).rejects.toThrow('consumer unavailable');
    const [failed] = await database.query<{ publish_attempts: number; last_error: string; published_at: Date | null }>(
      `SELECT publish_attempts, last_error, published_at FROM outbox_event WHERE event_id = $1`,
      [events[0]!.id],
    );
    expect(failed).toMatchObject({ publish_attempts: 1, last_error: 'consumer unavailable', published_at: null });

    await replica.start();
    await waitFor(() => delivered.includes(events[1]!.id), { timeoutMs: 30_000, description: 'publication after recovery' });
    await replica.stop();
    expect(delivered.filter((id) => id === events[0]!.id)).toHaveLength(1);
    expect(delivered.indexOf(events[0]!.id)).toBeLessThan(delivered.indexOf(events[1]!.id));
    const rows = await database.query<{ published_at: Date | null; last_error: string | null }>(`SELECT published_at, last_error FROM outbox_event WHERE message_key = $1`, [subject]);
    expect(rows.every((row) => row.published_at !== null && row.last_error === null)).toBe(true);
  });

  it('is woken by the commit that appends an event, not by its next poll', async () => {
    const broker = new InProcessBroker();
    const delivered: string[] = [];
    broker.subscribe('woken', [RepairRequestReported.topic], async (value) => {
      delivered.push((JSON.parse(value.toString()) as EventEnvelope).id);
    });
    const idle = relay(broker, 'woken', 600_000);
    await idle.start();
    try {
      await waitFor(async () => (await idle.backlog()) === 0, { description: 'the relay idle' });
      // Its first poll is done and the next is ten minutes away: only the commit's notification can wake it.
      const event = report(randomUUID(), 1);
      await dataSource.transaction((manager) => outbox.append(manager, event));
      await waitFor(() => delivered.includes(event.id), { timeoutMs: 10_000, description: 'publication on commit' });
    } finally {
      await idle.stop();
    }
  });

  it('publishes an event committed while a batch was being published without waiting for its next poll', async () => {
    const broker = new InProcessBroker();
    const delivered: string[] = [];
    broker.subscribe('in-flight', [RepairRequestReported.topic], async (value) => {
      delivered.push((JSON.parse(value.toString()) as EventEnvelope).id);
    });
    // The first batch is held at the broker until the second event has committed.
    const inner = new InProcessEventTransport(broker);
    let holding: (() => void) | undefined;
    let held: Promise<void> | undefined;
    const transport: EventTransport = {
      kind: 'in-process',
      connect: () => inner.connect(),
      close: () => inner.close(),
      health: () => inner.health(),
      probe: () => inner.probe(),
      publish: async (events) => {
        if (!held) held = new Promise<void>((resolve) => (holding = resolve));
        else holding = undefined;
        await held;
        await inner.publish(events);
      },
    };
    const busy = new OutboxRelay(
      dataSource,
      transport,
      { service: 'maintenance', databaseUrl: database.url, pollIntervalMs: 600_000, batchSize: 25, retentionHours: 0 },
      logger.child({ relay: 'in-flight' }),
      new ServiceMetrics('relay-in-flight', { defaultMetrics: false }),
    );
    await busy.start();
    try {
      await waitFor(async () => (await busy.backlog()) === 0, { description: 'the relay idle' });
      const first = report(randomUUID(), 1);
      await dataSource.transaction((manager) => outbox.append(manager, first));
      await waitFor(() => holding !== undefined, { description: 'the first batch at the broker' });
      // Committed after the batch looked: its notification arrives while the relay is busy, not asleep.
      const second = report(randomUUID(), 2);
      await dataSource.transaction((manager) => outbox.append(manager, second));
      await waitFor(() => busy.backlog().then((backlog) => backlog === 2), { description: 'both rows pending' });
      holding?.();
      await waitFor(() => delivered.includes(second.id), { timeoutMs: 10_000, description: 'the second event published after the first batch' });
      expect(delivered).toEqual([first.id, second.id]);
    } finally {
      await busy.stop();
    }
  });

  it('refuses to append outside a transaction', async () => {
    await expect(outbox.append(dataSource.manager, report(randomUUID(), 1))).rejects.toThrow('inside the transaction');
  });
});
