import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ContractSigned, EventContract, StockIssued } from '@houqin/contracts';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { procurementService } from '@houqin/procurement';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TestDatabase, createTestDatabase, inProcessServiceEnv, internalToken, testCaller, waitFor } from '@houqin/testing';

/**
 * Maintenance costs (维修费用) against the real maintenance and procurement services, each with its
 * own PostgreSQL database, on one in-process broker: labour and other costs recorded over HTTP by
 * the assignee or an operator, refused before acceptance and after closing (409) and for another
 * vendor (404); parts issued in procurement's store for a work order arriving as stock.issued and
 * recorded once however often delivered; unmatched issues kept; voiding; summaries per asset,
 * vendor and month that add up; the events in the outbox with the running totals.
 */
describe('maintenance costs', () => {
  const broker = new InProcessBroker();
  const agencyId = `agency-${randomUUID()}`;
  const otherAgencyId = `agency-${randomUUID()}`;
  const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });
  const storeKeeper = testCaller({ agencyId, userId: 'keeper-1', roles: ['logistics-manager'] });
  const requester = testCaller({ agencyId, userId: 'staff-1', roles: ['staff'] });
  const auditor = testCaller({ agencyId, userId: 'auditor-1', roles: ['auditor'] });
  const stranger = testCaller({ agencyId: otherAgencyId, userId: 'admin-9', roles: ['agency-admin'] });
  const vendors = { a: randomUUID(), b: randomUUID() };
  const vendorAccount = (vendorId: string): Caller => testCaller({ agencyId, userId: `vendor-user-${vendorId.slice(0, 8)}`, roles: ['vendor'], vendorId });
  let maintenanceDb: TestDatabase;
  let procurementDb: TestDatabase;
  let maintenance: RunningService;
  let procurement: RunningService;

  beforeAll(async () => {
    [maintenanceDb, procurementDb] = await Promise.all([createTestDatabase('maintenance_costs'), createTestDatabase('maintenance_costs_procurement')]);
    maintenance = await startService(maintenanceService, { env: inProcessServiceEnv(maintenanceDb.url, { LOG_LEVEL: 'fatal' }), broker });
    procurement = await startService(procurementService, { env: inProcessServiceEnv(procurementDb.url, { LOG_LEVEL: 'fatal', BID_SEALING_KEY: TEST_BID_SEALING_KEY }), broker });
  });

  afterAll(async () => {
    // Procurement first: its relay delivers to maintenance, which must still be there.
    await procurement?.shutdown();
    await maintenance?.shutdown();
    await Promise.all([maintenanceDb?.drop(), procurementDb?.drop()]);
  });

  const as = (caller: Caller) => ({
    get: (path: string) => request(maintenance.url).get(path).set('authorization', `Bearer ${internalToken(caller)}`),
    post: (path: string, body: object = {}) => request(maintenance.url).post(path).set('authorization', `Bearer ${internalToken(caller)}`).send(body),
  });
  const store = (path: string, body: object) => request(procurement.url).post(path).set('authorization', `Bearer ${internalToken(storeKeeper)}`).send(body);

  async function publish<T>(contract: EventContract<T>, subject: string, data: T, agency = agencyId): Promise<string> {
    const event = contract.create({ subject, origin: { agencyId: agency, correlationId: randomUUID() }, data });
    await broker.publish(contract.topic, subject, Buffer.from(JSON.stringify(event)));
    return event.id;
  }

  async function costEvents(workOrderId: string): Promise<Array<{ type: string; data: Record<string, unknown> & { line: Record<string, unknown>; totals: Record<string, number> } }>> {
    const rows = await maintenanceDb.query<{ event_type: string; envelope: { data: never } }>(
      `SELECT event_type, envelope FROM outbox_event WHERE message_key = $1 AND event_type LIKE 'houqin.maintenance.work-order-cost.%' ORDER BY position`,
      [workOrderId],
    );
    return rows.map((row) => ({ type: row.event_type.replace('houqin.maintenance.work-order-cost.', ''), data: row.envelope.data }));
  }

  function contract(vendorId: string, building: string) {
    const contractId = randomUUID();
    return {
      contractId,
      agencyId,
      vendorId,
      vendorName: `维修公司 ${vendorId.slice(0, 4)}`,
      serviceType: 'maintenance' as const,
      title: '办公楼维修服务',
      scope: { description: 'Repair and upkeep', buildings: [building] },
      validFrom: '2026-01-01T00:00:00+08:00',
      validTo: '2099-01-01T00:00:00+08:00',
      slaTerms: { serviceType: 'maintenance' as const, priorities: { urgent: { responseHours: 1, resolutionHours: 4 }, high: { responseHours: 4, resolutionHours: 24 }, normal: { responseHours: 24, resolutionHours: 72 }, low: { responseHours: 72, resolutionHours: 240 } } },
      penaltyRules: [],
      priceTerms: { monthlyFee: 300_000, unitRates: [] },
      signedBy: 'admin-1',
      signedAt: new Date().toISOString(),
    };
  }

  async function registerAsset(code: string, building: string): Promise<string> {
    const answer = await as(manager).post('/assets', { code, name: `Air conditioner ${code}`, category: 'hvac', location: { building }, criticality: 'high' });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  }

  async function workOrder(building: string, triage: Record<string, unknown>): Promise<string> {
    const reported = await as(requester).post('/repair-requests', { location: { building, room: '301' }, description: 'The air conditioner leaks water', priority: 'high' });
    expect(reported.status).toBe(201);
    const triaged = await as(manager).post(`/repair-requests/${reported.body.id}/triage`, triage);
    expect(triaged.status).toBe(201);
    return triaged.body.id as string;
  }

  const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

  let assetC: string;
  let assetD: string;
  let wo1: string;
  let wo2: string;
  let wo3: string;

  it('sets up: two vendors under contract, two assets, three work orders (two vendors, the internal team)', async () => {
    await publish(ContractSigned, randomUUID(), contract(vendors.a, 'Building C'));
    await publish(ContractSigned, randomUUID(), contract(vendors.b, 'Building D'));
    assetC = await registerAsset(`AC-C-${randomUUID().slice(0, 6)}`, 'Building C');
    assetD = await registerAsset(`AC-D-${randomUUID().slice(0, 6)}`, 'Building D');
    wo1 = await workOrder('Building C', { assetId: assetC, autoAssign: true });
    wo2 = await workOrder('Building D', { assetId: assetD, autoAssign: true });
    wo3 = await workOrder('Building E', { category: 'plumbing' });
    expect((await as(manager).post(`/work-orders/${wo3}/assign`, { internal: true })).status).toBe(200);
    expect((await as(manager).get(`/work-orders/${wo1}`)).body).toMatchObject({ vendorId: vendors.a, assetId: assetC, status: 'assigned' });
    expect((await as(manager).get(`/work-orders/${wo2}`)).body).toMatchObject({ vendorId: vendors.b, assetId: assetD, status: 'assigned' });
  });

  it('refuses costs before the vendor accepted the work, naming the state', async () => {
    const early = await as(vendorAccount(vendors.a)).post(`/work-orders/${wo1}/costs/labour`, { worker: '张师傅', minutes: 60, hourlyRateFen: 10_000 });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ type: 'urn:houqin:problem:illegal-transition', currentState: 'assigned' });
    expect(early.body.detail).toBe('work order is assigned; cannot record costs');
  });

  it('records labour and other costs by the assigned vendor, with the running totals', async () => {
    const vendor = vendorAccount(vendors.a);
    expect((await as(vendor).post(`/work-orders/${wo1}/accept`)).status).toBe(200);
    expect((await as(vendor).post(`/work-orders/${wo1}/start`)).status).toBe(200);

    const labour = await as(vendor).post(`/work-orders/${wo1}/costs/labour`, { worker: ' 张师傅 (制冷工) ', minutes: 90, hourlyRateFen: 10_000, note: 'Replaced the drain pump' });
    expect(labour.status).toBe(201);
    expect(labour.body).toMatchObject({
      line: { kind: 'labour', description: '张师傅 (制冷工)', amountFen: 15_000, labour: { worker: '张师傅 (制冷工)', minutes: 90, hourlyRateFen: 10_000 }, note: 'Replaced the drain pump', recordedBy: vendor.userId, voided: false },
      totals: { labourFen: 15_000, partsFen: 0, extraFen: 0, totalFen: 15_000 },
    });
    // 7 minutes at 100 fen an hour is 11.67 fen: rounded half up.
    const odd = await as(manager).post(`/work-orders/${wo1}/costs/labour`, { worker: 'Apprentice', minutes: 7, hourlyRateFen: 100 });
    expect(odd.status).toBe(201);
    expect(odd.body.line.amountFen).toBe(12);
    const extra = await as(vendor).post(`/work-orders/${wo1}/costs/extra`, { description: 'Scaffolding hire, one day', amountFen: 35_000 });
    expect(extra.status).toBe(201);
    expect(extra.body.totals).toEqual({ labourFen: 15_012, partsFen: 0, extraFen: 35_000, totalFen: 50_012 });

    const view = await as(requester).get(`/work-orders/${wo1}/costs`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ workOrderId: wo1, status: 'in-progress', assetId: assetC, vendorId: vendors.a, totals: { totalFen: 50_012 } });
    expect(view.body.lines.map((line: { kind: string; amountFen: number }) => [line.kind, line.amountFen])).toEqual([
      ['labour', 15_000],
      ['labour', 12],
      ['extra', 35_000],
    ]);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const vendor = as(vendorAccount(vendors.a));
    const cases: Array<[string, object, string]> = [
      ['labour', { worker: '张师傅', minutes: 1.5, hourlyRateFen: 10_000 }, 'minutes'],
      ['labour', { worker: '张师傅', minutes: 0, hourlyRateFen: 10_000 }, 'minutes'],
      ['labour', { minutes: 30, hourlyRateFen: 10_000 }, 'worker'],
      ['labour', { worker: '   ', minutes: 30, hourlyRateFen: 10_000 }, 'worker'],
      ['labour', { worker: '张师傅', minutes: 30, hourlyRateFen: '100' }, 'hourlyRateFen'],
      ['labour', { worker: '张师傅', minutes: 30, hourlyRateFen: -1 }, 'hourlyRateFen'],
      ['extra', { description: 'Skip hire', amountFen: 0 }, 'amountFen'],
      ['extra', { description: 'Skip hire', amountFen: 12.5 }, 'amountFen'],
      ['extra', { amountFen: 100 }, 'description'],
      ['extra', { description: 'Skip hire', amountFen: 100, vendorId: vendors.b }, 'vendorId'],
    ];
    for (const [kind, body, field] of cases) {
      const answer = await vendor.post(`/work-orders/${wo1}/costs/${kind}`, body);
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect((await as(manager).post(`/work-orders/not-a-uuid/costs/extra`, { description: 'x', amountFen: 1 })).status).toBe(400);
    expect((await as(manager).get(`/work-orders/${wo1}/costs`)).body.lines).toHaveLength(3);
  });

  it("hides a work order's costs from another vendor (404) and leaves recording to the assignee and operators", async () => {
    const other = as(vendorAccount(vendors.b));
    expect((await other.get(`/work-orders/${wo1}/costs`)).status).toBe(404);
    expect((await other.post(`/work-orders/${wo1}/costs/labour`, { worker: 'x', minutes: 10, hourlyRateFen: 100 })).status).toBe(404);
    expect((await other.post(`/work-orders/${wo1}/costs/extra`, { description: 'x', amountFen: 100 })).status).toBe(404);
    expect((await as(stranger).get(`/work-orders/${wo1}/costs`)).status).toBe(404);
    const staff = await as(requester).post(`/work-orders/${wo1}/costs/extra`, { description: 'Taxi', amountFen: 3_000 });
    expect(staff.status).toBe(422);
    expect(staff.body.type).toBe('urn:houqin:problem:not-assignee');
    expect((await as(vendorAccount(vendors.a)).get(`/work-orders/${wo1}/costs`)).status).toBe(200);
  });

  let issuedEnvelope: string;

  it("records parts issued in procurement's store for the work order, valued at the last receipt price", async () => {
    const room = await store('/store-rooms', { name: `备件库-${randomUUID().slice(0, 6)}` });
    expect(room.status).toBe(201);
    const item = await store('/stock-items', { code: `FILTER-${randomUUID().slice(0, 6)}`, name: '空调滤网', unitOfMeasure: '片', lowStockThreshold: 0, reorderQuantity: 10 });
    expect(item.status).toBe(201);
    expect((await store(`/stock-items/${item.body.id}/receipts`, { storeRoomId: room.body.id, quantity: 10, unitCostFen: 2_000 })).status).toBe(201);
    expect((await store(`/stock-items/${item.body.id}/receipts`, { storeRoomId: room.body.id, quantity: 5, unitCostFen: 2_350 })).status).toBe(201);
    const issued = await store(`/stock-items/${item.body.id}/issues`, { storeRoomId: room.body.id, quantity: 2, departmentId: 'facilities', requestedBy: 'vendor-user', workOrderId: wo1 });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ kind: 'issue', change: -2, unitCostFen: 2_350 });

    const [event] = await procurementDb.query<{ envelope: { id: string; data: Record<string, unknown> } }>(
      `SELECT envelope FROM outbox_event WHERE event_type = 'houqin.procurement.stock.issued.v1' AND message_key = $1`,
      [item.body.id],
    );
    expect(event!.envelope.data).toMatchObject({ workOrderId: wo1, quantity: 2, unitCostFen: 2_350, valueFen: 4_700, code: item.body.code });
    issuedEnvelope = JSON.stringify(event!.envelope);

    const parts = await waitFor(async () => {
      const lines = (await as(manager).get(`/work-orders/${wo1}/costs`)).body.lines as Array<Record<string, unknown>>;
      return lines.find((line) => line['kind'] === 'parts');
    }, { description: 'the parts to reach the work order' });
    expect(parts).toMatchObject({
      description: item.body.code,
      amountFen: 4_700,
      parts: { movementId: event!.envelope.data['movementId'], stockItemId: item.body.id, code: item.body.code, quantity: 2, unitCostFen: 2_350 },
      recordedBy: 'keeper-1',
      incurredAt: event!.envelope.data['issuedAt'],
    });
  });

  it('records an issue once however often it is delivered, even in a second envelope', async () => {
    const envelope = JSON.parse(issuedEnvelope) as { id: string; partitionkey: string };
    for (let delivery = 0; delivery < 2; delivery += 1) await broker.publish(StockIssued.topic, envelope.partitionkey, Buffer.from(issuedEnvelope));
    // The same movement again past the inbox (a new event id): the line is not doubled either.
    await broker.publish(StockIssued.topic, envelope.partitionkey, Buffer.from(JSON.stringify({ ...envelope, id: randomUUID() })));
    const view = (await as(manager).get(`/work-orders/${wo1}/costs`)).body;
    expect(view.lines.filter((line: { kind: string }) => line.kind === 'parts')).toHaveLength(1);
    expect(view.totals).toEqual({ labourFen: 15_012, partsFen: 4_700, extraFen: 35_000, totalFen: 54_712 });
    expect((await costEvents(wo1)).filter((event) => event.data.line['kind'] === 'parts')).toHaveLength(1);
    expect(broker.deadLetters()).toEqual([]);
  });

  it('keeps an issue for a work order unknown in the agency as unmatched, never dead-lettered', async () => {
    const issue = (workOrderId: string) => ({
      movementId: randomUUID(),
      stockItemId: randomUUID(),
      code: 'GASKET-9',
      storeRoomId: randomUUID(),
      balance: 3,
      onHand: 3,
      quantity: 1,
      departmentId: 'facilities',
      requestedBy: 'staff-7',
      issuedBy: 'keeper-1',
      issuedAt: new Date().toISOString(),
      workOrderId,
      unitCostFen: 800,
      valueFen: 800,
    });
    const unknown = issue(randomUUID());
    await publish(StockIssued, unknown.stockItemId, unknown);
    // Another agency's issue naming this agency's work order does not reach it.
    const foreign = issue(wo1);
    await publish(StockIssued, foreign.stockItemId, foreign, otherAgencyId);

    expect((await as(manager).get('/costs/unmatched-parts')).body).toEqual([expect.objectContaining({ movementId: unknown.movementId, workOrderId: unknown.workOrderId, code: 'GASKET-9', quantity: 1, valueFen: 800 })]);
    expect((await as(stranger).get('/costs/unmatched-parts')).body).toEqual([expect.objectContaining({ movementId: foreign.movementId, workOrderId: wo1 })]);
    expect((await as(manager).get(`/work-orders/${wo1}/costs`)).body.totals.partsFen).toBe(4_700);
    expect(broker.deadLetters()).toEqual([]);
  });

  it('voids a line by an operator with a reason: kept, counted nowhere, never twice, never deleted', async () => {
    const lines = (await as(manager).get(`/work-orders/${wo1}/costs`)).body.lines as Array<{ id: string; kind: string }>;
    const extra = lines.find((line) => line.kind === 'extra')!;
    const byVendor = await as(vendorAccount(vendors.a)).post(`/work-orders/${wo1}/costs/${extra.id}/void`, { reason: 'Not ours' });
    expect(byVendor.status).toBe(422);
    expect((await as(manager).post(`/work-orders/${wo1}/costs/${extra.id}/void`, {})).status).toBe(400);
    expect((await as(manager).post(`/work-orders/${wo1}/costs/${randomUUID()}/void`, { reason: 'x' })).status).toBe(404);

    const voided = await as(manager).post(`/work-orders/${wo1}/costs/${extra.id}/void`, { reason: 'The scaffolding was the landlord’s' });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ line: { id: extra.id, voided: true, voidedBy: 'manager-1', voidReason: 'The scaffolding was the landlord’s', amountFen: 35_000 }, totals: { extraFen: 0, totalFen: 19_712 } });
    const again = await as(manager).post(`/work-orders/${wo1}/costs/${extra.id}/void`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('cost line is voided; cannot void');

    const view = (await as(manager).get(`/work-orders/${wo1}/costs`)).body;
    expect(view.lines).toHaveLength(4);
    expect(view.totals).toEqual({ labourFen: 15_012, partsFen: 4_700, extraFen: 0, totalFen: 19_712 });
    await expect(maintenanceDb.query(`DELETE FROM work_order_cost_line WHERE id = $1`, [extra.id])).rejects.toThrow('never deleted');
    await expect(maintenanceDb.query(`UPDATE work_order_cost_line SET amount_fen = 1 WHERE id = $1`, [extra.id])).rejects.toThrow('append-only');
  });

  it('publishes every line with the running totals of the work order', async () => {
    const events = await costEvents(wo1);
    expect(events.map((event) => [event.type, event.data.line['kind'], event.data.totals['totalFen']])).toEqual([
      ['recorded.v1', 'labour', 15_000],
      ['recorded.v1', 'labour', 15_012],
      ['recorded.v1', 'extra', 50_012],
      ['recorded.v1', 'parts', 54_712],
      ['voided.v1', 'extra', 19_712],
    ]);
    expect(events[0]!.data).toMatchObject({ workOrderId: wo1, assetId: assetC, vendorId: vendors.a, contractId: expect.any(String), line: { labour: { minutes: 90, hourlyRateFen: 10_000 } } });
    expect(events[3]!.data).toMatchObject({ line: { recordedBy: 'keeper-1', parts: { quantity: 2, unitCostFen: 2_350 } }, totals: { labourFen: 15_012, partsFen: 4_700, extraFen: 35_000, totalFen: 54_712 } });
    expect(events[4]!.data).toMatchObject({ voidedBy: 'manager-1', reason: 'The scaffolding was the landlord’s', totals: { labourFen: 15_012, partsFen: 4_700, extraFen: 0, totalFen: 19_712 } });
  });

  it('refuses costs once the work order is closed, naming the state', async () => {
    const vendor = as(vendorAccount(vendors.a));
    expect((await vendor.post(`/work-orders/${wo1}/complete`, {})).status).toBe(200);
    expect((await vendor.post(`/work-orders/${wo1}/costs/labour`, { worker: '张师傅', minutes: 30, hourlyRateFen: 10_000 })).status).toBe(201);
    expect((await as(requester).post(`/work-orders/${wo1}/verify`)).status).toBe(200);
    expect((await as(manager).post(`/work-orders/${wo1}/close`)).status).toBe(200);
    for (const [caller, kind, body] of [
      [vendorAccount(vendors.a), 'labour', { worker: '张师傅', minutes: 30, hourlyRateFen: 10_000 }],
      [manager, 'extra', { description: 'Late invoice', amountFen: 500 }],
    ] as const) {
      const late = await as(caller).post(`/work-orders/${wo1}/costs/${kind}`, body);
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ currentState: 'closed', detail: 'work order is closed; cannot record costs' });
    }
    expect((await as(manager).get(`/work-orders/${wo1}/costs`)).body.totals).toEqual({ labourFen: 20_012, partsFen: 4_700, extraFen: 0, totalFen: 24_712 });
  });

  it('summarises per asset, per vendor and per month (Asia/Shanghai), adding up', async () => {
    const vendorB = as(vendorAccount(vendors.b));
    expect((await vendorB.post(`/work-orders/${wo2}/accept`)).status).toBe(200);
    expect((await vendorB.post(`/work-orders/${wo2}/costs/labour`, { worker: '李师傅', minutes: 60, hourlyRateFen: 8_000 })).status).toBe(201);
    // Parts issued at 01:30 on 1 February in Beijing (still 31 January in UTC): February's cost.
    const lateJanuaryUtc = { movementId: randomUUID(), stockItemId: randomUUID(), code: 'COMPRESSOR-1', storeRoomId: randomUUID(), balance: 0, onHand: 0, quantity: 1, departmentId: 'facilities', requestedBy: 'staff-7', issuedBy: 'keeper-1', issuedAt: '2026-01-31T17:30:00.000Z', workOrderId: wo2, unitCostFen: 3_000, valueFen: 3_000 };
    await publish(StockIssued, lateJanuaryUtc.stockItemId, lateJanuaryUtc);
    expect((await as(manager).post(`/work-orders/${wo3}/accept`)).status).toBe(200);
    expect((await as(manager).post(`/work-orders/${wo3}/costs/extra`, { description: 'Pipe fittings bought on site', amountFen: 12_000 })).status).toBe(201);
    expect((await as(vendorAccount(vendors.a)).post(`/work-orders/${wo3}/costs/extra`, { description: 'x', amountFen: 1 })).status).toBe(404);

    const figures = (labourFen: number, partsFen: number, extraFen: number, workOrders: number) => {
      const totalFen = labourFen + partsFen + extraFen;
      return { labourFen, partsFen, extraFen, totalFen, workOrders, costPerWorkOrderFen: Math.floor((2 * totalFen + workOrders) / (2 * workOrders)) };
    };
    const overall = figures(20_012 + 8_000, 4_700 + 3_000, 12_000, 3);
    expect(overall).toMatchObject({ totalFen: 47_712, costPerWorkOrderFen: 15_904 });

    const byAsset = await as(auditor).get('/costs/summary?by=asset');
    expect(byAsset.status).toBe(200);
    expect(byAsset.body.overall).toEqual(overall);
    const assets = [
      { key: assetC, ...figures(20_012, 4_700, 0, 1) },
      { key: assetD, ...figures(8_000, 3_000, 0, 1) },
    ].sort((x, y) => (x.key < y.key ? -1 : 1));
    // Work orders without an asset (here the internal team's) come last.
    expect(byAsset.body.groups).toEqual([...assets, { key: null, ...figures(0, 0, 12_000, 1) }]);

    const byVendor = (await as(manager).get('/costs/summary?by=vendor')).body;
    expect(byVendor.overall).toEqual(overall);
    expect(byVendor.groups).toEqual(expect.arrayContaining([{ key: vendors.a, ...figures(20_012, 4_700, 0, 1) }, { key: vendors.b, ...figures(8_000, 3_000, 0, 1) }, { key: null, ...figures(0, 0, 12_000, 1) }]));
    expect(byVendor.groups.at(-1).key).toBeNull();

    const byMonth = (await as(manager).get('/costs/summary?by=month')).body;
    expect(byMonth.overall).toEqual(overall);
    expect(byMonth.groups).toEqual([
      { key: '2026-02', ...figures(0, 3_000, 0, 1) },
      { key: thisMonth(), ...figures(28_012, 4_700, 12_000, 3) },
    ]);
    for (const summary of [byAsset.body, byVendor, byMonth]) {
      expect(summary.groups.reduce((sum: number, group: { totalFen: number }) => sum + group.totalFen, 0)).toBe(overall.totalFen);
    }

    // The period is counted in calendar days in Beijing, both ends included.
    expect((await as(manager).get('/costs/summary?by=month&from=2026-02-01&to=2026-02-28')).body).toMatchObject({ from: '2026-02-01', to: '2026-02-28', groups: [{ key: '2026-02', totalFen: 3_000 }], overall: { totalFen: 3_000, workOrders: 1 } });
    expect((await as(manager).get('/costs/summary?by=vendor&to=2026-01-31')).body.groups).toEqual([]);
    // A vendor account sees its own work orders only; another agency sees none of them.
    expect((await as(vendorAccount(vendors.b)).get('/costs/summary?by=asset')).body.overall).toEqual(figures(8_000, 3_000, 0, 1));
    expect((await as(stranger).get('/costs/summary?by=asset')).body.groups).toEqual([]);
  });

  it('refuses a summary asked for badly, naming the parameter', async () => {
    for (const [query, field] of [
      ['', 'by'],
      ['?by=week', 'by'],
      ['?by=month&from=2026-02-30', 'from'],
      ['?by=month&to=March', 'to'],
      ['?by=month&from=2026-03-02&to=2026-03-01', 'to'],
    ] as const) {
      const answer = await as(manager).get(`/costs/summary${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    }
  });
});
