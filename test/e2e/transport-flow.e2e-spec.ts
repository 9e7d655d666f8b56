import { Caller } from '@houqin/observability';
import {
  GatewayAnswer,
  ServiceProcess,
  TEST_ACCESS_TOKEN_SECRET,
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_KAFKA_BROKERS,
  TestDatabase,
  callGateway,
  createTestDatabase,
  expectStatus,
  freePort,
  startServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@houqin/testing';

/**
 * Official vehicles end to end through the gateway, transport, maintenance and evaluation each its
 * own OS process on real Kafka and PostgreSQL: a trip out of the city is requested, approved by
 * someone other than the requester, dispatched, started and ended by its driver; evaluation records
 * the completion and surveys the requester. The trip's odometer crossed the vehicle's service
 * threshold: maintenance opens the service work order, and the vehicle cannot be dispatched until
 * that work order is verified.
 */
const SERVICES = ['maintenance', 'transport', 'evaluation'] as const;
type Service = (typeof SERVICES)[number];

const run = uniqueSuffix();
const agencyId = `agency-trips-${run}`;
const person = (userId: string, roles: string[]): Caller => ({ agencyId, userId, roles });
const people = {
  requester: person('staff-zhao', ['staff']),
  approver: person('approver-qian', ['approver']),
  manager: person('manager-sun', ['staff', 'logistics-manager']),
  driver: person('driver-lin', ['staff']),
};

const databases = {} as Record<Service | 'gateway', TestDatabase>;
const ports = {} as Record<Service, number>;
const processes: ServiceProcess[] = [];
let gateway: ServiceProcess;

const as = (caller: Caller, method: string, path: string, body?: unknown) => callGateway(gateway.url, caller, method, path, body);
const ok = (answer: Promise<GatewayAnswer>, status = 200) => expectStatus(answer, status);
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

beforeAll(async () => {
  for (const name of [...SERVICES, 'gateway'] as const) databases[name] = await createTestDatabase(`trips_${name}`);
  for (const service of SERVICES) {
    ports[service] = await freePort();
    processes.push(
      startServiceProcess({
        app: service,
        port: ports[service],
        label: service,
        env: {
          INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
          KAFKA_BROKERS: TEST_KAFKA_BROKERS,
          KAFKA_CONSUMER_GROUP: `${service}-trips-${run}`,
          DATABASE_URL: databases[service].url,
          LOG_LEVEL: 'warn',
          OUTBOX_POLL_INTERVAL_MS: '100',
        },
      }),
    );
  }
  gateway = startServiceProcess({
    app: 'gateway',
    port: await freePort(),
    label: 'gateway',
    env: {
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
      WEBHOOK_SECRET_KEY: 'e2e-webhook-secret-key-0123456789abcdef',
      DATABASE_URL: databases.gateway.url,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      KAFKA_CONSUMER_GROUP: `gateway-trips-${run}`,
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_URL`, `http://127.0.0.1:${ports[service]}`])),
      ...Object.fromEntries(['procurement', 'catering'].map((service) => [`${service.toUpperCase()}_URL`, 'http://127.0.0.1:9'])),
    },
  });
  processes.push(gateway);
  await Promise.all(processes.map((child) => child.waitUntilReady(90_000)));
});

afterAll(async () => {
  await Promise.all(processes.map((child) => child.stop()));
  await Promise.all(Object.values(databases).map((database) => database.drop()));
});

describe('official vehicles end to end through the gateway on Kafka', () => {
  it('requests, approves, dispatches, drives and completes a trip; evaluation records it and surveys the requester; the crossed service keeps the vehicle off trips until maintenance verifies it', async () => {
    const documents = { insuranceExpiresOn: '2099-12-31', inspectionExpiresOn: '2099-12-31' };
    const vehicle = await ok(as(people.manager, 'POST', '/transport/vehicles', { plateNumber: '闽A8T321', vehicleType: 'sedan', seats: 5, odometerKm: 44_995, fuel: 'petrol', ...documents }), 201);
    const vehicleId = String(vehicle['id']);
    await ok(as(people.manager, 'PUT', `/transport/vehicles/${vehicleId}/service-schedule`, { intervalKm: 5_000, dueAtKm: 45_000 }));
    const driver = await ok(as(people.manager, 'POST', '/transport/drivers', { name: '林师傅', userId: people.driver.userId, licenceClass: 'C1', licenceNumber: `3501021978${run.slice(0, 8)}`.slice(0, 18), licenceExpiresOn: '2099-01-01', healthCheckedOn: '2026-01-05', healthCheckExpiresOn: '2099-01-05' }), 201);
    const driverId = String(driver['id']);

    const requested = await ok(
      as(people.requester, 'POST', '/transport/trips', { purpose: '赴莆田调研', passengers: 2, passengerRank: 'division', origin: '机关大院', destination: '莆田市', distanceKm: 110, outOfCity: true, startsAt: inMinutes(2), endsAt: inMinutes(240) }),
      201,
    );
    const tripId = String(requested['id']);
    expect(requested).toMatchObject({ status: 'pending-approval', approvalReasons: expect.arrayContaining(['distance', 'out-of-city']) });
    await ok(as(people.approver, 'POST', `/transport/trips/${tripId}/approve`, { note: '同意' }));
    const options = await ok(as(people.manager, 'GET', `/transport/trips/${tripId}/dispatch-options`));
    expect((options['vehicles'] as Array<{ vehicle: { id: string } }>)[0]!.vehicle.id).toBe(vehicleId);
    await ok(as(people.manager, 'POST', `/transport/trips/${tripId}/dispatch`, { vehicleId, driverId }));
    await ok(as(people.driver, 'POST', `/transport/trips/${tripId}/start`, { odometerKm: 44_995 }));
    const ended = await ok(as(people.driver, 'POST', `/transport/trips/${tripId}/end`, { odometerKm: 45_003, tollsFen: 2_500, parkingFen: 500 }));
    expect(ended).toMatchObject({ status: 'completed', start: { onTime: true }, end: { drivenKm: 8, costFen: 3_000, costPerKmFen: 375 } });

    const audit = await waitFor(
      async () => {
        const entries = (await ok(as(people.manager, 'GET', `/evaluation/audit-trail?subject=${tripId}`))) as unknown as Array<{ eventType: string }>;
        return entries.some((entry) => entry.eventType === 'houqin.transport.trip.completed.v1') && entries;
      },
      { description: 'evaluation recording trip.completed' },
    );
    expect(audit.map((entry) => entry.eventType)).toContain('houqin.transport.trip.completed.v1');
    const survey = await waitFor(
      async () => {
        const pending = (await ok(as(people.requester, 'GET', '/evaluation/surveys/pending'))) as unknown as Array<{ instanceId: string; serviceType: string }>;
        return pending.find((candidate) => candidate.instanceId === tripId);
      },
      { description: "the requester's survey of the trip" },
    );
    expect(survey).toMatchObject({ serviceType: 'transport' });

    const [order] = await waitFor(
      async () => {
        const orders = (await ok(as(people.manager, 'GET', `/maintenance/work-orders?vehicleId=${vehicleId}`))) as unknown as Array<Record<string, unknown>>;
        return orders.length > 0 && orders;
      },
      { description: 'the service work order the trip’s odometer raised' },
    );
    expect(order).toMatchObject({ origin: 'vehicle-service-due', vehicleId });
    expect(await ok(as(people.manager, 'GET', `/transport/vehicles/${vehicleId}`))).toMatchObject({ dispatchable: false, blockers: [expect.objectContaining({ code: 'service-due' })] });
    const next = await ok(as(people.requester, 'POST', '/transport/trips', { purpose: '赴莆田回访', passengers: 2, passengerRank: 'division', origin: '机关大院', destination: '莆田市', distanceKm: 110, outOfCity: true, startsAt: inMinutes(300), endsAt: inMinutes(420) }), 201);
    const nextId = String(next['id']);
    await ok(as(people.approver, 'POST', `/transport/trips/${nextId}/approve`, {}));
    const refused = await as(people.manager, 'POST', `/transport/trips/${nextId}/dispatch`, { vehicleId, driverId });
    expect(refused.status).toBe(422);
    expect(refused.body['errors']).toEqual([expect.objectContaining({ field: 'vehicleId', rule: 'vehicle-service-due' })]);

    const workOrder = String(order!['id']);
    await ok(as(people.manager, 'POST', `/maintenance/work-orders/${workOrder}/assign`, { internal: true }));
    for (const step of ['accept', 'start', 'complete', 'verify'] as const) await ok(as(people.manager, 'POST', `/maintenance/work-orders/${workOrder}/${step}`));
    await waitFor(async () => (await ok(as(people.manager, 'GET', `/transport/vehicles/${vehicleId}`)))['dispatchable'] === true, { description: 'the vehicle dispatchable once its service is verified' });
    expect(await ok(as(people.manager, 'POST', `/transport/trips/${nextId}/dispatch`, { vehicleId, driverId }))).toMatchObject({ status: 'dispatched' });
  });
});
