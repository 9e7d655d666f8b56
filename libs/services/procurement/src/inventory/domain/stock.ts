import { BusinessRuleViolation, Clock } from '@houqin/domain';

/**
 * Inventory (物资管理): store rooms hold stock items; every change of stock is a movement in an
 * append-only ledger — a receipt (入库) adds, an issue (领用) takes away, a stocktake (盘点) sets the
 * counted quantity and records the difference. Quantities are whole units of the item's unit of
 * measure; money is in fen.
 */

export const MOVEMENT_KINDS = ['receipt', 'issue', 'adjustment'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** Item codes: letters, digits and `-`, `_`, `.`, stored in upper case, unique in the agency. */
export const STOCK_ITEM_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export interface StoreRoom {
  id: string;
  agencyId: string;
  name: string;
  location?: string;
  createdBy: string;
  createdAt: Date;
}

export interface StockItem {
  id: string;
  agencyId: string;
  code: string;
  name: string;
  unitOfMeasure: string;
  /** Stock on hand (all store rooms together) below this is low; 0 never alerts. */
  lowStockThreshold: number;
  /** The quantity a proposed requisition asks for when stock runs low. */
  reorderQuantity: number;
  createdBy: string;
  createdAt: Date;
}

/**
 * What a movement needs to know about the item's stock, read under the item's lock: the balance of
 * the store room moved in, the item's total on hand, whether the current low spell has already been
 * announced, and the unit cost of the last receipt (the estimate for a proposed requisition).
 */
export interface StockPosition {
  balance: number;
  onHand: number;
  lowStockAlerted: boolean;
  lastUnitCostFen?: number;
}

export interface ProposedRequisition {
  stockItemId: string;
  code: string;
  name: string;
  unitOfMeasure: string;
  quantity: number;
  /** From the last receipt's unit cost; absent when the item was never received. */
  estimatedUnitPriceFen?: number;
  estimatedTotalFen?: number;
}

export interface LowStockAlert {
  onHand: number;
  threshold: number;
  proposedRequisition: ProposedRequisition;
}

export interface MovementOutcome {
  kind: MovementKind;
  /** Signed change of the store room's balance. */
  change: number;
  position: StockPosition;
  /** Present once per crossing below the threshold. */
  lowStock?: LowStockAlert;
}

export interface Receipt {
  quantity: number;
  unitCostFen: number;
}

export interface Issue {
  quantity: number;
  departmentId: string;
  requestedBy: string;
}

export interface Stocktake {
  countedQuantity: number;
  reason: string;
}

export function openStoreRoom(input: { id: string; agencyId: string; name: string; location?: string; createdBy: string }, clock: Clock): StoreRoom {
  const name = input.name.trim();
  if (!name) throw new BusinessRuleViolation('name-required', 'give the store room a name', 'name');
  const location = input.location?.trim();
  return {
    id: input.id,
    agencyId: input.agencyId,
    name,
    ...(location ? { location } : {}),
    createdBy: input.createdBy,
    createdAt: clock.now(),
  };
}

export function catalogueStockItem(
  input: { id: string; agencyId: string; code: string; name: string; unitOfMeasure: string; lowStockThreshold: number; reorderQuantity: number; createdBy: string },
  clock: Clock,
): StockItem {
  const code = input.code.trim().toUpperCase();
  if (!STOCK_ITEM_CODE.test(code)) {
    throw new BusinessRuleViolation('invalid-code', 'code must be 1 to 40 letters, digits, ".", "_" or "-", starting with a letter or digit', 'code');
  }
  const name = input.name.trim();
  if (!name) throw new BusinessRuleViolation('name-required', 'give the stock item a name', 'name');
  const unitOfMeasure = input.unitOfMeasure.trim();
  if (!unitOfMeasure) throw new BusinessRuleViolation('unit-required', 'give the unit of measure, e.g. 箱 or box', 'unitOfMeasure');
  wholeUnits(input.lowStockThreshold, 0, 'lowStockThreshold');
  wholeUnits(input.reorderQuantity, 1, 'reorderQuantity');
  return {
    id: input.id,
    agencyId: input.agencyId,
    code,
    name,
    unitOfMeasure,
    lowStockThreshold: input.lowStockThreshold,
    reorderQuantity: input.reorderQuantity,
    createdBy: input.createdBy,
    createdAt: clock.now(),
  };
}

/** 入库: goods come into the store room; a receipt ends a low spell once stock is back at the threshold. */
export function receiveStock(item: StockItem, position: StockPosition, receipt: Receipt): MovementOutcome {
  wholeUnits(receipt.quantity, 1, 'quantity');
  wholeUnits(receipt.unitCostFen, 0, 'unitCostFen');
  return move(item, position, 'receipt', receipt.quantity, receipt.unitCostFen);
}

/** 领用: goods leave the store room for a department; never more than the store room holds. */
export function issueStock(item: StockItem, position: StockPosition, issue: Issue): MovementOutcome {
  wholeUnits(issue.quantity, 1, 'quantity');
  if (!issue.departmentId.trim()) throw new BusinessRuleViolation('department-required', 'name the department the goods are issued to', 'departmentId');
  if (!issue.requestedBy.trim()) throw new BusinessRuleViolation('requester-required', 'name who requested the goods', 'requestedBy');
  if (issue.quantity > position.balance) {
    throw new BusinessRuleViolation(
      'insufficient-stock',
      `insufficient stock: ${issue.quantity} ${item.unitOfMeasure} requested, ${position.balance} ${item.unitOfMeasure} available in the store room`,
      'quantity',
    );
  }
  return move(item, position, 'issue', -issue.quantity);
}

/**
 * What an issue is worth: each unit at the unit cost of the item's last receipt (the one price the
 * store keeps; no moving average). Unknown when the item was never received (stock only counted in).
 */
export function issueValue(position: Pick<StockPosition, 'lastUnitCostFen'>, quantity: number): { unitCostFen: number; valueFen: number } | undefined {
  if (position.lastUnitCostFen === undefined) return undefined;
  return { unitCostFen: position.lastUnitCostFen, valueFen: position.lastUnitCostFen * quantity };
}

/** 盘点: the counted quantity becomes the balance; the difference is recorded with its reason. */
export function adjustStock(item: StockItem, position: StockPosition, stocktake: Stocktake): MovementOutcome {
  wholeUnits(stocktake.countedQuantity, 0, 'countedQuantity');
  if (!stocktake.reason.trim()) throw new BusinessRuleViolation('reason-required', 'give the reason for the stocktake adjustment', 'reason');
  return move(item, position, 'adjustment', stocktake.countedQuantity - position.balance);
}

/** Low means on hand below the threshold; a threshold of 0 never alerts. */
export function isLow(item: Pick<StockItem, 'lowStockThreshold'>, onHand: number): boolean {
  return onHand < item.lowStockThreshold;
}

/**
 * Applies a change and decides the low-stock alert: announced once when stock falls below the
 * threshold (or falls further while below it, unannounced), not again while it stays low, and
 * re-armed once stock is back at or above the threshold.
 */
function move(item: StockItem, position: StockPosition, kind: MovementKind, change: number, unitCostFen?: number): MovementOutcome {
  const balance = position.balance + change;
  const onHand = position.onHand + change;
  if (balance < 0 || onHand < 0) {
    // Unreachable through the rules above; guards against a position read without its lock.
    throw new BusinessRuleViolation('insufficient-stock', `stock cannot go below zero (${position.balance} available)`, 'quantity');
  }
  const low = isLow(item, onHand);
  // Only a fall announces: a receipt that leaves a new item still under its threshold is no crossing.
  const crossed = low && change < 0 && !position.lowStockAlerted;
  const lastUnitCostFen = unitCostFen ?? position.lastUnitCostFen;
  const next: StockPosition = {
    balance,
    onHand,
    lowStockAlerted: low && (position.lowStockAlerted || crossed),
    ...(lastUnitCostFen !== undefined ? { lastUnitCostFen } : {}),
  };
  return {
    kind,
    change,
    position: next,
    ...(crossed ? { lowStock: { onHand, threshold: item.lowStockThreshold, proposedRequisition: proposeRequisition(item, lastUnitCostFen) } } : {}),
  };
}

/** The requisition the requisition feature will raise for a low item: its reorder quantity at the last price paid. */
export function proposeRequisition(item: StockItem, lastUnitCostFen?: number): ProposedRequisition {
  return {
    stockItemId: item.id,
    code: item.code,
    name: item.name,
    unitOfMeasure: item.unitOfMeasure,
    quantity: item.reorderQuantity,
    ...(lastUnitCostFen !== undefined ? { estimatedUnitPriceFen: lastUnitCostFen, estimatedTotalFen: lastUnitCostFen * item.reorderQuantity } : {}),
  };
}

function wholeUnits(value: number, min: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new BusinessRuleViolation('invalid-quantity', `${field} must be a whole number of at least ${min}`, field);
  }
}
