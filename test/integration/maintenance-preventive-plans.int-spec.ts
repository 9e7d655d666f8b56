import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PreventivePlanSweep, PreventiveSweepResult, maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';

const RAISED = 'houqin.maintenance.preventive-plan.occurrence-raised.v1';
const SKIPPED = 'houqin.maintenance.preventive-plan.occurrence-skipped.v1';
const DAY_MS = 86_400_000;

type Body = Record<string, unknown> & Array<Record<string, unknown>>;

/**
 * Preventive maintenance plans against the real maintenance service and PostgreSQL: plans created
 * over HTTP with due dates in the past (so they are due at once), swept by two replicas at the same
 * time, and by replicas started again after a restart. Each occurrence raises one work order,
 * assigned as the plan says, with its events in the outbox once. The replicas' own timers are set
 * to an hour so that the tests' explicit sweeps are the ones racing; the last test runs a replica
 * whose timer sweeps by itself.
 */
describe('maintenance preventive plans', () => {
  const agencyId = `agency-${randomUUID()}`;
  const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });
  const supervisor = testCaller({ agencyId, userId: 'supervisor-1', roles: ['supervisor'] });
  const stranger = testCaller({ agencyId: `agency-${randomUUID()}`, userId: 'admin-9', roles: ['agency-admin'] });
  let database: TestDatabase;
  let env: Record<string, string>;
  const running: RunningService[] = [];
  let today: string;

  async function replica(overrides: Record<string, string> = {}): Promise<RunningService> {
    const service = await startService(maintenanceService, { env: { ...env, ...overrides }, broker: new InProcessBroker() });
    running.push(service);
    return service;
  }

  async function shutDown(service: RunningService): Promise<void> {
    running.splice(running.indexOf(service), 1);
    await service.shutdown();
  }

  beforeAll(async () => {
    database = await createTestDatabase('maintenance_preventive_plans');
    env = inProcessServiceEnv(database.url, { PREVENTIVE_SWEEP_INTERVAL_MS: '3600000' });
    await replica();
    await replica();
    // Today as the sweep sees it: the database's now(), in China Standard Time.
    const [row] = await database.query<{ today: string }>(`SELECT to_char(((now() AT TIME ZONE 'UTC') + interval '8 hours')::date, 'YYYY-MM-DD') AS today`);
    today = row!.today;
  });

  afterAll(async () => {
    for (const service of [...running]) await service.shutdown();
    await database?.drop();
  });

  const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  /** The calendar day (China Standard Time) of an instant. */
  const dayOf = (instant: string) => new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);

  const call = (caller: Caller, method: string, path: string, body?: unknown, service = running[0]!) => callService(service.url, caller, method, path, body);

  async function createPlan(overrides: Record<string, unknown> = {}): Promise<Body> {
    const answer = await call(manager, 'POST', '/preventive-plans', {
      name: 'Weekly fire extinguisher check',
      description: 'Check the pressure gauge and the seal of every extinguisher on the floor.',
      checklist: ['Pressure in the green', 'Seal intact', 'Tag signed'],
      category: 'fire-safety',
      location: { building: 'Building A', floor: '2' },
      assignee: { kind: 'internal' },
      trigger: { kind: 'calendar', every: 1, unit: 'week', firstDueOn: shift(today, -1) },
      ...overrides,
    });
    expect(answer.status).toBe(201);
    return answer.body;
  }

  async function sweepEverywhere(times = 2): Promise<PreventiveSweepResult[]> {
    const sweeps = running.map((service) => service.app.get(PreventivePlanSweep));
    return Promise.all(Array.from({ length: times }, () => sweeps.map((sweep) => sweep.sweep())).flat());
  }

  const raisedBy = (results: PreventiveSweepResult[], planId: string) => results.flatMap((result) => result.raised).filter((raised) => raised.planId === planId);

  async function workOrdersOf(planId: string): Promise<Array<{ id: string; status: string; assignee_kind: string | null; origin: string; reported_by: string; description: string }>> {
    return database.query(`SELECT id, status, assignee_kind, origin, reported_by, description FROM work_order WHERE preventive_plan_id = $1 ORDER BY reported_at`, [planId]);
  }

  async function outboxOf(subject: string, types: string[] = [RAISED, SKIPPED]): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
    const rows = await database.query<{ event_type: string; envelope: { data: Record<string, unknown> } }>(
      `SELECT event_type, envelope FROM outbox_event WHERE message_key = $1 AND event_type = ANY($2) ORDER BY position`,
      [subject, types],
    );
    return rows.map((row) => ({ type: row.event_type, data: row.envelope.data }));
  }

  async function complete(workOrderId: string): Promise<Body> {
    for (const step of ['accept', 'start', 'complete']) {
      const answer = await call(manager, 'POST', `/work-orders/${workOrderId}/${step}`, step === 'complete' ? { resolutionNote: 'Done as the checklist says.' } : undefined);
      expect(answer.status).toBe(200);
      if (step === 'complete') return answer.body;
    }
    throw new Error('unreachable');
  }

  it('raises exactly one work order for a due calendar plan with two replicas sweeping at once, assigned to the internal team, and none after a restart', async () => {
    const plans = await Promise.all(Array.from({ length: 5 }, () => createPlan()));
    const ids = plans.map((plan) => plan['id'] as string);
    expect(plans[0]).toMatchObject({ status: 'active', schedule: 'fixed', priority: 'normal', answerableBy: 'manager-1', next: { dueOn: shift(today, -1), raisedOn: shift(today, -1) } });

    const results = await sweepEverywhere(3);
    for (const id of ids) {
      expect(raisedBy(results, id)).toHaveLength(1);
      const orders = await workOrdersOf(id);
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ status: 'assigned', assignee_kind: 'internal', origin: 'preventive-plan', reported_by: 'manager-1' });
      expect(orders[0]!.description).toContain(`Weekly fire extinguisher check, due ${shift(today, -1)}`);
      expect(orders[0]!.description).toContain('3. Tag signed');
    }

    const [first] = ids as [string];
    const [order] = await workOrdersOf(first);
    const view = await call(manager, 'GET', `/work-orders/${order!.id}`);
    expect(view.body).toMatchObject({ origin: 'preventive-plan', preventivePlanId: first, status: 'assigned', assignee: 'internal', category: 'fire-safety', location: { building: 'Building A', floor: '2' }, priority: 'normal' });
    expect(await outboxOf(first)).toEqual([
      {
        type: RAISED,
        data: {
          preventivePlanId: first,
          occurrenceKey: shift(today, -1),
          dueOn: shift(today, -1),
          workOrderId: order!.id,
          workOrderStatus: 'assigned',
          assignee: { kind: 'internal' },
          supersededCount: 0,
          raisedAt: expect.any(String),
        },
      },
    ]);
    expect((await outboxOf(order!.id, ['houqin.maintenance.work-order.triaged.v1', 'houqin.maintenance.work-order.assigned.v1'])).map((event) => event.type)).toEqual([
      'houqin.maintenance.work-order.triaged.v1',
      'houqin.maintenance.work-order.assigned.v1',
    ]);
    const plan = await call(supervisor, 'GET', `/preventive-plans/${first}`);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ lastWorkOrderId: order!.id, next: { occurrenceKey: shift(today, 6), dueOn: shift(today, 6) } });
    expect(plan.body['occurrences']).toEqual([{ occurrenceKey: shift(today, -1), dueOn: shift(today, -1), outcome: 'raised', workOrderId: order!.id, recordedAt: expect.any(String) }]);

    // Restart: both replicas stop; new ones sweep the same database and raise nothing more.
    await shutDown(running[1]!);
    await shutDown(running[0]!);
    await replica();
    await replica();
    const after = await sweepEverywhere(3);
    expect(after.flatMap((result) => [...result.raised, ...result.skipped])).toEqual([]);
    for (const id of ids) expect(await workOrdersOf(id)).toHaveLength(1);
  });

  it('leaves a plan another transaction holds to the next sweep, never skipping it for good', async () => {
    const plan = await createPlan({ assignee: { kind: 'manual' } });
    const id = plan['id'] as string;
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    try {
      // A replica that claimed the plan and has not committed yet.
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM preventive_plan WHERE id = $1 FOR UPDATE`, [id]);
      expect(raisedBy(await sweepEverywhere(), id)).toEqual([]);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    expect(raisedBy(await sweepEverywhere(), id)).toHaveLength(1);
    // manual: the work order waits, triaged, for a logistics manager to assign it.
    expect(await workOrdersOf(id)).toEqual([expect.objectContaining({ status: 'triaged', assignee_kind: null })]);
  });

  it('raises a meter plan when a reading reaches the threshold, once, and records later thresholds as skipped while its work order is open', async () => {
    const asset = await call(manager, 'POST', '/assets', { code: `CH-${randomUUID().slice(0, 8)}`, name: 'Chiller 1', category: 'hvac', location: { building: 'Building B', floor: 'B1' }, criticality: 'high' });
    expect(asset.status).toBe(201);
    const assetId = asset.body['id'] as string;
    const noMeter = await call(manager, 'POST', '/preventive-plans', { name: 'Chiller oil', description: 'Change the oil.', assetId, assignee: { kind: 'internal' }, trigger: { kind: 'meter', meterKind: 'hours', every: 500 } });
    expect(noMeter.status).toBe(422);
    expect(noMeter.body['errors']).toEqual([expect.objectContaining({ field: 'trigger.meterKind', rule: 'asset-meter-unknown' })]);
    expect((await call(manager, 'POST', `/assets/${assetId}/meter-readings`, { kind: 'hours', value: 100 })).status).toBe(200);

    const created = await call(manager, 'POST', '/preventive-plans', { name: 'Chiller oil', description: 'Change the oil.', assetId, assignee: { kind: 'internal' }, trigger: { kind: 'meter', meterKind: 'hours', every: 500 } });
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    expect(created.body).toMatchObject({ assetId, category: 'hvac', location: { building: 'Building B', floor: 'B1' }, trigger: { kind: 'meter', meterKind: 'hours', every: 500, startReading: 100 }, next: { threshold: 600, reading: 100 } });

    const read = async (value: number) => expect((await call(manager, 'POST', `/assets/${assetId}/meter-readings`, { kind: 'hours', value })).status).toBe(200);
    await read(599.5);
    expect(raisedBy(await sweepEverywhere(), id)).toEqual([]);
    await read(600);
    expect(raisedBy(await sweepEverywhere(3), id)).toEqual([{ planId: id, occurrenceKey: '600', workOrderId: expect.any(String) }]);
    await read(700);
    expect(raisedBy(await sweepEverywhere(), id)).toEqual([]);
    const orders = await workOrdersOf(id);
    expect(orders).toHaveLength(1);
    expect(orders[0]!.description).toContain('at 600 hours');
    expect((await outboxOf(id))[0]!.data).toMatchObject({ occurrenceKey: '600', threshold: 600, meterKind: 'hours', assetId, reading: 600, workOrderId: orders[0]!.id });

    // Two thresholds passed at once while the work order is still open: no second work order.
    await read(1650);
    const results = await sweepEverywhere();
    expect(raisedBy(results, id)).toEqual([]);
    expect(results.flatMap((result) => result.skipped).filter((skip) => skip.planId === id)).toEqual([
      { planId: id, occurrenceKey: '1100', reason: 'superseded' },
      { planId: id, occurrenceKey: '1600', reason: 'previous-open' },
    ]);
    expect(await workOrdersOf(id)).toHaveLength(1);
    expect((await outboxOf(id, [SKIPPED])).map((event) => event.data)).toEqual([
      expect.objectContaining({ occurrenceKey: '1100', reason: 'superseded', supersededBy: '1600' }),
      expect.objectContaining({ occurrenceKey: '1600', reason: 'previous-open', openWorkOrderId: orders[0]!.id }),
    ]);
    expect((await call(manager, 'GET', `/preventive-plans/${id}`)).body).toMatchObject({ next: { threshold: 2100, reading: 1650 } });

    // Once the work is done, the next threshold raises a new work order.
    await complete(orders[0]!.id);
    await read(2100);
    expect(raisedBy(await sweepEverywhere(), id)).toEqual([{ planId: id, occurrenceKey: '2100', workOrderId: expect.any(String) }]);
    expect(await workOrdersOf(id)).toHaveLength(2);
  });

  it('schedules a from-completion plan from the completion of its work order', async () => {
    const plan = await createPlan({ name: 'Boiler inspection', schedule: 'from-completion', trigger: { kind: 'calendar', every: 10, unit: 'day', firstDueOn: shift(today, -3), leadDays: 2 } });
    const id = plan['id'] as string;
    expect(raisedBy(await sweepEverywhere(), id)).toHaveLength(1);
    const [order] = await workOrdersOf(id);
    const waiting = await call(manager, 'GET', `/preventive-plans/${id}`);
    expect(waiting.body['awaitingWorkOrderId']).toBe(order!.id);
    expect(waiting.body['next']).toBeUndefined();
    // Nothing is raised while the work is open.
    expect(raisedBy(await sweepEverywhere(), id)).toEqual([]);

    const completed = await complete(order!.id);
    const nextDue = shift(dayOf(completed['completedAt'] as string), 10);
    // The view shows the next due date before the sweep records it.
    expect((await call(manager, 'GET', `/preventive-plans/${id}`)).body).toMatchObject({ next: { dueOn: nextDue, raisedOn: shift(nextDue, -2) } });
    const results = await sweepEverywhere();
    expect(results.flatMap((result) => result.rescheduled).filter((planId) => planId === id)).toHaveLength(1);
    expect(raisedBy(results, id)).toEqual([]);
    const [row] = await database.query<{ next_due_on: string; raise_on: string }>(`SELECT to_char(next_due_on, 'YYYY-MM-DD') AS next_due_on, to_char(raise_on, 'YYYY-MM-DD') AS raise_on FROM preventive_plan WHERE id = $1`, [id]);
    expect(row).toEqual({ next_due_on: nextDue, raise_on: shift(nextDue, -2) });
    const view = await call(manager, 'GET', `/preventive-plans/${id}`);
    expect(view.body['awaitingWorkOrderId']).toBeUndefined();
    expect(view.body['next']).toMatchObject({ dueOn: nextDue });
  });

  it('raises nothing for a paused plan, and resumes a fixed plan at its next grid date without the paused occurrence', async () => {
    const plan = await createPlan();
    const id = plan['id'] as string;
    const paused = await call(manager, 'POST', `/preventive-plans/${id}/pause`, { reason: 'Floor closed for refurbishment' });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: 'paused', statusReason: 'Floor closed for refurbishment' });
    const again = await call(manager, 'POST', `/preventive-plans/${id}/pause`, {});
    expect(again.status).toBe(409);
    expect(again.body['detail']).toBe('preventive plan is paused; cannot pause');

    const results = await sweepEverywhere();
    expect(raisedBy(results, id)).toEqual([]);
    expect(results.flatMap((result) => result.skipped).filter((skip) => skip.planId === id)).toEqual([]);
    expect(await workOrdersOf(id)).toEqual([]);

    const resumed = await call(manager, 'POST', `/preventive-plans/${id}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'active', next: { dueOn: shift(today, 6) } });
    expect(raisedBy(await sweepEverywhere(), id)).toEqual([]);
    expect((await call(manager, 'GET', `/preventive-plans/${id}`)).body['occurrences']).toEqual([]);

    const retired = await call(manager, 'POST', `/preventive-plans/${id}/retire`, { reason: 'Extinguishers replaced by a sprinkler system' });
    expect(retired.body).toMatchObject({ status: 'retired', statusReason: 'Extinguishers replaced by a sprinkler system' });
    expect(retired.body['next']).toBeUndefined();
    expect((await call(manager, 'POST', `/preventive-plans/${id}/resume`)).status).toBe(409);
    const change = await call(manager, 'PATCH', `/preventive-plans/${id}`, { name: 'Renamed' });
    expect(change.status).toBe(409);
    expect(change.body['detail']).toBe('preventive plan is retired; cannot change');
    expect((await database.query<{ event_type: string }>(`SELECT event_type FROM outbox_event WHERE message_key = $1 ORDER BY position`, [id])).map((row) => row.event_type)).toEqual([
      'houqin.maintenance.preventive-plan.created.v1',
      'houqin.maintenance.preventive-plan.paused.v1',
      'houqin.maintenance.preventive-plan.resumed.v1',
      'houqin.maintenance.preventive-plan.retired.v1',
    ]);
  });

  it('answers bad input with 400 naming the fields, another agency with 404, and publishes what a change changed', async () => {
    const missing = await call(manager, 'POST', '/preventive-plans', { name: 'x', description: 'y', category: 'hvac', location: { building: 'A' } });
    expect(missing.status).toBe(400);
    expect((missing.body['errors'] as unknown as Array<{ field: string }>).map((error) => error.field)).toEqual(['assignee', 'trigger']);
    const wrong = await call(manager, 'POST', '/preventive-plans', {
      name: 'x',
      description: 'y',
      category: 'hvac',
      location: { building: 'A' },
      assignee: { kind: 'vendor' },
      trigger: { kind: 'calendar', every: 1, unit: 'fortnight', firstDueOn: '2026-02-30' },
    });
    expect(wrong.status).toBe(400);
    expect((wrong.body['errors'] as unknown as Array<{ field: string }>).map((error) => error.field)).toEqual(['trigger.unit']);
    const cross = await call(manager, 'POST', '/preventive-plans', { name: 'x', description: 'y', category: 'hvac', location: { building: 'A' }, assignee: { kind: 'vendor' }, trigger: { kind: 'calendar', every: 1, unit: 'week', firstDueOn: '2026-02-30', leadDays: 9 } });
    expect(cross.status).toBe(400);
    expect((cross.body['errors'] as unknown as Array<{ field: string }>).map((error) => error.field)).toEqual(['assignee.vendorId', 'trigger.firstDueOn']);

    const foreign = await call(stranger, 'POST', '/assets', { code: `X-${randomUUID().slice(0, 8)}`, name: 'Their lift', category: 'elevator', location: { building: 'Elsewhere' }, criticality: 'high' });
    const onTheirs = await call(manager, 'POST', '/preventive-plans', { name: 'x', description: 'y', assetId: foreign.body['id'], assignee: { kind: 'internal' }, trigger: { kind: 'calendar', every: 1, unit: 'month', firstDueOn: today } });
    expect(onTheirs.status).toBe(404);

    const plan = await createPlan({ trigger: { kind: 'calendar', every: 1, unit: 'month', firstDueOn: shift(today, 20) } });
    const id = plan['id'] as string;
    expect((await call(stranger, 'GET', `/preventive-plans/${id}`)).status).toBe(404);
    expect((await call(stranger, 'POST', `/preventive-plans/${id}/pause`, {})).status).toBe(404);
    expect((await call(manager, 'GET', `/preventive-plans/${randomUUID()}`)).status).toBe(404);
    expect((await call(manager, 'GET', '/preventive-plans/not-a-uuid')).status).toBe(400);
    expect((await call(stranger, 'GET', '/preventive-plans')).body).toEqual([]);

    const changed = await call(manager, 'PATCH', `/preventive-plans/${id}`, { priority: 'high', answerableBy: 'staff-7', name: plan['name'] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ priority: 'high', answerableBy: 'staff-7', next: { dueOn: shift(today, 20) } });
    const events = await database.query<{ envelope: { data: Record<string, unknown> } }>(`SELECT envelope FROM outbox_event WHERE message_key = $1 AND event_type = $2`, [id, 'houqin.maintenance.preventive-plan.changed.v1']);
    expect(events.map((event) => event.envelope.data['changedFields'])).toEqual([['answerableBy', 'priority']]);
    const badChange = await call(manager, 'PATCH', `/preventive-plans/${id}`, { schedule: 'from-completion', checklist: [' '] });
    expect(badChange.status).toBe(400);
    expect((badChange.body['errors'] as unknown as Array<{ field: string }>).map((error) => error.field)).toEqual(['checklist[0]', 'trigger']);
    expect((await call(manager, 'GET', '/preventive-plans?status=active')).body.map((listed) => listed['id'])).toContain(id);
    expect((await call(manager, 'GET', '/preventive-plans?status=retired')).body.map((listed) => listed['id'])).not.toContain(id);
    expect((await call(manager, 'GET', '/preventive-plans?status=dormant')).status).toBe(400);
  });

  it("raises a due plan by a replica's own timer, started on bootstrap and stopped on shutdown", async () => {
    const timed = await replica({ PREVENTIVE_SWEEP_INTERVAL_MS: '100' });
    const plan = await createPlan({ name: 'Lift safety check' });
    const id = plan['id'] as string;
    await waitFor(async () => (await workOrdersOf(id)).length === 1, { description: 'the timer to raise the work order' });
    await shutDown(timed);
    expect(await workOrdersOf(id)).toHaveLength(1);
  });
});
