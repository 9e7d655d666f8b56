import { z } from 'zod';
import { defineEvent } from '../event-contract';

/**
 * Procurement's purchase orders (采购订单), receipts (验收) and invoices: placing, receiving goods
 * with on-time delivery, cancelling, and an invoice the three-way match flagged. Money in fen,
 * dates of delivery as YYYY-MM-DD in China Standard Time.
 */

const Fen = z.number().int().min(0);
const SignedFen = z.number().int();
const Quantity = z.number().int().min(0);
const Timestamp = z.string().datetime({ offset: true });
const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const OrderCommon = {
  purchaseOrderId: z.string().uuid(),
  vendorId: z.string().uuid(),
  /** Absent for an order from a tender raised without a requisition. */
  requisitionId: z.string().uuid().optional(),
  /** Present for an order from an awarded tender. */
  tenderId: z.string().uuid().optional(),
  budgetId: z.string().uuid(),
  fiscalYear: z.number().int(),
  category: z.string().min(1),
  /** The order's total. */
  total: Fen,
};

export const PurchaseOrderPlaced = defineEvent({
  service: 'procurement',
  aggregate: 'purchase-order',
  action: 'placed',
  version: 1,
  description: 'A purchase order (from an approved requisition or an awarded tender) was placed with its vendor; its total is committed on the budget.',
  schema: z.object({
    ...OrderCommon,
    lines: z
      .array(
        z.object({
          line: z.number().int().min(1),
          description: z.string().min(1).max(500),
          stockItemId: z.string().uuid().optional(),
          quantity: z.number().int().min(1),
          unitPrice: Fen,
          expectedDeliveryDate: CalendarDate,
        }),
      )
      .min(1),
    placedBy: z.string().min(1),
    placedAt: Timestamp,
  }),
});

export const PurchaseOrderReceived = defineEvent({
  service: 'procurement',
  aggregate: 'purchase-order',
  action: 'received',
  version: 1,
  description:
    'Goods were received against a purchase order (验收): per line accepted and rejected, the accepted value moved from committed to spent, ' +
    'and whether the delivery came on or before every line\'s expected date.',
  schema: z.object({
    ...OrderCommon,
    receiptId: z.string().uuid(),
    status: z.enum(['partially-received', 'received']),
    receivedDate: CalendarDate,
    onTime: z.boolean(),
    lines: z
      .array(
        z.object({
          line: z.number().int().min(1),
          accepted: Quantity,
          rejected: Quantity,
          inspectionNotes: z.string().max(1000).optional(),
          acceptedValue: Fen,
          onTime: z.boolean(),
          stockItemId: z.string().uuid().optional(),
        }),
      )
      .min(1),
    acceptedValue: Fen,
    /** The order's accepted value over all receipts. */
    spent: Fen,
    storeRoomId: z.string().uuid().optional(),
    receivedBy: z.string().min(1),
    recordedAt: Timestamp,
  }),
});

export const PurchaseOrderCancelled = defineEvent({
  service: 'procurement',
  aggregate: 'purchase-order',
  action: 'cancelled',
  version: 1,
  description: 'A purchase order was cancelled; what the budget still held for it was released (goods already accepted stay spent).',
  schema: z.object({
    ...OrderCommon,
    previousStatus: z.enum(['draft', 'placed', 'partially-received']),
    released: Fen,
    spent: Fen,
    reason: z.string().min(1).max(1000),
    cancelledBy: z.string().min(1),
    cancelledAt: Timestamp,
  }),
});

export const PurchaseOrderInvoiceMismatch = defineEvent({
  service: 'procurement',
  aggregate: 'purchase-order',
  action: 'invoice-mismatch',
  version: 1,
  description:
    'An invoice was recorded whose three-way match (order, accepted receipts, invoices; exact to the fen) failed: the invoices do not add up to the ' +
    'accepted value, or exceed the order. Carries the differences for whoever settles it.',
  schema: z.object({
    ...OrderCommon,
    invoiceId: z.string().uuid(),
    invoiceNumber: z.string().min(1).max(64),
    amount: Fen,
    ordered: Fen,
    received: Fen,
    invoiced: Fen,
    differences: z.object({ invoicedLessReceived: SignedFen, invoicedLessOrdered: SignedFen }),
    reasons: z.array(z.enum(['invoiced-more-than-received', 'invoiced-less-than-received', 'invoiced-more-than-ordered'])).min(1),
    recordedBy: z.string().min(1),
    recordedAt: Timestamp,
  }),
});
