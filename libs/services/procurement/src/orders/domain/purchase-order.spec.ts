import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { Requisition } from '../../requisitions/domain/requisition';
import { MATCH_TOLERANCE_FEN, PURCHASE_ORDER_STATUSES, PurchaseOrder, PurchaseOrderStatus, cancelOrder, deliveryPerformance, draftOrder, draftOrderFromTender, placeOrder, receiveGoods, requireInvoiceable, threeWayMatch } from './purchase-order';

const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
const requisition: Requisition = {
  id: 'req-1',
  agencyId: 'agency-1',
  requestedBy: 'staff-1',
  title: 'Paper and toner',
  fiscalYear: 2026,
  category: 'supplies',
  lines: [
    { description: 'A4 paper, box', quantity: 40, estimatedUnitPrice: 2_500, estimatedTotal: 100_000 },
    { description: 'Toner cartridge', quantity: 10, estimatedUnitPrice: 30_000, estimatedTotal: 300_000 },
  ],
  total: 400_000,
  status: 'approved',
  steps: [{ role: 'approver', approvedBy: 'approver-1', approvedAt: new Date('2026-03-01T02:00:00Z') }],
  createdAt: new Date('2026-02-28T02:00:00Z'),
  procurementMethod: 'direct-purchase',
};
const vendor = { id: 'vendor-1', name: 'Office Supplies Co.', status: 'active' as const };
const draft = { id: 'po-1', agencyId: 'agency-1', createdBy: 'manager-1', budgetId: 'budget-1' };

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function placed(): PurchaseOrder {
  return placeOrder(
    draftOrder(
      requisition,
      vendor,
      {
        ...draft,
        lines: [
          { description: 'A4 paper, box', stockItemId: 'item-1', quantity: 40, unitPrice: 2_400, expectedDeliveryDate: '2026-03-10' },
          { description: 'Toner cartridge', quantity: 10, unitPrice: 30_000, expectedDeliveryDate: '2026-03-20' },
        ],
      },
      clock,
    ),
    clock,
  );
}

describe('drafting a purchase order', () => {
  it("takes the requisition's lines and estimated prices when none are given, committing its total", () => {
    const order = draftOrder(requisition, vendor, { ...draft, expectedDeliveryDate: '2026-03-15' }, clock);
    expect(order).toMatchObject({ status: 'draft', total: 400_000, committed: 400_000, spent: 0, vendorId: 'vendor-1', fiscalYear: 2026, category: 'supplies' });
    expect(order.lines[1]).toEqual({ line: 2, description: 'Toner cartridge', quantity: 10, unitPrice: 30_000, total: 300_000, expectedDeliveryDate: '2026-03-15', accepted: 0, rejected: 0 });
  });

  it('orders only approved requisitions whose method allows a direct order, from an active vendor', () => {
    expect(thrown(() => draftOrder({ ...requisition, status: 'submitted' }, vendor, { ...draft, expectedDeliveryDate: '2026-03-15' }, clock))).toMatchObject({ code: 'requisition-not-approved' });
    expect(thrown(() => draftOrder({ ...requisition, procurementMethod: 'open-tender' }, vendor, { ...draft, expectedDeliveryDate: '2026-03-15' }, clock))).toMatchObject({ code: 'tender-required' });
    expect(thrown(() => draftOrder(requisition, { ...vendor, status: 'blacklisted' }, { ...draft, expectedDeliveryDate: '2026-03-15' }, clock))).toMatchObject({ code: 'vendor-not-active', field: 'vendorId' });
    expect(thrown(() => draftOrder(requisition, { ...vendor, status: 'suspended' }, { ...draft, expectedDeliveryDate: '2026-03-15' }, clock))).toMatchObject({ code: 'vendor-not-active' });
  });

  it('needs a delivery date and refuses impossible ones, naming the line', () => {
    expect(thrown(() => draftOrder(requisition, vendor, draft, clock))).toMatchObject({ code: 'delivery-date-required' });
    const error = thrown(() => draftOrder(requisition, vendor, { ...draft, lines: [{ description: 'x', quantity: 1, unitPrice: 1, expectedDeliveryDate: '2026-02-30' }] }, clock));
    expect(error).toMatchObject({ code: 'invalid-date', field: 'lines[0].expectedDeliveryDate' });
  });

  it('places a draft once; placing again names the state', () => {
    const order = placed();
    expect(order.status).toBe('placed');
    const error = thrown(() => placeOrder(order, clock));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as Error).message).toBe('purchase-order is placed; cannot place');
  });
});

describe('ordering from an awarded tender', () => {
  const tender = { id: 'tender-1', title: 'Canteen renovation', status: 'awarded', category: 'maintenance' as const, award: { vendorId: 'vendor-1', price: 8_800_000 } };
  const order = { ...draft, fiscalYear: 2026, expectedDeliveryDate: '2026-06-30' };

  it("takes vendor and price from the award, one line for the tender's subject, paying from the tender's category", () => {
    const drafted = draftOrderFromTender(tender, undefined, vendor, order, clock);
    expect(drafted).toMatchObject({ tenderId: 'tender-1', vendorId: 'vendor-1', total: 8_800_000, committed: 8_800_000, fiscalYear: 2026, category: 'maintenance' });
    expect(drafted.requisitionId).toBeUndefined();
    expect(drafted.lines).toEqual([{ line: 1, description: 'Canteen renovation', quantity: 1, unitPrice: 8_800_000, total: 8_800_000, expectedDeliveryDate: '2026-06-30', accepted: 0, rejected: 0 }]);
  });

  it("orders the tender's requisition, whatever its method, when the tender was raised for one", () => {
    const drafted = draftOrderFromTender(tender, { ...requisition, procurementMethod: 'open-tender' }, vendor, order, clock);
    expect(drafted).toMatchObject({ tenderId: 'tender-1', requisitionId: 'req-1', category: 'supplies' });
  });

  it('accepts lines only when they add up to the awarded price exactly', () => {
    const lines = [
      { description: 'Kitchen', quantity: 1, unitPrice: 5_000_000, expectedDeliveryDate: '2026-06-30' },
      { description: 'Dining hall', quantity: 2, unitPrice: 1_900_000, expectedDeliveryDate: '2026-07-31' },
    ];
    expect(draftOrderFromTender(tender, undefined, vendor, { ...order, lines }, clock).total).toBe(8_800_000);
    const error = thrown(() => draftOrderFromTender(tender, undefined, vendor, { ...order, lines: [{ ...lines[0]!, unitPrice: 5_000_001 }, lines[1]!] }, clock));
    expect(error).toMatchObject({ code: 'award-price-mismatch', field: 'lines' });
    expect((error as Error).message).toBe('the lines add up to 8800001 fen; the tender was awarded at 8800000 fen');
  });

  it('refuses a tender not yet awarded, another vendor, a sanctioned vendor and an unapproved requisition', () => {
    expect(thrown(() => draftOrderFromTender({ ...tender, status: 'award-suspended' }, undefined, vendor, order, clock))).toMatchObject({ code: 'tender-not-awarded', field: 'tenderId' });
    expect(thrown(() => draftOrderFromTender(tender, undefined, { ...vendor, id: 'vendor-2' }, order, clock))).toMatchObject({ code: 'not-awarded-vendor' });
    expect(thrown(() => draftOrderFromTender(tender, undefined, { ...vendor, status: 'blacklisted' }, order, clock))).toMatchObject({ code: 'vendor-not-active' });
    expect(thrown(() => draftOrderFromTender(tender, { ...requisition, status: 'withdrawn' }, vendor, order, clock))).toMatchObject({ code: 'requisition-not-approved' });
  });
});

describe('receiving goods (验收)', () => {
  it('accepts part of a line, moving its value to spent, then the rest, and the order is received', () => {
    const first = receiveGoods(placed(), { receivedDate: '2026-03-09', lines: [{ line: 1, accepted: 30, rejected: 2, inspectionNotes: 'two boxes wet' }] }, '2026-03-09');
    expect(first).toMatchObject({ acceptedValue: 72_000, onTime: true, order: { status: 'partially-received', committed: 324_000, spent: 72_000 } });
    expect(first.order.lines[0]).toMatchObject({ accepted: 30, rejected: 2 });
    expect(first.lines[0]).toMatchObject({ stockItemId: 'item-1', accepted: 30, acceptedValue: 72_000, inspectionNotes: 'two boxes wet' });
    const second = receiveGoods(first.order, { receivedDate: '2026-03-21', lines: [{ line: 1, accepted: 10, rejected: 0 }, { line: 2, accepted: 10, rejected: 0 }] }, '2026-03-21');
    expect(second.order).toMatchObject({ status: 'received', committed: 0, spent: 396_000 });
    expect(second.lines.map((line) => line.onTime)).toEqual([false, false]);
    expect(second.onTime).toBe(false);
  });

  it('never receives more than is outstanding on a line, naming the line', () => {
    const first = receiveGoods(placed(), { receivedDate: '2026-03-09', lines: [{ line: 2, accepted: 8, rejected: 0 }] }, '2026-03-09');
    const error = thrown(() => receiveGoods(first.order, { receivedDate: '2026-03-09', lines: [{ line: 2, accepted: 2, rejected: 1, inspectionNotes: 'cracked' }] }, '2026-03-09'));
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error).toMatchObject({ code: 'over-receipt', field: 'lines[0].accepted' });
    expect((error as Error).message).toContain('line 2 (Toner cartridge): 10 ordered, 8 accepted so far, so at most 2 more');
  });

  it('lets rejected goods be redelivered: rejections do not use up the order', () => {
    const first = receiveGoods(placed(), { receivedDate: '2026-03-09', lines: [{ line: 2, accepted: 0, rejected: 10, inspectionNotes: 'wrong model' }] }, '2026-03-09');
    expect(first.order).toMatchObject({ status: 'partially-received', spent: 0 });
    expect(receiveGoods(first.order, { receivedDate: '2026-03-12', lines: [{ line: 2, accepted: 10, rejected: 0 }] }, '2026-03-12').order.lines[1]).toMatchObject({ accepted: 10, rejected: 10 });
  });

  it('wants a reason for rejections, a known line once, and no date after today', () => {
    const order = placed();
    expect(thrown(() => receiveGoods(order, { receivedDate: '2026-03-09', lines: [{ line: 1, accepted: 1, rejected: 1 }] }, '2026-03-09'))).toMatchObject({ code: 'inspection-notes-required', field: 'lines[0].inspectionNotes' });
    expect(thrown(() => receiveGoods(order, { receivedDate: '2026-03-09', lines: [{ line: 3, accepted: 1, rejected: 0 }] }, '2026-03-09'))).toMatchObject({ code: 'unknown-line' });
    expect(thrown(() => receiveGoods(order, { receivedDate: '2026-03-09', lines: [{ line: 1, accepted: 1, rejected: 0 }, { line: 1, accepted: 1, rejected: 0 }] }, '2026-03-09'))).toMatchObject({ code: 'duplicate-line' });
    expect(thrown(() => receiveGoods(order, { receivedDate: '2026-03-10', lines: [{ line: 1, accepted: 1, rejected: 0 }] }, '2026-03-09'))).toMatchObject({ code: 'received-in-future' });
    expect(thrown(() => receiveGoods(order, { receivedDate: '2026-03-09', lines: [{ line: 1, accepted: 0, rejected: 0 }] }, '2026-03-09'))).toMatchObject({ code: 'nothing-received' });
  });

  it('receives nothing on a draft, a received or a cancelled order', () => {
    const receipt = { receivedDate: '2026-03-09', lines: [{ line: 1, accepted: 1, rejected: 0 }] };
    const draftOnly = draftOrder(requisition, vendor, { ...draft, expectedDeliveryDate: '2026-03-15' }, clock);
    expect((thrown(() => receiveGoods(draftOnly, receipt, '2026-03-09')) as Error).message).toBe('purchase-order is draft; cannot receive goods');
    const cancelled = cancelOrder(placed(), { userId: 'manager-1', reason: 'vendor closed' }, clock).order;
    expect(thrown(() => receiveGoods(cancelled, receipt, '2026-03-09'))).toBeInstanceOf(IllegalTransitionError);
  });
});

describe('cancelling an order', () => {
  it('releases what the budget still holds, keeping what was accepted spent', () => {
    const partly = receiveGoods(placed(), { receivedDate: '2026-03-09', lines: [{ line: 2, accepted: 4, rejected: 0 }] }, '2026-03-09').order;
    const { order, released } = cancelOrder(partly, { userId: 'manager-1', reason: ' vendor cannot deliver the rest ' }, clock);
    expect(released).toBe(396_000 - 120_000);
    expect(order).toMatchObject({ status: 'cancelled', committed: 0, spent: 120_000, cancellation: { by: 'manager-1', reason: 'vendor cannot deliver the rest' } });
    expect((thrown(() => cancelOrder(order, { userId: 'manager-1', reason: 'again' }, clock)) as Error).message).toBe('purchase-order is cancelled; cannot cancel');
    expect(thrown(() => cancelOrder(placed(), { userId: 'manager-1', reason: ' ' }, clock))).toMatchObject({ code: 'reason-required' });
  });

  it('takes invoices only once placed', () => {
    expect(() => requireInvoiceable(draftOrder(requisition, vendor, { ...draft, expectedDeliveryDate: '2026-03-15' }, clock))).toThrow('purchase-order is draft; cannot record an invoice');
    expect(() => requireInvoiceable(placed())).not.toThrow();
  });
});

describe('on-time delivery', () => {
  it('counts late receipts and the on-time rate; no rate before the first receipt', () => {
    expect(deliveryPerformance(0, 0)).toEqual({ receipts: 0, onTime: 0, late: 0, onTimeRate: null });
    expect(deliveryPerformance(3, 2)).toEqual({ receipts: 3, onTime: 2, late: 1, onTimeRate: 0.6667 });
  });
});

describe('the three-way match', () => {
  it('is exact in fen', () => {
    expect(MATCH_TOLERANCE_FEN).toBe(0);
  });

  it('matches when the invoices equal the accepted value and stay within the order', () => {
    expect(threeWayMatch(396_000, 72_000, 72_000)).toEqual({
      match: 'matched',
      ordered: 396_000,
      received: 72_000,
      invoiced: 72_000,
      differences: { invoicedLessReceived: 0, invoicedLessOrdered: -324_000 },
      reasons: [],
    });
  });

  it('flags one fen too much or too little, and billing beyond the order', () => {
    expect(threeWayMatch(396_000, 396_000, 396_001)).toMatchObject({ match: 'mismatch', differences: { invoicedLessReceived: 1, invoicedLessOrdered: 1 }, reasons: ['invoiced-more-than-received', 'invoiced-more-than-ordered'] });
    expect(threeWayMatch(396_000, 396_000, 395_999)).toMatchObject({ match: 'mismatch', reasons: ['invoiced-less-than-received'] });
    expect(threeWayMatch(396_000, 72_000, 100_000)).toMatchObject({ match: 'mismatch', differences: { invoicedLessReceived: 28_000 }, reasons: ['invoiced-more-than-received'] });
  });
});

/*
 * The whole state × action table, written out from the business: a draft is placed; goods are
 * received (验收) against a placed order, partly or in full; an order is cancellable until fully
 * received; an invoice is recorded once the order was placed (and for a cancelled order only for
 * goods already accepted — none here). 'same' leaves the state as it was; '409' is an illegal
 * transition naming the state.
 */
type OrderAction = 'place' | 'receive-part' | 'receive-rest' | 'cancel' | 'invoice';
// prettier-ignore
const ORDER_TABLE: Record<PurchaseOrderStatus, Record<OrderAction, PurchaseOrderStatus | 'same' | '409'>> = {
  'draft':              { place: 'placed', 'receive-part': '409',                'receive-rest': '409',      cancel: 'cancelled', invoice: '409' },
  'placed':             { place: '409',    'receive-part': 'partially-received', 'receive-rest': 'received', cancel: 'cancelled', invoice: 'same' },
  'partially-received': { place: '409',    'receive-part': 'partially-received', 'receive-rest': 'received', cancel: 'cancelled', invoice: 'same' },
  'received':           { place: '409',    'receive-part': '409',                'receive-rest': '409',      cancel: '409',       invoice: 'same' },
  'cancelled':          { place: '409',    'receive-part': '409',                'receive-rest': '409',      cancel: '409',       invoice: '409' },
};

describe('the purchase order state × action table', () => {
  const today = '2026-03-12';
  const perform: Record<OrderAction, (order: PurchaseOrder) => PurchaseOrderStatus | 'same'> = {
    place: (order) => placeOrder(order, clock).status,
    'receive-part': (order) => receiveGoods(order, { receivedDate: today, lines: [{ line: 1, accepted: 5, rejected: 0 }] }, today).order.status,
    'receive-rest': (order) =>
      receiveGoods(order, { receivedDate: today, lines: order.lines.map((line) => ({ line: line.line, accepted: line.quantity - line.accepted, rejected: 0 })) }, today).order.status,
    cancel: (order) => cancelOrder(order, { userId: 'manager-1', reason: 'vendor cannot deliver' }, clock).order.status,
    invoice: (order) => (requireInvoiceable(order), 'same'),
  };
  // Nothing received yet, whatever the state: only the state decides.
  const inState = (status: PurchaseOrderStatus): PurchaseOrder => ({ ...placed(), status });
  const cells = PURCHASE_ORDER_STATUSES.flatMap((state) => (Object.keys(perform) as OrderAction[]).map((action) => [state, action, ORDER_TABLE[state][action]] as const));

  it('has a row for every state', () => {
    expect(Object.keys(ORDER_TABLE).sort()).toEqual([...PURCHASE_ORDER_STATUSES].sort());
  });

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    if (expected === '409') {
      expect(() => perform[action](inState(state))).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](inState(state))).toBe(expected);
    }
  });
});
