import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@houqin/contracts';
import { DLQ_HEADERS, InProcessBroker, KafkaEventTransport, Outbox, deadLetterTopic } from '@houqin/messaging';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_INTERNAL_TOKEN_SECRET, TEST_KAFKA_BROKERS, TestDatabase, createTestDatabase, uniqueSuffix, waitFor } from '@houqin/testing';
import { ledgerFixture } from './ledger-fixture';

interface DeadLetterSeen {
  value: string;
  headers: Record<string, string>;
}

/** What differs between transports: how to inject raw messages and where dead letters go. */
interface TransportUnderTest {
  name: 'kafka' | 'in-process';
  env(run: string): Record<string, string>;
  broker?: InProcessBroker;
  /** Sends bytes straight onto the topic, as a redelivery or a foreign producer would. */
  sendRaw(service: RunningService, topic: string, key: string, value: string): Promise<void>;
  deadLetters(topic: string): Promise<DeadLetterSeen[]>;
  /** Holds deliveries of a topic back until `release`, so that what is published meanwhile arrives as one batch. */
  hold(service: RunningService, topic: string): Promise<() => void>;
  dispose(): Promise<void>;
}

function kafkaUnderTest(): TransportUnderTest {
  const kafka = new Kafka({ clientId: 'contract-suite', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: 0 });
  const seen = new Map<string, DeadLetterSeen[]>();
  const consumers: Array<{ disconnect(): Promise<void> }> = [];
  return {
    name: 'kafka',
    env: (run) => ({ MESSAGING_TRANSPORT: 'kafka', KAFKA_BROKERS: TEST_KAFKA_BROKERS, KAFKA_CONSUMER_GROUP: `contract-${run}` }),
    async sendRaw(service, topic, key, value) {
      const transport = service.runtime.transport as KafkaEventTransport;
      const producer = transport.client.producer();
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [{ key, value }] });
      await producer.disconnect();
    },
    async deadLetters(topic) {
      if (!seen.has(topic)) {
        seen.set(topic, []);
        const consumer = kafka.consumer({ groupId: `dlq-reader-${uniqueSuffix()}` });
        consumers.push(consumer);
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
            seen.get(topic)!.push({ value: message.value?.toString() ?? '', headers });
          },
        });
      }
      return seen.get(topic)!;
    },
    async hold(service, topic) {
      const consumer = service.runtime.server!.unwrap<Consumer>();
      consumer.pause([{ topic }]);
      return () => consumer.resume([{ topic }]);
    },
    async dispose() {
      await Promise.all(consumers.map((c) => c.disconnect()));
    },
  };
}

function inProcessUnderTest(): TransportUnderTest {
  const broker = new InProcessBroker();
  return {
    name: 'in-process',
    broker,
    env: () => ({ MESSAGING_TRANSPORT: 'in-process' }),
    sendRaw: (_service, topic, key, value) => broker.publish(topic, key, Buffer.from(value)),
    deadLetters: async (topic) => broker.deadLetters(topic).map((letter) => ({ value: letter.value.toString(), headers: letter.headers })),
    // The broker hands each consumer group one relay batch at once.
    hold: async () => () => undefined,
    dispose: async () => undefined,
  };
}

describe.each([['kafka', kafkaUnderTest], ['in-process', inProcessUnderTest]] as const)('the %s transport', (_name, makeTransport) => {
  const run = uniqueSuffix();
  const fixture = ledgerFixture(run);
  let transport: TransportUnderTest;
  let database: TestDatabase;
  let service: RunningService;
  let dataSource: DataSource;
  let outbox: Outbox;

  beforeAll(async () => {
    transport = makeTransport();
    database = await createTestDatabase(`contract_${transport.name}`);
    service = await startService(fixture.definition, {
      env: {
        ...transport.env(run),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: database.url,
        INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
        EVENT_MAX_ATTEMPTS: '3',
        EVENT_RETRY_BACKOFF_MS: '20',
        OUTBOX_POLL_INTERVAL_MS: '50',
        KAFKA_SESSION_TIMEOUT_MS: '10000',
      },
      ...(transport.broker ? { broker: transport.broker } : {}),
    });
    dataSource = service.app.get<DataSource>(getDataSourceToken());
    outbox = service.app.get(Outbox);
    await waitFor(() => service.runtime.server?.consumerStatus().state === 'running', { description: 'consumer to join its group' });
  });

  afterAll(async () => {
    await service?.shutdown();
    await transport?.dispose();
    await database?.drop();
  });

  const origin = { agencyId: 'agency-test', correlationId: 'contract-suite' };
  const post = (account: string, amount: number, note = 'ok') =>
    fixture.LedgerEntryPosted.create({ subject: account, origin, data: { account, amount, note } });
  const effects = (account: string) =>
    database.query<{ event_id: string; amount: number }>(`SELECT event_id, amount FROM ledger_effect WHERE account = $1 ORDER BY seq`, [account]);
  const commit = (events: EventEnvelope[]) => dataSource.transaction((manager) => outbox.append(manager, events));

  it('publishes an event committed with its state change, and the handler applies it', async () => {
    const event = post(`acct-${randomUUID()}`, 10);
    await commit([event]);
    const rows = await waitFor(async () => (await effects(event.subject)).length === 1 && effects(event.subject), { description: 'ledger effect' });
    expect(rows).toEqual([{ event_id: event.id, amount: 10 }]);
    const [inbox] = await database.query(`SELECT consumer_group, event_type FROM inbox_event WHERE event_id = $1`, [event.id]);
    expect(inbox).toEqual({ consumer_group: expect.stringMatching(/contract-|maintenance/), event_type: fixture.LedgerEntryPosted.type });
  });

  it('publishes nothing when the transaction rolls back', async () => {
    const rolledBack = post(`acct-${randomUUID()}`, 1);
    await expect(
      dataSource.transaction(async (manager) => {
        await outbox.append(manager, rolledBack);
        throw new Error('business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule failed');
    const marker = post(rolledBack.subject, 2);
    await commit([marker]);
    const rows = await waitFor(async () => (await effects(marker.subject)).length > 0 && effects(marker.subject), { description: 'marker effect' });
    expect(rows.map((row) => row.event_id)).toEqual([marker.id]);
    expect(await database.query(`SELECT 1 FROM outbox_event WHERE event_id = $1`, [rolledBack.id])).toHaveLength(0);
  });

  it('applies a redelivered event exactly once', async () => {
    const event = post(`acct-${randomUUID()}`, 7);
    await commit([event]);
    await waitFor(async () => (await effects(event.subject)).length === 1, { description: 'first delivery' });
    await transport.sendRaw(service, fixture.LedgerEntryPosted.topic, event.subject, JSON.stringify(event));
    await transport.sendRaw(service, fixture.LedgerEntryPosted.topic, event.subject, JSON.stringify(event));
    const marker = post(event.subject, 8);
    await commit([marker]);
    await waitFor(async () => (await effects(event.subject)).length >= 2, { description: 'marker after the redeliveries' });
    expect((await effects(event.subject)).map((row) => row.event_id)).toEqual([event.id, marker.id]);
  });

  it('dead-letters an event whose handler keeps failing after the configured attempts, while later events of the same aggregate still flow', async () => {
    const account = `acct-${randomUUID()}`;
    const poison = post(account, 1, 'poison');
    const later = post(account, 2);
    await commit([poison, later]);
    await waitFor(async () => (await effects(account)).length === 1, { description: 'the event after the poison one' });
    expect((await effects(account)).map((row) => row.event_id)).toEqual([later.id]);
    expect(fixture.handled.filter((id) => id === poison.id)).toHaveLength(3);
    const letters = await waitFor(
      async () => {
        const found = (await transport.deadLetters(deadLetterTopic(fixture.LedgerEntryPosted.topic))).filter((letter) => letter.value.includes(poison.id));
        return found.length > 0 && found;
      },
      { description: 'dead letter' },
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]!.headers).toMatchObject({
      [DLQ_HEADERS.reason]: 'handler-failed',
      [DLQ_HEADERS.attempts]: '3',
      [DLQ_HEADERS.originalTopic]: fixture.LedgerEntryPosted.topic,
    });
    expect(letters[0]!.headers[DLQ_HEADERS.error]).toContain(`ledger refuses poison entry ${poison.id}`);
    expect(JSON.parse(letters[0]!.value)).toMatchObject({ id: poison.id, data: { note: 'poison' } });
  });

  it('applies a batch in one transaction, and a poison event in its middle goes to the dead-letter topic alone while its neighbours are applied once, in order', async () => {
    const account = `acct-${randomUUID()}`;
    const [first, second, poison, fourth, fifth] = [post(account, 1), post(account, 2), post(account, 3, 'poison'), post(account, 4), post(account, 5)];
    const release = await transport.hold(service, fixture.LedgerEntryPosted.topic);
    try {
      await commit([first!, second!, poison!, fourth!, fifth!]);
      await waitFor(async () => (await database.query(`SELECT 1 FROM outbox_event WHERE message_key = $1 AND published_at IS NULL`, [account])).length === 0, {
        description: 'the five events published',
      });
    } finally {
      release();
    }
    const rows = await waitFor(async () => {
      const found = await database.query<{ event_id: string; applied_in: string }>(`SELECT event_id, applied_in FROM ledger_effect WHERE account = $1 ORDER BY seq`, [account]);
      return found.length === 4 && found;
    }, { description: 'the poison event’s four neighbours' });
    expect(rows.map((row) => row.event_id)).toEqual([first!.id, second!.id, fourth!.id, fifth!.id]);
    // The events before the poison one commit together, those after it together in the next transaction.
    expect(rows[0]!.applied_in).toBe(rows[1]!.applied_in);
    expect(rows[2]!.applied_in).toBe(rows[3]!.applied_in);
    expect(rows[1]!.applied_in).not.toBe(rows[2]!.applied_in);
    for (const neighbour of [first!, second!, fourth!, fifth!]) expect(fixture.handled.filter((id) => id === neighbour.id)).toHaveLength(1);
    expect(fixture.handled.filter((id) => id === poison!.id)).toHaveLength(3);
    const letters = await waitFor(async () => {
      const mine = (await transport.deadLetters(deadLetterTopic(fixture.LedgerEntryPosted.topic))).filter((letter) => letter.value.includes(account));
      return mine.length > 0 && mine;
    }, { description: 'the dead letter' });
    expect(letters.map((letter) => (JSON.parse(letter.value) as EventEnvelope).id)).toEqual([poison!.id]);
    // What the handlers kept for the batch's end lost the poison event's share with its savepoint.
    expect(await database.query(`SELECT balance FROM ledger_balance WHERE account = $1`, [account])).toEqual([{ balance: 1 + 2 + 4 + 5 }]);
    const inbox = await database.query<{ event_id: string }>(`SELECT event_id FROM inbox_event WHERE event_id = ANY($1::uuid[])`, [[first!.id, second!.id, poison!.id, fourth!.id, fifth!.id]]);
    expect(inbox.map((row) => row.event_id).sort()).toEqual([first!.id, second!.id, fourth!.id, fifth!.id].sort());
  });

  it('dead-letters a schema-invalid event without running the handler, and keeps consuming', async () => {
    const account = `acct-${randomUUID()}`;
    const invalid = { ...post(account, 1), data: { account, amount: 'not a number', note: 'x' } };
    await transport.sendRaw(service, fixture.LedgerEntryPosted.topic, account, JSON.stringify(invalid));
    await transport.sendRaw(service, fixture.LedgerEntryPosted.topic, account, '{not json');
    const valid = post(account, 5);
    await commit([valid]);
    await waitFor(async () => (await effects(account)).length === 1, { description: 'valid event after invalid ones' });
    expect(fixture.handled).not.toContain(invalid.id);
    const letters = await waitFor(async () => {
      const all = await transport.deadLetters(deadLetterTopic(fixture.LedgerEntryPosted.topic));
      const mine = all.filter((letter) => letter.value.includes(invalid.id) || letter.value === '{not json');
      return mine.length === 2 && mine;
    }, { description: 'two dead letters' });
    expect(letters.map((letter) => letter.headers[DLQ_HEADERS.reason]).sort()).toEqual(['data-invalid', 'malformed']);
    expect(letters.find((l) => l.headers[DLQ_HEADERS.reason] === 'data-invalid')!.headers[DLQ_HEADERS.error]).toContain('data.amount');
  });

  it('keeps the order of one aggregate’s events', async () => {
    const account = `acct-${randomUUID()}`;
    const events = Array.from({ length: 15 }, (_, index) => post(account, index + 1));
    for (const event of events) await commit([event]);
    const rows = await waitFor(async () => {
      const found = await effects(account);
      return found.length === events.length && found;
    }, { description: 'all ordered events' });
    expect(rows.map((row) => row.amount)).toEqual(events.map((_, index) => index + 1));
  });

  it('counts dead letters and handler failures in its metrics', async () => {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toMatch(/houqin_dlq_events_total\{[^}]*reason="handler-failed"[^}]*\} [1-9]/);
    expect(text).toMatch(/houqin_event_handler_failures_total\{[^}]*\} [1-9]/);
    expect(text).toMatch(/houqin_outbox_backlog\{[^}]*\} 0/);
  });
});
