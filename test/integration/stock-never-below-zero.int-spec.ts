import { randomUUID } from 'node:crypto';
import { InProcessBroker } from '@houqin/messaging';
import { procurementService } from '@houqin/procurement';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller } from '@houqin/testing';

/**
 * Stock never goes below zero (库存不为负), by every line of defence, each asserted by its code rather
 * than its wording: the issue refused by the rule (422 `insufficient-stock` on `quantity`), and under
 * it the database's CHECKs on the store room's balance and on the ledger, which refuse a negative
 * quantity with PostgreSQL's check_violation (23514) naming the constraint.
 */
let database: TestDatabase;
let procurement: RunningService;
const storeKeeper = testCaller({ agencyId: randomUUID(), userId: randomUUID(), roles: ['logistics-manager'] });
let storeRoomId: string;
let stockItemId: string;

beforeAll(async () => {
  database = await createTestDatabase('stock_never_below_zero');
  procurement = await startService(procurementService, { env: inProcessServiceEnv(database.url, { LOG_LEVEL: 'fatal', BID_SEALING_KEY: TEST_BID_SEALING_KEY }), broker: new InProcessBroker() });
  storeRoomId = String((await callService(procurement.url, storeKeeper, 'POST', '/store-rooms', { name: '备件库' })).body['id']);
  stockItemId = String(
    (await callService(procurement.url, storeKeeper, 'POST', '/stock-items', { code: 'FILTER-1', name: '空调滤网', unitOfMeasure: '片', lowStockThreshold: 0, reorderQuantity: 10 })).body['id'],
  );
  expect((await callService(procurement.url, storeKeeper, 'POST', `/stock-items/${stockItemId}/receipts`, { storeRoomId, quantity: 2, unitCostFen: 1_500 })).status).toBe(201);
});

afterAll(async () => {
  await procurement?.shutdown();
  await database?.drop();
});

async function pgCode(sql: string, params: unknown[]): Promise<{ code?: string; constraint?: string }> {
  try {
    await database.query(sql, params);
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    return { ...(code ? { code } : {}), ...(constraint ? { constraint } : {}) };
  }
  return {};
}

describe('stock never below zero', () => {
  it('refuses an issue of more than the store room holds: 422 insufficient-stock on quantity, nothing issued', async () => {
    const refused = await callService(procurement.url, storeKeeper, 'POST', `/stock-items/${stockItemId}/issues`, { storeRoomId, quantity: 3, departmentId: 'general-office', requestedBy: 'staff-7' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'urn:houqin:problem:insufficient-stock', errors: [expect.objectContaining({ field: 'quantity', rule: 'insufficient-stock' })] });
    expect((await database.query<{ quantity: number }>(`SELECT quantity FROM stock_balance WHERE stock_item_id = $1`, [stockItemId]))[0]).toEqual({ quantity: 2 });
  });

  it("has the database refuse a negative balance itself: check_violation (23514) on the store room's balance", async () => {
    expect(await pgCode(`UPDATE stock_balance SET quantity = -1 WHERE stock_item_id = $1`, [stockItemId])).toEqual({ code: '23514', constraint: 'stock_balance_quantity_check' });
  });

  it('has the database refuse a ledger movement leaving a negative balance: check_violation (23514)', async () => {
    const sql = `INSERT INTO stock_movement (id, agency_id, stock_item_id, store_room_id, kind, change, balance_after, department_id, requested_by, recorded_by, recorded_at)
                 VALUES ($1, $2, $3, $4, 'issue', -3, -1, 'general-office', 'staff-7', 'manager', now())`;
    expect(await pgCode(sql, [randomUUID(), storeKeeper.agencyId, stockItemId, storeRoomId])).toEqual({ code: '23514', constraint: 'stock_movement_balance_after_check' });
  });
});
