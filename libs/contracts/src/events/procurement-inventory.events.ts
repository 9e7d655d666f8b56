import { z } from 'zod';
import { defineEvent } from '../event-contract';

/**
 * Procurement's inventory (物资管理): movements of the stock ledger and the low-stock signal. Kept
 * apart from procurement.events.ts so the inventory contracts read as one unit; same service, same
 * rules. Quantities are whole units of the item's unit of measure, money in fen.
 */

const Quantity = z.number().int().min(0);
const PositiveQuantity = z.number().int().min(1);
const Fen = z.number().int().min(0);
const Timestamp = z.string().datetime({ offset: true });

const StockMovementCommon = {
  movementId: z.string().uuid(),
  stockItemId: z.string().uuid(),
  code: z.string().min(1).max(40),
  storeRoomId: z.string().uuid(),
  /** The store room's balance after the movement. */
  balance: Quantity,
  /** The item's stock over all store rooms after the movement. */
  onHand: Quantity,
};

export const StockReceived = defineEvent({
  service: 'procurement',
  aggregate: 'stock',
  action: 'received',
  version: 1,
  description: 'Goods of a stock item came into a store room (入库), at a unit cost; optionally against a purchase order and its receipt.',
  schema: z.object({
    ...StockMovementCommon,
    quantity: PositiveQuantity,
    unitCostFen: Fen,
    purchaseOrderId: z.string().uuid().optional(),
    receiptId: z.string().uuid().optional(),
    receivedBy: z.string().min(1),
    receivedAt: Timestamp,
  }),
});

export const StockIssued = defineEvent({
  service: 'procurement',
  aggregate: 'stock',
  action: 'issued',
  version: 1,
  description:
    'Goods of a stock item left a store room for a department (领用); stock never goes below zero. ' +
    'Valued at the unit cost of the item\'s last receipt; an issue for a maintenance work order names it (maintenance records the parts cost).',
  schema: z.object({
    ...StockMovementCommon,
    quantity: PositiveQuantity,
    departmentId: z.string().min(1).max(100),
    requestedBy: z.string().min(1).max(200),
    issuedBy: z.string().min(1),
    issuedAt: Timestamp,
    /** The maintenance work order the goods were issued for (parts, 备件); absent for other issues. */
    workOrderId: z.string().uuid().optional(),
    /** The unit cost of the item's last receipt; absent when the item was never received. */
    unitCostFen: Fen.optional(),
    /** quantity × unitCostFen; present with unitCostFen. */
    valueFen: Fen.optional(),
  }),
});

export const StockAdjusted = defineEvent({
  service: 'procurement',
  aggregate: 'stock',
  action: 'adjusted',
  version: 1,
  description: 'A stocktake (盘点) set a store room\'s balance of an item to the counted quantity; the difference and its reason are recorded.',
  schema: z.object({
    ...StockMovementCommon,
    previousQuantity: Quantity,
    countedQuantity: Quantity,
    /** countedQuantity − previousQuantity: negative for a shortfall. */
    difference: z.number().int(),
    reason: z.string().min(1).max(1000),
    adjustedBy: z.string().min(1),
    adjustedAt: Timestamp,
  }),
});

export const StockItemLowStock = defineEvent({
  service: 'procurement',
  aggregate: 'stock-item',
  action: 'low-stock',
  version: 1,
  description:
    'A stock item fell below its low-stock threshold (once per crossing; again only after stock was back at the threshold). ' +
    'Carries the requisition to propose: the reorder quantity at the last receipt\'s unit cost.',
  schema: z.object({
    stockItemId: z.string().uuid(),
    code: z.string().min(1).max(40),
    name: z.string().min(1).max(200),
    onHand: Quantity,
    lowStockThreshold: PositiveQuantity,
    /** The movement that crossed the threshold. */
    movementId: z.string().uuid(),
    proposedRequisition: z.object({
      stockItemId: z.string().uuid(),
      code: z.string().min(1).max(40),
      name: z.string().min(1).max(200),
      unitOfMeasure: z.string().min(1).max(20),
      quantity: PositiveQuantity,
      /** Absent when the item was never received. */
      estimatedUnitPriceFen: Fen.optional(),
      estimatedTotalFen: Fen.optional(),
    }),
    detectedAt: Timestamp,
  }),
});
