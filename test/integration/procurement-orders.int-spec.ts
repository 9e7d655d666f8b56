import { randomUUID } from 'node:crypto';
import { businessDay } from '@houqin/domain';
import { InProcessBroker } from '@houqin/messaging';
import { procurementService } from '@houqin/procurement';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TestDatabase, createTestDatabase, inProcessServiceEnv, internalToken, testCaller } from '@houqin/testing';

/**
 * Purchase orders, receipts (验收) and the three-way match against the real procurement service and
 * PostgreSQL: the budget's commitment moving from the requisition's estimate to the order and on to
 * spent with each receipt, stock received in the same transaction, on-time delivery per vendor,
 * invoices matched exactly to the fen, and concurrent orders never overspending a budget.
 */
describe('procurement purchase orders', () => {
  const agencyId = `agency-${randomUUID()}`;
  const requester = testCaller({ agencyId, userId: 'staff-1', roles: ['staff'] });
  const approver = testCaller({ agencyId, userId: 'approver-1', roles: ['approver'] });
  const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });
  const admin = testCaller({ agencyId, userId: 'admin-1', roles: ['agency-admin'] });
  const stranger = testCaller({ agencyId: `agency-${randomUUID()}`, userId: 'manager-9', roles: ['logistics-manager'] });
  const today = businessDay(new Date()).date;
  const LATER = '2099-12-31';
  const EARLIER = '2026-01-05';
  let database: TestDatabase;
  let procurement: RunningService;
  let vendorA: string;
  let vendorB: string;

  beforeAll(async () => {
    database = await createTestDatabase('procurement_orders');
    procurement = await startService(procurementService, {
      env: inProcessServiceEnv(database.url, { BID_SEALING_KEY: TEST_BID_SEALING_KEY }),
      broker: new InProcessBroker(),
    });
    vendorA = await vendor('Huaxin Office Supplies', '91350100M000100Y43');
    vendorB = await vendor('Jinghua Stationery', '91350100M000200Y4T');
  });

  afterAll(async () => {
    await procurement?.shutdown();
    await database?.drop();
  });

  async function call(caller: ReturnType<typeof testCaller>, method: string, path: string, body?: unknown) {
    const response = await fetch(`${procurement.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${internalToken(caller)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function vendor(name: string, unifiedSocialCreditCode: string): Promise<string> {
    const answer = await call(manager, 'POST', '/vendors', { name, unifiedSocialCreditCode, categories: ['supplies'], contact: { name: '王经理', phone: '13800138000' } });
    expect(answer.status).toBe(201);
    return answer.body['id'] as string;
  }

  async function allocate(category: string, allocated: number): Promise<string> {
    const answer = await call(admin, 'POST', '/budgets', { fiscalYear: 2026, category, allocated });
    expect(answer.status).toBe(201);
    return answer.body['id'] as string;
  }

  /** An approved requisition (under 50 000 yuan: one approver, direct purchase). */
  async function approvedRequisition(category: string, lines: Array<{ description: string; quantity: number; estimatedUnitPrice: number }>): Promise<string> {
    const raised = await call(requester, 'POST', '/requisitions', { title: 'Supplies', fiscalYear: 2026, category, lines });
    expect(raised.status).toBe(201);
    const id = raised.body['id'] as string;
    expect((await call(requester, 'POST', `/requisitions/${id}/submit`)).status).toBe(200);
    const approved = await call(approver, 'POST', `/requisitions/${id}/approve`, {});
    expect(approved.body).toMatchObject({ status: 'approved', procurementMethod: 'direct-purchase' });
    return id;
  }

  async function budget(id: string) {
    return (await call(manager, 'GET', `/budgets/${id}`)).body;
  }

  async function outboxOf(subject: string): Promise<Array<{ event_type: string; envelope: { data: Record<string, unknown> } }>> {
    return database.query(`SELECT event_type, envelope FROM outbox_event WHERE message_key = $1 ORDER BY position`, [subject]);
  }

  let orderId: string;
  let stockItemId: string;

  it('orders an approved requisition, places it, receives it in two deliveries and matches its invoices', async () => {
    const suppliesBudget = await allocate('supplies', 2_000_000);
    const requisitionId = await approvedRequisition('supplies', [
      { description: 'A4 paper, box', quantity: 40, estimatedUnitPrice: 2_500 },
      { description: 'Toner cartridge', quantity: 10, estimatedUnitPrice: 30_000 },
    ]);
    expect(await budget(suppliesBudget)).toMatchObject({ committed: 400_000, spent: 0 });
    const storeRoomId = (await call(manager, 'POST', '/store-rooms', { name: '1号库房' })).body['id'] as string;
    stockItemId = (await call(manager, 'POST', '/stock-items', { code: 'A4-PAPER', name: 'A4 复印纸', unitOfMeasure: '箱', lowStockThreshold: 0, reorderQuantity: 50 })).body['id'] as string;

    const created = await call(manager, 'POST', '/purchase-orders', {
      requisitionId,
      vendorId: vendorA,
      lines: [
        { stockItemId, quantity: 40, unitPrice: 2_400, expectedDeliveryDate: LATER },
        { quantity: 10, unitPrice: 30_000, expectedDeliveryDate: EARLIER },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', total: 396_000, committed: 396_000, spent: 0, vendorId: vendorA, budgetId: suppliesBudget });
    expect((created.body['lines'] as unknown[])[0]).toMatchObject({ line: 1, description: 'A4 paper, box', stockItemId, total: 96_000 });
    orderId = created.body['id'] as string;
    // The order costs 4 000 fen less than the requisition's estimate: the difference is released.
    expect(await budget(suppliesBudget)).toMatchObject({ committed: 396_000, spent: 0, available: 1_604_000 });

    const early = await call(manager, 'POST', `/purchase-orders/${orderId}/receipts`, { receivedDate: today, storeRoomId, lines: [{ line: 1, accepted: 1, rejected: 0 }] });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentState: 'draft' });

    expect((await call(manager, 'POST', `/purchase-orders/${orderId}/place`)).body).toMatchObject({ status: 'placed' });
    const again = await call(manager, 'POST', `/purchase-orders/${orderId}/place`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'placed' });

    const noRoom = await call(manager, 'POST', `/purchase-orders/${orderId}/receipts`, { receivedDate: today, lines: [{ line: 1, accepted: 30, rejected: 0 }] });
    expect(noRoom.status).toBe(422);
    expect(noRoom.body['errors']).toEqual([expect.objectContaining({ field: 'storeRoomId' })]);

    const partial = await call(manager, 'POST', `/purchase-orders/${orderId}/receipts`, {
      receivedDate: today,
      storeRoomId,
      lines: [{ line: 1, accepted: 30, rejected: 2, inspectionNotes: 'Two boxes water-damaged' }],
    });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ onTime: true, acceptedValue: 72_000, order: { status: 'partially-received', committed: 324_000, spent: 72_000 } });
    expect(await budget(suppliesBudget)).toMatchObject({ committed: 324_000, spent: 72_000, available: 1_604_000 });
    expect((await call(manager, 'GET', `/stock-items/${stockItemId}`)).body).toMatchObject({ onHand: 30 });

    const over = await call(manager, 'POST', `/purchase-orders/${orderId}/receipts`, { receivedDate: today, storeRoomId, lines: [{ line: 1, accepted: 11, rejected: 0 }] });
    expect(over.status).toBe(422);
    expect(over.body['errors']).toEqual([expect.objectContaining({ field: 'lines[0].accepted', rule: 'over-receipt' })]);
    expect(String(over.body['detail'])).toContain('line 1 (A4 paper, box): 40 ordered, 30 accepted so far, so at most 10 more');
    expect(await budget(suppliesBudget)).toMatchObject({ committed: 324_000, spent: 72_000 });
    expect((await call(manager, 'GET', `/stock-items/${stockItemId}`)).body).toMatchObject({ onHand: 30 });

    const rest = await call(manager, 'POST', `/purchase-orders/${orderId}/receipts`, {
      receivedDate: today,
      storeRoomId,
      lines: [
        { line: 1, accepted: 10, rejected: 0 },
        { line: 2, accepted: 10, rejected: 0 },
      ],
    });
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({ onTime: false, acceptedValue: 324_000, order: { status: 'received', committed: 0, spent: 396_000 } });
    expect(await budget(suppliesBudget)).toMatchObject({ committed: 0, spent: 396_000, available: 1_604_000 });
    expect((await call(manager, 'GET', `/stock-items/${stockItemId}`)).body).toMatchObject({ onHand: 40 });
    const movements = (await call(manager, 'GET', `/stock-items/${stockItemId}/movements`)).body as unknown as Array<Record<string, unknown>>;
    expect(movements.map((movement) => [movement['change'], movement['purchaseOrderId'], movement['unitCostFen']])).toEqual(
      expect.arrayContaining([
        [30, orderId, 2_400],
        [10, orderId, 2_400],
      ]),
    );

    const matched = await call(manager, 'POST', `/purchase-orders/${orderId}/invoices`, { invoiceNumber: 'INV-0001', amount: 396_000, invoiceDate: today });
    expect(matched.status).toBe(201);
    expect(matched.body).toMatchObject({ match: 'matched', matchDetail: { ordered: 396_000, received: 396_000, invoiced: 396_000, reasons: [] } });
    const mismatched = await call(manager, 'POST', `/purchase-orders/${orderId}/invoices`, { invoiceNumber: 'INV-0002', amount: 1_500, invoiceDate: today });
    expect(mismatched.status).toBe(201);
    expect(mismatched.body).toMatchObject({
      match: 'mismatch',
      matchDetail: { invoiced: 397_500, differences: { invoicedLessReceived: 1_500, invoicedLessOrdered: 1_500 }, reasons: ['invoiced-more-than-received', 'invoiced-more-than-ordered'] },
    });
    const duplicate = await call(manager, 'POST', `/purchase-orders/${orderId}/invoices`, { invoiceNumber: 'INV-0001', amount: 1, invoiceDate: today });
    expect(duplicate.status).toBe(409);

    const cancel = await call(manager, 'POST', `/purchase-orders/${orderId}/cancel`, { reason: 'too late' });
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({ currentState: 'received' });

    const events = await outboxOf(orderId);
    expect(events.map((row) => row.event_type)).toEqual([
      'houqin.procurement.purchase-order.placed.v1',
      'houqin.procurement.purchase-order.received.v1',
      'houqin.procurement.purchase-order.received.v1',
      'houqin.procurement.purchase-order.invoice-mismatch.v1',
    ]);
    expect(events[1]!.envelope.data).toMatchObject({ status: 'partially-received', onTime: true, acceptedValue: 72_000, spent: 72_000 });
    expect(events[2]!.envelope.data).toMatchObject({ status: 'received', onTime: false, spent: 396_000 });
    expect(events[3]!.envelope.data).toMatchObject({ invoiceNumber: 'INV-0002', amount: 1_500, reasons: ['invoiced-more-than-received', 'invoiced-more-than-ordered'] });
    expect((await outboxOf(stockItemId)).map((row) => row.event_type)).toEqual(['houqin.procurement.stock.received.v1', 'houqin.procurement.stock.received.v1']);

    const performance = await call(manager, 'GET', `/vendors/${vendorA}/delivery-performance`);
    expect(performance.body).toEqual({ vendorId: vendorA, receipts: 2, onTime: 1, late: 1, onTimeRate: 0.5 });
    expect(((await call(manager, 'GET', `/purchase-orders/${orderId}/receipts`)).body as unknown as unknown[]).length).toBe(2);
  });

  it('lets two orders race for the last of a budget: exactly one commits its increase, the other is refused naming what is available', async () => {
    const maintenanceBudget = await allocate('maintenance', 1_000_000);
    const first = await approvedRequisition('maintenance', [{ description: 'Boiler valves', quantity: 1, estimatedUnitPrice: 400_000 }]);
    const second = await approvedRequisition('maintenance', [{ description: 'Boiler pumps', quantity: 1, estimatedUnitPrice: 400_000 }]);
    expect(await budget(maintenanceBudget)).toMatchObject({ committed: 800_000, available: 200_000 });

    const order = (requisitionId: string) =>
      call(manager, 'POST', '/purchase-orders', { requisitionId, vendorId: vendorB, lines: [{ quantity: 1, unitPrice: 550_000, expectedDeliveryDate: LATER }] });
    const answers = await Promise.all([order(first), order(second)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422]);
    const refused = answers.find((answer) => answer.status === 422)!;
    expect(String(refused.body['detail'])).toContain('(50000 fen) available');
    expect(await budget(maintenanceBudget)).toMatchObject({ committed: 950_000, available: 50_000 });

    // The loser goes through only with an agency admin's override and reason.
    const loser = answers[0]!.status === 422 ? first : second;
    const overridden = await call(admin, 'POST', '/purchase-orders', {
      requisitionId: loser,
      vendorId: vendorB,
      lines: [{ quantity: 1, unitPrice: 550_000, expectedDeliveryDate: LATER }],
      budgetOverrideReason: 'Heating must work before winter',
    });
    expect(overridden.status).toBe(201);
    expect(overridden.body['budgetOverride']).toEqual({ overriddenBy: admin.userId, reason: 'Heating must work before winter', overspend: 100_000 });
    expect((await call(manager, 'GET', `/purchase-orders/${overridden.body['id'] as string}`)).body['budgetOverride']).toMatchObject({ reason: 'Heating must work before winter' });
    expect(await budget(maintenanceBudget)).toMatchObject({ committed: 1_100_000, available: -100_000 });

    // Cancelling a draft releases all it held.
    const cancelled = await call(manager, 'POST', `/purchase-orders/${overridden.body['id'] as string}/cancel`, { reason: 'Bought under the framework agreement' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', committed: 0 });
    expect(await budget(maintenanceBudget)).toMatchObject({ committed: 550_000 });
    expect((await outboxOf(overridden.body['id'] as string)).map((row) => row.event_type)).toEqual(['houqin.procurement.purchase-order.cancelled.v1']);
  });

  it('refuses orders for requisitions not approved or already ordered, and from vendors not active', async () => {
    const cateringBudget = await allocate('catering', 1_000_000);
    const requisitionId = await approvedRequisition('catering', [{ description: 'Rice, 25 kg', quantity: 10, estimatedUnitPrice: 20_000 }]);
    const suspended = await vendor('Minjiang Foods', '91350100M000300Y4J');
    expect((await call(manager, 'POST', `/vendors/${suspended}/suspend`, { reason: 'Food safety inspection failed' })).status).toBe(200);
    const fromSuspended = await call(manager, 'POST', '/purchase-orders', { requisitionId, vendorId: suspended, expectedDeliveryDate: LATER });
    expect(fromSuspended.status).toBe(422);
    expect(fromSuspended.body['errors']).toEqual([expect.objectContaining({ field: 'vendorId', rule: 'vendor-not-active' })]);

    const draft = await call(requester, 'POST', '/requisitions', { title: 'Oil', fiscalYear: 2026, category: 'catering', lines: [{ description: 'Oil', quantity: 1, estimatedUnitPrice: 100 }] });
    const notApproved = await call(manager, 'POST', '/purchase-orders', { requisitionId: draft.body['id'], vendorId: vendorA, expectedDeliveryDate: LATER });
    expect(notApproved.status).toBe(422);
    expect(notApproved.body['errors']).toEqual([expect.objectContaining({ rule: 'requisition-not-approved' })]);

    const ordered = await call(manager, 'POST', '/purchase-orders', { requisitionId, vendorId: vendorA, expectedDeliveryDate: LATER });
    expect(ordered.body).toMatchObject({ status: 'draft', total: 200_000, lines: [{ line: 1, description: 'Rice, 25 kg', quantity: 10, unitPrice: 20_000, expectedDeliveryDate: LATER }] });
    expect((await call(manager, 'POST', '/purchase-orders', { requisitionId, vendorId: vendorA, expectedDeliveryDate: LATER })).status).toBe(409);
    expect(await budget(cateringBudget)).toMatchObject({ committed: 200_000 });
    expect((await call(stranger, 'GET', `/purchase-orders/${ordered.body['id'] as string}`)).status).toBe(404);
  });

  /**
   * An awarded tender, written straight into the tender table: the tender flow itself (sealed bids,
   * opening, scoring, publication) is procurement-tenders.int-spec.ts's; here only its outcome counts.
   */
  async function awardedTender(category: string, vendorId: string, price: number, options: { requisitionId?: string; status?: string } = {}): Promise<string> {
    const id = randomUUID();
    const award = { bidId: randomUUID(), vendorId, price, total: 91.5, proposedBy: 'manager-1', proposedAt: '2026-11-01T02:00:00.000Z', publicationEndsAt: '2026-11-04T02:00:00.000Z', awardedBy: 'manager-1', awardedAt: '2026-11-04T03:00:00.000Z' };
    await database.query(
      `INSERT INTO tender (id, agency_id, title, category, method, requisition_id, budget_ceiling, criteria, bid_deadline, opening_at, publication_days, status, created_by, created_at, details)
       VALUES ($1, $2, $3, $4, 'request-for-quotation', $5, $6, '{}', '2026-10-20T02:00:00Z', '2026-10-20T02:00:00Z', 3, $7, 'manager-1', '2026-10-01T02:00:00Z', $8)`,
      [id, agencyId, `Tender ${id.slice(0, 8)}`, category, options.requisitionId ?? null, price * 2, options.status ?? 'awarded', JSON.stringify({ committee: [], award, objections: [], cancellation: null })],
    );
    return id;
  }

  it("orders an awarded tender at its award's vendor and price, committing the total when it has no requisition", async () => {
    const cleaningBudget = await allocate('cleaning', 10_000_000);
    const tenderId = await awardedTender('cleaning', vendorA, 8_800_000);
    const wrongVendor = await call(manager, 'POST', '/purchase-orders', { tenderId, vendorId: vendorB, expectedDeliveryDate: LATER });
    expect(wrongVendor.status).toBe(422);
    expect(wrongVendor.body['errors']).toEqual([expect.objectContaining({ rule: 'not-awarded-vendor' })]);

    const created = await call(manager, 'POST', '/purchase-orders', { tenderId, fiscalYear: 2026, expectedDeliveryDate: LATER });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tenderId, vendorId: vendorA, total: 8_800_000, committed: 8_800_000, category: 'cleaning', budgetId: cleaningBudget, lines: [{ quantity: 1, unitPrice: 8_800_000 }] });
    expect(created.body['requisitionId']).toBeUndefined();
    expect(await budget(cleaningBudget)).toMatchObject({ committed: 8_800_000, available: 1_200_000 });
    expect((await call(manager, 'POST', '/purchase-orders', { tenderId, expectedDeliveryDate: LATER })).status).toBe(409);
    const id = created.body['id'] as string;
    expect((await call(manager, 'POST', `/purchase-orders/${id}/place`)).status).toBe(200);
    expect((await outboxOf(id))[0]!.envelope.data).toMatchObject({ tenderId, vendorId: vendorA, total: 8_800_000 });

    // A second award beyond what is left of the budget is refused like any commitment.
    const beyond = await call(manager, 'POST', '/purchase-orders', { tenderId: await awardedTender('cleaning', vendorA, 1_200_001), expectedDeliveryDate: LATER });
    expect(beyond.status).toBe(422);
    expect(String(beyond.body['detail'])).toContain('(1200000 fen) available');
    const proposed = await call(manager, 'POST', '/purchase-orders', { tenderId: await awardedTender('cleaning', vendorA, 100, { status: 'award-proposed' }), expectedDeliveryDate: LATER });
    expect(proposed.status).toBe(422);
    expect(proposed.body['errors']).toEqual([expect.objectContaining({ field: 'tenderId', rule: 'tender-not-awarded' })]);
  });

  it("orders a tender raised for a requisition: the requisition's commitment moves to the awarded price", async () => {
    const transportBudget = await allocate('transport', 20_000_000);
    const raised = await call(requester, 'POST', '/requisitions', { title: 'Shuttle bus service', fiscalYear: 2026, category: 'transport', lines: [{ description: 'Shuttle bus, one year', quantity: 1, estimatedUnitPrice: 6_000_000 }] });
    const requisitionId = raised.body['id'] as string;
    await call(requester, 'POST', `/requisitions/${requisitionId}/submit`);
    await call(approver, 'POST', `/requisitions/${requisitionId}/approve`, {});
    expect((await call(manager, 'POST', `/requisitions/${requisitionId}/approve`, {})).body).toMatchObject({ status: 'approved', procurementMethod: 'request-for-quotation' });
    expect(await budget(transportBudget)).toMatchObject({ committed: 6_000_000 });

    const tenderId = await awardedTender('transport', vendorB, 5_500_000, { requisitionId });
    const created = await call(manager, 'POST', '/purchase-orders', { tenderId, expectedDeliveryDate: LATER });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tenderId, requisitionId, vendorId: vendorB, total: 5_500_000 });
    expect(await budget(transportBudget)).toMatchObject({ committed: 5_500_000 });
    expect((await call(manager, 'POST', '/purchase-orders', { requisitionId, vendorId: vendorB, expectedDeliveryDate: LATER })).status).toBe(409);
  });

  it("shows a vendor account its own vendor's orders and performance only", async () => {
    const ownVendor = testCaller({ agencyId, userId: 'vendor-a', roles: ['vendor'], vendorId: vendorA });
    const otherVendor = testCaller({ agencyId, userId: 'vendor-b', roles: ['vendor'], vendorId: vendorB });
    const own = (await call(ownVendor, 'GET', '/purchase-orders')).body as unknown as Array<{ id: string; vendorId: string }>;
    expect(own.map((order) => order.id)).toContain(orderId);
    expect(new Set(own.map((order) => order.vendorId))).toEqual(new Set([vendorA]));
    expect((await call(ownVendor, 'GET', `/purchase-orders/${orderId}`)).status).toBe(200);

    expect((await call(otherVendor, 'GET', `/purchase-orders/${orderId}`)).status).toBe(404);
    expect((await call(otherVendor, 'GET', `/purchase-orders/${orderId}/receipts`)).status).toBe(404);
    const theirs = (await call(otherVendor, 'GET', `/purchase-orders?vendorId=${vendorA}`)).body as unknown as unknown[];
    expect(theirs).toEqual([]);
    expect(((await call(otherVendor, 'GET', '/purchase-orders')).body as unknown as Array<{ vendorId: string }>).every((order) => order.vendorId === vendorB)).toBe(true);
    expect((await call(otherVendor, 'GET', `/vendors/${vendorA}/delivery-performance`)).status).toBe(404);
    expect((await call(otherVendor, 'GET', `/vendors/${vendorB}/delivery-performance`)).body).toMatchObject({ receipts: 0, onTimeRate: null });

    const filtered = (await call(manager, 'GET', `/purchase-orders?vendorId=${vendorA}&status=received`)).body as unknown as Array<{ id: string }>;
    expect(filtered.map((order) => order.id)).toEqual([orderId]);
    expect((await call(manager, 'GET', '/purchase-orders?status=shipped')).status).toBe(400);
  });
});
