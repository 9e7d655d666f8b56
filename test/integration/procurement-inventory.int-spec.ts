import { randomUUID } from 'node:crypto';
import { InProcessBroker } from '@houqin/messaging';
import { procurementService } from '@houqin/procurement';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TestDatabase, createTestDatabase, inProcessServiceEnv, internalToken, testCaller, waitFor } from '@houqin/testing';

/**
 * Inventory (物资管理) against the real procurement service and its database: the stock ledger under
 * concurrent issues, the low-stock signal once per crossing with its proposed requisition, stocktakes,
 * bad input and agency isolation.
 */
describe('procurement inventory', () => {
  let database: TestDatabase;
  let procurement: RunningService;
  const storeKeeper = testCaller({ agencyId: `agency-${randomUUID()}`, roles: ['logistics-manager'] });
  const otherAgency = testCaller({ agencyId: `agency-${randomUUID()}`, roles: ['logistics-manager', 'agency-admin'] });

  beforeAll(async () => {
    database = await createTestDatabase('procurement_inventory');
    procurement = await startService(procurementService, {
      env: inProcessServiceEnv(database.url, { LOG_LEVEL: 'fatal', BID_SEALING_KEY: TEST_BID_SEALING_KEY }),
      broker: new InProcessBroker(),
    });
  });

  afterAll(async () => {
    await procurement?.shutdown();
    await database?.drop();
  });

  async function call(method: string, path: string, body?: unknown, caller = storeKeeper) {
    const response = await fetch(`${procurement.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${internalToken(caller)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
  }

  async function storeRoom(name = `库房-${randomUUID().slice(0, 8)}`, caller = storeKeeper): Promise<string> {
    const opened = await call('POST', '/store-rooms', { name, location: '2号楼地下一层' }, caller);
    expect(opened.status).toBe(201);
    return opened.body['id'] as string;
  }

  async function stockItem(overrides: Record<string, unknown> = {}, caller = storeKeeper): Promise<string> {
    const item = { code: `ITEM-${randomUUID().slice(0, 8)}`, name: 'A4 复印纸', unitOfMeasure: '箱', lowStockThreshold: 10, reorderQuantity: 50, ...overrides };
    const created = await call('POST', '/stock-items', item, caller);
    expect(created.status).toBe(201);
    return created.body['id'] as string;
  }

  const receipt = (storeRoomId: string, quantity: number, unitCostFen = 2_350) => ({ storeRoomId, quantity, unitCostFen });
  const issue = (storeRoomId: string, quantity: number) => ({ storeRoomId, quantity, departmentId: 'general-office', requestedBy: 'staff-0042' });

  async function outboxOf(itemId: string, type: string) {
    return database.query<{ envelope: { data: Record<string, unknown> } }>(
      `SELECT envelope FROM outbox_event WHERE message_key = $1 AND event_type = $2 ORDER BY position`,
      [itemId, type],
    );
  }

  it('keeps issues of one item safe under concurrency: exactly the stock is issued and the balance ends at zero, never below', async () => {
    const room = await storeRoom();
    const item = await stockItem({ lowStockThreshold: 0 });
    expect((await call('POST', `/stock-items/${item}/receipts`, receipt(room, 12))).status).toBe(201);

    const answers = await Promise.all(Array.from({ length: 20 }, () => call('POST', `/stock-items/${item}/issues`, issue(room, 2))));
    const succeeded = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(succeeded.length * 2).toBe(12);
    for (const answer of refused) {
      expect(answer.status).toBe(422);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ type: 'urn:houqin:problem:insufficient-stock' });
      expect(answer.body['detail']).toContain('0 箱 available');
    }

    const detail = await call('GET', `/stock-items/${item}`);
    expect(detail.body).toMatchObject({ onHand: 0, storeRooms: [{ storeRoomId: room, quantity: 0 }] });
    const ledger = await database.query<{ balance_after: number }>(`SELECT balance_after FROM stock_movement WHERE stock_item_id = $1 ORDER BY position`, [item]);
    expect(ledger.map((row) => row.balance_after)).toEqual([12, 10, 8, 6, 4, 2, 0]);
    expect((await outboxOf(item, 'houqin.procurement.stock.issued.v1')).length).toBe(6);
  });

  it('lets exactly one of two simultaneous issues of the last unit succeed; the other is 422 insufficient-stock naming what is available', async () => {
    const room = await storeRoom();
    const item = await stockItem({ lowStockThreshold: 0 });
    await call('POST', `/stock-items/${item}/receipts`, receipt(room, 1));

    const [first, second] = await Promise.all([call('POST', `/stock-items/${item}/issues`, issue(room, 1)), call('POST', `/stock-items/${item}/issues`, issue(room, 1))]);
    expect([first!.status, second!.status].sort()).toEqual([201, 422]);
    const refused = first!.status === 422 ? first! : second!;
    expect(refused.body).toMatchObject({
      type: 'urn:houqin:problem:insufficient-stock',
      errors: [expect.objectContaining({ field: 'quantity', rule: 'insufficient-stock' })],
    });
    expect(refused.body['detail']).toBe('insufficient stock: 1 箱 requested, 0 箱 available in the store room');
    expect((await call('GET', `/stock-items/${item}`)).body['onHand']).toBe(0);
  });

  it('publishes low stock once per crossing, with a proposed requisition priced at the last receipt, and again after replenishment', async () => {
    const room = await storeRoom();
    const item = await stockItem({ lowStockThreshold: 10, reorderQuantity: 50 });
    await call('POST', `/stock-items/${item}/receipts`, receipt(room, 12, 2_000));
    await call('POST', `/stock-items/${item}/receipts`, receipt(room, 3, 2_350));

    for (const quantity of [4, 3, 2]) expect((await call('POST', `/stock-items/${item}/issues`, issue(room, quantity))).status).toBe(201);
    const afterFirstCrossing = await outboxOf(item, 'houqin.procurement.stock-item.low-stock.v1');
    expect(afterFirstCrossing).toHaveLength(1);
    expect(afterFirstCrossing[0]!.envelope.data).toMatchObject({
      stockItemId: item,
      onHand: 8,
      lowStockThreshold: 10,
      proposedRequisition: { stockItemId: item, quantity: 50, unitOfMeasure: '箱', estimatedUnitPriceFen: 2_350, estimatedTotalFen: 117_500 },
    });
    expect((await call('GET', `/stock-items/${item}`)).body).toMatchObject({ onHand: 6, low: true });

    await call('POST', `/stock-items/${item}/receipts`, receipt(room, 20, 2_500));
    await call('POST', `/stock-items/${item}/issues`, issue(room, 17));
    const events = await outboxOf(item, 'houqin.procurement.stock-item.low-stock.v1');
    expect(events).toHaveLength(2);
    expect(events[1]!.envelope.data).toMatchObject({ onHand: 9, proposedRequisition: { estimatedUnitPriceFen: 2_500 } });

    // The relay publishes what the transaction wrote.
    await waitFor(async () => {
      const rows = await database.query<{ published: number }>(`SELECT count(*)::int AS published FROM outbox_event WHERE message_key = $1 AND published_at IS NOT NULL`, [item]);
      return rows[0]!.published >= 9;
    }, { description: 'the relay to publish the item\'s events' });
  });

  it('sets the balance by stocktake, recording the difference and the reason in the ledger and the event', async () => {
    const room = await storeRoom();
    const item = await stockItem({ lowStockThreshold: 5 });
    await call('POST', `/stock-items/${item}/receipts`, { ...receipt(room, 20), purchaseOrderId: randomUUID() });
    const counted = await call('POST', `/stock-items/${item}/stocktakes`, { storeRoomId: room, countedQuantity: 18, reason: '两箱受潮报废' });
    expect(counted.status).toBe(201);
    expect(counted.body).toMatchObject({ kind: 'adjustment', change: -2, balanceAfter: 18, countedQuantity: 18, reason: '两箱受潮报废' });

    const movements = await call('GET', `/stock-items/${item}/movements`);
    expect((movements.body as unknown as Array<Record<string, unknown>>).map((m) => [m['kind'], m['change'], m['balanceAfter']])).toEqual([
      ['adjustment', -2, 18],
      ['receipt', 20, 20],
    ]);
    const [adjusted] = await outboxOf(item, 'houqin.procurement.stock.adjusted.v1');
    expect(adjusted!.envelope.data).toMatchObject({ previousQuantity: 20, countedQuantity: 18, difference: -2, reason: '两箱受潮报废', balance: 18, onHand: 18 });

    const blank = await call('POST', `/stock-items/${item}/stocktakes`, { storeRoomId: room, countedQuantity: 18, reason: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body).toMatchObject({ type: 'urn:houqin:problem:reason-required', errors: [expect.objectContaining({ field: 'reason' })] });
    const missing = await call('POST', `/stock-items/${item}/stocktakes`, { storeRoomId: room, countedQuantity: 18 });
    expect(missing.status).toBe(400);
    expect(missing.body['errors']).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));

    await expect(database.query(`UPDATE stock_movement SET change = 0 WHERE stock_item_id = $1`, [item])).rejects.toThrow('append-only');
  });

  it('answers bad input with 400 problem+json naming each field, and a duplicate code with 409', async () => {
    const room = await storeRoom();
    const item = await stockItem({ code: 'PEN-BLACK' });
    const badIssue = await call('POST', `/stock-items/${item}/issues`, { storeRoomId: room, quantity: -1, departmentId: '', requestedBy: 'x' });
    expect(badIssue.status).toBe(400);
    expect(badIssue.type).toContain('application/problem+json');
    const fields = (badIssue.body['errors'] as Array<{ field: string }>).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['quantity', 'departmentId']));

    const fraction = await call('POST', `/stock-items/${item}/receipts`, { storeRoomId: room, quantity: 1.5, unitCostFen: 100 });
    expect(fraction.status).toBe(400);
    expect(fraction.body['errors']).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'quantity' })]));

    const badItem = await call('POST', '/stock-items', { code: 'has space', name: 'x', unitOfMeasure: '支', lowStockThreshold: -1, reorderQuantity: 0 });
    expect(badItem.status).toBe(400);
    expect((badItem.body['errors'] as Array<{ field: string }>).map((error) => error.field)).toEqual(expect.arrayContaining(['code', 'lowStockThreshold', 'reorderQuantity']));

    const duplicate = await call('POST', '/stock-items', { code: 'pen-black', name: '黑色签字笔', unitOfMeasure: '支', lowStockThreshold: 0, reorderQuantity: 10 });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body['errors']).toEqual([expect.objectContaining({ field: 'code', rule: 'unique' })]);

    expect((await call('POST', `/stock-items/${item}/issues`, issue(randomUUID(), 1))).body).toMatchObject({ type: 'urn:houqin:problem:unknown-store-room' });
  });

  it("answers another agency's items with 404, and its store rooms as unknown", async () => {
    const room = await storeRoom();
    const item = await stockItem();
    await call('POST', `/stock-items/${item}/receipts`, receipt(room, 5));

    expect((await call('GET', `/stock-items/${item}`, undefined, otherAgency)).status).toBe(404);
    expect((await call('GET', `/stock-items/${item}/movements`, undefined, otherAgency)).status).toBe(404);
    expect((await call('POST', `/stock-items/${item}/issues`, issue(room, 1), otherAgency)).status).toBe(404);
    expect((await call('POST', `/stock-items/${item}/receipts`, receipt(room, 1), otherAgency)).status).toBe(404);
    expect((await call('POST', `/stock-items/${item}/stocktakes`, { storeRoomId: room, countedQuantity: 0, reason: 'x' }, otherAgency)).status).toBe(404);
    expect((await call('GET', '/stock-items', undefined, otherAgency)).body).toEqual([]);
    expect((await call('GET', '/store-rooms', undefined, otherAgency)).body).toEqual([]);

    const theirItem = await stockItem({}, otherAgency);
    expect((await call('POST', `/stock-items/${theirItem}/receipts`, receipt(room, 1), otherAgency)).body).toMatchObject({ type: 'urn:houqin:problem:unknown-store-room' });
    expect((await call('GET', `/stock-items/${item}`)).body).toMatchObject({ onHand: 5 });
  });

  it('values an issue at the last receipt price and names the maintenance work order it is for in stock.issued', async () => {
    const room = await storeRoom();
    const item = await stockItem({ lowStockThreshold: 0 });
    await call('POST', `/stock-items/${item}/receipts`, receipt(room, 10, 2_000));
    await call('POST', `/stock-items/${item}/receipts`, receipt(room, 5, 2_350));
    const workOrderId = randomUUID();

    const forWork = await call('POST', `/stock-items/${item}/issues`, { ...issue(room, 3), workOrderId: workOrderId.toUpperCase() });
    expect(forWork.status).toBe(201);
    // The ledger keeps the work order the parts were for.
    expect(forWork.body).toMatchObject({ kind: 'issue', change: -3, unitCostFen: 2_350, workOrderId });
    const plain = await call('POST', `/stock-items/${item}/issues`, issue(room, 1));
    expect(plain.status).toBe(201);
    expect(plain.body['workOrderId']).toBeUndefined();
    const badWorkOrder = await call('POST', `/stock-items/${item}/issues`, { ...issue(room, 1), workOrderId: 'WO-42' });
    expect(badWorkOrder.status).toBe(400);
    expect(badWorkOrder.body['errors']).toEqual([expect.objectContaining({ field: 'workOrderId' })]);

    const events = await outboxOf(item, 'houqin.procurement.stock.issued.v1');
    expect(events.map((event) => event.envelope.data)).toEqual([
      expect.objectContaining({ movementId: forWork.body['id'], quantity: 3, workOrderId, unitCostFen: 2_350, valueFen: 7_050 }),
      expect.objectContaining({ movementId: plain.body['id'], quantity: 1, unitCostFen: 2_350, valueFen: 2_350 }),
    ]);
    expect(events[1]!.envelope.data['workOrderId']).toBeUndefined();
  });
});
