import { getDataSourceToken } from '@nestjs/typeorm';
import { Partitioners, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import { KafkaEventTransport, Outbox, OutboxRelay, OutgoingEvent } from '@houqin/messaging';
import { startService } from '@houqin/service-kit';
import { benchDefinition, benchEvent } from './bench-fixture';
import { progress, withTimeout } from './context';
import { MessagingBench, NO_COMPRESSION, toKafkaMessage } from './messaging-bench';
import { BASELINE_ROUNDS, Comparison, compare, medianBy, nowMs, perSecond, sleep, summarize } from './stats';

/**
 * Scenario 1, publishing.
 *
 * Throughput: the baseline is kafkajs with the producer settings Houqin's transport uses
 * (idempotent, acks -1, one request in flight) sending the same CloudEvents in batches of the
 * relay's batch size; Houqin is the outbox relay draining a backlog of committed outbox rows
 * (timed from `relay.start()` until the backlog is 0). Rows are inserted with the relay stopped
 * (OUTBOX_RELAY_ENABLED=false; `start()` works regardless), so only the relay is measured.
 *
 * Latency: single events, one at a time at a low rate: raw `producer.send` of one message versus
 * "transaction committed → Kafka acknowledged the relay's batch" with the relay running and woken by
 * LISTEN/NOTIFY.
 */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export async function publishScenario(bench: MessagingBench): Promise<Comparison[]> {
  const { config, contract } = bench;
  const scenario = 'publish';
  const rawTopic = `houqin.bench.raw.${bench.run}`;
  await bench.createTopic(rawTopic);

  const producer: Producer = bench.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  bench.cleanup.push('disconnect the raw producer', () => producer.disconnect());

  const makeEvents = (count: number, offset: number) => Array.from({ length: count }, (_, index) => benchEvent(contract, offset + index));
  const rawSendAll = async (events: EventEnvelope[]) => {
    for (let start = 0; start < events.length; start += config.batchSize) {
      const batch = events.slice(start, start + config.batchSize);
      await producer.sendBatch({ acks: -1, compression: NO_COMPRESSION, topicMessages: [{ topic: rawTopic, messages: batch.map(toKafkaMessage) }] });
    }
  };

  // --- throughput: raw producer ---
  progress(`publish: raw kafkajs producer, warm-up ${config.warmupEvents} + ${BASELINE_ROUNDS} × ${config.events} events in batches of ${config.batchSize}`);
  await rawSendAll(makeEvents(config.warmupEvents, 0));
  const rawRounds: Array<{ elapsedMs: number; cpuMs: number }> = [];
  for (let round = 0; round < BASELINE_ROUNDS; round += 1) {
    const rawEvents = makeEvents(config.events, config.warmupEvents + round * config.events);
    const rawStart = nowMs();
    const rawCpu = process.cpuUsage();
    await rawSendAll(rawEvents);
    rawRounds.push({ elapsedMs: nowMs() - rawStart, cpuMs: cpuMsSince(rawCpu) });
  }
  const { elapsedMs: rawElapsed, cpuMs: rawCpuMs } = medianBy(rawRounds, (round) => round.elapsedMs);

  // --- throughput: the outbox relay ---
  const { definition } = benchDefinition(contract);
  const service = await startService(definition, { env: bench.serviceEnv({ OUTBOX_RELAY_ENABLED: 'false' }) });
  bench.cleanup.push('shut down the publishing service', () => service.shutdown());
  const dataSource = service.app.get<DataSource>(getDataSourceToken());
  const outbox = service.app.get(Outbox);
  const relay = service.runtime.relay as OutboxRelay;
  if (!relay || relay.isRunning) throw new Error('expected a stopped outbox relay (OUTBOX_RELAY_ENABLED=false)');

  const appendAll = async (events: EventEnvelope[]) => {
    for (let start = 0; start < events.length; start += config.batchSize) {
      const chunk = events.slice(start, start + config.batchSize);
      await dataSource.transaction((manager) => outbox.append(manager, chunk));
    }
  };
  /** Starts the relay, waits until nothing is pending, stops it; returns the time from start until backlog 0. */
  const drain = async (expected: number) => {
    const started = nowMs();
    await relay.start();
    await withTimeout(
      (async () => {
        while ((await relay.backlog()) > 0) await sleep(5);
      })(),
      120_000,
      `the relay to publish ${expected} events`,
    );
    const elapsed = nowMs() - started;
    await relay.stop();
    return elapsed;
  };

  progress(`publish: outbox relay, warm-up ${config.warmupEvents} + ${config.events} pre-committed outbox rows`);
  await appendAll(makeEvents(config.warmupEvents, 0));
  await drain(config.warmupEvents);
  await appendAll(makeEvents(config.events, config.warmupEvents));
  const backlogBefore = await relay.backlog();
  if (backlogBefore !== config.events) throw new Error(`expected ${config.events} pending outbox rows, found ${backlogBefore}`);
  const relayCpu = process.cpuUsage();
  const relayElapsed = await drain(config.events);
  const relayCpuMs = cpuMsSince(relayCpu);
  bench.eventsOnTopic += config.warmupEvents + config.events;

  const results: Comparison[] = [
    compare({
      scenario,
      measure: `throughput, ${config.events} events`,
      unit: 'events/s',
      higherIsBetter: true,
      baselineLabel: `kafkajs sendBatch(${config.batchSize})*`,
      baseline: perSecond(config.events, rawElapsed),
      houqinLabel: 'outbox relay drain',
      houqin: perSecond(config.events, relayElapsed),
      detail: {
        rawElapsedMs: rawElapsed,
        rawRoundsElapsedMs: rawRounds.map((round) => round.elapsedMs),
        relayElapsedMs: relayElapsed,
        rawCpuMsPerEvent: rawCpuMs / config.events,
        relayCpuMsPerEvent: relayCpuMs / config.events,
        batchSize: config.batchSize,
        partitions: config.topicPartitions,
      },
    }),
  ];

  // --- latency of single events: raw send ---
  const total = config.latencyWarmup + config.latencyEvents;
  progress(`publish: single-event latency, ${config.latencyWarmup} + ${config.latencyEvents} events one at a time, ${config.latencyGapMs} ms apart`);
  const rawLatencies: number[] = [];
  for (let index = 0; index < total; index += 1) {
    const message = toKafkaMessage(benchEvent(contract, index));
    const started = nowMs();
    await producer.send({ topic: rawTopic, acks: -1, compression: NO_COMPRESSION, messages: [message] });
    if (index >= config.latencyWarmup) rawLatencies.push(nowMs() - started);
    await sleep(config.latencyGapMs);
  }

  // --- latency of single events: commit → published by the relay ---
  // The relay publishes through the service's transport object; wrapping its publish() tells us
  // when Kafka acknowledged the batch that carried each event.
  const transport = service.runtime.transport as KafkaEventTransport;
  const acknowledged = new Map<string, (at: number) => void>();
  const publish = transport.publish.bind(transport);
  transport.publish = async (events: OutgoingEvent[]) => {
    await publish(events);
    const at = nowMs();
    for (const event of events) acknowledged.get(event.envelope.id)?.(at);
  };
  const commitToAck: number[] = [];
  const beginToAck: number[] = [];
  const transaction: number[] = [];
  await relay.start();
  try {
    for (let index = 0; index < total; index += 1) {
      const event = benchEvent(contract, index);
      const acked = new Promise<number>((resolve) => acknowledged.set(event.id, resolve));
      const begun = nowMs();
      await dataSource.transaction((manager) => outbox.append(manager, event));
      const committed = nowMs();
      const ackedAt = await withTimeout(acked, 30_000, `event ${event.id} to be published`);
      acknowledged.delete(event.id);
      if (index >= config.latencyWarmup) {
        commitToAck.push(ackedAt - committed);
        beginToAck.push(ackedAt - begun);
        transaction.push(committed - begun);
      }
      await sleep(config.latencyGapMs);
    }
  } finally {
    await relay.stop();
    transport.publish = publish;
  }
  bench.eventsOnTopic += total;

  const raw = summarize(rawLatencies);
  const houqin = summarize(commitToAck);
  const detail = {
    events: config.latencyEvents,
    gapMs: config.latencyGapMs,
    rawSend: raw,
    commitToPublished: houqin,
    beginToPublished: summarize(beginToAck),
    outboxTransaction: summarize(transaction),
  };
  for (const [measure, pick] of [
    ['single-event latency p50', (s: typeof raw) => s.p50],
    ['single-event latency p95', (s: typeof raw) => s.p95],
  ] as const) {
    results.push(
      compare({
        scenario,
        measure,
        unit: 'ms',
        higherIsBetter: false,
        baselineLabel: 'kafkajs send(1 message)',
        baseline: pick(raw),
        houqinLabel: 'commit → relay published',
        houqin: pick(houqin),
        detail,
      }),
    );
  }

  await service.shutdown();
  return results;
}
