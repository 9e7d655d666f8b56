import { randomUUID } from 'node:crypto';
import { ContractSigned, EventContract, VehicleServiceDue } from '@houqin/contracts';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller } from '@houqin/testing';

/**
 * Transport's vehicle service-due notices against the real maintenance service and PostgreSQL, on
 * the in-process broker (publish resolves once every consumer handled the event): each notice raises
 * one work order for the vehicle, assigned to the vendor contracted for vehicle work, never two
 * while one is open, also when the same notice is delivered twice.
 */
describe('maintenance: vehicles due for service', () => {
  const broker = new InProcessBroker();
  const agencyId = `agency-${randomUUID()}`;
  const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });
  const driver = testCaller({ agencyId, userId: 'driver-chen', roles: ['staff'] });
  const garage = randomUUID();
  const garageAccount: Caller = testCaller({ agencyId, userId: 'garage-user', roles: ['vendor'], vendorId: garage });
  let database: TestDatabase;
  let maintenance: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('maintenance_vehicle_service');
    maintenance = await startService(maintenanceService, {
      env: inProcessServiceEnv(database.url),
      broker,
    });
  });

  afterAll(async () => {
    await maintenance?.shutdown();
    await database?.drop();
  });

  const call = (caller: Caller, method: string, path: string, body?: unknown) => callService(maintenance.url, caller, method, path, body);

  async function deliver<T>(contract: EventContract<T>, subject: string, data: T, times = 1): Promise<void> {
    const event = contract.create({ subject, origin: { agencyId, correlationId: randomUUID() }, data });
    for (let delivery = 0; delivery < times; delivery += 1) await broker.publish(contract.topic, subject, Buffer.from(JSON.stringify(event)));
  }

  const serviceDue = (vehicleId: string, overrides: Partial<Parameters<typeof VehicleServiceDue.create>[0]['data']> = {}) => ({
    vehicleId,
    plateNumber: '闽A12345',
    vehicleType: 'sedan' as const,
    odometerKm: 45_012,
    dueAtKm: 45_000,
    intervalKm: 5_000,
    reason: 'distance' as const,
    detectedAt: new Date().toISOString(),
    recordedBy: 'driver-chen',
    ...overrides,
  });

  async function vehicleOrders(vehicleId: string) {
    const listed = await call(manager, 'GET', `/work-orders?vehicleId=${vehicleId}`);
    expect(listed.status).toBe(200);
    return listed.body;
  }

  it('leaves the work for a logistics manager while no vendor is contracted for vehicles', async () => {
    const vehicleId = randomUUID();
    await deliver(VehicleServiceDue, vehicleId, serviceDue(vehicleId));
    const [order, ...more] = await vehicleOrders(vehicleId);
    expect(more).toEqual([]);
    expect(order).toMatchObject({ origin: 'vehicle-service-due', vehicleId, status: 'triaged', category: 'vehicle', priority: 'normal', reportedBy: 'driver-chen', location: { building: 'Motor pool', room: '闽A12345' } });
    expect(order!['repairRequestId']).toBeUndefined();
    expect(String(order!['description'])).toContain('due at 45,000 km');
    // A logistics manager gives it to the internal team.
    expect((await call(manager, 'POST', `/work-orders/${String(order!['id'])}/assign`, { internal: true })).body).toMatchObject({ status: 'assigned', assignee: 'internal' });
  });

  it('goes to the vendor contracted for vehicle work, once however often the notice arrives, and again after the service is done', async () => {
    const contractId = randomUUID();
    await deliver(ContractSigned, contractId, {
      contractId,
      agencyId,
      vendorId: garage,
      vendorName: '福州市汽车维修有限公司',
      serviceType: 'maintenance',
      title: '公务用车维修保养',
      scope: { description: 'Servicing of the official vehicles', assetCategories: ['vehicle'] },
      validFrom: '2026-01-01T00:00:00+08:00',
      validTo: '2099-01-01T00:00:00+08:00',
      slaTerms: { serviceType: 'maintenance', priorities: { urgent: { responseHours: 2, resolutionHours: 8 }, high: { responseHours: 4, resolutionHours: 24 }, normal: { responseHours: 24, resolutionHours: 72 }, low: { responseHours: 72, resolutionHours: 240 } } },
      penaltyRules: [],
      priceTerms: { monthlyFee: 200_000, unitRates: [] },
      signedBy: 'admin-1',
      signedAt: new Date().toISOString(),
    });
    const vehicleId = randomUUID();
    await deliver(VehicleServiceDue, vehicleId, serviceDue(vehicleId), 2);
    // A later notice (the date came too) while the work is open adds nothing.
    await deliver(VehicleServiceDue, vehicleId, serviceDue(vehicleId, { dueOn: '2026-12-01', reason: 'date', recordedBy: 'system' }));
    const orders = await vehicleOrders(vehicleId);
    expect(orders).toHaveLength(1);
    const id = String(orders[0]!['id']);
    expect(orders[0]).toMatchObject({ status: 'assigned', assignee: 'vendor', vendorId: garage, contractId });
    const events: Array<{ event_type: string; data: Record<string, unknown> }> = await database.query(
      `SELECT event_type, envelope->'data' AS data FROM outbox_event WHERE message_key = $1 ORDER BY position`,
      [id],
    );
    expect(events.map((event) => event.event_type)).toEqual(['houqin.maintenance.work-order.triaged.v1', 'houqin.maintenance.work-order.assigned.v1']);
    expect(events[1]!.data).toMatchObject({ origin: 'vehicle-service-due', vehicleId, automatic: true, assignedBy: 'houqin:platform' });
    const clocks: Array<{ kind: string }> = await database.query(`SELECT kind FROM sla_clock WHERE work_order_id = $1 ORDER BY kind`, [id]);
    expect(clocks.map((clock) => clock.kind)).toEqual(['resolution', 'response']);

    for (const step of ['accept', 'start', 'complete']) expect((await call(garageAccount, 'POST', `/work-orders/${id}/${step}`, {})).status).toBe(200);
    // Raised work is verified by the person answerable for it or a logistics manager; another colleague may not.
    expect((await call(testCaller({ agencyId, userId: 'staff-9', roles: ['staff'] }), 'POST', `/work-orders/${id}/verify`)).status).toBe(422);
    expect((await call(driver, 'POST', `/work-orders/${id}/verify`)).body).toMatchObject({ status: 'verified' });

    await deliver(VehicleServiceDue, vehicleId, serviceDue(vehicleId, { odometerKm: 50_003, dueAtKm: 50_000 }));
    const after = await vehicleOrders(vehicleId);
    expect(after.map((order) => order['status'])).toEqual(['assigned', 'verified']);
  });
});
