import { Caller } from '@houqin/observability';
import {
  ServiceProcess,
  TEST_ACCESS_TOKEN_SECRET,
  TEST_BID_SEALING_KEY,
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_KAFKA_BROKERS,
  TestDatabase,
  GatewayAnswer,
  callGateway,
  expectStatus,
  createTestDatabase,
  freePort,
  startServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@houqin/testing';

/**
 * Maintenance end to end through the gateway, procurement, maintenance and evaluation each its own
 * OS process on real Kafka and PostgreSQL: a contract signed in procurement makes its vendor
 * assignable in maintenance; a repair request becomes a work order the vendor accepts and completes
 * and the requester verifies (验收), and evaluation records the completed and verified events with
 * the response and resolution times; a missed deadline produces sla.breached, which evaluation
 * records too. Then the work maintenance raises itself and what it costs: a vehicle whose odometer
 * reaches its service in transport gets a service work order; a preventive plan falling due raises
 * its work order; spare parts issued in procurement for a work order become its parts cost, and the
 * closed work order's event carries the cost.
 */
const SERVICES = ['procurement', 'maintenance', 'transport', 'evaluation'] as const;
type Service = (typeof SERVICES)[number];

const run = uniqueSuffix();
const agencyId = `agency-repairs-${run}`;
const person = (userId: string, roles: string[]): Caller => ({ agencyId, userId, roles });
const people = {
  requester: person('staff-zhao', ['staff']),
  approver: person('approver-qian', ['approver']),
  manager: person('manager-sun', ['staff', 'logistics-manager']),
  admin: person('admin-li', ['agency-admin']),
};

const databases = {} as Record<Service | 'gateway', TestDatabase>;
const ports = {} as Record<Service, number>;
const processes: ServiceProcess[] = [];
let gateway: ServiceProcess;

const as = (caller: Caller, method: string, path: string, body?: unknown) => callGateway(gateway.url, caller, method, `${path}`, body);

const ok = (answer: Promise<GatewayAnswer>, status = 200) => expectStatus(answer, status);

async function auditOf(subject: string): Promise<Array<{ eventType: string; payload: unknown }>> {
  return (await ok(as(people.manager, 'GET', `/evaluation/audit-trail?subject=${subject}`))) as unknown as Array<{ eventType: string; payload: unknown }>;
}

beforeAll(async () => {
  for (const name of [...SERVICES, 'gateway'] as const) databases[name] = await createTestDatabase(`repairs_${name}`);
  for (const service of SERVICES) {
    ports[service] = await freePort();
    processes.push(
      startServiceProcess({
        app: service,
        port: ports[service],
        label: service,
        env: {
          INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
          ...(service === 'procurement' ? { BID_SEALING_KEY: TEST_BID_SEALING_KEY } : {}),
          ...(service === 'maintenance' ? { SLA_SWEEP_INTERVAL_MS: '200', PREVENTIVE_SWEEP_INTERVAL_MS: '200' } : {}),
          KAFKA_BROKERS: TEST_KAFKA_BROKERS,
          KAFKA_CONSUMER_GROUP: `${service}-repairs-${run}`,
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
      KAFKA_CONSUMER_GROUP: `gateway-repairs-${run}`,
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_URL`, `http://127.0.0.1:${ports[service]}`])),
      ...Object.fromEntries(['catering'].map((service) => [`${service.toUpperCase()}_URL`, 'http://127.0.0.1:9'])),
    },
  });
  processes.push(gateway);
  await Promise.all(processes.map((child) => child.waitUntilReady(90_000)));
});

afterAll(async () => {
  await Promise.all(processes.map((child) => child.stop()));
  await Promise.all(Object.values(databases).map((database) => database.drop()));
});

describe('maintenance end to end through the gateway on Kafka', () => {
  let vendorId: string;
  let contractId: string;
  const vendor = (): Caller => ({ agencyId, userId: 'vendor-staff-wu', roles: ['vendor'], vendorId });

  async function workOrderFor(description: string): Promise<string> {
    const reported = await ok(as(people.requester, 'POST', '/maintenance/repair-requests', { location: { building: 'Main Building', room: '305' }, description, priority: 'urgent' }), 201);
    const triaged = await ok(as(people.manager, 'POST', `/maintenance/repair-requests/${String(reported['id'])}/triage`, { category: 'hvac', autoAssign: true }), 201);
    expect(triaged).toMatchObject({ status: 'assigned', vendorId });
    return String(triaged['id']);
  }

  it('makes the vendor of a contract signed in procurement assignable in maintenance', async () => {
    const registered = await ok(
      as(people.manager, 'POST', '/procurement/vendors', { name: '北京华信物业管理有限公司', unifiedSocialCreditCode: '91110000802100433B', categories: ['maintenance'], contact: { name: '刘工', phone: '13901010002' } }),
      201,
    );
    vendorId = String(registered['id']);
    await ok(as(people.admin, 'POST', '/procurement/budgets', { fiscalYear: 2026, category: 'maintenance', allocated: 1_000_000_00 }), 201);
    const requisition = await ok(
      as(people.requester, 'POST', '/procurement/requisitions', { title: 'HVAC upkeep', category: 'maintenance', fiscalYear: 2026, lines: [{ description: 'HVAC upkeep, 12 months', quantity: 1, estimatedUnitPrice: 36_000_00 }] }),
      201,
    );
    const requisitionId = String(requisition['id']);
    await ok(as(people.requester, 'POST', `/procurement/requisitions/${requisitionId}/submit`));
    expect(await ok(as(people.approver, 'POST', `/procurement/requisitions/${requisitionId}/approve`, {}))).toMatchObject({ status: 'approved', procurementMethod: 'direct-purchase' });
    const contract = await ok(
      as(people.manager, 'POST', '/procurement/contracts', {
        title: 'HVAC maintenance 2026',
        requisitionId,
        vendorId,
        serviceType: 'maintenance',
        scope: { description: 'Air conditioning of the Main Building', buildings: ['Main Building'], assetCategories: ['hvac'] },
        validFrom: '2026-01-01T00:00:00+08:00',
        validTo: '2099-12-31T00:00:00+08:00',
        priceTerms: { monthlyFee: 3_000_00 },
        slaTerms: { priorities: { urgent: { responseHours: 1, resolutionHours: 4 }, high: { responseHours: 4, resolutionHours: 24 }, normal: { responseHours: 24, resolutionHours: 72 }, low: { responseHours: 72, resolutionHours: 240 } } },
        penaltyRules: [{ breach: 'response-late', amount: 500_00, capPerMonth: 5_000_00 }],
      }),
      201,
    );
    contractId = String(contract['id']);
    await ok(as(people.admin, 'POST', `/procurement/contracts/${contractId}/sign`));
    const known = await waitFor(
      async () => {
        const contracts = (await ok(as(people.manager, 'GET', '/maintenance/vendor-contracts'))) as unknown as Array<Record<string, unknown>>;
        return contracts.length > 0 && contracts;
      },
      { description: 'maintenance learning the contract from Kafka' },
    );
    expect(JSON.stringify(known)).toContain(contractId);
  });

  it('runs a repair to the requester’s verification, and evaluation records it with response and resolution times', async () => {
    const workOrder = await workOrderFor('The air conditioner in room 305 leaks water');
    for (const step of ['accept', 'start', 'complete'] as const) await ok(as(vendor(), 'POST', `/maintenance/work-orders/${workOrder}/${step}`, step === 'complete' ? { resolutionNote: 'Cleared the drain' } : {}));
    expect(await ok(as(people.requester, 'POST', `/maintenance/work-orders/${workOrder}/verify`))).toMatchObject({ status: 'verified' });
    const recorded = await waitFor(
      async () => {
        const entries = await auditOf(workOrder);
        return entries.some((entry) => entry.eventType === 'houqin.maintenance.work-order.verified.v1') && entries;
      },
      { description: 'the verified work order in the audit trail' },
    );
    const types = recorded.map((entry) => entry.eventType);
    expect(types).toEqual(expect.arrayContaining(['houqin.maintenance.work-order.completed.v1', 'houqin.maintenance.work-order.verified.v1']));
    const verified = JSON.stringify(recorded.find((entry) => entry.eventType === 'houqin.maintenance.work-order.verified.v1')!.payload);
    for (const figure of ['responseMinutes', 'resolutionMinutes', 'firstTimeFix', contractId, vendorId]) expect(verified).toContain(figure);

    // The vendor's 360 view gathers its contract from procurement and its work from maintenance.
    const view = await ok(as(people.manager, 'GET', `/vendors/${vendorId}/360`));
    const sections = view['sections'] as Record<string, { status: string; data: Record<string, Array<Record<string, unknown>>> }>;
    expect(sections['contracts']!.data['contracts']).toEqual([expect.objectContaining({ id: contractId, status: 'signed' })]);
    expect(sections['workOrders']!.data['workOrders']).toEqual([expect.objectContaining({ id: workOrder, status: 'verified', vendorId })]);
  });

  it('publishes sla.breached when the vendor misses the response deadline, and evaluation records it', async () => {
    const workOrder = await workOrderFor('No cooling on the third floor');
    // Two hours pass for the response clock (urgent: 1 h) without an answer from the vendor.
    await databases.maintenance.query(
      `UPDATE sla_clock SET started_at = started_at - interval '2 hours', deadline = deadline - interval '2 hours', at_risk_at = at_risk_at - interval '2 hours' WHERE work_order_id = $1 AND kind = 'response'`,
      [workOrder],
    );
    const recorded = await waitFor(
      async () => {
        const entries = await auditOf(workOrder);
        return entries.some((entry) => entry.eventType === 'houqin.maintenance.sla.breached.v1') && entries;
      },
      { description: 'sla.breached in the audit trail' },
    );
    const breaches = recorded.filter((entry) => entry.eventType === 'houqin.maintenance.sla.breached.v1');
    expect(breaches).toHaveLength(1);
    expect(JSON.stringify(breaches[0]!.payload)).toContain('"kind":"response"');
  });

  it("raises a service work order in maintenance when a vehicle's odometer reaches its service in transport", async () => {
    const vehicle = await ok(as(people.manager, 'POST', '/transport/vehicles', { plateNumber: '闽A7E123', vehicleType: 'sedan', seats: 5, odometerKm: 44_100, fuel: 'petrol' }), 201);
    const vehicleId = String(vehicle['id']);
    await ok(as(people.manager, 'PUT', `/transport/vehicles/${vehicleId}/service-schedule`, { intervalKm: 5_000, dueAtKm: 45_000 }));
    await ok(as(people.manager, 'POST', `/transport/vehicles/${vehicleId}/odometer-readings`, { odometerKm: 45_020 }));
    const [order, ...more] = await waitFor(
      async () => {
        const orders = (await ok(as(people.manager, 'GET', `/maintenance/work-orders?vehicleId=${vehicleId}`))) as unknown as Array<Record<string, unknown>>;
        return orders.length > 0 && orders;
      },
      { description: 'the vehicle service work order' },
    );
    expect(more).toEqual([]);
    expect(order).toMatchObject({ origin: 'vehicle-service-due', vehicleId, category: 'vehicle', status: 'triaged', reportedBy: 'manager-sun', location: { building: 'Motor pool', room: '闽A7E123' } });

    // The motor pool's own mechanics do it; its verification tells transport the service is done.
    const workOrder = String(order!['id']);
    await ok(as(people.manager, 'POST', `/maintenance/work-orders/${workOrder}/assign`, { internal: true }));
    for (const step of ['accept', 'start', 'complete', 'verify'] as const) await ok(as(people.manager, 'POST', `/maintenance/work-orders/${workOrder}/${step}`));
    const serviced = await waitFor(
      async () => {
        const current = await ok(as(people.manager, 'GET', `/transport/vehicles/${vehicleId}`));
        return (current['serviceSchedule'] as { dueAtKm?: number } | undefined)?.dueAtKm === 50_020 && current;
      },
      { description: 'transport counting the next service from the verified one' },
    );
    expect(serviced).toMatchObject({ status: 'available', odometerKm: 45_020 });
  });

  it('raises the work order of a preventive plan that falls due, for the contracted vendor', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const plan = await ok(
      as(people.manager, 'POST', '/maintenance/preventive-plans', {
        name: 'Quarterly AC filter service',
        description: 'Clean the filters and check the condensate drains',
        category: 'hvac',
        location: { building: 'Main Building' },
        assignee: { kind: 'automatic' },
        trigger: { kind: 'calendar', every: 3, unit: 'month', firstDueOn: today },
      }),
      201,
    );
    const [order] = await waitFor(
      async () => {
        const orders = (await ok(as(people.manager, 'GET', `/maintenance/work-orders?preventivePlanId=${String(plan['id'])}`))) as unknown as Array<Record<string, unknown>>;
        return orders.length > 0 && orders;
      },
      { description: "the preventive plan's work order" },
    );
    expect(order).toMatchObject({ origin: 'preventive-plan', status: 'assigned', vendorId, contractId, reportedBy: 'manager-sun' });
  });

  it("turns spare parts issued in procurement for a work order into its parts cost, carried by the closed work order's event", async () => {
    const workOrder = await workOrderFor('The fan coil in room 305 rattles');
    for (const step of ['accept', 'start'] as const) await ok(as(vendor(), 'POST', `/maintenance/work-orders/${workOrder}/${step}`));
    const storeRoom = await ok(as(people.manager, 'POST', '/procurement/store-rooms', { name: 'Spare parts store' }), 201);
    const item = await ok(as(people.manager, 'POST', '/procurement/stock-items', { code: 'FAN-MOTOR-40W', name: 'Fan coil motor 40 W', unitOfMeasure: 'piece', lowStockThreshold: 1, reorderQuantity: 4 }), 201);
    await ok(as(people.manager, 'POST', `/procurement/stock-items/${String(item['id'])}/receipts`, { storeRoomId: storeRoom['id'], quantity: 3, unitCostFen: 215_00 }), 201);
    await ok(as(people.manager, 'POST', `/procurement/stock-items/${String(item['id'])}/issues`, { storeRoomId: storeRoom['id'], quantity: 1, departmentId: 'logistics', requestedBy: 'vendor-staff-wu', workOrderId: workOrder }), 201);
    await ok(as(vendor(), 'POST', `/maintenance/work-orders/${workOrder}/costs/labour`, { worker: 'Wu', minutes: 60, hourlyRateFen: 100_00 }), 201);
    await waitFor(
      async () => {
        const costs = await ok(as(people.manager, 'GET', `/maintenance/work-orders/${workOrder}/costs`));
        return (costs['totals'] as { partsFen: number }).partsFen === 215_00 && costs;
      },
      { description: 'the parts cost from procurement' },
    );
    await ok(as(vendor(), 'POST', `/maintenance/work-orders/${workOrder}/complete`));
    await ok(as(people.requester, 'POST', `/maintenance/work-orders/${workOrder}/verify`));
    await ok(as(people.manager, 'POST', `/maintenance/work-orders/${workOrder}/close`));
    const recorded = await waitFor(
      async () => {
        const entries = await auditOf(workOrder);
        return entries.find((entry) => entry.eventType === 'houqin.maintenance.work-order.closed.v1');
      },
      { description: 'the closed work order in the audit trail' },
    );
    expect((recorded.payload as { cost: unknown }).cost).toEqual({ labourFen: 100_00, partsFen: 215_00, extraFen: 0, totalFen: 315_00 });
  });
});
