import type { ProcurementBudgetView, ProcurementPurchaseOrderView } from '@houqin/api-client';

/** What a purchase order (采购订单) offers in its state: draft → placed → partially-received → received; cancelled before it is fully received. */
export type OrderCommand = 'place' | 'cancel' | 'receive' | 'invoice';
export type OrderOperation = 'purchaseOrdersPlace' | 'purchaseOrdersCancel' | 'purchaseOrdersReceive' | 'purchaseOrdersInvoice';

export function orderCommands(order: Pick<ProcurementPurchaseOrderView, 'status' | 'spent'>, may: (operation: OrderOperation) => boolean): OrderCommand[] {
  const commands: OrderCommand[] = [];
  if (order.status === 'draft' && may('purchaseOrdersPlace')) commands.push('place');
  if ((order.status === 'placed' || order.status === 'partially-received') && may('purchaseOrdersReceive')) commands.push('receive');
  // An invoice follows a placed order; a cancelled one only for goods it received.
  if (order.status !== 'draft' && !(order.status === 'cancelled' && order.spent === 0) && may('purchaseOrdersInvoice')) commands.push('invoice');
  if (order.status !== 'received' && order.status !== 'cancelled' && may('purchaseOrdersCancel')) commands.push('cancel');
  return commands;
}

/** The units of an order line still to come: ordered less accepted (rejected goods are returned and do not use the line up). */
export function outstanding(line: Pick<ProcurementPurchaseOrderView['lines'][number], 'quantity' | 'accepted'>): number {
  return Math.max(0, line.quantity - line.accepted);
}

/** How much of a budget is used (held by requisitions and orders, or spent), in whole percent; over 100 only after an override. */
export function budgetUse(budget: Pick<ProcurementBudgetView, 'allocated' | 'committed' | 'spent'>): number {
  if (budget.allocated <= 0) return budget.committed + budget.spent > 0 ? 100 : 0;
  return Math.round(((budget.committed + budget.spent) / budget.allocated) * 100);
}

/**
 * A receipt sends only the lines received in this delivery; the API names a field by its place in
 * what was sent (`lines[0].accepted`). This names it by its place in the form (one row per order line
 * still to come): `sent[k]` is the form row the k-th sent line came from.
 */
export function formLineField(field: string, sent: readonly number[]): string {
  return field.replace(/^(body\.)?lines\[(\d+)\]/, (whole, _body: string | undefined, index: string) => {
    const row = sent[Number(index)];
    return row === undefined ? whole : `lines[${row}]`;
  });
}
