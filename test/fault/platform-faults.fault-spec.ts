import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { RepairRequestCancelled, RepairRequestReported, TripApproved, TripCancelled, TripRequested, VendorReinstated, VendorSuspended, WorkOrderAccepted, WorkOrderCompleted, WorkOrderStarted, WorkOrderTriaged, WorkOrderVerified } from '@houqin/contracts';
import { AUDITED_EVENT_TYPES, seededRandom as prng } from '@houqin/evaluation';
import { DLQ_HEADERS, DLQ_SUFFIX } from '@houqin/messaging';
import { creditCodeCheckCharacter } from '@houqin/procurement';
import {
  OwnKafka,
  OwnRedis,
  ServiceProcess,
  TEST_ACCESS_TOKEN_SECRET,
  TEST_BID_SEALING_KEY,
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_POSTGRES_URL,
  TestDatabase,
  accessToken,
  createTestDatabase,
  freePort,
  startServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@houqin/testing';
import { publishCateringContract, publishMaintenanceContract } from './fault-fixture';

/**
 * Faults under load, then a reconciler (issue 19). Every service and the gateway run as
 * their own OS processes on the machine's PostgreSQL and on a Redis and a Kafka broker of the suite's
 * own (so that it can kill them). A few clients send a mixed load through the gateway — repair
 * requests to maintenance (some cancelled, some taken through the whole work order: triaged to the
 * contracted vendor, accepted, started, completed and verified by the reporter), trip requests (some
 * cancelled) to transport, requisitions to procurement, and the reporter's answers to the
 * satisfaction surveys evaluation issues for verified work, and the manager suspending and
 * reinstating other vendors in procurement (maintenance, catering and transport project their standing), and staff given
 * a meal account, topped up, booking and cancelling lunches in the canteen (catering) — each command with an Idempotency-Key, while faults are injected at command counts
 * drawn from a fixed seed (FAULT_SEED, default 19): SIGKILL of maintenance, transport, procurement,
 * catering, evaluation and the gateway, each restarted on its port; SIGKILL of Redis (every key lost) and of the Kafka broker, each restarted; a
 * second evaluation replica joining the consumer group under load and then killed (two rebalances,
 * the second after a session timeout); every database backend of maintenance terminated
 * (pg_terminate_backend).
 * A client counts a dropped connection, a 503, a 504 or "key still in progress" as not accepted and
 * retries with the same key for a while; it records every 2xx with the id it returned.
 *
 * Once the load stops and the platform has settled, every accepted command must be in its service's
 * database once (each step of a work order on it, each answer on its survey), every event the services published that the audit trail records must be in it
 * once, and every event of the types an integrator's webhook subscribed to must have reached it
 * (at least once: webhooks are at-least-once); a command that was not accepted may have taken effect (the service died after its commit),
 * but never twice; every verified work order has one survey in evaluation, and evaluation's KPIs
 * count each verified work order once and are exactly what a replay of the audit trail gives; no
 * outbox row is left unpublished, maintenance's, catering's and transport's projections of each vendor's standing are procurement's, no event of the run was dead-lettered, and the
 * audit chain verifies. Any other answer (a 500, a 502,
 * a 4xx) fails the run. PostgreSQL is shared with others on the machine and is never restarted here.
 */
const SEED = Number(process.env['FAULT_SEED'] ?? 19);
const COMMANDS = Number(process.env['FAULT_COMMANDS'] ?? 240);
const CLIENTS = 4;
/** A command is retried with its key this long, well inside the 60 s an interrupted key stays "in progress". */
const RETRY_FOR_MS = 20_000;
const RETRY_PAUSE_MS = 200;
/** Between two commands of one client: a steady load that leaves the 2 cores room to restart a process. */
const PACE_MS = 15;

const run = uniqueSuffix();
const agencyId = `agency-fault-${run}`;
const staff = { agencyId, userId: 'staff-fault', roles: ['staff'] };
const agencyAdmin = { agencyId, userId: 'admin-fault', roles: ['agency-admin'] };
/** What the integrator's webhook subscribes to: the events of the run's repair requests and trips. */
const WEBHOOK_TYPES = [RepairRequestReported.type, RepairRequestCancelled.type, TripRequested.type, TripApproved.type, TripCancelled.type];
const manager = { agencyId, userId: 'manager-fault', roles: ['staff', 'logistics-manager'] };
/** The vendor under contract for the agency's hvac repairs in the load's building. */
const vendorId = randomUUID();
const vendor = { agencyId, userId: 'vendor-fault', roles: ['vendor'], vendorId };
const BUILDING = 'Fault Hall';
/** A work order's steps after triage, each the vendor's or (验收) the reporter's, and the column that records it. */
const STEPS = { accept: 'accepted_at', start: 'started_at', complete: 'completed_at', verify: 'verified_at' } as const;
type Step = keyof typeof STEPS;
/** Vendors the manager suspends and reinstates in turn during the load (registered in procurement before it). */
const STEWARDED_VENDORS = 3;
const stewarded: string[] = [];
/** Published once per work order in a run without reopening: a step applied twice would show here. */
const ONCE_PER_WORK_ORDER = [WorkOrderTriaged.type, WorkOrderAccepted.type, WorkOrderStarted.type, WorkOrderCompleted.type, WorkOrderVerified.type];
const REPORTED = 'houqin.maintenance.repair-request.reported.v1';
const CANCELLED = 'houqin.maintenance.repair-request.cancelled.v1';
type Service = 'maintenance' | 'evaluation' | 'transport' | 'procurement' | 'catering';
type Process = Service | 'gateway';
/** The services that keep a projection of procurement's vendors' standing (table `<service>_vendor_standing`). */
const PROJECTING_STANDING = ['maintenance', 'catering', 'transport'] as const;
type ProjectingStanding = (typeof PROJECTING_STANDING)[number];
/** The services whose commands the load sends (evaluation: the survey answers). */
const COMMANDED: Service[] = ['maintenance', 'transport', 'procurement', 'evaluation', 'catering'];
const SERVICES: Service[] = ['maintenance', 'evaluation', 'transport', 'procurement', 'catering'];
/** The canteen's operator under its catering contract, and what the load books: lunch on the seven days from tomorrow. */
const cateringVendorId = randomUUID();
const operator = { agencyId, userId: 'operator-fault', roles: ['vendor'], vendorId: cateringVendorId };
const LUNCH_FEN = 15_00;
const TOP_UP_FEN = 200_00;
const canteen = { id: '', dishId: '', dates: [] as string[] };
let diners = 0;

type FaultKind = 'kill-maintenance' | 'kill-evaluation' | 'kill-transport' | 'kill-procurement' | 'kill-catering' | 'terminate-maintenance-backends' | 'kill-gateway' | 'restart-redis' | 'restart-kafka' | 'rebalance-evaluation';
/** Every kind runs once a run; HOUQIN_FAULT_BACKENDS=0 leaves the terminated backends out. */
const FAULT_KINDS: FaultKind[] = [
  'kill-maintenance',
  'kill-evaluation',
  'kill-transport',
  'kill-procurement',
  'kill-catering',
  'kill-gateway',
  'restart-redis',
  'restart-kafka',
  'rebalance-evaluation',
  ...(process.env['HOUQIN_FAULT_BACKENDS'] === '0' ? [] : (['terminate-maintenance-backends'] as const)),
];

interface FaultRecord {
  kind: FaultKind;
  atCommand: number;
  injectedAt: number;
  /** The killed process answering ready again (restarts only). */
  readyAfterMs?: number;
  /** Until the first 2xx to a command attempt sent after the injection. */
  recoveredAfterMs?: number;
  terminatedBackends?: number;
}

/**
 * A fixed schedule: the kinds in a seeded order, each a seeded number of commands after the previous
 * fault recovered (so a slow restart does not bunch the next fault onto it).
 */
function schedule(random: () => number): Array<{ kind: FaultKind; afterCommands: number }> {
  const kinds = [...FAULT_KINDS];
  for (let index = kinds.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [kinds[index], kinds[other]] = [kinds[other]!, kinds[index]!];
  }
  return kinds.map((kind) => ({ kind, afterCommands: 20 + Math.floor(random() * 60) }));
}

interface Command {
  kind: 'report' | 'cancel' | 'triage' | Step | 'answer' | 'suspend' | 'reinstate' | 'open-account' | 'top-up' | 'book' | 'unbook' | 'trip' | 'trip-cancel' | 'requisition';
  tag: string;
  key: string;
  /** The repair request or trip it cancels or triages, the work order it moves on, the survey it answers. */
  target?: string;
  /** A survey's answer: a score for each of its questions. */
  scores?: Record<string, number>;
  /** The staff member whose meal account it opens or tops up, or who books (the caller) — and the lunch's date. */
  diner?: string;
  date?: string;
  attempts: number;
  accepted: boolean;
  id?: string;
}

type Outcome = { kind: 'accepted'; id: string } | { kind: 'refused'; why: string } | { kind: 'unexpected'; status: number; body: string };

const databases = {} as Record<Process, TestDatabase>;
const ports = {} as Record<Process | 'evaluationReplica', number>;
let redis: OwnRedis;
let kafka: OwnKafka;
/** The integrator's endpoint: every delivery's event id, as often as it came. */
let receiver: Server;
const delivered = new Map<string, number>();
const live = {} as Record<Process, ServiceProcess>;
const everyProcess: ServiceProcess[] = [];

function serviceEnv(service: Service): Record<string, string> {
  return {
    INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
    KAFKA_BROKERS: kafka.brokers,
    KAFKA_CONSUMER_GROUP: `${service}-fault-${run}`,
    DATABASE_URL: databases[service].url,
    REDIS_URL: redis.url,
    LOG_LEVEL: 'error',
    OUTBOX_POLL_INTERVAL_MS: '100',
    KAFKA_SESSION_TIMEOUT_MS: '10000',
    SHUTDOWN_TIMEOUT_MS: '5000',
    // Seven processes (a second evaluation among them) on one PostgreSQL of 100 connections, shared.
    DATABASE_POOL_SIZE: '4',
    ...(service === 'procurement' ? { BID_SEALING_KEY: TEST_BID_SEALING_KEY } : {}),
  };
}

function launch(name: Process, label: string): ServiceProcess {
  const env =
    name === 'gateway'
      ? {
          INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
          ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
          WEBHOOK_SECRET_KEY: 'fault-webhook-secret-key-0123456789abcdef',
          DATABASE_URL: databases.gateway.url,
          DATABASE_POOL_SIZE: '4',
          REDIS_URL: redis.url,
          KAFKA_BROKERS: kafka.brokers,
          KAFKA_CONSUMER_GROUP: `gateway-fault-${run}`,
          KAFKA_SESSION_TIMEOUT_MS: '10000',
          LOG_LEVEL: 'error',
          UPSTREAM_TIMEOUT_MS: '5000',
          UPSTREAM_RETRIES: '2',
          CIRCUIT_FAILURE_THRESHOLD: '3',
          CIRCUIT_OPEN_MS: '500',
          RATE_LIMIT_PER_MINUTE: '1000000',
          WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
          WEBHOOK_POLL_INTERVAL_MS: '100',
          WEBHOOK_RETRY_BASE_MS: '100',
          WEBHOOK_RETRY_MAX_DELAY_MS: '1000',
          MAINTENANCE_URL: `http://127.0.0.1:${ports.maintenance}`,
          EVALUATION_URL: `http://127.0.0.1:${ports.evaluation}`,
          PROCUREMENT_URL: `http://127.0.0.1:${ports.procurement}`,
          TRANSPORT_URL: `http://127.0.0.1:${ports.transport}`,
          CATERING_URL: `http://127.0.0.1:${ports.catering}`,
        }
      : serviceEnv(name);
  const child = startServiceProcess({ app: name, port: ports[name], env, label });
  everyProcess.push(child);
  live[name] = child;
  return child;
}

async function viaGateway(method: string, route: string, caller: typeof staff, body?: unknown, key?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${ports.gateway}/api/v1${route}`, {
    method,
    headers: {
      authorization: `Bearer ${accessToken(caller, TEST_ACCESS_TOKEN_SECRET)}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, text: await response.text() };
}

/** Route and body of a command. */
function request(command: Command): [string, unknown] {
  switch (command.kind) {
    case 'report':
      return ['/maintenance/repair-requests', { location: { building: BUILDING, room: '101' }, description: command.tag, priority: 'normal' }];
    case 'cancel':
      return [`/maintenance/repair-requests/${command.target}/cancel`, { reason: command.tag }];
    case 'triage':
      return [`/maintenance/repair-requests/${command.target}/triage`, { category: 'hvac', autoAssign: true }];
    case 'accept':
    case 'start':
    case 'verify':
      return [`/maintenance/work-orders/${command.target}/${command.kind}`, {}];
    case 'complete':
      return [`/maintenance/work-orders/${command.target}/complete`, { resolutionNote: command.tag }];
    case 'answer':
      return [`/evaluation/surveys/${command.target}/answer`, { scores: command.scores }];
    case 'suspend':
    case 'reinstate':
      return [`/procurement/vendors/${command.target}/${command.kind}`, { reason: command.tag }];
    case 'open-account':
      return ['/catering/meal-accounts', { staffId: command.diner, staffCategory: '在编', overdraftLimitFen: 0 }];
    case 'top-up':
      return [`/catering/meal-accounts/${command.diner}/top-ups`, { amountFen: TOP_UP_FEN, idempotencyKey: command.key }];
    case 'book':
      return [`/catering/canteens/${canteen.id}/reservations`, { date: command.date, period: 'lunch', dishIds: [canteen.dishId] }];
    case 'unbook':
      return [`/catering/reservations/${command.target}/cancel`, { reason: command.tag }];
    case 'trip': {
      // Tomorrow, at a minute of its own: requests do not compete for a vehicle until dispatch.
      const startsAt = Date.parse(TRIPS_FROM) + (commands.indexOf(command) % 600) * 60_000;
      return ['/transport/trips', { purpose: command.tag, passengers: 2, passengerRank: 'division', origin: '机关大院', destination: '福州站', distanceKm: 8, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 3_600_000).toISOString(), vehicleType: 'sedan' }];
    }
    case 'trip-cancel':
      return [`/transport/trips/${command.target}/cancel`, { reason: command.tag }];
    case 'requisition':
      return ['/procurement/requisitions', { title: command.tag, category: 'supplies', lines: [{ description: 'A4 paper, boxes', quantity: 10, estimatedUnitPrice: 12_000 }] }];
  }
}
/** Who sends a command: the manager triages, the vendor works the order, the staff member does the rest. */
function callerOf(command: Command): typeof staff {
  if (command.kind === 'triage' || command.kind === 'suspend' || command.kind === 'reinstate' || command.kind === 'open-account' || command.kind === 'top-up') return manager;
  if (command.kind === 'book' || command.kind === 'unbook') return { agencyId, userId: command.diner!, roles: ['staff'] };
  if (command.kind === 'accept' || command.kind === 'start' || command.kind === 'complete') return vendor;
  return staff;
}

/** Trips start from tomorrow 08:00 (China Standard Time). */
const TRIPS_FROM = new Date(Math.floor((Date.now() + 8 * 3_600_000) / 86_400_000 + 1) * 86_400_000 - 8 * 3_600_000 + 8 * 3_600_000).toISOString();

/** One attempt, classified as the brief of a client would: 2xx accepted; dropped, 503, 504, key in progress: not accepted. */
async function attempt(command: Command): Promise<Outcome> {
  let answer: { status: number; text: string };
  const [route, body] = request(command);
  try {
    answer = await viaGateway('POST', route, callerOf(command), body, command.key);
  } catch (error) {
    return { kind: 'refused', why: `connection: ${(error as Error).cause ? String((error as { cause: { code?: string } }).cause.code ?? 'error') : (error as Error).name}` };
  }
  if (answer.status === 201 || answer.status === 200) {
    const body = JSON.parse(answer.text) as { id: string };
    return { kind: 'accepted', id: body.id };
  }
  // The key's first attempt committed and its answer was not kept (Redis forgot it): applied, with
  // the id of what it changed. The reconciler checks it like any other accepted command.
  if (answer.status === 409 && answer.text.includes('idempotency-key-applied')) {
    const body = JSON.parse(answer.text) as { resourceId: string };
    appliedAnswersLost += 1;
    return { kind: 'accepted', id: body.resourceId };
  }
  if (answer.status === 503 || answer.status === 504) return { kind: 'refused', why: String(answer.status) };
  if (answer.status === 409 && answer.text.includes('idempotency-key-in-progress')) return { kind: 'refused', why: '409 key in progress' };
  return { kind: 'unexpected', status: answer.status, body: answer.text.slice(0, 500) };
}

const commands: Command[] = [];
/** Accepted by a 409 idempotency-key-applied: the first attempt committed, its answer was not kept. */
let appliedAnswersLost = 0;
const faults: FaultRecord[] = [];
const refusals = new Map<string, number>();
const unexpected: Array<{ command: string; status: number; body: string; at: number }> = [];
/** Time of each attempt that ended 2xx, by when it was sent. */
const acceptedAttempts: Array<{ sentAt: number; answeredAt: number }> = [];
let started = 0;

async function send(command: Command): Promise<void> {
  commands.push(command);
  const giveUpAt = Date.now() + RETRY_FOR_MS;
  for (;;) {
    command.attempts += 1;
    const sentAt = Date.now();
    const outcome = await attempt(command);
    if (outcome.kind === 'accepted') {
      command.accepted = true;
      command.id = outcome.id;
      acceptedAttempts.push({ sentAt, answeredAt: Date.now() });
      return;
    }
    if (outcome.kind === 'unexpected') {
      unexpected.push({ command: command.tag, status: outcome.status, body: outcome.body, at: sentAt });
      return;
    }
    refusals.set(outcome.why, (refusals.get(outcome.why) ?? 0) + 1);
    if (Date.now() > giveUpAt) return;
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
  }
}

function newCommand(kind: Command['kind'], target?: string, extra: Pick<Command, 'scores' | 'diner' | 'date'> = {}): Command {
  started += 1;
  return { kind, tag: `fault ${run} ${kind} ${started}`, key: randomUUID(), ...(target ? { target } : {}), ...extra, attempts: 0, accepted: false };
}

/**
 * Nearly half repair requests (three in ten then taken through their work order, a quarter
 * cancelled), a quarter trip requests (a quarter cancelled), one in seven a new diner in the canteen,
 * the rest requisitions.
 */
async function client(index: number, stop: () => boolean): Promise<void> {
  const random = prng(SEED * 1000 + index);
  while (!stop()) {
    const pick = random();
    if (pick >= 0.85) {
      await dine(random);
      continue;
    }
    const first = newCommand(pick < 0.45 ? 'report' : pick < 0.7 ? 'trip' : 'requisition');
    await send(first);
    const next = random();
    if (first.accepted && first.kind === 'report' && next < 0.3) await workThrough(first.id!);
    else if (first.accepted && first.kind !== 'requisition' && next < 0.55 && next >= 0.3) await send(newCommand(first.kind === 'report' ? 'cancel' : 'trip-cancel', first.id));
    await new Promise((resolve) => setTimeout(resolve, PACE_MS));
  }
}

/** A staff member new to the canteen: a meal account opened and topped up, one to three lunches booked, sometimes one cancelled. */
async function dine(random: () => number): Promise<void> {
  diners += 1;
  const diner = `diner-${diners}`;
  for (const kind of ['open-account', 'top-up'] as const) {
    const command = newCommand(kind, undefined, { diner });
    await send(command);
    if (!command.accepted) return;
  }
  const booked: string[] = [];
  for (const date of canteen.dates.slice(0, 1 + Math.floor(random() * 3))) {
    const command = newCommand('book', undefined, { diner, date });
    await send(command);
    if (!command.accepted) return;
    booked.push(command.id!);
  }
  if (random() < 0.3) await send(newCommand('unbook', booked[0], { diner }));
}

/** A reported repair triaged to the contracted vendor and worked to 验收, step by step while each is accepted. */
async function workThrough(repairRequestId: string): Promise<void> {
  const triage = newCommand('triage', repairRequestId);
  await send(triage);
  if (!triage.accepted) return;
  for (const step of Object.keys(STEPS) as Step[]) {
    const command = newCommand(step, triage.id);
    await send(command);
    if (!command.accepted) return;
  }
}

/**
 * The manager suspends a vendor, later reinstates it, in turn over the stewarded vendors. A vendor
 * whose last command was not accepted leaves the rotation: its standing is then unknown to the load.
 */
async function steward(stop: () => boolean): Promise<void> {
  const suspended = new Set<string>();
  const rotation = [...stewarded];
  for (let turn = 0; !stop() && rotation.length > 0; turn += 1) {
    const vendorId = rotation[turn % rotation.length]!;
    const command = newCommand(suspended.has(vendorId) ? 'reinstate' : 'suspend', vendorId);
    await send(command);
    if (!command.accepted) rotation.splice(rotation.indexOf(vendorId), 1);
    else if (command.kind === 'suspend') suspended.add(vendorId);
    else suspended.delete(vendorId);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The reporter answers each survey evaluation issues for the verified work, as it appears (pending surveys read through the gateway). */
async function surveyor(stop: () => boolean): Promise<void> {
  const taken = new Set<string>();
  while (!stop()) {
    const pending = await viaGateway('GET', '/evaluation/surveys/pending', staff).catch(() => undefined);
    if (pending?.status === 200) {
      for (const survey of JSON.parse(pending.text) as Array<{ id: string; questions: Array<{ code: string }> }>) {
        if (taken.has(survey.id) || stop()) continue;
        taken.add(survey.id);
        await send(newCommand('answer', survey.id, { scores: Object.fromEntries(survey.questions.map((question, position) => [question.code, 3 + (position % 3)])) }));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function inject(kind: FaultKind, record: FaultRecord): Promise<void> {
  const restart = async (name: Process) => {
    await live[name].kill();
    const restarted = launch(name, `${name}-after-fault-${faults.length}`);
    await restarted.waitUntilReady(60_000);
    record.readyAfterMs = Date.now() - record.injectedAt;
  };
  switch (kind) {
    case 'kill-maintenance':
      return restart('maintenance');
    case 'kill-evaluation':
      return restart('evaluation');
    case 'kill-transport':
      return restart('transport');
    case 'kill-procurement':
      return restart('procurement');
    case 'kill-catering':
      return restart('catering');
    case 'kill-gateway':
      return restart('gateway');
    case 'restart-redis':
      await redis.kill();
      await redis.start();
      record.readyAfterMs = Date.now() - record.injectedAt;
      return;
    case 'restart-kafka':
      await kafka.kill();
      await kafka.start();
      record.readyAfterMs = Date.now() - record.injectedAt;
      return;
    case 'rebalance-evaluation': {
      // A second replica joins the group under load (a rebalance hands it partitions), then dies
      // without leaving (a second rebalance once its session times out).
      const replica = startServiceProcess({ app: 'evaluation', port: ports.evaluationReplica, env: serviceEnv('evaluation'), label: `evaluation-replica-${faults.length}` });
      everyProcess.push(replica);
      await replica.waitUntilReady(60_000);
      record.readyAfterMs = Date.now() - record.injectedAt;
      const joinedAt = started;
      await waitFor(() => started >= joinedAt + 20, { timeoutMs: 60_000, intervalMs: 20, description: 'twenty commands while the replica is in the group' });
      await replica.kill();
      return;
    }
    case 'terminate-maintenance-backends': {
      const admin = new Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      try {
        const datname = new URL(databases.maintenance.url).pathname.slice(1);
        const rows = (await admin.query(`SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [datname])).rows as Array<{ terminated: boolean }>;
        record.terminatedBackends = rows.filter((row) => row.terminated).length;
      } finally {
        await admin.end();
      }
    }
  }
}

async function injectFaults(plan: Array<{ kind: FaultKind; afterCommands: number }>): Promise<void> {
  for (const { kind, afterCommands } of plan) {
    const atCommand = started + afterCommands;
    await waitFor(() => started >= atCommand, { timeoutMs: 60_000, intervalMs: 20, description: `command ${atCommand} before ${kind}` });
    const record: FaultRecord = { kind, atCommand: started, injectedAt: Date.now() };
    faults.push(record);
    await inject(kind, record);
    const recovered = await waitFor(() => unexpected.length > 0 || acceptedAttempts.find((accepted) => accepted.sentAt >= record.injectedAt), { timeoutMs: 60_000, intervalMs: 20, description: `a 2xx after ${kind}` });
    if (recovered === true) throw new Error(`the load stopped on an unexpected answer after ${kind}`);
    record.recoveredAfterMs = recovered.answeredAt - record.injectedAt;
  }
}

/** A call of the set-up (before any fault): anything but the expected status stops the suite. */
async function setUp(method: string, route: string, caller: typeof staff, body: unknown, expected: number): Promise<Record<string, unknown>> {
  const answer = await viaGateway(method, route, caller, body, method === 'POST' ? randomUUID() : undefined);
  if (answer.status !== expected) throw new Error(`${method} ${route} answered ${answer.status}: ${answer.text}`);
  return (answer.text ? JSON.parse(answer.text) : {}) as Record<string, unknown>;
}

/** The canteen the load books: its operator under contract, lunch for a thousand, a weekly menu from tomorrow approved. */
async function openCanteen(): Promise<void> {
  await publishCateringContract({ brokers: kafka.brokers, agencyId, vendorId: cateringVendorId, signedBy: agencyAdmin.userId });
  await waitFor(async () => (JSON.parse((await viaGateway('GET', '/catering/catering-contracts', manager)).text) as unknown[]).length === 1, { timeoutMs: 30_000, description: 'the catering contract in catering' });
  canteen.id = String((await setUp('POST', '/catering/canteens', manager, { name: '故障演练食堂', location: { building: BUILDING }, capacity: 1000, mealPeriods: ['lunch'] }, 201))['id']);
  const contracts = JSON.parse((await viaGateway('GET', '/catering/catering-contracts', manager)).text) as Array<{ contractId: string }>;
  await setUp('POST', `/catering/canteens/${canteen.id}/operator-periods`, manager, { contractId: contracts[0]!.contractId }, 201);
  await setUp('PUT', `/catering/canteens/${canteen.id}/meal-periods/lunch`, manager, { servesFrom: '11:30', servesUntil: '13:00', cutoffMinutes: 60, capacity: 1000 }, 200);
  canteen.dishId = String(
    (
      await setUp(
        'POST',
        `/catering/canteens/${canteen.id}/dishes`,
        operator,
        { name: '番茄炒蛋', priceFen: LUNCH_FEN, allergens: ['eggs'], nutrition: { energyKcal: 420, proteinG: 18, fatG: 20, carbohydrateG: 36, sodiumMg: 760 }, ingredients: [{ name: '鸡蛋', supplierName: '京郊禽业', batch: 'EG-1207-01' }] },
        201,
      )
    )['id'],
  );
  // The seven days from tomorrow, China Standard Time.
  const today = Date.parse(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
  canteen.dates = Array.from({ length: 7 }, (_, day) => new Date(today + (day + 1) * 86_400_000).toISOString().slice(0, 10));
  const menu = await setUp('POST', `/catering/canteens/${canteen.id}/menus`, operator, { kind: 'weekly', startsOn: canteen.dates[0], days: canteen.dates.map((date) => ({ date, period: 'lunch', dishIds: [canteen.dishId] })) }, 201);
  await setUp('POST', `/catering/menus/${String(menu['id'])}/submit`, operator, {}, 200);
  await setUp('POST', `/catering/menus/${String(menu['id'])}/approve`, manager, { note: '荤素搭配合理' }, 200);
}

/** Letters our consumer groups sent to the dead-letter topics of the topics this run published to. */
async function deadLetters(topics: string[]): Promise<Array<{ topic: string; group: string; reason: string }>> {
  const dlqClient = new Kafka({ clientId: `fault-dlq-${run}`, brokers: kafka.brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = dlqClient.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const dlqTopics = topics.map((topic) => `${topic}${DLQ_SUFFIX}`).filter((topic) => existing.has(topic));
  const groups = new Set([...SERVICES, 'gateway'].map((service) => `${service}-fault-${run}`));
  const letters: Array<{ topic: string; group: string; reason: string }> = [];
  try {
    const ends = new Map<string, number>();
    for (const topic of dlqTopics) for (const partition of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${partition.partition}`, Number(partition.high));
    const pending = [...ends.entries()].filter(([, high]) => high > 0);
    if (pending.length === 0) return letters;
    const reached = new Map<string, number>();
    const reader = dlqClient.consumer({ groupId: `fault-dlq-reader-${run}` });
    await reader.connect();
    try {
      await reader.subscribe({ topics: dlqTopics, fromBeginning: true });
      await reader.run({
        eachMessage: async ({ topic, partition, message }) => {
          reached.set(`${topic}/${partition}`, Number(message.offset) + 1);
          const group = message.headers?.[DLQ_HEADERS.consumerGroup]?.toString() ?? '';
          // Only this run's groups: other runs (a benchmark, say) read the same topics with theirs.
          if (groups.has(group)) letters.push({ topic, group, reason: message.headers?.[DLQ_HEADERS.reason]?.toString() ?? '' });
        },
      });
      await waitFor(() => pending.every(([key, high]) => (reached.get(key) ?? 0) >= high), { timeoutMs: 60_000, description: 'the dead-letter topics read to their end' });
    } finally {
      await reader.disconnect();
    }
  } finally {
    await admin.disconnect();
  }
  return letters;
}

beforeAll(async () => {
  redis = new OwnRedis(await freePort());
  kafka = new OwnKafka(await freePort(), await freePort(), `kafka-${run}`);
  kafka.reset();
  await Promise.all([redis.start(), kafka.start()]);
  for (const name of [...SERVICES, 'gateway'] as const) databases[name] = await createTestDatabase(`fault_${name}`);
  for (const name of [...SERVICES, 'gateway', 'evaluationReplica'] as const) ports[name] = await freePort();
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      try {
        const id = (JSON.parse(body) as { id?: string }).id;
        if (id) delivered.set(id, (delivered.get(id) ?? 0) + 1);
      } finally {
        response.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  for (const name of [...SERVICES, 'gateway'] as const) launch(name, name);
  await Promise.all(Object.values(live).map((child) => child.waitUntilReady(90_000)));
  const address = receiver.address() as { port: number };
  await publishMaintenanceContract({ brokers: kafka.brokers, agencyId, vendorId, building: BUILDING, signedBy: agencyAdmin.userId });
  await waitFor(async () => (JSON.parse((await viaGateway('GET', '/maintenance/vendor-contracts', manager)).text) as unknown[]).length === 1, { timeoutMs: 30_000, description: "the vendor's contract in maintenance" });
  await openCanteen();
  for (let index = 0; index < STEWARDED_VENDORS; index += 1) {
    const first17 = `91110000${String(700_000_000 + index)}`;
    const registered = await viaGateway('POST', '/procurement/vendors', manager, { name: `故障演练物业公司 ${index + 1}`, unifiedSocialCreditCode: `${first17}${creditCodeCheckCharacter(first17)}`, categories: ['maintenance'], contact: { name: '联系人', phone: '13901010002' } }, randomUUID());
    if (registered.status !== 201) throw new Error(`registering a vendor answered ${registered.status}: ${registered.text}`);
    stewarded.push((JSON.parse(registered.text) as { id: string }).id);
  }
  const subscribed = await viaGateway('POST', '/webhooks', agencyAdmin, { url: `http://127.0.0.1:${address.port}/houqin`, eventTypes: WEBHOOK_TYPES, description: 'fault suite integrator' });
  if (subscribed.status !== 201) throw new Error(`webhook subscription answered ${subscribed.status}: ${subscribed.text}`);
}, 240_000);

afterAll(async () => {
  await Promise.all(everyProcess.map((child) => child.stop()));
  await Promise.all(Object.values(databases).map((database) => database.drop()));
  await new Promise((resolve) => receiver?.close(resolve));
  await redis?.stop();
  await kafka?.stop();
  kafka?.reset();
}, 60_000);

it('loses nothing and duplicates nothing while every service, the gateway, Redis and the Kafka broker are SIGKILLed and restarted, and a replica joins and dies, under load', async () => {
  const plan = schedule(prng(SEED));
  const loadStartedAt = Date.now();
  let faultsDone = false;
  const stop = () => faultsDone && started >= COMMANDS;
  const injecting = injectFaults(plan).finally(() => (faultsDone = true));
  // A failed injection stops the load too; its error is thrown below.
  const stopLoad = () => stop() || unexpected.length > 0 || (faultsDone && faults.length < plan.length);
  await Promise.all([injecting.catch(() => undefined), surveyor(stopLoad), steward(stopLoad), ...Array.from({ length: CLIENTS }, (_, index) => client(index, stopLoad))]);
  const injectionFailed = await injecting.then(
    () => undefined,
    (error: Error) => error,
  );
  if (injectionFailed) {
    throw new Error(
      `${injectionFailed.message}; faults ${JSON.stringify(faults)}; refused attempts ${JSON.stringify(Object.fromEntries(refusals))}; unexpected answers: ${JSON.stringify(unexpected)}\n--- maintenance ---\n${live.maintenance.output().slice(-3000)}\n--- gateway ---\n${live.gateway.output().slice(-2000)}`,
    );
  }
  const loadMs = Date.now() - loadStartedAt;

  // Settled: every commanded service has published its events, and evaluation has recorded every
  // one the audit trail records.
  const settleStartedAt = Date.now();
  const unpublishedRows = async () => {
    let total = 0;
    for (const service of COMMANDED) total += (await databases[service].query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`))[0]!.n;
    return total;
  };
  await waitFor(async () => (await unpublishedRows()) === 0, { timeoutMs: 60_000, description: 'the outbox backlogs to reach 0' });
  const published: Array<{ event_id: string; event_type: string; topic: string; subject: string }> = [];
  for (const service of COMMANDED) published.push(...(await databases[service].query<{ event_id: string; event_type: string; topic: string; subject: string }>(`SELECT event_id::text, event_type, topic, envelope->>'subject' AS subject FROM outbox_event`)));
  const audited = new Set(published.filter((event) => AUDITED_EVENT_TYPES.includes(event.event_type)).map((event) => event.event_id));
  await waitFor(
    async () => {
      const recorded = (await databases.evaluation.query<{ n: number }>(`SELECT count(DISTINCT event_id)::int AS n FROM audit_entry WHERE event_id = ANY($1::uuid[])`, [[...audited]]))[0]!.n;
      if (recorded !== audited.size) throw new Error(`${recorded} recorded so far`);
      return true;
    },
    { timeoutMs: 90_000, intervalMs: 250, description: `evaluation to record the ${audited.size} audited events` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- evaluation ---\n${live.evaluation.output().slice(-3000)}`);
  });
  // Every event of the subscribed types has reached the integrator (the gateway retries after a kill).
  const expectedDeliveries = published.filter((event) => WEBHOOK_TYPES.includes(event.event_type));
  await waitFor(
    () => {
      const missing = expectedDeliveries.filter((event) => !delivered.has(event.event_id)).length;
      if (missing > 0) throw new Error(`${missing} not delivered so far`);
      return true;
    },
    { timeoutMs: 90_000, intervalMs: 250, description: `the ${expectedDeliveries.length} subscribed events delivered to the webhook` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- gateway ---\n${live.gateway.output().slice(-3000)}`);
  });
  // Every verified work order has had its survey issued by evaluation.
  const verifiedOrders = async () => (await databases.maintenance.query<{ id: string }>(`SELECT id::text FROM work_order WHERE agency_id = $1 AND verified_at IS NOT NULL`, [agencyId])).map((row) => row.id);
  const surveysOf = async (ids: string[]) => (await databases.evaluation.query<{ n: number }>(`SELECT count(DISTINCT instance_id)::int AS n FROM survey WHERE agency_id = $1 AND service_type = 'maintenance' AND instance_id = ANY($2)`, [agencyId, ids]))[0]!.n;
  await waitFor(
    async () => {
      const verified = await verifiedOrders();
      const issued = await surveysOf(verified);
      if (issued !== verified.length) throw new Error(`${issued} of ${verified.length} issued so far`);
      return true;
    },
    { timeoutMs: 60_000, intervalMs: 250, description: 'a survey for every verified work order' },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- evaluation ---\n${live.evaluation.output().slice(-3000)}`);
  });
  // Each projection of the stewarded vendors' standing (maintenance's, catering's, transport's: each
  // bars a suspended vendor from its new work) has caught up with procurement.
  const standings = async () => {
    const inProcurement = await databases.procurement.query<{ id: string; status: string }>(`SELECT id::text, status FROM vendor WHERE id = ANY($1::uuid[])`, [stewarded]);
    const projected = async (service: ProjectingStanding) =>
      databases[service].query<{ vendor_id: string; status: string }>(`SELECT vendor_id::text, status FROM ${service}_vendor_standing WHERE agency_id = $1`, [agencyId]);
    const projections = Object.fromEntries(await Promise.all(PROJECTING_STANDING.map(async (service) => [service, await projected(service)] as const)));
    return stewarded.map((id) => ({
      id,
      procurement: inProcurement.find((row) => row.id === id)?.status,
      ...(Object.fromEntries(PROJECTING_STANDING.map((service) => [service, projections[service]!.find((row) => row.vendor_id === id)?.status ?? 'active'])) as Record<ProjectingStanding, string>),
    }));
  };
  const projectedOtherwise = (vendor: Awaited<ReturnType<typeof standings>>[number]) => PROJECTING_STANDING.filter((service) => vendor[service] !== vendor.procurement);
  await waitFor(async () => (await standings()).every((vendor) => projectedOtherwise(vendor).length === 0), { timeoutMs: 30_000, intervalMs: 250, description: "the projections of the vendors' standing" }).catch(() => undefined);
  const settleMs = Date.now() - settleStartedAt;

  // The reconciler. Each command kind: the rows its service holds under the command's tag.
  type Row = { id: string; tag: string; status: string; reason: string | null };
  const rowsOf = {
    report: await databases.maintenance.query<Row>(`SELECT id, description AS tag, status, cancellation_reason AS reason FROM repair_request WHERE agency_id = $1`, [agencyId]),
    trip: await databases.transport.query<Row>(`SELECT id, purpose AS tag, status, cancellation_reason AS reason FROM trip WHERE agency_id = $1`, [agencyId]),
    requisition: await databases.procurement.query<Row>(`SELECT id, title AS tag, status, NULL AS reason FROM requisition WHERE agency_id = $1`, [agencyId]),
  };
  type WorkOrderRow = { id: string; repair_request_id: string; resolution_note: string | null } & Record<(typeof STEPS)[Step], Date | null>;
  const workOrders = await databases.maintenance.query<WorkOrderRow>(
    `SELECT id::text, repair_request_id::text, resolution_note, ${Object.values(STEPS).join(', ')} FROM work_order WHERE agency_id = $1`,
    [agencyId],
  );
  const accounts = await databases.catering.query<{ staff_id: string }>(`SELECT staff_id FROM meal_account WHERE agency_id = $1`, [agencyId]);
  const topUps = await databases.catering.query<{ staff_id: string; idempotency_key: string; amount_fen: number }>(`SELECT staff_id, idempotency_key, amount_fen FROM meal_account_entry WHERE agency_id = $1 AND kind = 'top-up'`, [agencyId]);
  const meals = await databases.catering.query<{ id: string; diner_id: string; service_date: string; status: string; amount_fen: number }>(
    `SELECT id::text, diner_id, to_char(service_date, 'YYYY-MM-DD') AS service_date, status, amount_fen FROM reservation WHERE agency_id = $1`,
    [agencyId],
  );
  const surveys = await databases.evaluation.query<{ id: string; instance_id: string; status: string; answers: number }>(
    `SELECT s.id::text, s.instance_id, s.status, (SELECT count(*)::int FROM survey_answer a WHERE a.survey_id = s.id) AS answers FROM survey s WHERE s.agency_id = $1`,
    [agencyId],
  );
  const entries = await databases.evaluation.query<{ event_id: string; event_type: string; subject: string }>(`SELECT event_id::text, event_type, subject FROM audit_entry WHERE agency_id = $1`, [agencyId]);
  const auditCount = new Map<string, number>();
  for (const entry of entries) auditCount.set(entry.event_id, (auditCount.get(entry.event_id) ?? 0) + 1);
  const lost: string[] = [];
  const duplicated: string[] = [];
  let appliedWithoutAnswer = 0;
  /** A command that changes what exists: accepted, it must have taken effect; not accepted, it may have (counted). */
  const check = (command: Command, applied: boolean, found: string) => {
    if (command.accepted && !applied) lost.push(`${command.tag}: answered 2xx, ${found}`);
    if (!command.accepted && applied) appliedWithoutAnswer += 1;
  };
  for (const command of commands) {
    switch (command.kind) {
      case 'report':
      case 'trip':
      case 'requisition': {
        const found = rowsOf[command.kind].filter((row) => row.tag === command.tag);
        if (found.length > 1) duplicated.push(`${command.tag}: ${found.length} rows`);
        check(command, command.accepted ? found.some((row) => row.id === command.id) : found.length === 1, `answered ${command.id}, not in its service`);
        break;
      }
      case 'cancel':
      case 'trip-cancel': {
        const target = rowsOf[command.kind === 'cancel' ? 'report' : 'trip'].find((row) => row.id === command.target);
        check(command, target?.status === 'cancelled' && target.reason === command.tag, `${command.target} is ${target?.status}`);
        break;
      }
      case 'triage': {
        const found = workOrders.filter((order) => order.repair_request_id === command.target);
        if (found.length > 1) duplicated.push(`${command.tag}: ${found.length} work orders for ${command.target}`);
        check(command, command.accepted ? found.some((order) => order.id === command.id) : found.length === 1, `no work order ${command.id} for ${command.target}`);
        break;
      }
      case 'accept':
      case 'start':
      case 'complete':
      case 'verify': {
        const order = workOrders.find((candidate) => candidate.id === command.target);
        const applied = Boolean(order?.[STEPS[command.kind]]) && (command.kind !== 'complete' || order?.resolution_note === command.tag);
        check(command, applied, `work order ${command.target} has no ${STEPS[command.kind]}`);
        break;
      }
      case 'suspend':
      case 'reinstate':
        // Checked against procurement's published events below.
        break;
      case 'open-account':
        check(command, accounts.some((account) => account.staff_id === command.diner), `no meal account for ${command.diner}`);
        break;
      case 'top-up': {
        const entries = topUps.filter((entry) => entry.idempotency_key === command.key);
        check(command, entries.length === 1 && entries[0]!.staff_id === command.diner && entries[0]!.amount_fen === TOP_UP_FEN, `${entries.length} top-ups of ${command.diner} under its key`);
        break;
      }
      case 'book': {
        const found = meals.filter((meal) => meal.diner_id === command.diner && meal.service_date === command.date);
        if (found.length > 1) duplicated.push(`${command.tag}: ${found.length} lunches of ${command.diner} on ${command.date}`);
        check(command, command.accepted ? found.some((meal) => meal.id === command.id && meal.amount_fen === LUNCH_FEN) : found.length === 1, `no lunch ${command.id} of ${command.diner} on ${command.date}`);
        break;
      }
      case 'unbook': {
        const meal = meals.find((candidate) => candidate.id === command.target);
        check(command, meal?.status === 'cancelled', `lunch ${command.target} is ${meal?.status}`);
        break;
      }
      case 'answer': {
        const survey = surveys.find((candidate) => candidate.id === command.target);
        if ((survey?.answers ?? 0) > 1) duplicated.push(`${command.tag}: ${survey?.answers} answers`);
        check(command, survey?.status === 'answered' && survey.answers === 1, `survey ${command.target} is ${survey?.status}`);
        break;
      }
    }
  }
  // The stewarded vendors: each accepted suspension or reinstatement published once with its reason,
  // and maintenance's projection of their standing what procurement holds.
  const standingEvents = await databases.procurement.query<{ event_type: string; reason: string }>(`SELECT event_type, envelope->'data'->>'reason' AS reason FROM outbox_event WHERE event_type IN ($1, $2)`, [VendorSuspended.type, VendorReinstated.type]);
  for (const command of commands.filter((candidate) => candidate.kind === 'suspend' || candidate.kind === 'reinstate')) {
    const times = standingEvents.filter((event) => event.reason === command.tag && event.event_type === (command.kind === 'suspend' ? VendorSuspended.type : VendorReinstated.type)).length;
    if (times > 1) duplicated.push(`${command.tag}: published ${times} times`);
    check(command, times === 1, `no ${command.kind} of ${command.target} published`);
  }
  const finalStandings = await standings();
  for (const vendor of finalStandings) for (const service of projectedOtherwise(vendor)) lost.push(`vendor ${vendor.id}: ${vendor.procurement} in procurement, ${vendor[service]} in ${service}'s projection`);
  // The canteen's books: no lunch but those booked, no top-up but those sent (each under its own key, once).
  const bookCommands = commands.filter((command) => command.kind === 'book');
  const bookedAtAll = bookCommands.filter((command) => command.accepted || meals.some((meal) => meal.diner_id === command.diner && meal.service_date === command.date)).length;
  if (meals.length > bookedAtAll) duplicated.push(`catering: ${meals.length} lunches for ${bookedAtAll} bookings`);
  const topUpKeys = new Set(commands.filter((command) => command.kind === 'top-up').map((command) => command.key));
  const strayTopUps = topUps.filter((entry) => !topUpKeys.has(entry.idempotency_key)).length;
  if (strayTopUps > 0) duplicated.push(`catering: ${strayTopUps} top-ups under no key of the run`);
  // evaluation's projection of the work: one survey per verified work order, none for others.
  const verified = workOrders.filter((order) => order.verified_at !== null);
  for (const order of verified) {
    const issued = surveys.filter((survey) => survey.instance_id === order.id).length;
    if (issued === 0) lost.push(`work order ${order.id}: verified, no survey`);
    if (issued > 1) duplicated.push(`work order ${order.id}: ${issued} surveys`);
  }
  const unknownSurveys = surveys.filter((survey) => !verified.some((order) => order.id === survey.instance_id)).length;
  // evaluation's KPIs of the vendor: each verified work order counted once, and the values folded
  // event by event under the faults exactly what a replay of the audit trail gives.
  const period = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  const kpiAnswer = await viaGateway('GET', `/evaluation/kpis/values?period=${period}&serviceType=maintenance&party=${vendorId}`, manager);
  const kpis = kpiAnswer.status === 200 ? ((JSON.parse(kpiAnswer.text) as Array<{ kpis: Array<{ code: string; sampleSize: number }> }>)[0]?.kpis ?? []) : [];
  const firstTimeFix = kpis.find((kpi) => kpi.code === 'maintenance.first-time-fix')?.sampleSize ?? 0;
  const verifiedInPeriod = verified.filter((order) => new Date(order.verified_at!.getTime() + 8 * 3_600_000).toISOString().slice(0, 7) === period).length;
  if (firstTimeFix < verifiedInPeriod) lost.push(`KPIs: ${firstTimeFix} of ${verifiedInPeriod} verified work orders counted`);
  if (firstTimeFix > verifiedInPeriod) duplicated.push(`KPIs: ${firstTimeFix} counted for ${verifiedInPeriod} verified work orders`);
  const recomputation = await viaGateway('POST', '/evaluation/kpis/recomputations', manager, { period }, randomUUID());
  const kpisReplayed = recomputation.status === 200 || recomputation.status === 201 ? (JSON.parse(recomputation.text) as { identical: boolean; differences: unknown[] }) : { identical: false, differences: [recomputation.text.slice(0, 300)] };
  // Every event published that the audit trail records is in it once; nothing else is in it twice.
  for (const event of published) {
    const times = auditCount.get(event.event_id) ?? 0;
    if (AUDITED_EVENT_TYPES.includes(event.event_type) && times === 0) lost.push(`${event.event_type} ${event.event_id} (${event.subject}): not in the audit trail`);
    if (times > 1) duplicated.push(`${event.event_type} ${event.event_id}: ${times} audit entries`);
  }
  const eventIds = entries.map((entry) => entry.event_id);
  if (new Set(eventIds).size !== eventIds.length) duplicated.push(`audit trail: ${eventIds.length - new Set(eventIds).size} event ids recorded twice`);
  // One event of each kind per aggregate: a command applied twice under one key would show here.
  const perSubject = new Map<string, number>();
  for (const event of published) perSubject.set(`${event.event_type} ${event.subject}`, (perSubject.get(`${event.event_type} ${event.subject}`) ?? 0) + 1);
  for (const [key, times] of perSubject) if (times > 1 && [REPORTED, CANCELLED, ...ONCE_PER_WORK_ORDER].some((type) => key.startsWith(`${type} `))) duplicated.push(`${key}: published ${times} times`);
  const unpublished = await unpublishedRows();
  const redeliveries = [...delivered.values()].reduce((sum, times) => sum + times - 1, 0);
  const unknownDeliveries = [...delivered.keys()].filter((id) => !published.some((event) => event.event_id === id)).length;
  const letters = await deadLetters([...new Set(published.map((event) => event.topic))]);
  const verification = await viaGateway('GET', '/evaluation/audit-trail/verification', manager);

  const accepted = commands.filter((command) => command.accepted).length;
  const report = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    date: new Date().toISOString(),
    seed: SEED,
    loadMs,
    settleMs,
    faults: faults.map(({ kind, atCommand, readyAfterMs, recoveredAfterMs, terminatedBackends }) => ({ kind, atCommand, readyAfterMs, recoveredAfterMs, terminatedBackends })),
    commands: { sent: commands.length, byKind: Object.fromEntries((['report', 'cancel', 'triage', 'accept', 'start', 'complete', 'verify', 'answer', 'suspend', 'reinstate', 'open-account', 'top-up', 'book', 'unbook', 'trip', 'trip-cancel', 'requisition'] as const).map((kind) => [kind, commands.filter((command) => command.kind === kind).length])), accepted, refused: commands.length - accepted, appliedWithoutAnswer, lost: lost.length, duplicated: duplicated.length },
    refusedAttempts: Object.fromEntries(refusals),
    appliedAnswersLost,
    unexpected,
    unpublishedOutboxRows: unpublished,
    webhooks: { expected: expectedDeliveries.length, delivered: expectedDeliveries.filter((event) => delivered.has(event.event_id)).length, redeliveries, unknownDeliveries },
    canteen: { diners, lunches: meals.length, cancelled: meals.filter((meal) => meal.status === 'cancelled').length, topUps: topUps.length },
    stewardship: { suspensions: commands.filter((command) => command.kind === 'suspend' && command.accepted).length, reinstatements: commands.filter((command) => command.kind === 'reinstate' && command.accepted).length, standings: finalStandings.map((vendor) => vendor.procurement) },
    workOrders: { verified: verified.length, surveys: surveys.length, answered: surveys.filter((survey) => survey.status === 'answered').length, unknownSurveys },
    kpis: { period, firstTimeFixSample: firstTimeFix, verifiedInPeriod, replayIdentical: kpisReplayed.identical, differences: kpisReplayed.differences.length },
    deadLetters: letters.length,
    auditChain: verification.status === 200 ? (JSON.parse(verification.text) as { intact: boolean }).intact : `answered ${verification.status}`,
  };
  mkdirSync(path.join(__dirname, '../../.cache/fault'), { recursive: true });
  writeFileSync(path.join(__dirname, '../../.cache/fault/last-run.json'), `${JSON.stringify({ ...report, lostCommands: lost, duplicatedCommands: duplicated }, null, 2)}\n`);
  console.log(
    [
      `fault run ${report.date} — seed ${SEED} — ${report.machine}`,
      'fault                           at command  ready after  first 2xx after',
      ...report.faults.map((fault) => `${fault.kind.padEnd(32)}${String(fault.atCommand).padStart(10)}${(fault.readyAfterMs === undefined ? '—' : `${fault.readyAfterMs} ms`).padStart(13)}${`${fault.recoveredAfterMs} ms`.padStart(17)}`),
      `commands sent ${report.commands.sent} ${JSON.stringify(report.commands.byKind)} · audited events ${audited.size} · accepted ${accepted} · refused ${report.commands.refused} (applied without an answer ${appliedWithoutAnswer}) · lost ${lost.length} · duplicated ${duplicated.length}`,
      `answered as applied (first answer not kept) ${appliedAnswersLost} · refused attempts ${JSON.stringify(report.refusedAttempts)} · unexpected answers ${unexpected.length} · unpublished outbox rows ${unpublished} · dead letters ${letters.length} · audit chain intact ${String(report.auditChain)}`,
      `canteen: ${diners} diners, ${report.canteen.topUps} top-ups, ${meals.length} lunches booked (${report.canteen.cancelled} cancelled)`,
      `vendors suspended ${report.stewardship.suspensions} and reinstated ${report.stewardship.reinstatements} times, standing at the end ${JSON.stringify(report.stewardship.standings)}, projected otherwise ${JSON.stringify(Object.fromEntries(PROJECTING_STANDING.map((service) => [service, finalStandings.filter((vendor) => vendor[service] !== vendor.procurement).length])))}`,
      `work orders verified ${verified.length} · surveys issued ${surveys.length} (for no verified work order: ${unknownSurveys}), answered ${report.workOrders.answered} · KPIs ${period}: ${firstTimeFix} work orders counted for ${verifiedInPeriod} verified, replay of the audit trail identical ${String(kpisReplayed.identical)}`,
      `webhooks: ${report.webhooks.delivered} of ${report.webhooks.expected} subscribed events delivered (${redeliveries} delivered again, at least once being the contract) · load ${loadMs} ms, settled in ${settleMs} ms`,
    ].join('\n'),
  );

  expect(unexpected).toEqual([]);
  expect(faults.map((fault) => fault.kind).sort()).toEqual([...FAULT_KINDS].sort());
  expect(lost).toEqual([]);
  expect(duplicated).toEqual([]);
  expect(unpublished).toBe(0);
  expect({ delivered: report.webhooks.delivered, unknown: unknownDeliveries }).toEqual({ delivered: expectedDeliveries.length, unknown: 0 });
  expect(letters).toEqual([]);
  expect(report.auditChain).toBe(true);
  expect(unknownSurveys).toBe(0);
  expect(kpisReplayed).toMatchObject({ identical: true, differences: [] });
  // The load reached its work orders' last step and its surveys' answers (a run that did not shows nothing of them).
  expect({ verified: verified.length > 0, answered: report.workOrders.answered > 0, suspended: report.stewardship.suspensions > 0, lunches: meals.length > 0 }).toEqual({ verified: true, answered: true, suspended: true, lunches: true });
  // Every accepted command is a row, and nothing but the commands of this run is.
  for (const kind of ['report', 'trip', 'requisition'] as const) {
    const ofKind = commands.filter((command) => command.kind === kind);
    const appliedUnanswered = ofKind.filter((command) => !command.accepted && rowsOf[kind].some((row) => row.tag === command.tag)).length;
    expect({ kind, rows: rowsOf[kind].length }).toEqual({ kind, rows: ofKind.filter((command) => command.accepted).length + appliedUnanswered });
  }
  const triages = commands.filter((command) => command.kind === 'triage');
  expect(workOrders.length).toBe(triages.filter((command) => command.accepted).length + triages.filter((command) => !command.accepted && workOrders.some((order) => order.repair_request_id === command.target)).length);
}, 300_000);
