import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';
import { fiscalYear } from '../../budgets/domain/budget';
import { MAX_FEN, isFen } from '../../budgets/domain/money';
import { ProcurementMethod } from '../../requisitions/domain/approval-policy';
import { MAX_LINES, MAX_QUANTITY, Requisition } from '../../requisitions/domain/requisition';
import { ServiceCategory, Vendor } from '../../vendors/domain/vendor';

/**
 * 采购订单: draft → placed (sent to the vendor) → partially-received → received, by receipts (验收);
 * draft, placed or partially-received → cancelled, which releases what the budget still holds for it.
 */
export const PURCHASE_ORDER_STATUSES = ['draft', 'placed', 'partially-received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/** The methods under which a requisition may become an order directly; open tenders order from the award. */
export const DIRECT_ORDER_METHODS: readonly ProcurementMethod[] = ['direct-purchase', 'request-for-quotation'];

/** Stock ledger rows hold unit costs up to this many fen; a line received into stock may not cost more. */
export const MAX_STOCK_UNIT_PRICE = 100_000_000;

/**
 * The three-way match tolerance, in fen: invoiced and accepted-received amounts must agree to the
 * fen (0), and the invoices may never exceed the order. Amounts are integers of fen, so exact is exact.
 */
export const MATCH_TOLERANCE_FEN = 0;

/** A calendar date in China Standard Time, as YYYY-MM-DD; compared as text. */
export const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface PurchaseOrderLine {
  /** 1-based, as receipts name it. */
  line: number;
  description: string;
  /** The inventory item the goods go into on receipt; absent for services and goods not stocked. */
  stockItemId?: string;
  quantity: number;
  /** Fen per unit. */
  unitPrice: number;
  total: number;
  expectedDeliveryDate: string;
  /** Accepted so far over all receipts. */
  accepted: number;
  /** Rejected so far over all receipts (returned to the vendor; not counted against the order). */
  rejected: number;
}

export interface PurchaseOrder {
  id: string;
  agencyId: string;
  vendorId: string;
  /** The requisition the order fulfils; absent for an order from a tender raised without one. */
  requisitionId?: string;
  /** The awarded tender the order comes from (vendor and price from its award). */
  tenderId?: string;
  budgetId: string;
  fiscalYear: number;
  category: ServiceCategory;
  lines: PurchaseOrderLine[];
  /** Sum of the lines, in fen. */
  total: number;
  /** What the budget holds for the order now: the total less the accepted value, 0 once cancelled. */
  committed: number;
  /** The accepted value so far: moved from committed to spent on the budget. */
  spent: number;
  status: PurchaseOrderStatus;
  createdBy: string;
  createdAt: Date;
  placedAt?: Date;
  cancellation?: { by: string; at: Date; reason: string };
  /** Set when the order went beyond what its budget had available: who allowed it, why, by how many fen. */
  budgetOverride?: { by: string; reason: string; overspend: number };
}

export interface OrderLineInput {
  description?: string;
  stockItemId?: string;
  quantity?: number;
  unitPrice?: number;
  expectedDeliveryDate: string;
}

export interface OrderDraft {
  id: string;
  agencyId: string;
  createdBy: string;
  budgetId: string;
  /** Lines as given; absent: the requisition's lines at their estimated prices, all due `expectedDeliveryDate`. */
  lines?: readonly OrderLineInput[];
  expectedDeliveryDate?: string;
}

/**
 * An order for an approved requisition, with a vendor that may be engaged. Lines default to the
 * requisition's; a requisition whose amount calls for an open tender is ordered from its award.
 */
export function draftOrder(requisition: Requisition, vendor: Pick<Vendor, 'id' | 'status' | 'name'>, draft: OrderDraft, clock: Clock): PurchaseOrder {
  if (requisition.status !== 'approved') {
    throw new BusinessRuleViolation('requisition-not-approved', `requisition ${requisition.id} is ${requisition.status}; only an approved requisition is ordered`, 'requisitionId');
  }
  if (!requisition.procurementMethod || !DIRECT_ORDER_METHODS.includes(requisition.procurementMethod)) {
    throw new BusinessRuleViolation(
      'tender-required',
      `requisition ${requisition.id} calls for ${requisition.procurementMethod ?? 'an unknown method'}; order it from the awarded tender`,
      'requisitionId',
    );
  }
  if (vendor.status !== 'active') {
    throw new BusinessRuleViolation('vendor-not-active', `vendor ${vendor.name} is ${vendor.status} and cannot be ordered from`, 'vendorId');
  }
  const given =
    draft.lines ??
    requisition.lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.estimatedUnitPrice,
      expectedDeliveryDate: deliveryDateFor(draft, "the requisition's lines"),
    }));
  const lines = orderLines(given, requisition);
  return newOrder(draft, { vendorId: vendor.id, requisitionId: requisition.id, fiscalYear: requisition.fiscalYear, category: requisition.category }, lines, clock);
}

/** What an order from a tender needs of it: its status and, once final, the award. */
export interface TenderToOrder {
  id: string;
  title: string;
  status: string;
  category: ServiceCategory;
  award?: { vendorId: string; price: number };
}

/**
 * An order from an awarded tender (招投标): the vendor is the award's, and the order's total is the
 * awarded price — one line for the tender's subject by default, or lines adding up to it exactly. A
 * tender raised for a requisition orders that requisition (which must be approved); one raised
 * without pays from the budget of `fiscalYear` and the tender's category.
 */
export function draftOrderFromTender(
  tender: TenderToOrder,
  requisition: Requisition | undefined,
  vendor: Pick<Vendor, 'id' | 'status' | 'name'>,
  draft: OrderDraft & { fiscalYear: number },
  clock: Clock,
): PurchaseOrder {
  if (tender.status !== 'awarded' || !tender.award) {
    throw new BusinessRuleViolation('tender-not-awarded', `tender ${tender.id} is ${tender.status}; only an awarded tender is ordered`, 'tenderId');
  }
  if (requisition && requisition.status !== 'approved') {
    throw new BusinessRuleViolation('requisition-not-approved', `requisition ${requisition.id} is ${requisition.status}; only an approved requisition is ordered`, 'requisitionId');
  }
  if (vendor.id !== tender.award.vendorId) {
    throw new BusinessRuleViolation('not-awarded-vendor', `tender ${tender.id} was awarded to vendor ${tender.award.vendorId}; order from it`, 'vendorId');
  }
  if (vendor.status !== 'active') {
    throw new BusinessRuleViolation('vendor-not-active', `vendor ${vendor.name} is ${vendor.status} and cannot be ordered from`, 'vendorId');
  }
  const price = tender.award.price;
  const given = draft.lines ?? [{ description: tender.title, quantity: 1, unitPrice: price, expectedDeliveryDate: deliveryDateFor(draft, "the tender's award") }];
  const lines = orderLines(given, requisition);
  const total = lines.reduce((sum, line) => sum + line.total, 0);
  if (total !== price) {
    throw new BusinessRuleViolation('award-price-mismatch', `the lines add up to ${total} fen; the tender was awarded at ${price} fen`, 'lines');
  }
  return newOrder(
    draft,
    {
      vendorId: vendor.id,
      ...(requisition ? { requisitionId: requisition.id } : {}),
      tenderId: tender.id,
      fiscalYear: requisition?.fiscalYear ?? fiscalYear(draft.fiscalYear),
      category: requisition?.category ?? tender.category,
    },
    lines,
    clock,
  );
}

function deliveryDateFor(draft: OrderDraft, what: string): string {
  if (draft.expectedDeliveryDate === undefined) {
    throw new BusinessRuleViolation('delivery-date-required', `give expectedDeliveryDate for ${what}, or give lines`, 'expectedDeliveryDate');
  }
  return draft.expectedDeliveryDate;
}

function orderLines(given: readonly OrderLineInput[], requisition: Requisition | undefined): PurchaseOrderLine[] {
  if (given.length === 0 || given.length > MAX_LINES) throw new BusinessRuleViolation('lines-required', `an order has 1 to ${MAX_LINES} lines`, 'lines');
  const lines = given.map((line, index) => orderLine(line, index, requisition));
  if (lines.reduce((sum, line) => sum + line.total, 0) > MAX_FEN) throw new BusinessRuleViolation('total-too-large', `the total may not exceed ${MAX_FEN} fen`, 'lines');
  return lines;
}

function newOrder(
  draft: OrderDraft,
  source: Pick<PurchaseOrder, 'vendorId' | 'requisitionId' | 'tenderId' | 'fiscalYear' | 'category'>,
  lines: PurchaseOrderLine[],
  clock: Clock,
): PurchaseOrder {
  const total = lines.reduce((sum, line) => sum + line.total, 0);
  return {
    id: draft.id,
    agencyId: draft.agencyId,
    ...source,
    budgetId: draft.budgetId,
    lines,
    total,
    committed: total,
    spent: 0,
    status: 'draft',
    createdBy: draft.createdBy,
    createdAt: clock.now(),
  };
}

export function placeOrder(order: PurchaseOrder, clock: Clock): PurchaseOrder {
  if (order.status !== 'draft') throw new IllegalTransitionError('purchase-order', order.status, 'place');
  return { ...order, status: 'placed', placedAt: clock.now() };
}

/** Cancelling releases what the budget still holds for the order; goods already accepted stay spent. */
export function cancelOrder(order: PurchaseOrder, by: { userId: string; reason: string }, clock: Clock): { order: PurchaseOrder; released: number } {
  if (order.status === 'received' || order.status === 'cancelled') throw new IllegalTransitionError('purchase-order', order.status, 'cancel');
  const reason = by.reason.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'give the reason for cancelling the order', 'reason');
  return { order: { ...order, status: 'cancelled', committed: 0, cancellation: { by: by.userId, at: clock.now(), reason } }, released: order.committed };
}

export interface ReceiptLineInput {
  line: number;
  accepted: number;
  rejected: number;
  inspectionNotes?: string;
}

export interface ReceiptLine extends ReceiptLineInput {
  stockItemId?: string;
  unitPrice: number;
  /** accepted × unit price, in fen. */
  acceptedValue: number;
  expectedDeliveryDate: string;
  onTime: boolean;
}

export interface ReceiptOutcome {
  order: PurchaseOrder;
  lines: ReceiptLine[];
  /** Fen moved from committed to spent. */
  acceptedValue: number;
  /** Every line of the receipt arrived on or before its expected date. */
  onTime: boolean;
}

/**
 * 验收: goods delivered against a placed order are inspected; per line some are accepted and some
 * rejected (returned, with notes saying why). One delivery of a line never exceeds what is still
 * outstanding (ordered less accepted so far), so the accepted quantity never exceeds the order.
 * Delivered on or before the line's expected date is on time.
 */
export function receiveGoods(order: PurchaseOrder, receipt: { receivedDate: string; lines: readonly ReceiptLineInput[] }, today: string): ReceiptOutcome {
  if (order.status !== 'placed' && order.status !== 'partially-received') throw new IllegalTransitionError('purchase-order', order.status, 'receive goods');
  calendarDate(receipt.receivedDate, 'receivedDate');
  if (receipt.receivedDate > today) throw new BusinessRuleViolation('received-in-future', `receivedDate ${receipt.receivedDate} is after today (${today})`, 'receivedDate');
  if (receipt.lines.length === 0) throw new BusinessRuleViolation('lines-required', 'a receipt names at least one line', 'lines');
  const seen = new Set<number>();
  const lines = order.lines.map((line) => ({ ...line }));
  const received: ReceiptLine[] = receipt.lines.map((input, index) => {
    const field = `lines[${index}]`;
    const line = lines.find((candidate) => candidate.line === input.line);
    if (!line) throw new BusinessRuleViolation('unknown-line', `the order has no line ${input.line}; it has lines 1 to ${lines.length}`, `${field}.line`);
    if (seen.has(input.line)) throw new BusinessRuleViolation('duplicate-line', `line ${input.line} appears twice in the receipt`, `${field}.line`);
    seen.add(input.line);
    wholeQuantity(input.accepted, 0, `${field}.accepted`);
    wholeQuantity(input.rejected, 0, `${field}.rejected`);
    if (input.accepted + input.rejected === 0) throw new BusinessRuleViolation('nothing-received', `line ${input.line}: accept or reject at least one unit`, `${field}.accepted`);
    const notes = input.inspectionNotes?.trim();
    if (input.rejected > 0 && !notes) {
      throw new BusinessRuleViolation('inspection-notes-required', `line ${input.line}: say why ${input.rejected} were rejected`, `${field}.inspectionNotes`);
    }
    const outstanding = line.quantity - line.accepted;
    if (input.accepted + input.rejected > outstanding) {
      throw new BusinessRuleViolation(
        'over-receipt',
        `line ${line.line} (${line.description}): ${line.quantity} ordered, ${line.accepted} accepted so far, so at most ${outstanding} more can be received; ${input.accepted + input.rejected} were`,
        `${field}.accepted`,
      );
    }
    line.accepted += input.accepted;
    line.rejected += input.rejected;
    return {
      line: input.line,
      accepted: input.accepted,
      rejected: input.rejected,
      ...(notes ? { inspectionNotes: notes } : {}),
      ...(line.stockItemId ? { stockItemId: line.stockItemId } : {}),
      unitPrice: line.unitPrice,
      acceptedValue: input.accepted * line.unitPrice,
      expectedDeliveryDate: line.expectedDeliveryDate,
      onTime: receipt.receivedDate <= line.expectedDeliveryDate,
    };
  });
  const acceptedValue = received.reduce((sum, line) => sum + line.acceptedValue, 0);
  const complete = lines.every((line) => line.accepted === line.quantity);
  return {
    order: { ...order, lines, status: complete ? 'received' : 'partially-received', committed: order.committed - acceptedValue, spent: order.spent + acceptedValue },
    lines: received,
    acceptedValue,
    onTime: received.every((line) => line.onTime),
  };
}

export interface DeliveryPerformance {
  receipts: number;
  onTime: number;
  late: number;
  /** onTime / receipts, rounded to 4 places; null before the first receipt. */
  onTimeRate: number | null;
}

export function deliveryPerformance(receipts: number, onTime: number): DeliveryPerformance {
  return { receipts, onTime, late: receipts - onTime, onTimeRate: receipts === 0 ? null : Math.round((onTime / receipts) * 10_000) / 10_000 };
}

/** Invoices may be recorded once the order is placed, and not once it was cancelled with nothing received. */
export function requireInvoiceable(order: PurchaseOrder): void {
  if (order.status === 'draft' || (order.status === 'cancelled' && order.spent === 0)) throw new IllegalTransitionError('purchase-order', order.status, 'record an invoice');
}

export interface ThreeWayMatch {
  match: 'matched' | 'mismatch';
  /** The order's total. */
  ordered: number;
  /** The accepted value of all receipts. */
  received: number;
  /** All invoices of the order, this one included. */
  invoiced: number;
  differences: {
    /** invoiced − received: positive when billed for goods not (yet) accepted. */
    invoicedLessReceived: number;
    /** invoiced − ordered: positive when billed beyond the order. */
    invoicedLessOrdered: number;
  };
  /** Why it does not match; empty when matched. */
  reasons: string[];
}

/**
 * The three-way match (三单匹配) of order, receipts and invoices, in fen with MATCH_TOLERANCE_FEN
 * (exact): the invoices must add up to the value of the goods accepted so far and never exceed the
 * order. Anything else is a mismatch, with the differences for whoever settles it.
 */
export function threeWayMatch(ordered: number, received: number, invoiced: number): ThreeWayMatch {
  const invoicedLessReceived = invoiced - received;
  const invoicedLessOrdered = invoiced - ordered;
  const reasons: string[] = [];
  if (Math.abs(invoicedLessReceived) > MATCH_TOLERANCE_FEN) {
    reasons.push(invoicedLessReceived > 0 ? 'invoiced-more-than-received' : 'invoiced-less-than-received');
  }
  if (invoicedLessOrdered > MATCH_TOLERANCE_FEN) reasons.push('invoiced-more-than-ordered');
  return { match: reasons.length === 0 ? 'matched' : 'mismatch', ordered, received, invoiced, differences: { invoicedLessReceived, invoicedLessOrdered }, reasons };
}

export function invoiceAmount(amount: number): number {
  if (!isFen(amount) || amount === 0) throw new BusinessRuleViolation('invalid-amount', `amount must be a positive whole number of fen (分) up to ${MAX_FEN}`, 'amount');
  return amount;
}

export function calendarDate(value: string, field: string): string {
  if (!CALENDAR_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new BusinessRuleViolation('invalid-date', `${field} must be a calendar date YYYY-MM-DD`, field);
  }
  return value;
}

function orderLine(line: OrderLineInput, index: number, requisition: Requisition | undefined): PurchaseOrderLine {
  const field = `lines[${index}]`;
  const description = line.description?.trim() ?? requisition?.lines[index]?.description ?? '';
  if (!description) throw new BusinessRuleViolation('description-required', 'describe what is ordered', `${field}.description`);
  const quantity = line.quantity ?? requisition?.lines[index]?.quantity;
  const unitPrice = line.unitPrice ?? requisition?.lines[index]?.estimatedUnitPrice;
  if (quantity === undefined) throw new BusinessRuleViolation('quantity-required', 'give the quantity', `${field}.quantity`);
  if (unitPrice === undefined) throw new BusinessRuleViolation('unit-price-required', 'give the unit price in fen', `${field}.unitPrice`);
  wholeQuantity(quantity, 1, `${field}.quantity`);
  if (!isFen(unitPrice) || unitPrice === 0) throw new BusinessRuleViolation('invalid-amount', 'unitPrice must be a positive whole number of fen (分)', `${field}.unitPrice`);
  const stockItemId = line.stockItemId?.trim();
  if (stockItemId && unitPrice > MAX_STOCK_UNIT_PRICE) {
    throw new BusinessRuleViolation('unit-price-too-large', `a line received into stock may cost at most ${MAX_STOCK_UNIT_PRICE} fen a unit`, `${field}.unitPrice`);
  }
  const total = quantity * unitPrice;
  if (!isFen(total)) throw new BusinessRuleViolation('total-too-large', `a line may not exceed ${MAX_FEN} fen`, field);
  const expectedDeliveryDate = calendarDate(line.expectedDeliveryDate, `${field}.expectedDeliveryDate`);
  return { line: index + 1, description, ...(stockItemId ? { stockItemId } : {}), quantity, unitPrice, total, expectedDeliveryDate, accepted: 0, rejected: 0 };
}

function wholeQuantity(value: number, min: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > MAX_QUANTITY) {
    throw new BusinessRuleViolation('invalid-quantity', `${field.split('.').pop()} must be a whole number from ${min} to ${MAX_QUANTITY}`, field);
  }
  return value;
}
