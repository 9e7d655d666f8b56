import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { EventEnvelope } from '@houqin/contracts';
import { KafkaEventTransport } from '@houqin/messaging';
import { OwnKafka, freePort, uniqueSuffix, waitFor } from '@houqin/testing';

/**
 * The outbox relay's producer after a publish whose fate it cannot know (issue 19, found by the clock
 * jump): a request kafkajs gave up on (its request timeout, here reached by the wall clock jumping
 * ahead while the broker is paused) that the broker nevertheless appended, and whose retry the broker
 * refused. kafkajs then rolls its idempotent sequence back although the broker moved on, and refuses
 * every later batch of another size with OUT_OF_ORDER_SEQUENCE_NUMBER: the relay would never publish
 * again. The transport starts a new producer (a new producer id) after a failed publish, so the next
 * batch is accepted; the in-doubt event is in the topic, and publishing it again is what the relay
 * does (consumers deduplicate by event id).
 */
const TOPIC = 'houqin.fault.in-doubt.v1';
const FIVE_HOURS_MS = 5 * 60 * 60 * 1000;

const run = uniqueSuffix();
let kafka: OwnKafka;
let transport: KafkaEventTransport;

function envelope(label: string): EventEnvelope {
  return {
    specversion: '1.0',
    id: randomUUID(),
    type: TOPIC,
    source: 'houqin/fault',
    subject: 'in-doubt',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    agencyId: `agency-${run}`,
    correlationId: randomUUID(),
    data: { label },
  } as unknown as EventEnvelope;
}

/** Bytes that reached the broker's end of an established connection and that it has not read (/proc/net/tcp's rx_queue). */
function unreadByBroker(): number {
  const port = kafka.port.toString(16).toUpperCase().padStart(4, '0');
  // The JVM listens on an IPv6 socket: its connections from 127.0.0.1 are listed in tcp6.
  return ['/proc/net/tcp', '/proc/net/tcp6']
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1]?.endsWith(`:${port}`) && fields[3] === '01')
    .reduce((sum, fields) => sum + parseInt(fields[4]?.split(':')[1] ?? '0', 16), 0);
}

async function labelsInTopic(expected: number): Promise<string[]> {
  const consumer = new Kafka({ clientId: `in-doubt-reader-${run}`, brokers: [kafka.brokers], logLevel: logLevel.NOTHING }).consumer({ groupId: `in-doubt-reader-${run}-${randomUUID()}` });
  const labels: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        labels.push((JSON.parse(String(message.value)) as { data: { label: string } }).data.label);
      },
    });
    await waitFor(() => labels.length >= expected, { timeoutMs: 30_000, description: `${expected} events in ${TOPIC}` });
  } finally {
    await consumer.disconnect();
  }
  return labels;
}

beforeAll(async () => {
  kafka = new OwnKafka(await freePort(), await freePort(), `kafka-in-doubt-${run}`);
  kafka.reset();
  await kafka.start();
  transport = new KafkaEventTransport({ brokers: [kafka.brokers], clientId: `in-doubt-${run}`, topicPartitions: 1, replicationFactor: 1 }, pino({ level: 'silent' }), [TOPIC]);
  await transport.connect();
}, 120_000);

afterAll(async () => {
  jest.restoreAllMocks();
  await transport?.close().catch(() => undefined);
  await kafka?.stop();
  kafka?.reset();
}, 60_000);

it('publishes the next batch after a publish the broker appended although the producer gave up on it', async () => {
  await transport.publish([{ topic: TOPIC, key: 'in-doubt', envelope: envelope('first') }]);

  // The broker stops answering with the second batch on the wire; the wall clock then jumps 5 hours ahead,
  // past kafkajs' request timeout (it times requests by the wall clock).
  const producer = (transport as unknown as { producer: { on(event: string, listener: () => void): () => void; events: Record<string, string> } }).producer;
  let timedOut = false;
  producer.on(producer.events['REQUEST_TIMEOUT']!, () => (timedOut = true));
  kafka.pause();
  let resumed = false;
  try {
    const second = transport.publish([{ topic: TOPIC, key: 'in-doubt', envelope: envelope('second') }]).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    await waitFor(() => unreadByBroker() > 0, { timeoutMs: 10_000, intervalMs: 5, description: 'the second batch on the wire, unread by the paused broker' });
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + FIVE_HOURS_MS);
    await waitFor(() => timedOut, { timeoutMs: 10_000, intervalMs: 20, description: 'kafkajs to give up on the second batch' });
    // The broker wakes, appends the second batch, and refuses its retry (stamped 5 hours ahead).
    kafka.resume();
    resumed = true;
    const failure = await second;
    clock.mockRestore();
    expect(failure?.message).toMatch(/timestamp/i);
  } finally {
    if (!resumed) kafka.resume();
  }

  // The clock is right again: a batch of another size must be accepted.
  await transport.publish([
    { topic: TOPIC, key: 'in-doubt', envelope: envelope('third') },
    { topic: TOPIC, key: 'in-doubt', envelope: envelope('fourth') },
  ]);
  expect(await labelsInTopic(4)).toEqual(['first', 'second', 'third', 'fourth']);
}, 90_000);
