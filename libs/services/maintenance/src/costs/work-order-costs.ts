import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CostKind, CostTotals, totalsByKind } from './domain/work-order-cost';

/**
 * A work order's cost totals for other features of maintenance (the work order's verified and
 * closed events): import WorkOrderCostsModule and inject WorkOrderCosts. Reads in the caller's
 * transaction; recording a cost holds the work order's row lock, so a caller that holds it too
 * (a work order step) sees every cost committed before it and none half-written.
 */
@Injectable()
export class WorkOrderCosts {
  /** Labour, parts, extra and their sum, in fen, over the lines not voided; all 0 without costs. */
  async totalsOf(manager: EntityManager, workOrderId: string): Promise<CostTotals> {
    const rows = await manager.query<Array<{ kind: CostKind; fen: string }>>(
      `SELECT kind, SUM(amount_fen)::text AS fen FROM work_order_cost_line WHERE work_order_id = $1 AND voided_at IS NULL GROUP BY kind`,
      [workOrderId],
    );
    return totalsByKind(rows.map((row) => ({ kind: row.kind, amountFen: Number(row.fen) })));
  }
}
