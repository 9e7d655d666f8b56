import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { fixKafkajsRequestQueueTimer } from '@houqin/messaging';
import { TEST_INTERNAL_TOKEN_SECRET, TEST_KAFKA_BROKERS, TEST_POSTGRES_URL, TEST_REDIS_URL } from '@houqin/testing';

/**
 * The platform scenarios (separate processes, Kafka, Redis) run by default — among them the lunch
 * rush (issue 17) and dispatch (issue 18); the messaging library's own scenarios (publish, consume:
 * the relay and the consumer in the bench's process on a topic of their own) and the KPI replay run
 * when named in BENCH_SCENARIOS.
 */
export const SCENARIOS = ['commands', 'projection', 'drain', 'lunch', 'dispatch', 'start', 'publish', 'consume', 'kpis'] as const;
export const DEFAULT_SCENARIOS: readonly ScenarioName[] = ['commands', 'projection', 'drain', 'lunch', 'dispatch', 'start'];
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchConfig {
  /** Events per throughput measurement (BENCH_EVENTS). */
  events: number;
  /** Events of every warm-up before a throughput measurement. */
  warmupEvents: number;
  /** Requests of the closed-loop warm-up before each HTTP window (BENCH_WARMUP_REQUESTS). */
  warmupRequests: number;
  /** Clients of the closed-loop HTTP load and of the raw insert baseline (BENCH_CLIENTS). */
  httpConcurrency: number;
  /** Length of each measured HTTP window, by time (BENCH_WINDOW_MS). */
  windowMs: number;
  /** Events of the burst each consumer drains (BENCH_BURST_EVENTS). */
  burstEvents: number;
  drainTimeoutMs: number;
  /** Leave the burst on maintenance's topic (BENCH_KEEP_BURST=1); by default the topic is truncated after the run. */
  keepBurst: boolean;
  /** Pause after every process is ready before the idle RSS is read. */
  idleSettleMs: number;
  /** Write node --cpu-prof profiles of each process (npm run bench -- --profile). */
  profile: boolean;
  redisUrl: string;
  /** Log level of the service processes (BENCH_LOG_LEVEL, default info: the shipped level); they log to files. */
  /** Single events of the commit → published latency measurement, one at a time. */
  latencyEvents: number;
  latencyWarmup: number;
  /** Pause after each single event, so the relay is idle when the next one commits ("low rate"). */
  latencyGapMs: number;
  /** The relay's batch size (OUTBOX_BATCH_SIZE default), also the raw producer's batch size. */
  batchSize: number;
  topicPartitions: number;
  brokers: string[];
  postgresUrl: string;
  logLevel: string;
  /** Log level of the services the messaging scenarios start inside the bench's process (their logs go to its stdout). */
  inProcessLogLevel: string;
  scenarios: Set<ScenarioName>;
  /** Lunch rush: staff members booking (BENCH_LUNCH_STAFF), the lunch's capacity (BENCH_LUNCH_CAPACITY, default as many), concurrent clients (BENCH_LUNCH_CLIENTS). */
  lunchStaff: number;
  lunchCapacity: number;
  lunchClients: number;
  /** Dispatch: vehicles (each with its driver) and the bookings they already hold (BENCH_DISPATCH_VEHICLES, BENCH_DISPATCH_BOOKINGS). */
  dispatchVehicles: number;
  dispatchBookings: number;
  /** The whole run is aborted (non-zero exit, cleanup attempted) after this long. */
  timeoutMs: number;
  internalTokenSecret: string;
}

function positiveInt(env: Record<string, string | undefined>, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${raw})`);
  return value;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function assertLoopback(what: string, host: string): void {
  if (!LOOPBACK.has(host)) throw new Error(`the benchmark only talks to 127.0.0.1; ${what} points at ${host}`);
}

export function loadBenchConfig(env: Record<string, string | undefined>, argv: string[] = []): BenchConfig {
  const events = positiveInt(env, 'BENCH_EVENTS', 5000);
  const lunchStaff = positiveInt(env, 'BENCH_LUNCH_STAFF', 2000);
  const brokers = (env['KAFKA_BROKERS'] ?? TEST_KAFKA_BROKERS).split(',').map((broker) => broker.trim()).filter(Boolean);
  for (const broker of brokers) assertLoopback('KAFKA_BROKERS', broker.replace(/:\d+$/, ''));
  const postgresUrl = TEST_POSTGRES_URL;
  assertLoopback('TEST_POSTGRES_URL', new URL(postgresUrl).hostname);
  const redisUrl = env['REDIS_URL'] ?? TEST_REDIS_URL;
  assertLoopback('REDIS_URL', new URL(redisUrl).hostname);
  const selected = (env['BENCH_SCENARIOS'] ?? DEFAULT_SCENARIOS.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of selected) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`BENCH_SCENARIOS: unknown scenario ${name} (known: ${SCENARIOS.join(', ')})`);
  }
  return {
    events,
    warmupEvents: positiveInt(env, 'BENCH_WARMUP_EVENTS', Math.min(1000, Math.max(100, Math.round(events / 10))), 0),
    warmupRequests: positiveInt(env, 'BENCH_WARMUP_REQUESTS', 300, 0),
    httpConcurrency: positiveInt(env, 'BENCH_CLIENTS', 16),
    windowMs: positiveInt(env, 'BENCH_WINDOW_MS', 10_000, 1000),
    burstEvents: positiveInt(env, 'BENCH_BURST_EVENTS', 10_000),
    drainTimeoutMs: positiveInt(env, 'BENCH_DRAIN_TIMEOUT_MS', 120_000),
    keepBurst: env['BENCH_KEEP_BURST'] === '1',
    idleSettleMs: positiveInt(env, 'BENCH_IDLE_SETTLE_MS', 5000, 0),
    profile: argv.includes('--profile') || env['BENCH_PROFILE'] === '1',
    redisUrl,
    latencyEvents: positiveInt(env, 'BENCH_LATENCY_EVENTS', 200),
    latencyWarmup: positiveInt(env, 'BENCH_LATENCY_WARMUP', 20, 0),
    latencyGapMs: positiveInt(env, 'BENCH_LATENCY_GAP_MS', 20, 0),
    batchSize: 200,
    topicPartitions: 3,
    brokers,
    postgresUrl,
    logLevel: env['BENCH_LOG_LEVEL'] ?? 'info',
    inProcessLogLevel: 'error',
    scenarios: new Set(selected as ScenarioName[]),
    lunchStaff,
    lunchCapacity: positiveInt(env, 'BENCH_LUNCH_CAPACITY', lunchStaff),
    lunchClients: positiveInt(env, 'BENCH_LUNCH_CLIENTS', 32),
    dispatchVehicles: positiveInt(env, 'BENCH_DISPATCH_VEHICLES', 200),
    dispatchBookings: positiveInt(env, 'BENCH_DISPATCH_BOOKINGS', 10_000, 0),
    timeoutMs: positiveInt(env, 'BENCH_TIMEOUT_MS', 900_000),
    internalTokenSecret: TEST_INTERNAL_TOKEN_SECRET,
  };
}

/** A kafkajs client for the baselines and for housekeeping; quiet except for errors; with the services' timer fix, so the baselines are not slowed by the bug the services no longer have. */
export function benchKafka(config: BenchConfig, clientId = 'houqin-bench'): Kafka {
  fixKafkajsRequestQueueTimer();
  return new Kafka({ clientId, brokers: config.brokers, logLevel: logLevel.ERROR, connectionTimeout: 5000, retry: { retries: 5 } });
}

/** Fails fast, with a message that says what to start, when PostgreSQL or Kafka is not there. */
export async function checkInfrastructure(config: BenchConfig, needKafka: boolean): Promise<void> {
  const client = new Client({ connectionString: config.postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${config.postgresUrl}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!needKafka) return;
  const admin = benchKafka(config, 'houqin-bench-check').admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } catch (error) {
    throw new Error(`Kafka is not reachable at ${config.brokers.join(',')} (start it: bash tools/kafka/kafka-local.sh start): ${(error as Error).message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Things to undo at the end, undone in reverse order, each at most once, failures collected. */
export class Cleanup {
  private readonly steps: Array<{ label: string; run: () => Promise<unknown> }> = [];
  private running?: Promise<string[]>;

  push(label: string, run: () => Promise<unknown>): void {
    this.steps.push({ label, run });
  }

  run(): Promise<string[]> {
    this.running ??= (async () => {
      const failures: string[] = [];
      while (this.steps.length > 0) {
        const step = this.steps.pop()!;
        try {
          await step.run();
        } catch (error) {
          failures.push(`${step.label}: ${(error as Error).message ?? String(error)}`);
        }
      }
      return failures;
    })();
    return this.running;
  }
}

/** Rejects with a clear message when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
