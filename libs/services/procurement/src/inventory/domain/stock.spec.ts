import { BusinessRuleViolation, FixedClock } from '@houqin/domain';
import { StockItem, StockPosition, adjustStock, catalogueStockItem, issueStock, issueValue, openStoreRoom, receiveStock } from './stock';

const clock = new FixedClock(new Date('2026-11-27T09:00:00Z'));

const item: StockItem = catalogueStockItem(
  {
    id: '0b7e2a52-8c3b-4e0a-9d55-1f7c6a2b9e01',
    agencyId: 'agency-a',
    code: ' a4-paper ',
    name: ' A4 复印纸 ',
    unitOfMeasure: '箱',
    lowStockThreshold: 10,
    reorderQuantity: 50,
    createdBy: 'manager-1',
  },
  clock,
);

const empty: StockPosition = { balance: 0, onHand: 0, lowStockAlerted: false };
const issue = (quantity: number) => ({ quantity, departmentId: 'general-office', requestedBy: 'staff-7' });

function thrown(action: () => unknown): BusinessRuleViolation {
  try {
    action();
  } catch (error) {
    if (error instanceof BusinessRuleViolation) return error;
    throw error;
  }
  throw new Error('expected the action to throw');
}

/** Runs movements one after another, as the service does under the item's lock. */
function run(position: StockPosition, ...steps: Array<(p: StockPosition) => ReturnType<typeof receiveStock>>) {
  const outcomes = [];
  let current = position;
  for (const step of steps) {
    const outcome = step(current);
    outcomes.push(outcome);
    current = outcome.position;
  }
  return { outcomes, position: current, alerts: outcomes.filter((o) => o.lowStock).length };
}

describe('cataloguing', () => {
  it('normalises the code to upper case and trims names', () => {
    expect(item).toMatchObject({ code: 'A4-PAPER', name: 'A4 复印纸', unitOfMeasure: '箱', createdAt: clock.now() });
  });

  it('refuses a code with spaces, a fractional threshold and a zero reorder quantity, naming the field', () => {
    const base = { id: 'x', agencyId: 'a', code: 'P-1', name: 'Pens', unitOfMeasure: 'box', lowStockThreshold: 1, reorderQuantity: 1, createdBy: 'm' };
    expect(thrown(() => catalogueStockItem({ ...base, code: 'P 1' }, clock)).field).toBe('code');
    expect(thrown(() => catalogueStockItem({ ...base, lowStockThreshold: 1.5 }, clock)).field).toBe('lowStockThreshold');
    expect(thrown(() => catalogueStockItem({ ...base, reorderQuantity: 0 }, clock)).field).toBe('reorderQuantity');
  });

  it('opens a store room with a trimmed name and refuses a blank one', () => {
    expect(openStoreRoom({ id: 'r', agencyId: 'a', name: ' 一号库房 ', createdBy: 'm' }, clock)).toMatchObject({ name: '一号库房' });
    expect(thrown(() => openStoreRoom({ id: 'r', agencyId: 'a', name: '  ', createdBy: 'm' }, clock)).code).toBe('name-required');
  });
});

describe('balances', () => {
  it('adds receipts and takes issues away, in the store room and in the total on hand', () => {
    const { position } = run(
      { balance: 0, onHand: 30, lowStockAlerted: false },
      (p) => receiveStock(item, p, { quantity: 40, unitCostFen: 2_350 }),
      (p) => issueStock(item, p, issue(15)),
    );
    expect(position).toEqual({ balance: 25, onHand: 55, lowStockAlerted: false, lastUnitCostFen: 2_350 });
  });

  it('never goes below zero: an issue of more than the store room holds is refused naming what is available', () => {
    const error = thrown(() => issueStock(item, { balance: 3, onHand: 20, lowStockAlerted: false }, issue(4)));
    expect(error.code).toBe('insufficient-stock');
    expect(error.field).toBe('quantity');
    expect(error.message).toContain('3 箱 available');
  });

  // The backstop below the rules: a position read without its lock (on hand behind the store room's
  // balance) must still never end below zero. Asserted by the error's code, not its wording.
  it.each([
    ['an issue', () => issueStock(item, { balance: 5, onHand: 2, lowStockAlerted: false }, issue(3))],
    ['a stocktake', () => adjustStock(item, { balance: 5, onHand: 2, lowStockAlerted: false }, { countedQuantity: 1, reason: '盘亏' })],
  ])('never lets %s take the total on hand below zero, even from an inconsistent position: insufficient-stock on quantity', (_name, action) => {
    const error = thrown(action);
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect({ code: error.code, field: error.field }).toEqual({ code: 'insufficient-stock', field: 'quantity' });
  });

  it('issues the last unit, leaving exactly zero', () => {
    expect(issueStock(item, { balance: 1, onHand: 1, lowStockAlerted: true }, issue(1)).position.balance).toBe(0);
  });

  it('refuses empty quantities, fractions, negative costs and missing department or requester', () => {
    expect(thrown(() => receiveStock(item, empty, { quantity: 0, unitCostFen: 1 })).field).toBe('quantity');
    expect(thrown(() => receiveStock(item, empty, { quantity: 2.5, unitCostFen: 1 })).field).toBe('quantity');
    expect(thrown(() => receiveStock(item, empty, { quantity: 1, unitCostFen: -1 })).field).toBe('unitCostFen');
    expect(thrown(() => issueStock(item, { ...empty, balance: 5, onHand: 5 }, { ...issue(1), departmentId: ' ' })).field).toBe('departmentId');
    expect(thrown(() => issueStock(item, { ...empty, balance: 5, onHand: 5 }, { ...issue(1), requestedBy: '' })).field).toBe('requestedBy');
  });
});

describe('stocktake adjustments', () => {
  it('sets the balance to the counted quantity and records the difference, either way', () => {
    const short = adjustStock(item, { balance: 20, onHand: 35, lowStockAlerted: false }, { countedQuantity: 18, reason: '两箱受潮报废' });
    expect(short).toMatchObject({ kind: 'adjustment', change: -2, position: { balance: 18, onHand: 33 } });
    const over = adjustStock(item, { balance: 20, onHand: 35, lowStockAlerted: false }, { countedQuantity: 21, reason: 'found behind the shelf' });
    expect(over).toMatchObject({ change: 1, position: { balance: 21, onHand: 36 } });
  });

  it('requires a reason and a whole, non-negative count', () => {
    expect(thrown(() => adjustStock(item, empty, { countedQuantity: 1, reason: ' ' })).code).toBe('reason-required');
    expect(thrown(() => adjustStock(item, empty, { countedQuantity: -1, reason: 'x' })).field).toBe('countedQuantity');
  });

  it('announces low stock when a count falls below the threshold', () => {
    const outcome = adjustStock(item, { balance: 12, onHand: 12, lowStockAlerted: false, lastUnitCostFen: 2_000 }, { countedQuantity: 8, reason: 'missing' });
    expect(outcome.lowStock).toMatchObject({ onHand: 8, threshold: 10 });
  });
});

describe('the low-stock threshold', () => {
  const stocked: StockPosition = { balance: 12, onHand: 12, lowStockAlerted: false, lastUnitCostFen: 2_350 };

  it('announces a fall below the threshold once, with a proposed requisition at the last receipt price', () => {
    const { outcomes, alerts, position } = run(stocked, (p) => issueStock(item, p, issue(2)), (p) => issueStock(item, p, issue(3)), (p) => issueStock(item, p, issue(1)));
    expect(outcomes[0]!.lowStock).toBeUndefined();
    expect(outcomes[1]!.lowStock).toEqual({
      onHand: 7,
      threshold: 10,
      proposedRequisition: {
        stockItemId: item.id,
        code: 'A4-PAPER',
        name: 'A4 复印纸',
        unitOfMeasure: '箱',
        quantity: 50,
        estimatedUnitPriceFen: 2_350,
        estimatedTotalFen: 117_500,
      },
    });
    expect(alerts).toBe(1);
    expect(position.lowStockAlerted).toBe(true);
  });

  it('does not count a receipt that leaves stock still low as replenished', () => {
    const { alerts } = run(stocked, (p) => issueStock(item, p, issue(5)), (p) => receiveStock(item, p, { quantity: 2, unitCostFen: 2_400 }), (p) => issueStock(item, p, issue(1)));
    expect(alerts).toBe(1);
  });

  it('announces again after replenishment to the threshold and a new fall', () => {
    const { outcomes, alerts } = run(
      stocked,
      (p) => issueStock(item, p, issue(5)),
      (p) => receiveStock(item, p, { quantity: 40, unitCostFen: 2_500 }),
      (p) => issueStock(item, p, issue(40)),
    );
    expect(alerts).toBe(2);
    expect(outcomes[2]!.lowStock?.proposedRequisition.estimatedUnitPriceFen).toBe(2_500);
  });

  it('treats stock exactly at the threshold as not low', () => {
    expect(issueStock(item, stocked, issue(2)).position.lowStockAlerted).toBe(false);
  });

  it('proposes a requisition without a price for an item never received, and never alerts on a threshold of 0', () => {
    const counted = adjustStock(item, { balance: 12, onHand: 12, lowStockAlerted: false }, { countedQuantity: 1, reason: 'opening count' });
    expect(counted.lowStock?.proposedRequisition).not.toHaveProperty('estimatedUnitPriceFen');
    const noThreshold = { ...item, lowStockThreshold: 0 };
    expect(issueStock(noThreshold, { balance: 1, onHand: 1, lowStockAlerted: false }, issue(1)).lowStock).toBeUndefined();
  });

  it('does not announce a first receipt that leaves a new item under its threshold; the next fall does', () => {
    const { outcomes } = run(empty, (p) => receiveStock(item, p, { quantity: 5, unitCostFen: 100 }), (p) => issueStock(item, p, issue(1)));
    expect(outcomes[0]!.lowStock).toBeUndefined();
    expect(outcomes[1]!.lowStock?.onHand).toBe(4);
  });
});

describe('the value of an issue', () => {
  it('values each unit at the last receipt price, not an average of earlier ones', () => {
    const { position } = run(empty, (p) => receiveStock(item, p, { quantity: 10, unitCostFen: 2_000 }), (p) => receiveStock(item, p, { quantity: 5, unitCostFen: 2_350 }));
    expect(issueValue(position, 4)).toEqual({ unitCostFen: 2_350, valueFen: 9_400 });
  });

  it('cannot value an item that was never received (stock only counted in)', () => {
    const counted = adjustStock(item, empty, { countedQuantity: 3, reason: 'found in the basement' }).position;
    expect(issueValue(counted, 1)).toBeUndefined();
  });
});
