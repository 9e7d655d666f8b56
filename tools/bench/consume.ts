import { Consumer, Partitioners } from 'kafkajs';
import { Pool } from 'pg';
import { EventEnvelope } from '@houqin/contracts';
import { startService } from '@houqin/service-kit';
import { BenchData, ConsumeProgress, benchDefinition, benchEvent } from './bench-fixture';
import { progress, withTimeout } from './context';
import { MessagingBench, NO_COMPRESSION, toKafkaMessage } from './messaging-bench';
import { Comparison, compare, perSecond } from './stats';

const CONSUME_TIMEOUT_MS = 120_000;

interface ConsumeRun {
  label: string;
  eventsPerSecond: number;
  elapsedMs: number;
  /** CPU of this process per measured event: less disturbed by other load on the machine than throughput. */
  cpuMsPerEvent: number;
}

function consumeRun(label: string, tracker: ConsumeProgress): ConsumeRun {
  return { label, elapsedMs: tracker.elapsedMs, eventsPerSecond: perSecond(tracker.measured, tracker.elapsedMs), cpuMsPerEvent: (tracker.cpuMs ?? NaN) / tracker.measured };
}

/**
 * Scenario 2, consuming N events already on the topic (the relay put them there in scenario 1).
 * Each consumer is a fresh consumer group reading from the beginning; the clock starts once the
 * warm-up events are handled and stops when N more are.
 *
 * Baselines: a bare kafkajs consumer (eachMessage, autoCommit, JSON.parse only), and the same
 * consumer doing by hand exactly the SQL Houqin does per event (BEGIN, inbox insert, one row,
 * COMMIT, then commitOffsets) — the first shows the whole price of the guarantees, the second
 * what the framework itself (Nest dispatch, contract validation, TypeORM, request context) adds.
 * Houqin: the KafkaEventServer with an @EventPattern handler inserting one row via EventContext.manager.
 */
export async function consumeScenario(bench: MessagingBench): Promise<Comparison[]> {
  const { config } = bench;
  const scenario = 'consume';
  const warmup = config.warmupEvents;
  const needed = warmup + config.events;
  if (bench.eventsOnTopic < needed) await seedTopic(bench, needed - bench.eventsOnTopic);

  // The one-partition-at-a-time pair is secondary and the slowest: half the events keep the run bounded.
  const half = Math.max(1, Math.ceil(config.events / 2));
  const raw1 = await rawConsumer(bench, 1, 'raw-c1', half);
  const raw3 = await rawConsumer(bench, 3, 'raw-c3', config.events);
  const manual3 = await handRolledConsumer(bench, 3, 'sql-c3', config.events);
  const houqin3 = await houqinConsumer(bench, 3, 'houqin-c3', config.events);
  const houqin1 = await houqinConsumer(bench, 1, 'houqin-c1', half);

  const row = (measure: string, baseline: ConsumeRun, baselineLabel: string, houqin: ConsumeRun, houqinLabel: string) =>
    compare({
      scenario,
      measure,
      unit: 'events/s',
      higherIsBetter: true,
      baselineLabel,
      baseline: baseline.eventsPerSecond,
      houqinLabel,
      houqin: houqin.eventsPerSecond,
      detail: { warmup, baseline, houqin },
    });
  return [
    row(`throughput, concurrency 3, ${config.events} events`, raw3, 'kafkajs eachMessage', houqin3, 'KafkaEventServer + handler'),
    row(`throughput, concurrency 3, ${config.events} events`, manual3, 'kafkajs + same SQL by hand', houqin3, 'KafkaEventServer + handler'),
    compare({
      scenario,
      measure: 'node CPU per event, concurrency 3',
      unit: 'ms',
      higherIsBetter: false,
      baselineLabel: 'kafkajs + same SQL by hand',
      baseline: manual3.cpuMsPerEvent,
      houqinLabel: 'KafkaEventServer + handler',
      houqin: houqin3.cpuMsPerEvent,
      detail: { warmup, baseline: manual3, houqin: houqin3, note: 'process.cpuUsage() of the benchmark process (all threads) over the measured events' },
    }),
    row(`throughput, concurrency 1, ${half} events`, raw1, 'kafkajs eachMessage', houqin1, 'KafkaEventServer + handler'),
    // Not a baseline comparison: what KAFKA_CONSUMER_CONCURRENCY=3 buys over 1 on a 3-partition topic.
    row('throughput, concurrency 3 vs 1', houqin1, 'Houqin, concurrency 1', houqin3, 'Houqin, concurrency 3'),
  ];
}

/** When the publish scenario did not run: put the events on the topic with a plain producer. */
async function seedTopic(bench: MessagingBench, count: number): Promise<void> {
  progress(`consume: seeding ${count} events onto ${bench.topic}`);
  await bench.createTopic(bench.topic);
  const producer = bench.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let start = 0; start < count; start += bench.config.batchSize) {
      const messages = Array.from({ length: Math.min(bench.config.batchSize, count - start) }, (_, index) => toKafkaMessage(benchEvent(bench.contract, start + index)));
      await producer.sendBatch({ acks: -1, compression: NO_COMPRESSION, topicMessages: [{ topic: bench.topic, messages }] });
    }
  } finally {
    await producer.disconnect();
  }
  bench.eventsOnTopic += count;
}

/** Waits for the measured events; a consumer crash (a failing eachMessage) fails the run at once instead of timing out. */
function untilConsumed(consumer: Consumer, tracker: ConsumeProgress, label: string, events: number): Promise<void> {
  const crashed = new Promise<never>((_, reject) => {
    consumer.on(consumer.events.CRASH, (event) => reject(new Error(`${label} crashed: ${event.payload.error.message}`)));
  });
  crashed.catch(() => undefined);
  return withTimeout(Promise.race([tracker.finished, crashed]), CONSUME_TIMEOUT_MS, `${label} to consume ${events} events`);
}

async function rawConsumer(bench: MessagingBench, concurrency: number, name: string, events: number): Promise<ConsumeRun> {
  const label = `kafkajs eachMessage, ${concurrency} concurrent`;
  progress(`consume: ${label}, warm-up ${bench.config.warmupEvents} + ${events} events`);
  const tracker = new ConsumeProgress(bench.config.warmupEvents, events);
  const consumer = bench.kafka.consumer({ groupId: bench.group(name), allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [bench.topic], fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: concurrency,
      eachMessage: async ({ message }) => {
        JSON.parse(message.value?.toString() ?? 'null');
        tracker.tick();
      },
    });
    await untilConsumed(consumer, tracker, label, events);
  } finally {
    await consumer.disconnect();
  }
  return consumeRun(label, tracker);
}

async function handRolledConsumer(bench: MessagingBench, concurrency: number, name: string, events: number): Promise<ConsumeRun> {
  const label = `kafkajs + inbox/row/commit SQL by hand, ${concurrency} concurrent`;
  progress(`consume: ${label}, warm-up ${bench.config.warmupEvents} + ${events} events`);
  const groupId = bench.group(name);
  const tracker = new ConsumeProgress(bench.config.warmupEvents, events);
  // The same pool size a service gets by default (DATABASE_POOL_SIZE=10).
  const pool = new Pool({ connectionString: bench.database.url, max: 10 });
  const consumer = bench.kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [bench.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: concurrency,
      eachMessage: async ({ topic, partition, message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? 'null') as EventEnvelope<BenchData>;
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const recorded = await client.query(
            `INSERT INTO inbox_event (consumer_group, event_id, event_type, source_topic) VALUES ($1, $2, $3, $4)
             ON CONFLICT (consumer_group, event_id) DO NOTHING RETURNING event_id`,
            [groupId, envelope.id, envelope.type, topic],
          );
          if (recorded.rowCount) {
            await client.query(`INSERT INTO bench_effect (event_id, account, amount) VALUES ($1, $2, $3)`, [envelope.id, envelope.data.account, envelope.data.amount]);
          }
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
        tracker.tick();
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
    await untilConsumed(consumer, tracker, label, events);
  } finally {
    await consumer.disconnect();
    await pool.end();
  }
  return consumeRun(label, tracker);
}

async function houqinConsumer(bench: MessagingBench, concurrency: number, name: string, events: number): Promise<ConsumeRun> {
  const label = `Houqin KafkaEventServer, KAFKA_CONSUMER_CONCURRENCY=${concurrency}`;
  progress(`consume: ${label}, warm-up ${bench.config.warmupEvents} + ${events} events`);
  const tracker = new ConsumeProgress(bench.config.warmupEvents, events);
  const { definition } = benchDefinition(bench.contract, tracker);
  const service = await startService(definition, {
    env: bench.serviceEnv({
      KAFKA_CONSUMER_GROUP: bench.group(name),
      KAFKA_CONSUMER_CONCURRENCY: String(concurrency),
      OUTBOX_RELAY_ENABLED: 'false',
    }),
  });
  bench.cleanup.push(`shut down consumer ${name}`, () => service.shutdown());
  try {
    await withTimeout(tracker.finished, CONSUME_TIMEOUT_MS, `${label} to consume ${events} events`);
  } finally {
    await service.shutdown();
  }
  return consumeRun(label, tracker);
}
