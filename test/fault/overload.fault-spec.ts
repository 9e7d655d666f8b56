import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import {
  ServiceProcess,
  TEST_ACCESS_TOKEN_SECRET,
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_KAFKA_BROKERS,
  TEST_REDIS_URL,
  TestDatabase,
  accessToken,
  createTestDatabase,
  freePort,
  startServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@houqin/testing';

/**
 * Overload against the real services (issue 19): maintenance and the gateway each their own OS
 * process on the machine's PostgreSQL, Kafka and Redis. The run measures what maintenance takes
 * through the gateway's slots (a closed loop), offers twice that on a schedule (an open loop), and
 * asserts the shape of the answers, not a timing: only 201 or a shed 503/429 with Retry-After, no
 * answer past the gateway's deadline, the shed ones quicker than the admitted ones, nothing admitted
 * lost, and recovery without a restart once the load stops. Figures: .cache/fault/overload-last-run.json.
 */
const SLOTS = Number(process.env['OVERLOAD_SLOTS'] ?? 8);
const QUEUE_LIMIT = Number(process.env['OVERLOAD_QUEUE_LIMIT'] ?? 16);
const QUEUE_TIMEOUT_MS = Number(process.env['OVERLOAD_QUEUE_TIMEOUT_MS'] ?? 500);
const UPSTREAM_TIMEOUT_MS = 5000;
/** The client gives up a little after the gateway's deadline: an answer that late is a failure of the shape. */
const CLIENT_DEADLINE_MS = UPSTREAM_TIMEOUT_MS + 1500;
/** Half as many again as the slots: the slots stay busy between one client's answer and its next request. */
const CAPACITY_CLIENTS = SLOTS + Math.ceil(SLOTS / 2);
const WARM_UP_MS = 1500;
const CAPACITY_MS = 4000;
const OVERLOAD_FACTOR = 2;
const OVERLOAD_MS = 10_000;
const RECOVERY_MS = 3000;

const run = uniqueSuffix();
const agencyId = `agency-overload-${run}`;
const staff = { agencyId, userId: `staff-overload-${run}`, roles: ['staff'] };
const token = accessToken(staff, TEST_ACCESS_TOKEN_SECRET);

type Phase = 'warm-up' | 'capacity' | 'overload' | 'recovery';

interface Answer {
  phase: Phase;
  tag: string;
  sentAt: number;
  latencyMs: number;
  /** undefined when the client got no answer: its deadline passed or the connection dropped. */
  status?: number;
  failure?: string;
  retryAfter?: string;
  contentType?: string;
  problemType?: string;
  reason?: string;
  id?: string;
}

const answers: Answer[] = [];
const databases = {} as Record<'maintenance' | 'gateway', TestDatabase>;
const ports = {} as Record<'maintenance' | 'gateway' | 'metrics' | 'absent', number>;
const processes: ServiceProcess[] = [];
/** Keep-alive sockets, as many as the open loop needs: the client must not be the queue. */
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
let sequence = 0;
/** Reused keep-alive connections the gateway had closed as idle: each request sent again once. */
let idleConnectionResets = 0;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One repair request through the gateway, with its own Idempotency-Key; every answer is recorded.
 * A reset of a reused keep-alive connection before any answer (the gateway closing it as idle just as
 * it was reused) is sent again once on a fresh one, as node's documentation advises — counted apart.
 */
function report(phase: Phase): Promise<Answer> {
  sequence += 1;
  const tag = `overload ${run} ${phase} ${sequence}`;
  const body = JSON.stringify({ location: { building: 'Overload Hall', room: String(sequence % 100) }, description: tag, priority: 'normal' });
  const key = randomUUID();
  const sentAt = performance.now();
  return new Promise<Answer>((resolve) => {
    const done = (fields: Partial<Answer>) => {
      const answer: Answer = { phase, tag, sentAt, latencyMs: performance.now() - sentAt, ...fields };
      answers.push(answer);
      resolve(answer);
    };
    const send = (fresh: boolean) => {
      const outgoing = httpRequest(
        {
          agent: fresh ? false : agent,
          host: '127.0.0.1',
          port: ports.gateway,
          method: 'POST',
          path: '/api/v1/maintenance/repair-requests',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': key },
          timeout: Math.max(1, CLIENT_DEADLINE_MS - (performance.now() - sentAt)),
        },
        (incoming) => {
          let text = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (chunk: string) => (text += chunk));
          incoming.on('error', (error) => done({ failure: `dropped: ${error.message}` }));
          incoming.on('end', () => {
            let parsed: Record<string, unknown> = {};
            try {
              parsed = JSON.parse(text) as Record<string, unknown>;
            } catch {
              // Not JSON: the status and content type tell what it was.
            }
            done({
              status: incoming.statusCode,
              retryAfter: incoming.headers['retry-after'],
              contentType: incoming.headers['content-type'],
              problemType: typeof parsed['type'] === 'string' ? parsed['type'] : undefined,
              reason: typeof parsed['reason'] === 'string' ? parsed['reason'] : undefined,
              id: incoming.statusCode === 201 && typeof parsed['id'] === 'string' ? parsed['id'] : undefined,
            });
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${CLIENT_DEADLINE_MS} ms`)));
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (!fresh && outgoing.reusedSocket && error.code === 'ECONNRESET') {
          idleConnectionResets += 1;
          send(true);
        } else done({ failure: error.message });
      });
      outgoing.end(body);
    };
    send(false);
  });
}

/**
 * `clients` clients each sending the next request when the last is answered, for `durationMs` — and,
 * given `ratePerSecond`, not before its turn on that schedule (so at most that rate).
 */
async function closedLoop(phase: Phase, clients: number, durationMs: number, ratePerSecond?: number): Promise<{ answered: Answer[]; elapsedMs: number }> {
  const startedAt = performance.now();
  const answered: Answer[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, index) => {
      for (let turn = 0; ; turn += 1) {
        if (ratePerSecond !== undefined) {
          const dueAt = startedAt + ((turn * clients + index) * 1000) / ratePerSecond;
          if (dueAt > performance.now()) await sleep(dueAt - performance.now());
        }
        if (performance.now() - startedAt >= durationMs) return;
        answered.push(await report(phase));
      }
    }),
  );
  return { answered, elapsedMs: performance.now() - startedAt };
}

/** Arrivals on a schedule at `ratePerSecond`, not waiting for answers. Resolves when the last was sent. */
async function openLoop(phase: Phase, ratePerSecond: number, durationMs: number): Promise<{ pending: Array<Promise<Answer>>; sent: number; maxLagMs: number; stoppedAt: number }> {
  const intervalMs = 1000 / ratePerSecond;
  const startedAt = performance.now();
  const pending: Array<Promise<Answer>> = [];
  let maxLagMs = 0;
  for (;;) {
    const elapsed = performance.now() - startedAt;
    if (elapsed >= durationMs) break;
    const due = Math.min(Math.floor(elapsed / intervalMs) + 1, Math.ceil(durationMs / intervalMs));
    while (pending.length < due) {
      maxLagMs = Math.max(maxLagMs, elapsed - pending.length * intervalMs);
      pending.push(report(phase));
    }
    await sleep(2);
  }
  return { pending, sent: pending.length, maxLagMs, stoppedAt: performance.now() };
}

async function gatewayMetrics(): Promise<string> {
  return (await fetch(`http://127.0.0.1:${ports.metrics}/metrics`)).text();
}

function metric(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/**
 * POSTs the gateway answered, by its own clock (from the moment its handlers saw the request), later
 * than `seconds` — a bucket bound of houqin_http_request_duration_seconds.
 */
function answeredLaterThan(text: string, seconds: number): number {
  let later = 0;
  for (const line of text.split('\n')) {
    if (!line.includes('method="POST"')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith('houqin_http_request_duration_seconds_count{')) later += value;
    else if (line.startsWith('houqin_http_request_duration_seconds_bucket{') && line.includes(`le="${seconds}"`)) later -= value;
  }
  return later;
}

/** Nearest-rank percentile of latencies (ms); undefined when there are none. */
function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function countBy(list: Answer[], key: (answer: Answer) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of list) counts[key(answer)] = (counts[key(answer)] ?? 0) + 1;
  return counts;
}

/** "201", "503 queue-full", "503 service-unavailable", "504 upstream-timeout", "no answer (…)". */
const outcome = (answer: Answer) => {
  if (answer.status === undefined) return `no answer (${answer.failure})`;
  const detail = answer.reason ?? answer.problemType?.replace('urn:houqin:problem:', '');
  return detail ? `${answer.status} ${detail}` : String(answer.status);
};
const round = (value: number | undefined) => (value === undefined ? undefined : Math.round(value));

beforeAll(async () => {
  for (const name of ['maintenance', 'gateway'] as const) databases[name] = await createTestDatabase(`overload_${name}`);
  for (const name of ['maintenance', 'gateway', 'metrics', 'absent'] as const) ports[name] = await freePort();
  processes.push(
    startServiceProcess({
      app: 'maintenance',
      port: ports.maintenance,
      label: 'maintenance',
      env: {
        INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
        KAFKA_BROKERS: TEST_KAFKA_BROKERS,
        KAFKA_CONSUMER_GROUP: `maintenance-overload-${run}`,
        DATABASE_URL: databases.maintenance.url,
        REDIS_URL: TEST_REDIS_URL,
        LOG_LEVEL: 'error',
      },
    }),
    startServiceProcess({
      app: 'gateway',
      port: ports.gateway,
      label: 'gateway',
      env: {
        INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
        ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
        WEBHOOK_SECRET_KEY: 'overload-webhook-secret-key-0123456789abcdef',
        DATABASE_URL: databases.gateway.url,
        REDIS_URL: TEST_REDIS_URL,
        KAFKA_BROKERS: TEST_KAFKA_BROKERS,
        KAFKA_CONSUMER_GROUP: `gateway-overload-${run}`,
        LOG_LEVEL: 'error',
        METRICS_PORT: String(ports.metrics),
        UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
        UPSTREAM_MAX_CONCURRENCY: String(SLOTS),
        UPSTREAM_QUEUE_LIMIT: String(QUEUE_LIMIT),
        UPSTREAM_QUEUE_TIMEOUT_MS: String(QUEUE_TIMEOUT_MS),
        // The per-client rate limit is not what is tested: shedding must do it alone.
        RATE_LIMIT_PER_MINUTE: '1000000',
        MAINTENANCE_URL: `http://127.0.0.1:${ports.maintenance}`,
        // Not started: nothing of this run is routed to them.
        EVALUATION_URL: `http://127.0.0.1:${ports.absent}`,
        PROCUREMENT_URL: `http://127.0.0.1:${ports.absent}`,
        CATERING_URL: `http://127.0.0.1:${ports.absent}`,
        TRANSPORT_URL: `http://127.0.0.1:${ports.absent}`,
      },
    }),
  );
  await Promise.all(processes.map((child) => child.waitUntilReady(90_000)));
}, 120_000);

afterAll(async () => {
  agent.destroy();
  await Promise.all(processes.map((child) => child.stop()));
  await Promise.all(Object.values(databases).map((database) => database.drop()));
}, 60_000);

it('sheds twice its measured capacity quickly with 503 and Retry-After, loses nothing it admitted, and recovers without a restart', async () => {
  const testStartedAt = performance.now();
  // Capacity: what maintenance answers through the gateway's slots kept full, after a warm-up.
  await closedLoop('warm-up', CAPACITY_CLIENTS, WARM_UP_MS);
  const capacityRun = await closedLoop('capacity', CAPACITY_CLIENTS, CAPACITY_MS);
  const capacity = (capacityRun.answered.filter((answer) => answer.status === 201).length * 1000) / capacityRun.elapsedMs;
  expect(capacity).toBeGreaterThan(0);

  // Overload: twice that, on a schedule. In-flight and queued are read until they are back at 0.
  const offered = OVERLOAD_FACTOR * capacity;
  const shedBefore = await gatewayMetrics();
  // The load generator shares the cores: its own event-loop delay is part of every latency it measures.
  const clientDelay = monitorEventLoopDelay({ resolution: 10 });
  clientDelay.enable();
  const load = await openLoop('overload', offered, OVERLOAD_MS);
  clientDelay.disable();
  // The gateway's own event-loop delay over the load (its histogram restarts at every scrape).
  const duringLoad = await gatewayMetrics();
  const drained = await waitFor(
    async () => {
      const text = await gatewayMetrics();
      const inFlight = metric(text, 'houqin_gateway_upstream_in_flight', { upstream: 'maintenance' });
      const queued = metric(text, 'houqin_gateway_upstream_queued', { upstream: 'maintenance' });
      return inFlight === 0 && queued === 0 ? { at: performance.now() } : false;
    },
    // Not much oftener: rendering the metrics costs the gateway CPU that the requests still queued need.
    { timeoutMs: 30_000, intervalMs: 100, description: "the gateway's in-flight and queued requests to maintenance to return to 0" },
  );
  const overload = await Promise.all(load.pending);
  const recoveryMs = drained.at - load.stoppedAt;
  const settled = await gatewayMetrics();

  // Recovery: half the capacity, paced, without restarting anything.
  const recoveryClients = Math.max(1, Math.floor(SLOTS / 2));
  const recovery = await closedLoop('recovery', recoveryClients, RECOVERY_MS, capacity / 2);

  // The ledger: every 201 is one row with the id it answered, and no other request left a row.
  const rows = await databases.maintenance.query<{ id: string; description: string }>(`SELECT id::text, description FROM repair_request WHERE agency_id = $1`, [agencyId]);
  const rowsByTag = new Map<string, string[]>();
  for (const row of rows) rowsByTag.set(row.description, [...(rowsByTag.get(row.description) ?? []), row.id]);
  const lost = answers.filter((answer) => answer.status === 201 && !(rowsByTag.get(answer.tag) ?? []).includes(answer.id ?? '')).map((answer) => answer.tag);
  const duplicated = [...rowsByTag.entries()].filter(([, ids]) => ids.length > 1).map(([tag]) => tag);
  const appliedWithout201 = answers.filter((answer) => answer.status !== 201 && rowsByTag.has(answer.tag)).map((answer) => `${answer.tag}: ${outcome(answer)}`);
  const sentTags = new Set(answers.map((answer) => answer.tag));
  const strangers = rows.filter((row) => !sentTags.has(row.description)).map((row) => row.description);

  const admitted = overload.filter((answer) => answer.status === 201);
  const shed = overload.filter((answer) => answer.status === 503 || answer.status === 429);
  const admittedLatency = admitted.map((answer) => answer.latencyMs);
  const shedLatency = shed.map((answer) => answer.latencyMs);
  const latencyOf = (reason: string) => shed.filter((answer) => answer.reason === reason).map((answer) => answer.latencyMs);
  const gatewayLag = (statistic: 'p99' | 'max') => metric(duringLoad, `nodejs_eventloop_lag_${statistic}_seconds`, { service: 'gateway' });
  /** Median latency of a kind of refusal over the median admitted latency. */
  const ratioOf = (latencies: number[]) => (latencies.length === 0 ? undefined : percentile(latencies, 50)! / percentile(admittedLatency, 50)!);
  const judge = (ratio: number | undefined, below: number) => (ratio === undefined || ratio < below ? 'quick' : `median ${ratio.toFixed(2)} × the admitted, not under ${below}`);
  const quickness = { shed: judge(ratioOf(shedLatency), 1), queueFull: judge(ratioOf(latencyOf('queue-full')), 0.5) };
  const shedByReason = Object.fromEntries(
    ['queue-full', 'queue-timeout'].map((reason) => [reason, metric(settled, 'houqin_gateway_shed_total', { upstream: 'maintenance', reason }) - metric(shedBefore, 'houqin_gateway_shed_total', { upstream: 'maintenance', reason })]),
  );
  const result = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    date: new Date().toISOString(),
    gateway: { slots: SLOTS, queueLimit: QUEUE_LIMIT, queueTimeoutMs: QUEUE_TIMEOUT_MS, upstreamTimeoutMs: UPSTREAM_TIMEOUT_MS },
    capacity: { clients: CAPACITY_CLIENTS, seconds: round(capacityRun.elapsedMs / 1000), perSecond: round(capacity), p50Ms: round(percentile(capacityRun.answered.map((answer) => answer.latencyMs), 50)) },
    overload: {
      offeredPerSecond: round(offered),
      sent: load.sent,
      achievedPerSecond: round((load.sent * 1000) / OVERLOAD_MS),
      scheduleMaxLagMs: round(load.maxLagMs),
      answered: countBy(overload, outcome),
      shedByGateway: shedByReason,
      pastTheDeadline: { byTheGateway: answeredLaterThan(settled, UPSTREAM_TIMEOUT_MS / 1000) - answeredLaterThan(shedBefore, UPSTREAM_TIMEOUT_MS / 1000), byTheClient: countBy(overload.filter((answer) => answer.latencyMs > UPSTREAM_TIMEOUT_MS), outcome) },
      admitted: { count: admitted.length, perSecond: round((admitted.length * 1000) / OVERLOAD_MS), p50Ms: round(percentile(admittedLatency, 50)), p99Ms: round(percentile(admittedLatency, 99)), maxMs: round(percentile(admittedLatency, 100)) },
      shed: { count: shed.length, p50Ms: round(percentile(shedLatency, 50)), p99Ms: round(percentile(shedLatency, 99)), maxMs: round(percentile(shedLatency, 100)), medianOverAdmitted: ratioOf(shedLatency)?.toFixed(2) },
      shedQueueFull: { p50Ms: round(percentile(latencyOf('queue-full'), 50)), p99Ms: round(percentile(latencyOf('queue-full'), 99)), medianOverAdmitted: ratioOf(latencyOf('queue-full'))?.toFixed(2) },
      shedQueueTimeout: { p50Ms: round(percentile(latencyOf('queue-timeout'), 50)), p99Ms: round(percentile(latencyOf('queue-timeout'), 99)), medianOverAdmitted: ratioOf(latencyOf('queue-timeout'))?.toFixed(2) },
      clientEventLoopDelayMs: { p99: round(clientDelay.percentile(99) / 1e6), max: round(clientDelay.max / 1e6) },
      gatewayEventLoopDelayMs: { p99: round(gatewayLag('p99') * 1000), max: round(gatewayLag('max') * 1000) },
    },
    recovery: {
      drainedAfterMs: round(recoveryMs),
      clients: recoveryClients,
      offeredPerSecond: round(capacity / 2),
      perSecond: round((recovery.answered.length * 1000) / recovery.elapsedMs),
      answered: countBy(recovery.answered, outcome),
    },
    idleConnectionResets,
    ledger: { rows: rows.length, answered201: answers.filter((answer) => answer.status === 201).length, lost: lost.length, duplicated: duplicated.length, appliedWithout201: appliedWithout201.length, strangers: strangers.length },
    wallSeconds: round((performance.now() - testStartedAt) / 1000),
  };
  mkdirSync(path.join(__dirname, '../../.cache/fault'), { recursive: true });
  writeFileSync(path.join(__dirname, '../../.cache/fault/overload-last-run.json'), `${JSON.stringify({ ...result, lostTags: lost, duplicatedTags: duplicated, appliedWithout201 }, null, 2)}\n`);
  const ms = (value: number | undefined) => (value === undefined ? '—' : `${value} ms`);
  console.log(
    [
      `overload run ${result.date} — ${result.machine}`,
      `gateway: ${SLOTS} slots, queue ${QUEUE_LIMIT}, queue deadline ${QUEUE_TIMEOUT_MS} ms, upstream deadline ${UPSTREAM_TIMEOUT_MS} ms`,
      `capacity      ${result.capacity.perSecond}/s (${CAPACITY_CLIENTS} clients, closed loop, p50 ${ms(result.capacity.p50Ms)})`,
      `offered       ${result.overload.offeredPerSecond}/s for ${OVERLOAD_MS / 1000} s — sent ${load.sent} (${result.overload.achievedPerSecond}/s, schedule lag at most ${ms(result.overload.scheduleMaxLagMs)})`,
      `answered      ${JSON.stringify(result.overload.answered)} · shed by the gateway ${JSON.stringify(shedByReason)}`,
      `past ${UPSTREAM_TIMEOUT_MS / 1000} s      by the gateway's clock ${result.overload.pastTheDeadline.byTheGateway}, by the client's ${JSON.stringify(result.overload.pastTheDeadline.byTheClient)}`,
      `admitted      ${admitted.length} (${result.overload.admitted.perSecond}/s) p50 ${ms(result.overload.admitted.p50Ms)} p99 ${ms(result.overload.admitted.p99Ms)} max ${ms(result.overload.admitted.maxMs)}`,
      `shed          ${shed.length} p50 ${ms(result.overload.shed.p50Ms)} = ${result.overload.shed.medianOverAdmitted ?? '—'} × admitted, p99 ${ms(result.overload.shed.p99Ms)} max ${ms(result.overload.shed.maxMs)} (queue-full p50 ${ms(result.overload.shedQueueFull.p50Ms)} = ${result.overload.shedQueueFull.medianOverAdmitted ?? '—'} × admitted; queue-timeout p50 ${ms(result.overload.shedQueueTimeout.p50Ms)} = ${result.overload.shedQueueTimeout.medianOverAdmitted ?? '—'} × admitted)`,
      `event loop    delay p99 / max: gateway ${ms(result.overload.gatewayEventLoopDelayMs.p99)} / ${ms(result.overload.gatewayEventLoopDelayMs.max)}, load generator ${ms(result.overload.clientEventLoopDelayMs.p99)} / ${ms(result.overload.clientEventLoopDelayMs.max)} (all share the cores)`,
      `recovery      in-flight and queue 0 after ${ms(result.recovery.drainedAfterMs)}; then ${recoveryClients} clients paced at ${result.recovery.offeredPerSecond}/s sent ${result.recovery.perSecond}/s: ${JSON.stringify(result.recovery.answered)}`,
      `client        ${idleConnectionResets} reused keep-alive connections reset before an answer, sent again once`,
      `ledger        ${rows.length} rows · ${result.ledger.answered201} × 201 · lost ${lost.length} · duplicated ${duplicated.length} · applied without a 201 ${appliedWithout201.length} · unknown rows ${strangers.length}`,
      `wall time     ${result.wallSeconds} s`,
    ].join('\n'),
  );

  // The shape, judged whole so that a failing run shows every part that broke.
  const shape = {
    // No 5xx other than the shed 503, no 4xx but 429, and an answer to every request.
    unexpectedAnswers: countBy(
      overload.filter((answer) => answer.status !== 201 && answer.status !== 503 && answer.status !== 429),
      outcome,
    ),
    // A refusal says when to come back, as problem+json; a 503 is the gateway's shedding, not a service failing.
    refusalsNotShed: countBy(
      shed.filter((answer) => !answer.retryAfter || !answer.contentType?.startsWith('application/problem+json') || (answer.status === 503 && answer.problemType !== 'urn:houqin:problem:overloaded')),
      (answer) => `${outcome(answer)}, Retry-After ${answer.retryAfter ?? 'none'}, ${answer.contentType ?? 'no content type'}`,
    ),
    // It was overload: some were shed, and some admitted.
    someShed: shed.length > 0,
    someAdmitted: admitted.length > 0,
    // Nothing answered past the gateway's deadline, as the gateway measures it (a client's view adds the
    // time before the gateway read the request — seconds on a machine with every core oversubscribed —
    // and is bounded by its own deadline above: no request left without an answer).
    answeredPastTheDeadline: answeredLaterThan(settled, UPSTREAM_TIMEOUT_MS / 1000) - answeredLaterThan(shedBefore, UPSTREAM_TIMEOUT_MS / 1000),
    // Shedding is quick, against the admitted answers of the same run: the typical refusal comes back
    // before the typical admitted answer, and one at a full queue (no wait, no service time) in well
    // under half of it. One refused at the queue deadline waited that deadline by design, and may be
    // slower than an admitted request that found the queue short.
    quickness,
    // Nothing admitted is lost or applied twice, and nothing refused was applied.
    lost,
    duplicated,
    appliedWithout201: countBy(
      answers.filter((answer) => answer.status !== 201 && rowsByTag.has(answer.tag)),
      outcome,
    ),
    strangers,
    // Recovery by itself: nothing left in flight or queued, and half the capacity is all admitted.
    settled: { inFlight: metric(settled, 'houqin_gateway_upstream_in_flight', { upstream: 'maintenance' }), queued: metric(settled, 'houqin_gateway_upstream_queued', { upstream: 'maintenance' }) },
    recoveryAnswered: countBy(recovery.answered, outcome),
    restarted: processes.filter((child) => child.process.exitCode !== null || child.process.signalCode !== null).map((child) => child.name),
  };
  expect(shape).toEqual({
    unexpectedAnswers: {},
    refusalsNotShed: {},
    someShed: true,
    someAdmitted: true,
    answeredPastTheDeadline: 0,
    quickness: { shed: 'quick', queueFull: 'quick' },
    lost: [],
    duplicated: [],
    appliedWithout201: {},
    strangers: [],
    settled: { inFlight: 0, queued: 0 },
    recoveryAnswered: { '201': Math.max(1, recovery.answered.length) },
    restarted: [],
  });
}, 120_000);
