import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { WorkOrderVerified } from '@houqin/contracts';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService, startService } from '@houqin/service-kit';
import { ServiceDueSweep, ServiceDueSweepResult, transportService } from '@houqin/transport';
import { TestDatabase, createTestDatabase, inProcessServiceEnv, internalToken, testCaller, waitFor } from '@houqin/testing';

const SERVICE_DUE = 'houqin.transport.vehicle.service-due.v1';

interface ServiceDueRow {
  message_key: string;
  envelope: { agencyid: string; data: Record<string, unknown> };
}

interface Answer {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

/**
 * vehicle.service-due (车辆保养到期) against the real transport service and PostgreSQL: readings
 * through HTTP announce the occurrence they reach, in the reading's transaction; the sweep of two
 * replicas on one database announces services due by date; replicas are shut down and started
 * again. Each due occurrence is in the outbox exactly once.
 */
describe('transport: vehicle service due', () => {
  const agencyId = `agency-${randomUUID()}`;
  const fleetManager = testCaller({ agencyId, userId: `fleet-manager-${randomUUID()}`, roles: ['logistics-manager'] });
  let database: TestDatabase;
  let env: Record<string, string>;
  const running: RunningService[] = [];
  let plateSerial = 10_000;

  /** A replica whose own timer sweeps every `intervalMs`; an hour keeps it out of the way of explicit sweeps. */
  async function replica(intervalMs = 3_600_000): Promise<RunningService> {
    const service = await startService(transportService, { env: { ...env, SERVICE_DUE_SWEEP_INTERVAL_MS: String(intervalMs) }, broker: new InProcessBroker() });
    running.push(service);
    return service;
  }

  async function shutDownAll(): Promise<void> {
    for (const service of running.splice(0)) await service.shutdown();
  }

  beforeAll(async () => {
    database = await createTestDatabase('transport_service_due');
    env = inProcessServiceEnv(database.url);
    await replica();
    await replica();
  });

  afterAll(async () => {
    await shutDownAll();
    await database?.drop();
  });

  async function call(method: string, path: string, body?: unknown, service = running[0]!): Promise<Answer> {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${internalToken(fleetManager)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
  }

  async function ok(method: string, path: string, body?: unknown, service?: RunningService): Promise<Record<string, unknown>> {
    const answer = await call(method, path, body, service);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async function registerVehicle(odometerKm = 48_210): Promise<string> {
    plateSerial += 1;
    const vehicle = await ok('POST', '/vehicles', { plateNumber: `京B${plateSerial}`, vehicleType: 'sedan', seats: 5, odometerKm, fuel: 'petrol' });
    return vehicle['id'] as string;
  }

  async function serviceDueEvents(vehicleIds: string[]): Promise<ServiceDueRow[]> {
    return database.query<ServiceDueRow>(`SELECT message_key, envelope FROM outbox_event WHERE message_key = ANY($1) AND event_type = $2 ORDER BY position`, [vehicleIds, SERVICE_DUE]);
  }

  /** Today in China Standard Time by the database's clock, as the sweep counts it. */
  async function businessToday(offsetDays = 0): Promise<string> {
    const [row] = await database.query<{ day: string }>(`SELECT to_char((now() AT TIME ZONE 'Asia/Shanghai')::date + $1::integer, 'YYYY-MM-DD') AS day`, [offsetDays]);
    return row!.day;
  }

  async function sweepRacing(times = 2): Promise<ServiceDueSweepResult[]> {
    const sweeps = running.map((service) => service.app.get(ServiceDueSweep));
    return Promise.all(Array.from({ length: times }, () => sweeps.map((sweep) => sweep.sweep())).flat());
  }

  it('publishes service-due once when a reading crosses the due kilometres, and again for the next occurrence after the return from service', async () => {
    const id = await registerVehicle(48_210);
    const scheduled = await ok('PUT', `/vehicles/${id}/service-schedule`, { intervalKm: 10_000 });
    expect(scheduled['serviceSchedule']).toEqual({ intervalKm: 10_000, dueAtKm: 58_210, countsFrom: { odometerKm: 48_210, on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });

    expect((await ok('POST', `/vehicles/${id}/odometer-readings`, { odometerKm: 58_209 }))['odometerKm']).toBe(58_209);
    expect(await serviceDueEvents([id])).toEqual([]);

    const crossed = await ok('POST', `/vehicles/${id}/odometer-readings`, { odometerKm: 58_300 }, running[1]);
    expect((crossed['serviceSchedule'] as Record<string, unknown>)['dueAnnouncedAt']).toEqual(expect.any(String));
    const [first, ...more] = await serviceDueEvents([id]);
    expect(more).toEqual([]);
    expect(first!.envelope.agencyid).toBe(agencyId);
    expect(first!.envelope.data).toEqual({
      vehicleId: id,
      plateNumber: expect.stringMatching(/^京B\d{5}$/),
      vehicleType: 'sedan',
      odometerKm: 58_300,
      dueAtKm: 58_210,
      intervalKm: 10_000,
      reason: 'distance',
      detectedAt: (crossed['serviceSchedule'] as Record<string, unknown>)['dueAnnouncedAt'],
      recordedBy: fleetManager.userId,
    });

    // Beyond the due kilometres, by reading and by sweep: the occurrence is already announced.
    await ok('POST', `/vehicles/${id}/odometer-readings`, { odometerKm: 59_000 });
    await sweepRacing();
    expect(await serviceDueEvents([id])).toHaveLength(1);

    await ok('POST', `/vehicles/${id}/send-for-service`, { reason: '60,000 km service' });
    const back = await ok('POST', `/vehicles/${id}/return-from-service`, { odometerKm: 59_050 });
    expect(back['serviceSchedule']).toEqual({ intervalKm: 10_000, dueAtKm: 69_050, countsFrom: { odometerKm: 59_050, on: await businessToday() } });

    await ok('POST', `/vehicles/${id}/odometer-readings`, { odometerKm: 69_049 });
    expect(await serviceDueEvents([id])).toHaveLength(1);
    await ok('POST', `/vehicles/${id}/odometer-readings`, { odometerKm: 69_100 });
    const events = await serviceDueEvents([id]);
    expect(events.map((event) => [event.envelope.data['dueAtKm'], event.envelope.data['odometerKm']])).toEqual([
      [58_210, 58_300],
      [69_050, 69_100],
    ]);
    const readings = await database.query<{ odometer_km: number; recorded_by: string }>(`SELECT odometer_km, recorded_by FROM vehicle_odometer_reading WHERE vehicle_id = $1 ORDER BY read_at`, [id]);
    expect(readings.map((reading) => reading.odometer_km)).toEqual([58_209, 58_300, 59_000, 69_049, 69_100]);
    expect(new Set(readings.map((reading) => reading.recorded_by))).toEqual(new Set([fleetManager.userId]));
  });

  it('announces each service due by date exactly once with two replicas sweeping at once, and never one not yet due or in the workshop', async () => {
    const today = await businessToday();
    const due = await Promise.all(Array.from({ length: 8 }, () => registerVehicle()));
    for (const [index, id] of due.entries()) {
      // Half fall due today, half were due months ago.
      await ok('PUT', `/vehicles/${id}/service-schedule`, { intervalMonths: 6, dueOn: index % 2 === 0 ? today : '2026-01-15' });
    }
    const tomorrow = await registerVehicle();
    await ok('PUT', `/vehicles/${tomorrow}/service-schedule`, { intervalMonths: 6, dueOn: await businessToday(1) });
    const inWorkshop = await registerVehicle();
    await ok('PUT', `/vehicles/${inWorkshop}/service-schedule`, { intervalMonths: 6, dueOn: '2026-01-15' });
    await ok('POST', `/vehicles/${inWorkshop}/send-for-service`, { reason: 'Bodywork' });

    const results = await sweepRacing(3);
    const announced = results.flatMap((result) => result.announced);
    // No two sweeps announced the same vehicle, and together they announced every due one.
    expect(new Set(announced).size).toBe(announced.length);
    expect(announced.filter((id) => due.includes(id)).sort()).toEqual([...due].sort());
    expect(announced).not.toContain(tomorrow);
    expect(announced).not.toContain(inWorkshop);

    const events = await serviceDueEvents([...due, tomorrow, inWorkshop]);
    expect(events.map((event) => event.message_key).sort()).toEqual([...due].sort());
    for (const event of events) {
      expect(event.envelope.data).toMatchObject({ reason: 'date', recordedBy: 'system', intervalMonths: 6, vehicleType: 'sedan', odometerKm: 48_210 });
      expect(event.envelope.data['dueAtKm']).toBeUndefined();
    }
    const view = await ok('GET', `/vehicles/${due[0]}`);
    expect((view['serviceSchedule'] as Record<string, unknown>)['dueAnnouncedAt']).toBe(events.find((event) => event.message_key === due[0])!.envelope.data['detectedAt']);

    // Setting the same schedule again keeps the announcement: nothing more goes out.
    await ok('PUT', `/vehicles/${due[0]}/service-schedule`, { intervalMonths: 6, dueOn: today });
    // The vehicle back from the workshop counts from its return: not due for six months.
    await ok('POST', `/vehicles/${inWorkshop}/return-from-service`, {});
    expect(await sweepRacing()).toEqual(running.flatMap(() => [{ announced: [] }, { announced: [] }]));
    expect(await serviceDueEvents([...due, tomorrow, inWorkshop])).toHaveLength(due.length);
  });

  it('announces a vehicle due by distance and by date together once, whether the sweep or a reading finds it first', async () => {
    const today = await businessToday();
    const sweptFirst = await registerVehicle(60_000);
    await ok('PUT', `/vehicles/${sweptFirst}/service-schedule`, { intervalKm: 10_000, dueAtKm: 59_000, intervalMonths: 6, dueOn: today });
    const readFirst = await registerVehicle(60_000);
    await ok('PUT', `/vehicles/${readFirst}/service-schedule`, { intervalKm: 10_000, dueAtKm: 61_000, intervalMonths: 6, dueOn: '2026-03-01' });

    await ok('POST', `/vehicles/${readFirst}/odometer-readings`, { odometerKm: 61_000 });
    await sweepRacing();
    await ok('POST', `/vehicles/${sweptFirst}/odometer-readings`, { odometerKm: 61_000 });
    await ok('POST', `/vehicles/${readFirst}/odometer-readings`, { odometerKm: 62_000 });

    const events = await serviceDueEvents([sweptFirst, readFirst]);
    expect(events.map((event) => [event.message_key, event.envelope.data['reason'], event.envelope.data['recordedBy']])).toEqual([
      [readFirst, 'distance-and-date', fleetManager.userId],
      [sweptFirst, 'distance-and-date', 'system'],
    ]);
  });

  it('announces an occurrence once when readings on both replicas and the sweeps race for it', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => registerVehicle(48_210)));
    for (const id of ids) await ok('PUT', `/vehicles/${id}/service-schedule`, { intervalKm: 1_790, intervalMonths: 3, dueOn: '2026-02-01' });
    const answers = await Promise.all([
      ...ids.flatMap((id) => running.map((service) => call('POST', `/vehicles/${id}/odometer-readings`, { odometerKm: 50_000 }, service))),
      ...running.map((service) => service.app.get(ServiceDueSweep).sweep()),
    ]);
    expect(answers.filter((answer) => 'status' in answer && answer.status !== 200)).toEqual([]);
    const events = await serviceDueEvents(ids);
    expect(events.map((event) => event.message_key).sort()).toEqual([...ids].sort());
    // Whoever came first: the sweep (due by date only then) or a reading (which reached 50,000 km as well).
    for (const event of events) {
      expect([
        ['date', 'system'],
        ['distance-and-date', fleetManager.userId],
      ]).toContainEqual([event.envelope.data['reason'], event.envelope.data['recordedBy']]);
    }
  });

  it('skips a vehicle another transaction holds and announces it once released, and announces nothing again after a restart', async () => {
    const held = await registerVehicle();
    const free = await registerVehicle();
    for (const id of [held, free]) await ok('PUT', `/vehicles/${id}/service-schedule`, { intervalMonths: 12, dueOn: '2026-02-01' });

    // A replica that claimed the vehicle and has not committed yet (or a reading in progress).
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM vehicle WHERE id = $1 FOR UPDATE`, [held]);
      const whileHeld = (await sweepRacing()).flatMap((result) => result.announced);
      expect(whileHeld).toEqual([free]);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    expect((await sweepRacing()).flatMap((result) => result.announced)).toEqual([held]);

    // Restart: both replicas stop; new ones sweep on their own timers every 100 ms.
    await shutDownAll();
    await replica(100);
    await replica(100);
    const afterRestart = await registerVehicle();
    await ok('PUT', `/vehicles/${afterRestart}/service-schedule`, { intervalMonths: 12, dueOn: '2026-02-01' });
    await waitFor(async () => (await serviceDueEvents([afterRestart])).length === 1, { description: 'the timer of a restarted replica to announce the vehicle due after the restart' });
    // Several timed sweeps later, still one event per occurrence (vehicle and due point), before and after the restart.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const all = await database.query<{ message_key: string; count: string }>(
      `SELECT message_key, count(*) FROM outbox_event WHERE event_type = $1
        GROUP BY message_key, envelope -> 'data' ->> 'dueAtKm', envelope -> 'data' ->> 'dueOn'`,
      [SERVICE_DUE],
    );
    expect(all.filter((row) => Number(row.count) !== 1)).toEqual([]);
    expect(all.map((row) => row.message_key)).toEqual(expect.arrayContaining([held, free, afterRestart]));
  });

  it('refuses a reading lower than the odometer with 422 naming odometerKm, a retired vehicle with 409, and malformed input with 400 naming the field', async () => {
    const id = await registerVehicle(48_210);
    const lower = await call('POST', `/vehicles/${id}/odometer-readings`, { odometerKm: 48_209 });
    expect(lower.status).toBe(422);
    expect(lower.type).toContain('application/problem+json');
    expect(lower.body['errors']).toEqual([expect.objectContaining({ field: 'odometerKm', rule: 'odometer-rollback' })]);

    const future = await call('POST', `/vehicles/${id}/odometer-readings`, { odometerKm: 48_300, readAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.status).toBe(422);
    expect(future.body['errors']).toEqual([expect.objectContaining({ field: 'readAt' })]);
    const beforeRegistration = await call('POST', `/vehicles/${id}/odometer-readings`, { odometerKm: 48_300, readAt: '2020-01-01T00:00:00+08:00' });
    expect(beforeRegistration.status).toBe(422);
    expect(beforeRegistration.body['errors']).toEqual([expect.objectContaining({ field: 'readAt', rule: 'reading-out-of-order' })]);

    const malformed: Array<[string, string, unknown, string]> = [
      ['POST', 'odometer-readings', { odometerKm: '48300' }, 'odometerKm'],
      ['POST', 'odometer-readings', { odometerKm: -1 }, 'odometerKm'],
      ['POST', 'odometer-readings', { odometerKm: 10_000_000 }, 'odometerKm'],
      ['POST', 'odometer-readings', { odometerKm: 48_300.5 }, 'odometerKm'],
      ['POST', 'odometer-readings', {}, 'odometerKm'],
      ['POST', 'odometer-readings', { odometerKm: 48_300, readAt: 'yesterday' }, 'readAt'],
      ['POST', 'odometer-readings', { odometerKm: 48_300, readAt: '2026-12-01T08:00:00' }, 'readAt'],
      ['POST', 'odometer-readings', { odometerKm: 48_300, readAt: null }, 'readAt'],
      ['POST', 'odometer-readings', { odometerKm: 48_300, tripId: 'x' }, 'tripId'],
      ['PUT', 'service-schedule', {}, 'intervalKm'],
      ['PUT', 'service-schedule', { intervalKm: 0 }, 'intervalKm'],
      ['PUT', 'service-schedule', { intervalKm: '10000' }, 'intervalKm'],
      ['PUT', 'service-schedule', { intervalKm: null }, 'intervalKm'],
      ['PUT', 'service-schedule', { intervalMonths: 61 }, 'intervalMonths'],
      ['PUT', 'service-schedule', { intervalMonths: 6, intervalKm: null }, 'intervalKm'],
      ['PUT', 'service-schedule', { intervalMonths: 6, dueAtKm: 50_000 }, 'dueAtKm'],
      ['PUT', 'service-schedule', { intervalKm: 10_000, dueOn: '2027-01-01' }, 'dueOn'],
      ['PUT', 'service-schedule', { intervalMonths: 6, dueOn: '2027-02-30' }, 'dueOn'],
      ['PUT', 'service-schedule', { intervalMonths: 6, dueOn: '2027-06-01T00:00:00Z' }, 'dueOn'],
      ['PUT', 'service-schedule', { intervalKm: 10_000, dueAtKm: -5 }, 'dueAtKm'],
    ];
    for (const [method, route, body, field] of malformed) {
      const answer = await call(method, `/vehicles/${id}/${route}`, body);
      expect({ route, body, status: answer.status, type: answer.type }).toEqual({ route, body, status: 400, type: expect.stringContaining('application/problem+json') });
      expect((answer.body['errors'] as Array<{ field: string }>).map((error) => error.field)).toContain(field);
    }
    for (const raw of ['{not json', '[]', '"text"', 'null']) {
      expect((await call('POST', `/vehicles/${id}/odometer-readings`, raw)).status).toBe(400);
      expect((await call('PUT', `/vehicles/${id}/service-schedule`, raw)).status).toBe(400);
    }
    expect((await call('POST', `/vehicles/not-a-uuid/odometer-readings`, { odometerKm: 1 })).status).toBe(400);
    expect((await call('POST', `/vehicles/${randomUUID()}/odometer-readings`, { odometerKm: 1 })).status).toBe(404);
    expect((await call('PUT', `/vehicles/${randomUUID()}/service-schedule`, { intervalKm: 10_000 })).status).toBe(404);

    await ok('POST', `/vehicles/${id}/retire`, { reason: 'Sold at auction' });
    const retiredReading = await call('POST', `/vehicles/${id}/odometer-readings`, { odometerKm: 50_000 });
    expect(retiredReading.status).toBe(409);
    expect(retiredReading.body).toMatchObject({ currentState: 'retired' });
    expect((await call('PUT', `/vehicles/${id}/service-schedule`, { intervalKm: 10_000 })).body).toMatchObject({ status: 409, currentState: 'retired' });
    // Nothing of the refused requests was written.
    expect((await ok('GET', `/vehicles/${id}`))['odometerKm']).toBe(48_210);
    expect(await database.query(`SELECT 1 FROM vehicle_odometer_reading WHERE vehicle_id = $1`, [id])).toEqual([]);
  });
  it("records the service when maintenance verifies the vehicle's service work order: back from the workshop, next due from the service, once however often delivered", async () => {
    const broker = new InProcessBroker();
    const service = await startService(transportService, { env, broker });
    running.push(service);
    const id = await registerVehicle(20_000);
    await ok('PUT', `/vehicles/${id}/service-schedule`, { intervalKm: 10_000 }, service);
    await ok('POST', `/vehicles/${id}/odometer-readings`, { odometerKm: 30_040 }, service);
    await ok('POST', `/vehicles/${id}/send-for-service`, { reason: '30,000 km service' }, service);
    const workOrderId = randomUUID();
    const verified = (data: { origin: 'repair-request' | 'vehicle-service-due'; vehicleId?: string }) =>
      WorkOrderVerified.create({
        subject: workOrderId,
        origin: { agencyId, correlationId: randomUUID() },
        data: {
          workOrderId,
          ...data,
          ...(data.origin === 'repair-request' ? { repairRequestId: randomUUID() } : {}),
          priority: 'normal',
          category: 'vehicle',
          location: { building: 'Motor pool' },
          reportedBy: 'system',
          reportedAt: '2026-11-20T01:00:00.000Z',
          acceptedAt: '2026-11-20T02:00:00.000Z',
          completedAt: '2026-11-20T06:00:00.000Z',
          responseMinutes: 60,
          resolutionMinutes: 300,
          onHoldMinutes: 0,
          reopenCount: 0,
          firstTimeFix: true,
          cost: { labourFen: 0, partsFen: 0, extraFen: 0, totalFen: 0 },
          verifiedBy: 'fleet-manager-li',
          verifiedAt: '2026-11-20T07:00:00.000Z',
        },
      });
    // A repair's verification is none of transport's business.
    const repair = verified({ origin: 'repair-request' });
    await broker.publish(WorkOrderVerified.topic, workOrderId, Buffer.from(JSON.stringify(repair)));
    expect((await ok('GET', `/vehicles/${id}`, undefined, service))['status']).toBe('in-service');

    const event = verified({ origin: 'vehicle-service-due', vehicleId: id });
    for (let delivery = 0; delivery < 2; delivery += 1) await broker.publish(WorkOrderVerified.topic, workOrderId, Buffer.from(JSON.stringify(event)));
    const vehicle = await ok('GET', `/vehicles/${id}`, undefined, service);
    expect(vehicle).toMatchObject({ status: 'available', odometerKm: 30_040, serviceSchedule: expect.objectContaining({ intervalKm: 10_000, dueAtKm: 40_040 }) });
    const events = await database.query<{ event_type: string; envelope: { data: Record<string, unknown> } }>(
      `SELECT event_type, envelope FROM outbox_event WHERE message_key = $1 AND event_type IN ('houqin.transport.vehicle.serviced.v1', 'houqin.transport.vehicle.returned-from-service.v1') ORDER BY position`,
      [id],
    );
    expect(events.map((row) => row.event_type)).toEqual(['houqin.transport.vehicle.returned-from-service.v1', 'houqin.transport.vehicle.serviced.v1']);
    expect(events[0]!.envelope.data).toMatchObject({ returnedBy: 'fleet-manager-li', serviceReason: '30,000 km service' });
    expect(events[1]!.envelope.data).toMatchObject({ workOrderId, odometerKm: 30_040, nextDueAtKm: 40_040, returnedFromWorkshop: true, verifiedBy: 'fleet-manager-li' });
  });
});
