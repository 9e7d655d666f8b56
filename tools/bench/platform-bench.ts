import { AssignerProtocol, Kafka, Partitioners } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { RepairRequestReported } from '@houqin/contracts';
import { TEST_ACCESS_TOKEN_SECRET, TestDatabase, accessToken, createTestDatabase, freePort, internalToken, uniqueSuffix } from '@houqin/testing';
import { BenchConfig, Cleanup, benchKafka, progress, withTimeout } from './context';
import { DispatchResults, dispatchScenario } from './dispatch';
import { LoadClient } from './load-client';
import type { LoadJob, LoadResult } from './http-load';
import { LunchRushResults, lunchRushScenario } from './lunch-rush';
import { NO_COMPRESSION, toKafkaMessage } from './messaging-bench';
import { BenchProcess, RssPeaks, spawnBuilt, waitForOutput, waitReady } from './processes';
import { LatencySummary, nowMs, perSecond, sleep, summarize } from './stats';

/**
 * The platform as deployed, measured against raw baselines in the same run: every service and the
 * gateway as its own OS process (the build's apps/<name>/src/main.js, like start-distributed.ts),
 * real Kafka and Redis, one throwaway database per service, logging at the shipped level (info)
 * into one file per process in the run's folder.
 */
export const SERVICES = ['procurement', 'maintenance', 'catering', 'transport', 'evaluation'] as const;

export const REPORT_REPAIR = {
  location: { building: 'Main Building', floor: '3', room: '301' },
  description: 'The air conditioner in room 301 leaks water onto the floor.',
  priority: 'normal',
  assetCode: 'AC-0042',
};

export interface Throughput {
  label: string;
  requestsPerSecond: number;
  latency: LatencySummary;
  windowMs: number;
  concurrency?: number;
  /** Open loop: the rate asked for. */
  scheduledPerSecond?: number;
}

export interface ClusterProcess {
  name: string;
  readyMs: number;
  idleRssMb: number;
  loadedRssMb?: number;
}

export interface PlatformResults {
  cluster?: { processes: ClusterProcess[]; logDir: string; logLevel: string };
  /** The raw insert baseline comes with any scenario compared with it (commands, lunch, dispatch); the bare HTTP server with commands. */
  baselines?: { pgInsert: Throughput; bareHttp?: Throughput; bareHttpIdleRssMb?: number };
  /**
   * `cpuMsPerCommand`: each process's CPU time (from /proc) from the first command through the gateway until every
   * consumer of maintenance's topic has caught up, ÷ the commands sent through the gateway (warm-up, closed loop, open loop).
   */
  commands?: { direct: Throughput; gateway: Throughput; gatewayPaced: Throughput; gatewayCommands?: number; cpuMsPerCommand?: Record<string, number> };
  projection?: { commitToAudit: LatencySummary; rawKafka: LatencySummary; pollRoundTripMs: LatencySummary };
  drain?: { events: number; consumers: Array<{ name: string; group: string; drainMs: number; eventsPerSecond: number }>; rawKafka: { ms: number; eventsPerSecond: number } };
  lunch?: LunchRushResults;
  dispatch?: DispatchResults;
  coldStart?: Array<{ start: string; ms: number }>;
}

export interface Cluster {
  run: string;
  agencyId: string;
  processes: BenchProcess[];
  byName: Record<string, BenchProcess>;
  databases: Record<string, TestDatabase>;
  groups: Record<string, string>;
  /** Each process's Prometheus endpoint (the gateway's on a port of its own, METRICS_PORT). */
  metricsUrls: Record<string, string>;
  kafka: Kafka;
}

function throughput(label: string, result: LoadResult, concurrency?: number): Throughput {
  if (result.failures > 0) throw new Error(`${label}: ${result.failures} failed requests; first: ${result.firstFailure}`);
  return {
    label,
    requestsPerSecond: perSecond(result.latencies.length, result.elapsedMs),
    latency: summarize(result.latencies),
    windowMs: result.elapsedMs,
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(result.scheduledPerSecond !== undefined ? { scheduledPerSecond: result.scheduledPerSecond } : {}),
  };
}

/** Starts the five services then the gateway, one after the other, timing each from spawn to /health/ready. */
export async function startCluster(config: BenchConfig, cleanup: Cleanup, outDir: string, results: PlatformResults): Promise<Cluster> {
  const run = uniqueSuffix();
  const logDir = path.join(outDir, 'logs');
  const profileArgs = (name: string) => (config.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(outDir, 'profiles')}`, `--cpu-prof-name=${name}.cpuprofile`] : []);
  const processes: BenchProcess[] = [];
  const databases: Record<string, TestDatabase> = {};
  const groups: Record<string, string> = {};
  const readyMs: Record<string, number> = {};
  const kafka = benchKafka(config, `houqin-bench-${run}`);
  // Pushed first, so it runs after the processes stopped (cleanup runs in reverse): a group with members cannot be deleted.
  cleanup.push('delete the services\' consumer groups', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      // Only those that exist: a service that committed no offset may have left none, and deleting it would fail.
      const existing = new Set((await admin.listGroups()).groups.map((group) => group.groupId));
      const mine = Object.values(groups).filter((group) => existing.has(group));
      if (mine.length > 0) await admin.deleteGroups(mine);
    } finally {
      await admin.disconnect();
    }
  });
  if (!config.keepBurst) {
    // The burst and the projection's requests land on a platform topic of the shared local broker: left there, every consumer group that
    // starts from the beginning later (the e2e suite's, a fresh start:distributed) would wade through it.
    cleanup.push(`truncate ${RepairRequestReported.topic} up to the end of the bench's events`, async () => {
      const cleaner = kafka.admin();
      await cleaner.connect();
      try {
        if (!(await cleaner.listTopics()).includes(RepairRequestReported.topic)) return;
        const ends = await cleaner.fetchTopicOffsets(RepairRequestReported.topic);
        await cleaner.deleteTopicRecords({ topic: RepairRequestReported.topic, partitions: ends.map((partition) => ({ partition: partition.partition, offset: partition.high })) });
      } finally {
        await cleaner.disconnect();
      }
    });
  }
  // Pushed before the processes' stop, so it runs after it: a database dropped under a running service makes it log errors.
  const created: TestDatabase[] = [];
  cleanup.push("drop the services' databases", async () => {
    for (const database of created.reverse()) await database.drop();
  });
  cleanup.push('stop the platform processes', async () => {
    for (const processInfo of [...processes].reverse()) await processInfo.stop();
  });
  const shared = {
    INTERNAL_TOKEN_SECRET: config.internalTokenSecret,
    LOG_LEVEL: config.logLevel,
    KAFKA_BROKERS: config.brokers.join(','),
    REDIS_URL: config.redisUrl,
  };
  const urls: Record<string, string> = {};
  const metricsUrls: Record<string, string> = {};
  const gatewayMetricsPort = await freePort();
  for (const name of [...SERVICES, 'gateway'] as const) {
    const database = await createTestDatabase(`bench_${name}`);
    databases[name] = database;
    created.push(database);
    // A group of its own per run: the bench never joins (nor disturbs) another run's consumers.
    groups[name] = `bench-${run}-${name}`;
    const extra: Record<string, string> =
      name === 'gateway'
        ? {
            ...urls,
            ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
            WEBHOOK_SECRET_KEY: 'bench-webhook-secret-key-0123456789abcdef',
            // One bench client is one user: the per-user limit (default 600/min) would refuse the run.
            // The limiter still runs, in Redis as deployed; it just never refuses.
            RATE_LIMIT_PER_MINUTE: '1000000',
            RATE_LIMIT_BURST: '1000000',
            METRICS_PORT: String(gatewayMetricsPort),
          }
        : name === 'procurement'
          ? { BID_SEALING_KEY: 'bench-bid-sealing-key-0123456789abcdef' }
          : {};
    const port = await freePort();
    progress(`platform: starting ${name}`);
    const spawnedAt = nowMs();
    const processInfo = spawnBuilt({
      name,
      script: `apps/${name}/src/main.js`,
      port,
      logDir,
      nodeArgs: profileArgs(name),
      env: { ...shared, ...extra, DATABASE_URL: database.url, KAFKA_CONSUMER_GROUP: groups[name] },
    });
    processes.push(processInfo);
    readyMs[name] = await waitReady(processInfo, spawnedAt);
    urls[`${name.toUpperCase()}_URL`] = processInfo.url;
    metricsUrls[name] = name === 'gateway' ? `http://127.0.0.1:${gatewayMetricsPort}/metrics` : `${processInfo.url}/metrics`;
  }
  progress(`platform: all ready; letting it settle ${config.idleSettleMs} ms before the idle RSS`);
  await sleep(config.idleSettleMs);
  results.cluster = {
    logDir,
    logLevel: config.logLevel,
    processes: processes.map((processInfo) => ({ name: processInfo.name, readyMs: readyMs[processInfo.name]!, idleRssMb: processInfo.rssMb() })),
  };
  const byName = Object.fromEntries(processes.map((processInfo) => [processInfo.name, processInfo]));
  return { run, agencyId: `agency-bench-${run}`, processes, byName, databases, groups, metricsUrls, kafka };
}

/** BEGIN; one-row INSERT; COMMIT — from `clients` connections at once, for `windowMs`. */
async function pgInsertBaseline(config: BenchConfig, cleanup: Cleanup): Promise<Throughput> {
  const database = await createTestDatabase('bench_pg');
  cleanup.push(`drop database ${database.url}`, () => database.drop());
  const pool = new Pool({ connectionString: database.url, max: config.httpConcurrency });
  try {
    // Shaped like a repair request row: uuid key, a few text columns, a jsonb document, a timestamp.
    await pool.query(`CREATE TABLE bench_insert (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), agency_id text NOT NULL, reported_by text NOT NULL, location jsonb NOT NULL, description text NOT NULL, reported_at timestamptz NOT NULL DEFAULT now())`);
    const insertOne = async (latencies: number[] | undefined) => {
      const client = await pool.connect();
      const started = nowMs();
      try {
        await client.query('BEGIN');
        await client.query(`INSERT INTO bench_insert (agency_id, reported_by, location, description) VALUES ($1, $2, $3, $4)`, ['agency-bench', 'staff-1', JSON.stringify(REPORT_REPAIR.location), REPORT_REPAIR.description]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      latencies?.push(nowMs() - started);
    };
    const runFor = async (ms: number, latencies?: number[]) => {
      const deadline = nowMs() + ms;
      await Promise.all(
        Array.from({ length: config.httpConcurrency }, async () => {
          while (nowMs() < deadline) await insertOne(latencies);
        }),
      );
    };
    progress(`baselines: raw pg single-row insert transactions, ${config.httpConcurrency} clients, ${config.windowMs} ms`);
    await runFor(1000);
    const latencies: number[] = [];
    const started = nowMs();
    await runFor(config.windowMs, latencies);
    const elapsed = nowMs() - started;
    return { label: 'raw pg insert transaction', requestsPerSecond: perSecond(latencies.length, elapsed), latency: summarize(latencies), windowMs: elapsed, concurrency: config.httpConcurrency };
  } finally {
    await pool.end();
  }
}

/** The commands and the bare HTTP baseline (the raw insert baseline is measured before); the RSS peaks of every process are sampled meanwhile. */
async function commandScenario(config: BenchConfig, cleanup: Cleanup, cluster: Cluster, outDir: string, results: PlatformResults, peaks: RssPeaks, pgInsert: Throughput): Promise<void> {
  const caller = { agencyId: cluster.agencyId, userId: `bench-${cluster.run}`, roles: ['staff'] };
  const body = JSON.stringify(REPORT_REPAIR);
  const maintenance = cluster.byName['maintenance']!;
  const gateway = cluster.byName['gateway']!;
  const serviceHeaders = { 'content-type': 'application/json', authorization: `Bearer ${internalToken(caller, config.internalTokenSecret)}` };
  const gatewayHeaders = { 'content-type': 'application/json', authorization: `Bearer ${accessToken(caller)}` };

  const sample = await fetch(`${maintenance.url}/repair-requests`, { method: 'POST', headers: serviceHeaders, body });
  const sampleBody = await sample.text();
  if (sample.status !== 201) throw new Error(`maintenance refused the benchmark request: ${sample.status} ${sampleBody.slice(0, 500)}`);

  const barePort = await freePort();
  const bareSpawned = nowMs();
  const bare = spawnBuilt({ name: 'bare-http', script: 'tools/bench/bare-server.js', port: barePort, logDir: path.join(outDir, 'logs'), env: { BENCH_BODY: sampleBody } });
  cleanup.push('stop the bare HTTP server', () => bare.stop());
  await waitReady(bare, bareSpawned);
  const bareIdleRssMb = bare.rssMb();

  const client = new LoadClient();
  cleanup.push('stop the load worker', () => client.close());
  const job = (url: string, headers: Record<string, string>, extra: Partial<LoadJob> = {}): LoadJob => ({
    url,
    method: 'POST',
    headers,
    body,
    expectStatus: 201,
    concurrency: config.httpConcurrency,
    warmup: config.warmupRequests,
    durationMs: config.windowMs,
    ...extra,
  });
  const closed = async (label: string, url: string, headers: Record<string, string>) => {
    progress(`commands: ${label}, ${config.httpConcurrency} clients, warm-up ${config.warmupRequests} requests + ${config.windowMs} ms`);
    return throughput(label, await client.run(job(url, headers)), config.httpConcurrency);
  };
  const bareHttp = await closed('bare node:http', `${bare.url}/repair-requests`, serviceHeaders);
  await bare.stop();
  results.baselines = { pgInsert, bareHttp, bareHttpIdleRssMb: bareIdleRssMb };

  peaks.start();
  const direct = await closed('maintenance direct', `${maintenance.url}/repair-requests`, serviceHeaders);
  // CPU per command through the gateway: counted from here, after the direct commands' events are consumed.
  await caughtUp(cluster, RepairRequestReported.topic, config.drainTimeoutMs);
  const cpuBefore = cpuTimes(cluster);
  const viaGateway = await closed('gateway → maintenance', `${gateway.url}/api/v1/maintenance/repair-requests`, gatewayHeaders);
  const half = Math.max(1, viaGateway.requestsPerSecond / 2);
  progress(`commands: gateway → maintenance, open loop at ${half.toFixed(1)} requests/s (half the saturating rate) for ${config.windowMs} ms`);
  const paced = throughput('gateway → maintenance, half the saturating rate', await client.run(job(`${gateway.url}/api/v1/maintenance/repair-requests`, gatewayHeaders, { warmup: 0, ratePerSecond: half })));
  await caughtUp(cluster, RepairRequestReported.topic, config.drainTimeoutMs);
  const cpuAfter = cpuTimes(cluster);
  const gatewayCommands = config.warmupRequests + viaGateway.latency.count + paced.latency.count;
  const cpuMsPerCommand = Object.fromEntries(Object.entries(cpuAfter).map(([name, ms]) => [name, (ms - (cpuBefore[name] ?? NaN)) / gatewayCommands]));
  results.commands = { direct, gateway: viaGateway, gatewayPaced: paced, gatewayCommands, cpuMsPerCommand };
  await client.close();
}

function cpuTimes(cluster: Cluster): Record<string, number> {
  return Object.fromEntries(cluster.processes.map((processInfo) => [processInfo.name, processInfo.cpuMs()]));
}

/** The run's consumer groups with a member assigned a partition of `topic` (renamed `gateway (webhooks)` for the gateway). */
export async function groupsReading(admin: ReturnType<Kafka['admin']>, cluster: Cluster, topic: string): Promise<GroupWatch[]> {
  const described = await admin.describeGroups(Object.values(cluster.groups));
  const watches: GroupWatch[] = [];
  for (const group of described.groups) {
    const reads = group.members.some((member) => {
      const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      return Boolean(assignment && topic in assignment.assignment);
    });
    const name = Object.entries(cluster.groups).find(([, id]) => id === group.groupId)?.[0] ?? group.groupId;
    if (reads) watches.push({ name: name === 'gateway' ? 'gateway (webhooks)' : name, group: group.groupId });
  }
  return watches;
}

/** Waits until every group reading `topic` has committed past its current end. */
export async function caughtUp(cluster: Cluster, topic: string, timeoutMs: number): Promise<void> {
  const admin = cluster.kafka.admin();
  await admin.connect();
  try {
    const watches = await groupsReading(admin, cluster, topic);
    const end = new Map((await admin.fetchTopicOffsets(topic)).map((partition) => [partition.partition, BigInt(partition.high)]));
    const deadline = nowMs() + timeoutMs;
    for (const watch of watches) {
      for (;;) {
        const offsets = await committed(admin, watch.group, topic);
        // An empty partition has nothing to catch up with (and no commit to wait for).
        if ([...end].every(([partition, high]) => high === 0n || (offsets.get(partition) ?? -1n) >= high)) break;
        if (nowMs() > deadline) throw new Error(`${watch.name} had not caught up with ${topic} after ${timeoutMs} ms`);
        await sleep(50);
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/** kafkajs alone: one message at a time, producer.send → eachMessage, on a topic of the run. */
async function rawKafkaRoundTrip(config: BenchConfig, cleanup: Cleanup, cluster: Cluster): Promise<LatencySummary> {
  const topic = `houqin.bench.rtt.${cluster.run}`;
  const admin = cluster.kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
  const groupId = `houqin-bench-rtt-${cluster.run}`;
  cleanup.push(`delete ${topic}`, async () => {
    const cleaner = cluster.kafka.admin();
    await cleaner.connect();
    await cleaner.deleteGroups([groupId]).catch(() => undefined);
    await cleaner.deleteTopics({ topics: [topic], timeout: 10_000 }).catch(() => undefined);
    await cleaner.disconnect();
  });
  await admin.disconnect();
  // The producer settings of Houqin's transport: idempotent, acks -1, one request in flight.
  const producer = cluster.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = cluster.kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const waiting = new Map<string, () => void>();
  await producer.connect();
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = message.headers?.['ce_id']?.toString() ?? '';
        waiting.get(id)?.();
      },
    });
    await withTimeout(joined, 30_000, 'the round-trip consumer to join');
    const latencies: number[] = [];
    const total = config.latencyWarmup + config.latencyEvents;
    for (let index = 0; index < total; index += 1) {
      const envelope = RepairRequestReported.create({ subject: `rtt-${index}`, origin: { agencyId: cluster.agencyId, correlationId: `rtt-${index}` }, data: reportedData(index) });
      const received = new Promise<void>((resolve) => waiting.set(envelope.id, resolve));
      const started = nowMs();
      await producer.send({ topic, acks: -1, compression: NO_COMPRESSION, messages: [toKafkaMessage(envelope)] });
      await withTimeout(received, 10_000, 'a round-trip message');
      if (index >= config.latencyWarmup) latencies.push(nowMs() - started);
      waiting.delete(envelope.id);
      await sleep(config.latencyGapMs);
    }
    return summarize(latencies);
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
}

function reportedData(index: number) {
  return {
    repairRequestId: randomUUID(),
    reportedBy: 'staff-1',
    location: { building: 'Main Building', floor: '3', room: `3${(index % 40).toString().padStart(2, '0')}` },
    description: 'The air conditioner in the meeting room leaks water onto the floor; please send someone before the afternoon session.',
    priority: 'normal' as const,
    reportedAt: new Date().toISOString(),
  };
}

/**
 * Commit → projection: one repair request at a time reported to maintenance (direct, internal token);
 * the clock starts when the 201 arrives (the transaction has committed) and stops when evaluation's
 * audit trail holds the entry for its RepairRequestReported, found by polling evaluation's database
 * back to back (one indexed SELECT per round trip, no sleep between polls).
 */
async function projectionScenario(config: BenchConfig, cleanup: Cleanup, cluster: Cluster, results: PlatformResults): Promise<void> {
  const maintenance = cluster.byName['maintenance']!;
  const caller = { agencyId: cluster.agencyId, userId: `bench-${cluster.run}`, roles: ['staff'] };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${internalToken(caller, config.internalTokenSecret)}` };
  const poller = new Client({ connectionString: cluster.databases['evaluation']!.url });
  await poller.connect();
  const latencies: number[] = [];
  const polls: number[] = [];
  try {
    progress(`projection: ${config.latencyWarmup} + ${config.latencyEvents} repair requests, one at a time, 201 → evaluation audit_entry`);
    const total = config.latencyWarmup + config.latencyEvents;
    for (let index = 0; index < total; index += 1) {
      const response = await fetch(`${maintenance.url}/repair-requests`, { method: 'POST', headers, body: JSON.stringify(REPORT_REPAIR) });
      const committed = nowMs();
      const created = (await response.json()) as { id?: string };
      if (response.status !== 201 || !created.id) throw new Error(`maintenance answered ${response.status}`);
      const deadline = committed + 30_000;
      for (;;) {
        const pollStarted = nowMs();
        const found = await poller.query(`SELECT 1 FROM audit_entry WHERE agency_id = $1 AND subject = $2 AND event_type = $3 LIMIT 1`, [cluster.agencyId, created.id, RepairRequestReported.type]);
        polls.push(nowMs() - pollStarted);
        if (found.rowCount) break;
        if (nowMs() > deadline) throw new Error(`evaluation did not record repair request ${created.id} within 30 s`);
      }
      if (index >= config.latencyWarmup) latencies.push(nowMs() - committed);
      await sleep(config.latencyGapMs);
    }
  } finally {
    await poller.end();
  }
  progress(`projection: raw kafkajs produce → consume, ${config.latencyWarmup} + ${config.latencyEvents} messages one at a time`);
  const rawKafka = await rawKafkaRoundTrip(config, cleanup, cluster);
  results.projection = { commitToAudit: summarize(latencies), rawKafka, pollRoundTripMs: summarize(polls) };
}

export interface GroupWatch {
  name: string;
  group: string;
  drainMs?: number;
}

export async function committed(admin: ReturnType<Kafka['admin']>, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map((offsets[0]?.partitions ?? []).map((partition) => [partition.partition, BigInt(partition.offset)]));
}

/**
 * A burst of `burstEvents` RepairRequestReported events put on maintenance's topic with kafkajs
 * (as the relay would), and the time until each consumer group reading that topic has committed
 * past the last of them. Then the raw baseline: a kafkajs eachMessage consumer reading the same
 * burst (from its first offsets) with JSON.parse only.
 */
async function drainScenario(config: BenchConfig, cleanup: Cleanup, cluster: Cluster, results: PlatformResults): Promise<void> {
  const topic = RepairRequestReported.topic;
  const admin = cluster.kafka.admin();
  await admin.connect();
  try {
    const watches = await groupsReading(admin, cluster, topic);
    const start = new Map((await admin.fetchTopicOffsets(topic)).map((partition) => [partition.partition, BigInt(partition.high)]));
    progress(`drain: ${config.burstEvents} events onto ${topic}; consumers reading it: ${watches.map((watch) => watch.name).join(', ')}`);

    const producer = cluster.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const burstStarted = nowMs();
    try {
      const batch = 500;
      for (let first = 0; first < config.burstEvents; first += batch) {
        const messages = Array.from({ length: Math.min(batch, config.burstEvents - first) }, (_, offset) => {
          const index = first + offset;
          const data = reportedData(index);
          return toKafkaMessage(RepairRequestReported.create({ subject: data.repairRequestId, origin: { agencyId: cluster.agencyId, correlationId: `burst-${index}` }, data }));
        });
        await producer.sendBatch({ acks: -1, compression: NO_COMPRESSION, topicMessages: [{ topic, messages }] });
      }
    } finally {
      await producer.disconnect();
    }
    const producedMs = nowMs() - burstStarted;
    const end = new Map((await admin.fetchTopicOffsets(topic)).map((partition) => [partition.partition, BigInt(partition.high)]));
    const deadline = nowMs() + config.drainTimeoutMs;
    while (watches.some((watch) => watch.drainMs === undefined) && nowMs() < deadline) {
      for (const watch of watches.filter((candidate) => candidate.drainMs === undefined)) {
        const offsets = await committed(admin, watch.group, topic);
        if ([...end].every(([partition, high]) => (offsets.get(partition) ?? -1n) >= high)) watch.drainMs = nowMs() - burstStarted;
      }
      await sleep(50);
    }
    const consumers = watches.map((watch) => ({
      name: watch.name,
      group: watch.group,
      drainMs: watch.drainMs ?? NaN,
      eventsPerSecond: watch.drainMs === undefined ? NaN : perSecond(config.burstEvents, watch.drainMs),
    }));
    for (const consumer of consumers) if (!Number.isFinite(consumer.drainMs)) progress(`drain: ${consumer.name} had not drained after ${config.drainTimeoutMs} ms`);

    progress(`drain: raw kafkajs eachMessage over the same burst (produced in ${producedMs.toFixed(0)} ms)`);
    const rawMs = await rawDrain(cluster, cleanup, topic, start, config.burstEvents);
    results.drain = { events: config.burstEvents, consumers, rawKafka: { ms: rawMs, eventsPerSecond: perSecond(config.burstEvents, rawMs) } };
  } finally {
    await admin.disconnect();
  }
}

/** A fresh kafkajs consumer group seeking to the burst's first offsets; first message → last of the burst, in ms. */
async function rawDrain(cluster: Cluster, cleanup: Cleanup, topic: string, start: Map<number, bigint>, events: number): Promise<number> {
  const groupId = `houqin-bench-raw-drain-${cluster.run}`;
  cleanup.push(`delete consumer group ${groupId}`, async () => {
    const cleaner = cluster.kafka.admin();
    await cleaner.connect();
    await cleaner.deleteGroups([groupId]).catch(() => undefined);
    await cleaner.disconnect();
  });
  const consumer = cluster.kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  let seen = 0;
  let first: number | undefined;
  let done: (ms: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (done = resolve));
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    const seekOnJoin = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachMessage: async ({ partition, message }) => {
        if (BigInt(message.offset) < (start.get(partition) ?? 0n)) return;
        JSON.parse(message.value?.toString() ?? 'null');
        first ??= nowMs();
        seen += 1;
        if (seen === events) done(nowMs() - first);
      },
    });
    for (const [partition, offset] of start) consumer.seek({ topic, partition, offset: offset.toString() });
    await withTimeout(seekOnJoin, 30_000, 'the raw drain consumer to join');
    return await withTimeout(finished, 120_000, `kafkajs to read the ${events}-event burst`);
  } finally {
    await consumer.disconnect();
  }
}

/**
 * `npm start` after the build: node apps/platform/src/main.js (embedded PostgreSQL, in-process
 * messaging, demo data — the defaults), timed from spawn to its banner; once on a fresh data folder
 * (the first start: the database cluster is created and the demo data seeded), once again on it.
 */
async function coldStartScenario(config: BenchConfig, outDir: string, results: PlatformResults): Promise<void> {
  const dataDir = path.join(outDir, 'platform-data');
  const starts: Array<{ start: string; ms: number }> = [];
  try {
    for (const start of ['first start (fresh data folder)', 'restart (same data folder)']) {
      const { KAFKA_BROKERS: _kafka, REDIS_URL: _redis, HOUQIN_POSTGRES_URL: _postgres, PORT: _port, LOG_LEVEL: _level, ...inherited } = process.env;
      const env = Object.fromEntries(Object.entries(inherited).filter((entry): entry is [string, string] => entry[1] !== undefined));
      const port = await freePort();
      progress(`start: npm start's process, ${start}`);
      const spawnedAt = nowMs();
      const platform = spawnBuilt({
        name: `platform-${starts.length + 1}`,
        script: 'apps/platform/src/main.js',
        port,
        logDir: path.join(outDir, 'logs'),
        nodeArgs: config.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(outDir, 'profiles')}`, `--cpu-prof-name=platform-start-${starts.length + 1}.cpuprofile`] : [],
        env: { ...env, HOUQIN_DATA_DIR: dataDir },
      });
      try {
        starts.push({ start, ms: await waitForOutput(platform, 'Houqin is running', spawnedAt) });
      } finally {
        await platform.stop();
      }
    }
  } finally {
    results.coldStart = starts;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export type PlatformScenario = 'commands' | 'projection' | 'drain' | 'lunch' | 'dispatch' | 'start';

/** The scenarios that need the running cluster, and those compared with the raw insert baseline (measured once, in the same run, when any of them runs). */
const CLUSTER_SCENARIOS: readonly PlatformScenario[] = ['commands', 'projection', 'drain', 'lunch', 'dispatch'];
const AGAINST_RAW_INSERT: readonly PlatformScenario[] = ['commands', 'lunch', 'dispatch'];

/** A scenario whose figures were kept but do not add up (wrong counts, unexpected answers) fails with what is wrong. */
function failOn(name: string, problems: string[]): void {
  if (problems.length > 0) throw new Error(`${name}: ${problems.join('; ')}`);
}

/** Runs the selected platform scenarios; each failure is recorded and the next scenario still runs. */
export async function platformBench(config: BenchConfig, cleanup: Cleanup, outDir: string, selected: Set<string>, errors: string[]): Promise<PlatformResults> {
  const results: PlatformResults = {};
  const attempt = async (name: string, step: () => Promise<void>) => {
    const started = nowMs();
    try {
      await step();
      progress(`${name}: done in ${((nowMs() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      errors.push(`${name}: ${(error as Error).stack ?? String(error)}`);
      progress(`${name}: FAILED: ${(error as Error).message}`);
    }
  };
  if (CLUSTER_SCENARIOS.some((name) => selected.has(name))) {
    let cluster: Cluster | undefined;
    await attempt('platform start', async () => {
      cluster = await startCluster(config, cleanup, outDir, results);
    });
    if (cluster) {
      const running = cluster;
      const peaks = new RssPeaks(running.processes);
      let pgInsert: Throughput | undefined;
      if (AGAINST_RAW_INSERT.some((name) => selected.has(name))) {
        await attempt('raw insert baseline', async () => {
          pgInsert = await pgInsertBaseline(config, cleanup);
          results.baselines = { pgInsert };
        });
      }
      if (selected.has('commands')) {
        await attempt('commands', async () => {
          if (!pgInsert) throw new Error('the raw insert baseline failed');
          await commandScenario(config, cleanup, running, outDir, results, peaks, pgInsert);
        });
      }
      if (selected.has('projection')) await attempt('projection', () => projectionScenario(config, cleanup, running, results));
      if (selected.has('drain')) {
        peaks.start();
        await attempt('drain', () => drainScenario(config, cleanup, running, results));
      }
      const loaded = peaks.stop();
      // Sampled during the commands and the burst only: without them there is no loaded RSS to report.
      const sampled = selected.has('commands') || selected.has('drain');
      for (const entry of results.cluster?.processes ?? []) if (sampled && loaded[entry.name] !== undefined) entry.loadedRssMb = loaded[entry.name];
      // After the loaded RSS is taken: the peaks stay those of the commands, the projection and the burst.
      if (selected.has('lunch')) {
        await attempt('lunch', async () => {
          results.lunch = await lunchRushScenario(config, cleanup, running);
          failOn('lunch', results.lunch.problems);
        });
      }
      if (selected.has('dispatch')) {
        await attempt('dispatch', async () => {
          results.dispatch = await dispatchScenario(config, cleanup, running);
          failOn('dispatch', results.dispatch.problems);
        });
      }
      progress('platform: stopping the processes');
      for (const processInfo of [...running.processes].reverse()) await processInfo.stop();
    }
  }
  if (selected.has('start')) await attempt('start', () => coldStartScenario(config, outDir, results));
  return results;
}
