import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InternalTokenIssuer } from '@houqin/auth';
import { Caller } from '@houqin/observability';
import { OwnKafka, ServiceProcess, TEST_INTERNAL_TOKEN_SECRET, TEST_REDIS_URL, TestDatabase, createTestDatabase, freePort, startServiceProcess, uniqueSuffix, waitFor } from '@houqin/testing';
import { publishMaintenanceContract } from './fault-fixture';

/**
 * A service's clock jumping forward (issue 19): maintenance runs under libfaketime, its wall clock
 * read from a file of this test (the monotonic clock untouched, as after an NTP step), evaluation and
 * PostgreSQL on the real time. Under a steady trickle of repair requests triaged to a contracted
 * vendor, work orders whose SLA clocks fall due in 1 to 3 hours are started; maintenance's clock then
 * jumps 5 hours ahead, and later back. Each clock that was due breaches exactly once (maintenance's
 * outbox, evaluation's audit trail and its violations), none that was not due breaches, every command
 * is answered 2xx, no process exits, the outbox drains, and after the step back (kafkajs times its
 * heartbeats by the wall clock, so the group drops maintenance's member) its consumer joins again,
 * consumes and answers its probes.
 *
 * Reported, not required (known, outside the SLA code; docs/reliability.md): a gateway's 60 s token is
 * expired for the jumped service (401), and the broker refuses its publishes while its clock is more
 * than an hour ahead (Kafka's log.message.timestamp.after.max.ms): the outbox holds them until the
 * step back.
 */
const FAKETIME_LIBRARY = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const JUMP = '+5h';
const BREACHED = 'houqin.maintenance.sla.breached.v1';
const AT_RISK = 'houqin.maintenance.sla.at-risk.v1';
/** Commands of the trickle wanted in each phase: before, during and after the jump. */
const COMMANDS_PER_PHASE = 20;
const PACE_MS = 40;
/** maintenance's consumer session; the run stays clear of the step back longer than that. */
const SESSION_TIMEOUT_MS = 6_000;
/** The jump lasts at least this long (several heartbeats and sweeps). */
const JUMP_MS = 3_000;

const run = uniqueSuffix();
const agencyId = `agency-clock-${run}`;
const vendorId = randomUUID();
const staff: Caller = { agencyId, userId: 'staff-clock', roles: ['staff'] };
const manager: Caller = { agencyId, userId: 'manager-clock', roles: ['staff', 'logistics-manager'] };
const vendor: Caller = { agencyId, userId: 'vendor-clock', roles: ['vendor'], vendorId };
/**
 * The caller's tokens as a gateway would forward them, but long-lived: maintenance verifies expiry
 * by its own clock, and a gateway's 60 s token is expired there once that clock jumped (probed below).
 */
const tokens = new InternalTokenIssuer(TEST_INTERNAL_TOKEN_SECRET, 12 * 3600);
const gatewayTokens = new InternalTokenIssuer(TEST_INTERNAL_TOKEN_SECRET, 60);
const clockFile = path.join(__dirname, '../../.cache/fault', `clock-${run}`);

let kafka: OwnKafka;
const databases = {} as Record<'maintenance' | 'evaluation', TestDatabase>;
const live = {} as Record<'maintenance' | 'evaluation', ServiceProcess>;

type Phase = 'before' | 'during' | 'after';
let phase: Phase = 'before';
const answers: Record<Phase, { accepted: number; other: Array<{ command: string; status: number; body: string }> }> = {
  before: { accepted: 0, other: [] },
  during: { accepted: 0, other: [] },
  after: { accepted: 0, other: [] },
};
const trickleOrders: string[] = [];

async function call(caller: Caller, method: string, route: string, body?: unknown, issuer = tokens): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${live.maintenance.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${issuer.issue(caller)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** A command counted in the current phase: 2xx accepted, anything else recorded. */
async function command(name: string, caller: Caller, route: string, body: unknown): Promise<Record<string, unknown> | undefined> {
  const at = phase;
  const answer = await call(caller, 'POST', route, body).catch((error: Error) => ({ status: 0, body: { error: error.message } as Record<string, unknown> }));
  if (answer.status >= 200 && answer.status < 300) {
    answers[at].accepted += 1;
    return answer.body;
  }
  answers[at].other.push({ command: name, status: answer.status, body: JSON.stringify(answer.body).slice(0, 300) });
  return undefined;
}

/** A repair request reported and triaged to the vendor: two SLA clocks started (reported at maintenance's now). */
async function workOrder(priority: 'urgent' | 'high' | 'normal', description: string): Promise<string | undefined> {
  const request = await command('report', staff, '/repair-requests', { location: { building: 'Clock Tower', room: '1' }, description, priority });
  if (!request) return undefined;
  const order = await command('triage', manager, `/repair-requests/${String(request['id'])}/triage`, { category: 'hvac', autoAssign: true });
  return order ? String(order['id']) : undefined;
}

async function trickle(stop: () => boolean): Promise<void> {
  for (let index = 0; !stop(); index += 1) {
    const id = await workOrder('normal', `clock ${run} trickle ${index}`);
    if (id) trickleOrders.push(id);
    await new Promise((resolve) => setTimeout(resolve, PACE_MS));
  }
}

/** maintenance's wall clock: "+0" the real time, "+5h" five hours ahead (read again on every call). */
function setClock(offset: string): void {
  writeFileSync(clockFile, `${offset}\n`);
}

async function unpublishedRows(): Promise<number> {
  return (await databases.maintenance.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`))[0]!.n;
}

function alive(child: ServiceProcess): boolean {
  return child.process.exitCode === null && child.process.signalCode === null;
}

/** A vendor's maintenance contract, as procurement publishes it: urgent and high work falls due within hours, normal work in a day. */
async function signContract(contractedVendor: string): Promise<void> {
  await publishMaintenanceContract({ brokers: kafka.brokers, agencyId, vendorId: contractedVendor, building: 'Clock Tower', signedBy: 'admin-clock' });
}

async function contractsKnown(): Promise<number> {
  return ((await call(manager, 'GET', '/vendor-contracts')).body as unknown as unknown[]).length;
}

/** maintenance's probes: liveness fails only on what it cannot recover from by itself (a crashed consumer). */
async function probe(kind: 'live' | 'ready'): Promise<{ status: number; consumer: unknown }> {
  const response = await fetch(`${live.maintenance.url}/health/${kind}`);
  const body = (await response.json()) as { details?: { consumer?: unknown }; info?: { consumer?: unknown }; error?: { consumer?: unknown } };
  return { status: response.status, consumer: body.details?.consumer ?? body.info?.consumer ?? body.error?.consumer };
}

beforeAll(async () => {
  if (!existsSync(FAKETIME_LIBRARY)) throw new Error(`${FAKETIME_LIBRARY} is missing: install the faketime package (apt-get install faketime)`);
  mkdirSync(path.dirname(clockFile), { recursive: true });
  setClock('+0');
  kafka = new OwnKafka(await freePort(), await freePort(), `kafka-clock-${run}`);
  kafka.reset();
  const [maintenanceDb, evaluationDb] = await Promise.all([createTestDatabase('clock_maintenance'), createTestDatabase('clock_evaluation'), kafka.start()]);
  databases.maintenance = maintenanceDb;
  databases.evaluation = evaluationDb;
  const common = (service: string, database: TestDatabase) => ({
    INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
    KAFKA_BROKERS: kafka.brokers,
    KAFKA_CONSUMER_GROUP: `${service}-clock-${run}`,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    LOG_LEVEL: 'error',
    OUTBOX_POLL_INTERVAL_MS: '100',
  });
  live.maintenance = startServiceProcess({
    app: 'maintenance',
    port: await freePort(),
    label: 'maintenance (its clock jumps)',
    env: {
      ...common('maintenance', databases.maintenance),
      SLA_SWEEP_INTERVAL_MS: '200',
      // The broker's shortest session: a consumer that stops heartbeating is dropped within the run.
      KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
      LOG_LEVEL: 'warn',
      LD_PRELOAD: FAKETIME_LIBRARY,
      FAKETIME_TIMESTAMP_FILE: clockFile,
      FAKETIME_NO_CACHE: '1',
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
    },
  });
  live.evaluation = startServiceProcess({ app: 'evaluation', port: await freePort(), label: 'evaluation', env: common('evaluation', databases.evaluation) });
  await Promise.all(Object.values(live).map((child) => child.waitUntilReady(90_000)));

  await signContract(vendorId);
  await waitFor(async () => (await contractsKnown()) === 1, { timeoutMs: 30_000, description: "the vendor's contract in maintenance" });
}, 180_000);

afterAll(async () => {
  await Promise.all(Object.values(live).map((child) => child.stop()));
  await Promise.all(Object.values(databases).map((database) => database.drop()));
  await kafka?.stop();
  kafka?.reset();
  rmSync(clockFile, { force: true });
  rmSync(path.join(path.dirname(clockFile), `kafka-clock-${run}`), { recursive: true, force: true });
}, 60_000);

it('breaches each SLA clock that was due exactly once when maintenance\'s clock jumps 5 hours ahead and back, and keeps answering', async () => {
  let stopped = false;
  const trickling = trickle(() => stopped);
  const startedAt = Date.now();

  // Before the jump: urgent and high work orders (due within 1 to 3 hours), normal ones (a day).
  const due: string[] = [];
  const notDue: string[] = [];
  for (let index = 0; index < 6; index += 1) {
    const id = await workOrder(index % 2 === 0 ? 'urgent' : 'high', `clock ${run} due ${index}`);
    if (id) due.push(id);
    const later = await workOrder('normal', `clock ${run} not due ${index}`);
    if (later) notDue.push(later);
  }
  await waitFor(() => answers.before.accepted >= 24 + COMMANDS_PER_PHASE, { timeoutMs: 30_000, intervalMs: 20, description: 'commands before the jump' });
  const breachedBefore = await databases.maintenance.query<{ n: number }>(`SELECT count(*)::int AS n FROM sla_clock WHERE breach_fired_at IS NOT NULL`);
  expect(breachedBefore[0]!.n).toBe(0);

  // The jump: maintenance's wall clock 5 hours ahead, PostgreSQL's and evaluation's not.
  phase = 'during';
  setClock(JUMP);
  const jumpedAt = Date.now();
  // The vendor accepts half of the due work orders late: their response clocks stop breached, racing the sweep.
  for (const id of due.slice(0, 3)) await command('accept', vendor, `/work-orders/${id}/accept`, {});
  const gatewayTokenDuringJump = (await call(staff, 'GET', '/repair-requests', undefined, gatewayTokens)).status;
  const allBreached = await waitFor(
    async () => (await databases.maintenance.query<{ n: number }>(`SELECT count(*)::int AS n FROM sla_clock WHERE work_order_id = ANY($1) AND breach_fired_at IS NOT NULL`, [due]))[0]!.n === due.length * 2,
    { timeoutMs: 15_000, intervalMs: 100, description: 'every due clock to breach' },
  ).then(
    () => undefined,
    (error: Error) => error,
  );
  const breachedAfterMs = Date.now() - jumpedAt;
  await waitFor(() => answers.during.accepted >= COMMANDS_PER_PHASE && Date.now() - jumpedAt >= JUMP_MS, { timeoutMs: 30_000, intervalMs: 20, description: 'commands during the jump' });
  const liveDuringJump = await probe('live');
  const unpublishedAtStepBack = await unpublishedRows();

  // Stepped back: the real time again, for longer than a consumer session (a consumer that stopped
  // heartbeating would be dropped from its group by then).
  phase = 'after';
  setClock('+0');
  const steppedBackAt = Date.now();
  const drained = waitFor(async () => (await unpublishedRows()) === 0, { timeoutMs: 40_000, intervalMs: 100, description: 'the outbox to drain after the step back' }).then(() => Date.now() - steppedBackAt);
  await waitFor(() => answers.after.accepted >= COMMANDS_PER_PHASE && Date.now() - steppedBackAt >= SESSION_TIMEOUT_MS + 3_000, { timeoutMs: 40_000, intervalMs: 20, description: 'commands after the step back' });
  stopped = true;
  await trickling;
  // maintenance still consumes: two more vendors' contracts signed now are projected, one after the
  // other (a consumer that died committing the first would never apply the second).
  let consumedAfterStepBack = true;
  for (const expected of [2, 3]) {
    await signContract(randomUUID());
    consumedAfterStepBack &&= await waitFor(async () => (await contractsKnown()) === expected, { timeoutMs: 20_000, description: `contract ${expected} in maintenance` }).then(
      () => true,
      () => false,
    );
  }
  const probesAfter = { live: await probe('live'), ready: await probe('ready') };
  const drainedAfterStepBackMs = await drained;

  // Settled: the outbox drained, and evaluation holds every breach maintenance published.
  await waitFor(async () => (await unpublishedRows()) === 0, { timeoutMs: 30_000, description: 'the outbox to drain' });
  const events = await databases.maintenance.query<{ event_id: string; event_type: string; work_order_id: string; kind: string }>(
    `SELECT event_id::text, event_type, message_key AS work_order_id, envelope->'data'->>'kind' AS kind FROM outbox_event WHERE event_type IN ($1, $2)`,
    [BREACHED, AT_RISK],
  );
  const breaches = events.filter((event) => event.event_type === BREACHED);
  await waitFor(
    async () => (await databases.evaluation.query<{ n: number }>(`SELECT count(DISTINCT event_id)::int AS n FROM audit_entry WHERE event_id = ANY($1::uuid[])`, [events.map((event) => event.event_id)]))[0]!.n === events.length,
    { timeoutMs: 30_000, intervalMs: 200, description: "evaluation's audit trail to hold every SLA event" },
  );
  await waitFor(async () => (await databases.evaluation.query<{ n: number }>(`SELECT count(*)::int AS n FROM violation WHERE agency_id = $1`, [agencyId]))[0]!.n >= breaches.length, {
    timeoutMs: 30_000,
    intervalMs: 200,
    description: 'a violation for every breach',
  }).catch(() => undefined);

  const audited = await databases.evaluation.query<{ event_id: string }>(`SELECT event_id::text FROM audit_entry WHERE event_id = ANY($1::uuid[])`, [breaches.map((event) => event.event_id)]);
  const violations = await databases.evaluation.query<{ source_ref: string }>(`SELECT source_ref FROM violation WHERE agency_id = $1 AND source = 'sla-breach'`, [agencyId]);
  const dueClocks = due.flatMap((id) => ['response', 'resolution'].map((kind) => `${id}/${kind}`));
  const breachCount = (key: string) => breaches.filter((event) => `${event.work_order_id}/${event.kind}` === key).length;
  const auditCount = (key: string) => audited.filter((entry) => breaches.some((event) => event.event_id === entry.event_id && `${event.work_order_id}/${event.kind}` === key)).length;
  const violationCount = (key: string) => violations.filter((violation) => violation.source_ref === key.replace('/', ':')).length;
  const once = dueClocks.filter((key) => breachCount(key) === 1 && auditCount(key) === 1 && violationCount(key) === 1);
  const twice = dueClocks.filter((key) => breachCount(key) > 1 || auditCount(key) > 1 || violationCount(key) > 1);
  const never = dueClocks.filter((key) => breachCount(key) === 0);
  const notDueBreached = breaches.filter((event) => !due.includes(event.work_order_id)).map((event) => `${event.work_order_id}/${event.kind}`);
  const atRiskTwice = [...new Set(events.filter((event) => event.event_type === AT_RISK).map((event) => `${event.work_order_id}/${event.kind}`))].filter(
    (key) => events.filter((event) => event.event_type === AT_RISK && `${event.work_order_id}/${event.kind}` === key).length > 1,
  );
  const atRiskNotDue = events.filter((event) => event.event_type === AT_RISK && !due.includes(event.work_order_id)).length;
  const unpublished = await unpublishedRows();
  // What maintenance logged at warn and above, by message.
  const logged = new Map<string, number>();
  for (const line of live.maintenance.output().split('\n').filter((text) => text.trim())) {
    let message = line.slice(0, 120);
    try {
      const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
      message = `${entry.msg ?? ''}${entry.err?.message ? ` (${entry.err.message})` : ''}`.slice(0, 160);
    } catch {
      // not a log line of pino: kept as printed
    }
    logged.set(message, (logged.get(message) ?? 0) + 1);
  }

  const report = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    date: new Date().toISOString(),
    jump: JUMP,
    clocksDue: dueClocks.length,
    breachedOnce: once.length,
    breachedTwice: twice.length,
    neverBreached: never.length,
    notDueBreached: notDueBreached.length,
    clocksNotDue: (notDue.length + trickleOrders.length) * 2,
    breachedAfterJumpMs: allBreached ? undefined : breachedAfterMs,
    commands: { before: answers.before.accepted, during: answers.during.accepted, after: answers.after.accepted },
    otherAnswers: [...answers.before.other, ...answers.during.other, ...answers.after.other],
    gatewayTokenDuringJump,
    liveDuringJump,
    consumedAfterStepBack,
    probesAfter,
    unpublishedAtStepBack,
    drainedAfterStepBackMs,
    maintenanceLog: Object.fromEntries(logged),
    unpublished,
    processesAlive: { maintenance: alive(live.maintenance), evaluation: alive(live.evaluation) },
    wallMs: Date.now() - startedAt,
  };
  mkdirSync(path.join(__dirname, '../../.cache/fault'), { recursive: true });
  writeFileSync(path.join(__dirname, '../../.cache/fault/clock-jump-last-run.json'), `${JSON.stringify({ ...report, twice, never, notDueBreached }, null, 2)}\n`);
  console.log(
    [
      `clock jump ${report.date} — maintenance ${JUMP} and back — ${report.machine}`,
      'clocks due  breached once  twice  never  not due (breached)  commands 2xx before / during / after  other answers',
      `${String(report.clocksDue).padStart(9)}${String(once.length).padStart(15)}${String(twice.length).padStart(7)}${String(never.length).padStart(7)}${`${report.clocksNotDue} (${notDueBreached.length})`.padStart(20)}${`${report.commands.before} / ${report.commands.during} / ${report.commands.after}`.padStart(38)}${String(report.otherAnswers.length).padStart(15)}`,
      `every due clock breached ${report.breachedAfterJumpMs === undefined ? 'never (timed out)' : `${report.breachedAfterJumpMs} ms after the jump`} · a gateway's 60 s token during the jump: ${gatewayTokenDuringJump} · liveness during the jump ${liveDuringJump.status} · after the step back: a new contract consumed ${String(consumedAfterStepBack)}, live ${probesAfter.live.status}, ready ${probesAfter.ready.status} · outbox rows unpublished at the step back ${unpublishedAtStepBack}, drained ${drainedAfterStepBackMs} ms after it · unpublished at the end ${unpublished} · processes alive ${JSON.stringify(report.processesAlive)} · ${report.wallMs} ms`,
      ...[...logged.entries()].map(([message, count]) => `  maintenance logged ${count} × ${message}`),
    ].join('\n'),
  );

  expect(allBreached).toBeUndefined();
  expect({ twice, never, notDueBreached }).toEqual({ twice: [], never: [], notDueBreached: [] });
  expect(once).toHaveLength(dueClocks.length);
  expect(atRiskTwice).toEqual([]);
  expect(atRiskNotDue).toBe(0);
  expect(report.otherAnswers).toEqual([]);
  expect(answers.during.accepted).toBeGreaterThanOrEqual(COMMANDS_PER_PHASE);
  expect(unpublished).toBe(0);
  expect({ consumedAfterStepBack, live: probesAfter.live.status, ready: probesAfter.ready.status }).toEqual({ consumedAfterStepBack: true, live: 200, ready: 200 });
  expect(report.processesAlive).toEqual({ maintenance: true, evaluation: true });
}, 120_000);
