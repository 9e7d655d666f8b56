import { z } from 'zod';
import { defineEvent } from '../event-contract';

/**
 * Maintenance costs (维修费用) of a work order: labour, parts issued from procurement's store and
 * other (extra) costs, in fen. Each event carries the line and the work order's running totals
 * after it, so a consumer (evaluation) knows the cost without calling back. Keyed by the work order.
 */
export const WORK_ORDER_COST_KINDS = ['labour', 'parts', 'extra'] as const;

const Fen = z.number().int().min(0);
const Instant = z.string().datetime({ offset: true });

const CostTotals = z.object({
  labourFen: Fen,
  partsFen: Fen,
  extraFen: Fen,
  /** labourFen + partsFen + extraFen; voided lines count nowhere. */
  totalFen: Fen,
});

const CostLine = z.object({
  lineId: z.string().uuid(),
  kind: z.enum(WORK_ORDER_COST_KINDS),
  /** Labour: the worker; parts: the item code; extra: what the cost is for. */
  description: z.string().min(1).max(500),
  amountFen: Fen,
  /** Present for labour: amountFen = minutes × hourlyRateFen / 60, rounded half up to the fen. */
  labour: z.object({ worker: z.string().min(1).max(200), minutes: z.number().int().positive(), hourlyRateFen: Fen }).optional(),
  /** Present for parts: the procurement issue (stock.issued) the line came from. */
  parts: z
    .object({
      movementId: z.string().uuid(),
      stockItemId: z.string().uuid(),
      code: z.string().min(1).max(40),
      storeRoomId: z.string().uuid(),
      quantity: z.number().int().positive(),
      /** Absent when procurement could not value the issue (the item was never received). */
      unitCostFen: Fen.optional(),
    })
    .optional(),
  recordedBy: z.string().min(1),
  /** When the cost arose: the recording for labour and extra, the issue for parts. */
  incurredAt: Instant,
  recordedAt: Instant,
});

const WorkOrderOfCost = {
  workOrderId: z.string().uuid(),
  assetId: z.string().uuid().optional(),
  /** Absent for the internal team. */
  vendorId: z.string().uuid().optional(),
  contractId: z.string().uuid().optional(),
};

export const WorkOrderCostRecorded = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order-cost',
  action: 'recorded',
  version: 1,
  description:
    "A cost line was recorded on a work order: labour (by the assignee or an operator), parts (procurement's stock issued for the work order) or another cost. Carries the line and the work order's running totals by kind.",
  schema: z.object({ ...WorkOrderOfCost, line: CostLine, totals: CostTotals }),
});

export const WorkOrderCostVoided = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order-cost',
  action: 'voided',
  version: 1,
  description: "An operator voided (reversed) a cost line of a work order with a reason; the line is kept, no longer counted. Carries the line and the work order's running totals after the reversal.",
  schema: z.object({ ...WorkOrderOfCost, line: CostLine, voidedBy: z.string().min(1), voidedAt: Instant, reason: z.string().min(1).max(1000), totals: CostTotals }),
});
