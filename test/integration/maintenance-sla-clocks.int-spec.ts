import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { FixedClock } from '@houqin/domain';
import { InProcessBroker } from '@houqin/messaging';
import { SlaClockSweep, SlaClocks, SlaClocksStart, SlaSweepResult, maintenanceService } from '@houqin/maintenance';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, createTestDatabase, inProcessServiceEnv, waitFor } from '@houqin/testing';

const AT_RISK = 'houqin.maintenance.sla.at-risk.v1';
const BREACHED = 'houqin.maintenance.sla.breached.v1';
const SECOND = 1_000;
const HOUR = 3_600_000;

interface SlaEventRow {
  event_type: string;
  message_key: string;
  envelope: { data: Record<string, unknown> };
}

/**
 * SLA clocks as durable timers against the real maintenance service and PostgreSQL: clocks started
 * through SlaClocks in the caller's transaction, swept by two service instances on one database
 * every 100 ms, with replicas shut down and started again while clocks are pending. Each at-risk
 * warning and each breach is in the outbox exactly once; paused and stopped clocks do not fire.
 * Time is real: clocks fall due by short targets, start instants in the past or deadlines moved in
 * SQL, and the tests wait for the database's now() rather than sleeping.
 */
describe('maintenance SLA clocks', () => {
  const agencyId = `agency-${randomUUID()}`;
  const vendorId = randomUUID();
  const contractId = randomUUID();
  let database: TestDatabase;
  const running: RunningService[] = [];
  let env: Record<string, string>;

  async function replica(): Promise<RunningService> {
    const service = await startService(maintenanceService, { env, broker: new InProcessBroker() });
    running.push(service);
    return service;
  }

  async function shutDown(service: RunningService): Promise<void> {
    running.splice(running.indexOf(service), 1);
    await service.shutdown();
  }

  beforeAll(async () => {
    database = await createTestDatabase('maintenance_sla_clocks');
    env = inProcessServiceEnv(database.url, { SLA_SWEEP_INTERVAL_MS: '100' });
    await replica();
    await replica();
  });

  afterAll(async () => {
    for (const service of [...running]) await service.shutdown();
    await database?.drop();
  });

  /** Runs `work` in a transaction of the service's own data source, as a work order change would. */
  function inTransaction<T>(service: RunningService, work: (manager: EntityManager, clocks: SlaClocks) => Promise<T>): Promise<T> {
    return service.app.get(DataSource).transaction((manager) => work(manager, service.app.get(SlaClocks)));
  }

  function startInput(overrides: Partial<SlaClocksStart> & Pick<SlaClocksStart, 'targets' | 'startedAt'>): SlaClocksStart {
    return { workOrderId: randomUUID(), agencyId, priority: 'high', vendorId, contractId, ...overrides };
  }

  async function startClocks(service: RunningService, count: number, targets: SlaClocksStart['targets'], startedAt: Date): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const input = startInput({ targets, startedAt });
      await inTransaction(service, (manager, clocks) => clocks.start(manager, input));
      ids.push(input.workOrderId);
    }
    return ids;
  }

  async function slaEvents(workOrderIds: string[]): Promise<SlaEventRow[]> {
    return database.query<SlaEventRow>(
      `SELECT event_type, message_key, envelope FROM outbox_event WHERE message_key = ANY($1) AND event_type IN ($2, $3) ORDER BY position`,
      [workOrderIds, AT_RISK, BREACHED],
    );
  }

  /** Every (work order, kind, event type) exactly once: `perClock` lists the types each clock must have. */
  async function expectExactlyOnce(workOrderIds: string[], perClock: string[]): Promise<void> {
    const events = await slaEvents(workOrderIds);
    const keys = events.map((event) => `${event.message_key}/${String(event.envelope.data['kind'])}/${event.event_type}`);
    const expected = workOrderIds.flatMap((id) => ['response', 'resolution'].flatMap((kind) => perClock.map((type) => `${id}/${kind}/${type}`)));
    expect([...keys].sort()).toEqual([...expected].sort());
  }

  async function firedClocks(workOrderIds: string[], column: 'breach_fired_at' | 'at_risk_fired_at'): Promise<number> {
    const [row] = await database.query<{ count: string }>(`SELECT count(*) FROM sla_clock WHERE work_order_id = ANY($1) AND ${column} IS NOT NULL`, [workOrderIds]);
    return Number(row!.count);
  }

  async function databasePassed(instant: Date): Promise<boolean> {
    const [row] = await database.query<{ passed: boolean }>(`SELECT now() > $1::timestamptz AS passed`, [instant]);
    return row!.passed;
  }

  async function sweepEverywhere(times = 2): Promise<SlaSweepResult[]> {
    const sweeps = running.map((service) => service.app.get(SlaClockSweep));
    return Promise.all(Array.from({ length: times }, () => sweeps.map((sweep) => sweep.sweep())).flat());
  }

  it('publishes each at-risk warning and each breach exactly once with two replicas sweeping', async () => {
    const ids = await startClocks(running[0]!, 12, { responseMs: 1 * SECOND, resolutionMs: 2 * SECOND }, new Date());
    const swept: SlaSweepResult[] = [];
    await waitFor(
      async () => {
        // Explicit sweeps from both replicas race the replicas' own timers.
        swept.push(...(await sweepEverywhere()));
        return (await firedClocks(ids, 'breach_fired_at')) === ids.length * 2;
      },
      { description: 'every clock to breach' },
    );
    await expectExactlyOnce(ids, [AT_RISK, BREACHED]);
    // No two sweeps, explicit or timed, published the same clock's event.
    const breachedByTheseCalls = swept.flatMap((result) => result.breached);
    expect(new Set(breachedByTheseCalls).size).toBe(breachedByTheseCalls.length);

    const events = await slaEvents([ids[0]!]);
    const breach = events.find((event) => event.event_type === BREACHED && event.envelope.data['kind'] === 'resolution')!;
    const [clock] = await database.query<{ deadline: Date; breach_fired_at: Date; after_deadline: boolean }>(`SELECT deadline, breach_fired_at, breach_fired_at > deadline AS after_deadline FROM sla_clock WHERE work_order_id = $1 AND kind = 'resolution'`, [ids[0]]);
    expect(breach.envelope.data).toEqual({
      workOrderId: ids[0],
      agencyId,
      vendorId,
      contractId,
      kind: 'resolution',
      priority: 'high',
      targetMinutes: 2 / 60,
      deadline: clock!.deadline.toISOString(),
      breachedAt: clock!.breach_fired_at.toISOString(),
      escalateTo: 'logistics-manager',
    });
    // Strictly after the deadline, compared in PostgreSQL's microseconds (JavaScript dates keep milliseconds).
    expect(clock!.after_deadline).toBe(true);
    const warning = events.find((event) => event.event_type === AT_RISK && event.envelope.data['kind'] === 'resolution')!;
    expect(warning.envelope.data).toMatchObject({ kind: 'resolution', escalateTo: 'logistics-manager', targetMinutes: 2 / 60 });
    expect(await sweepEverywhere()).toEqual(running.flatMap(() => [{ atRisk: [], breached: [] }, { atRisk: [], breached: [] }]));
  });

  it('fires everything due exactly once across a restart, and a claim rolled back before commit leaves its clock due', async () => {
    const ids = await startClocks(running[0]!, 10, { responseMs: HOUR, resolutionMs: 2 * HOUR }, new Date());
    const [firstHalf, secondHalf] = [ids.slice(0, 5), ids.slice(5)];
    const due = (subset: string[]) =>
      database.query(`UPDATE sla_clock SET at_risk_at = now() - interval '2 seconds', deadline = now() - interval '1 second' WHERE work_order_id = ANY($1)`, [subset]);
    await due(firstHalf);
    await waitFor(async () => (await firedClocks(firstHalf, 'breach_fired_at')) === 10, { description: 'the first clocks to fire' });

    // Restart in the middle: both replicas stop, clocks fall due while none runs.
    await shutDown(running[1]!);
    await shutDown(running[0]!);
    await due(secondHalf);
    const [crashed, ...others] = secondHalf as [string, ...string[]];
    // A replica that claimed one clock and died before committing: its lock is held, then rolled back.
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`UPDATE sla_clock SET at_risk_fired_at = now(), breach_fired_at = now() WHERE work_order_id = $1`, [crashed]);
      expect(await firedClocks(secondHalf, 'breach_fired_at')).toBe(0);

      await replica();
      await replica();
      await waitFor(async () => (await firedClocks(others, 'breach_fired_at')) === 8, { description: 'the clocks due during the restart to fire' });
      await sweepEverywhere();
      expect(await firedClocks([crashed], 'breach_fired_at')).toBe(0);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    await waitFor(async () => (await firedClocks([crashed], 'breach_fired_at')) === 2, { description: 'the clock whose claim was rolled back to fire' });
    await sweepEverywhere();
    await expectExactlyOnce(ids, [AT_RISK, BREACHED]);
  });

  it('does not fire a paused clock, and fires it later by the time it was paused', async () => {
    const startedAt = new Date(Date.now() - 1_500);
    const input = startInput({ targets: { responseMs: 2 * SECOND, resolutionMs: 2 * SECOND }, startedAt });
    const pausedAt = new Date(startedAt.getTime() + 100);
    await inTransaction(running[0]!, async (manager, clocks) => {
      await clocks.start(manager, input);
      await clocks.pause(manager, input.workOrderId, pausedAt, 'Waiting for the requester to open the archive room');
    });
    await expect(inTransaction(running[1]!, (manager, clocks) => clocks.pause(manager, input.workOrderId, new Date(), 'again'))).rejects.toThrow(/is paused; cannot pause/);
    // Well past where the deadline would be without the pause.
    await waitFor(() => databasePassed(new Date(startedAt.getTime() + 2_500)), { description: 'the unpaused deadline to pass' });
    await sweepEverywhere();
    expect(await slaEvents([input.workOrderId])).toEqual([]);

    const resumedAt = new Date();
    const resumed = await inTransaction(running[1]!, (manager, clocks) => clocks.resume(manager, input.workOrderId, resumedAt));
    const deadline = new Date(startedAt.getTime() + 2 * SECOND + (resumedAt.getTime() - pausedAt.getTime()));
    expect(resumed.map((clock) => ({ status: clock.status, deadline: clock.deadline }))).toEqual([
      { status: 'running', deadline },
      { status: 'running', deadline },
    ]);
    await waitFor(async () => (await firedClocks([input.workOrderId], 'breach_fired_at')) === 2, { description: 'the resumed clocks to breach' });
    await expectExactlyOnce([input.workOrderId], [AT_RISK, BREACHED]);
    const events = await slaEvents([input.workOrderId]);
    expect(events.filter((event) => event.event_type === BREACHED).map((event) => event.envelope.data['deadline'])).toEqual([deadline.toISOString(), deadline.toISOString()]);
  });

  it('never fires a stopped or cancelled clock, and a late stop publishes the breach itself, once', async () => {
    const startedAt = new Date();
    const targets = { responseMs: 1 * SECOND, resolutionMs: 1 * SECOND };
    const stopped = startInput({ targets, startedAt });
    const cancelled = startInput({ targets, startedAt });
    await inTransaction(running[0]!, async (manager, clocks) => {
      await clocks.start(manager, stopped);
      await clocks.start(manager, cancelled);
      const response = await clocks.stop(manager, stopped.workOrderId, 'response', new Date(startedAt.getTime() + 10));
      const resolution = await clocks.stop(manager, stopped.workOrderId, 'resolution', new Date(startedAt.getTime() + 20));
      expect([response.status, resolution.status]).toEqual(['met', 'met']);
      expect((await clocks.cancel(manager, cancelled.workOrderId, new Date(startedAt.getTime() + 30))).map((clock) => clock.status)).toEqual(['cancelled', 'cancelled']);
    });
    await expect(inTransaction(running[0]!, (manager, clocks) => clocks.start(manager, { ...stopped, startedAt: new Date() }))).rejects.toThrow(/already has its SLA clocks/);

    // Started two hours ago with a one-hour response target, and stopped late before any sweep could see it.
    const late = startInput({ targets: { responseMs: HOUR, resolutionMs: 2.25 * HOUR }, startedAt: new Date(Date.now() - 2 * HOUR) });
    const stoppedAt = new Date();
    const lateStop = await inTransaction(running[1]!, async (manager, clocks) => {
      await clocks.start(manager, late);
      return clocks.stop(manager, late.workOrderId, 'response', stoppedAt);
    });
    expect(lateStop).toMatchObject({ status: 'breached', breachedAt: stoppedAt, remainingMs: -HOUR - (stoppedAt.getTime() - late.startedAt.getTime() - 2 * HOUR) });

    await waitFor(() => databasePassed(new Date(startedAt.getTime() + 1_500)), { description: 'the stopped clocks’ deadlines to pass' });
    await sweepEverywhere();
    expect(await slaEvents([stopped.workOrderId, cancelled.workOrderId])).toEqual([]);
    // The late stop's breach, and the resolution clock's at-risk warning (2 of its 2¼ hours have run), each once.
    await waitFor(async () => (await firedClocks([late.workOrderId], 'at_risk_fired_at')) === 1, { description: 'the resolution warning' });
    await sweepEverywhere();
    const events = await slaEvents([late.workOrderId]);
    expect(events.map((event) => [event.event_type, event.envelope.data['kind']])).toEqual([
      [BREACHED, 'response'],
      [AT_RISK, 'resolution'],
    ]);
    expect(events[0]!.envelope.data).toMatchObject({ breachedAt: stoppedAt.toISOString(), deadline: new Date(late.startedAt.getTime() + HOUR).toISOString() });
  });
  it('counts business hours for the priorities configured, fixed in the clock when it starts, whichever replica reads it', async () => {
    // 2030-11-29 is a Friday, 2030-12-02 a Monday (a public holiday here): far ahead, so no sweep fires.
    const office = await startService(maintenanceService, {
      env: { ...env, SLA_BUSINESS_HOURS_PRIORITIES: 'normal,low', SLA_BUSINESS_HOURS: '08:30-17:30', SLA_HOLIDAYS: '2030-12-02' },
      broker: new InProcessBroker(),
    });
    running.push(office);
    const startedAt = new Date('2030-11-29T17:00:00+08:00');
    const normal = startInput({ priority: 'normal', targets: { responseMs: 4 * HOUR, resolutionMs: 8 * HOUR }, startedAt });
    const urgent = startInput({ priority: 'urgent', targets: { responseMs: 4 * HOUR, resolutionMs: 8 * HOUR }, startedAt });
    await inTransaction(office, (manager, clocks) => clocks.start(manager, normal));
    await inTransaction(office, (manager, clocks) => clocks.start(manager, urgent));
    const deadlines = async (workOrderId: string) =>
      (await database.query<{ kind: string; deadline: Date; calendar: { kind: string } | null }>(`SELECT kind, deadline, calendar FROM sla_clock WHERE work_order_id = $1 ORDER BY kind`, [workOrderId])).map(
        (row) => [row.kind, row.deadline.toISOString(), row.calendar?.kind ?? 'round-the-clock'],
      );
    // Normal: 30 min on Friday, nothing over the weekend and the holiday, the rest from Tuesday 08:30.
    expect(await deadlines(normal.workOrderId)).toEqual([
      ['resolution', new Date('2030-12-03T16:00:00+08:00').toISOString(), 'business-hours'],
      ['response', new Date('2030-12-03T12:00:00+08:00').toISOString(), 'business-hours'],
    ]);
    // Urgent: round the clock.
    expect(await deadlines(urgent.workOrderId)).toEqual([
      ['resolution', new Date('2030-11-30T01:00:00+08:00').toISOString(), 'round-the-clock'],
      ['response', new Date('2030-11-29T21:00:00+08:00').toISOString(), 'round-the-clock'],
    ]);
    // A replica without the setting reads the clock the same way: the calendar is the clock's own.
    const sunday = new Date('2030-12-01T15:00:00+08:00');
    const state = await inTransaction(running[0]!, (manager, clocks) => clocks.state(manager, normal.workOrderId, sunday));
    expect(state.find((clock) => clock.kind === 'response')!.remainingMs).toBe(3.5 * HOUR);
    const stopped = await inTransaction(running[0]!, (manager, clocks) => clocks.stop(manager, normal.workOrderId, 'response', new Date('2030-12-03T12:00:00+08:00')));
    expect(stopped.status).toBe('met');
    await shutDown(office);
  });

  it("fires by the service's clock, not the database's: a replica whose clock jumped hours ahead breaches what that clock says is due, once, and nothing again once stepped back", async () => {
    const startedAt = new Date();
    const ids = await startClocks(running[0]!, 3, { responseMs: HOUR, resolutionMs: 3 * HOUR }, startedAt);
    const notDue = await startClocks(running[0]!, 1, { responseMs: 24 * HOUR, resolutionMs: 72 * HOUR }, startedAt);
    // An NTP step on one replica's machine: its clock 5 hours ahead, PostgreSQL's not.
    const clock = new FixedClock(new Date(startedAt.getTime() + 5 * HOUR));
    const jumped = await startService(maintenanceService, { env, broker: new InProcessBroker(), clock });
    running.push(jumped);
    const jumpedSweep = jumped.app.get(SlaClockSweep);
    await jumpedSweep.sweep();
    expect(await firedClocks(ids, 'breach_fired_at')).toBe(6);
    expect(await databasePassed(new Date(startedAt.getTime() + HOUR))).toBe(false);
    const breach = (await slaEvents([ids[0]!])).find((event) => event.event_type === BREACHED && event.envelope.data['kind'] === 'response')!;
    expect(breach.envelope.data).toMatchObject({ deadline: new Date(startedAt.getTime() + HOUR).toISOString(), breachedAt: new Date(startedAt.getTime() + 5 * HOUR).toISOString() });

    // Stepped back to the real time: nothing fires again, on any replica.
    clock.set(new Date());
    await jumpedSweep.sweep();
    await sweepEverywhere();
    await expectExactlyOnce(ids, [AT_RISK, BREACHED]);
    expect(await slaEvents(notDue)).toEqual([]);
    await shutDown(jumped);
  });
});
