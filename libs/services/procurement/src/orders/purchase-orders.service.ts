import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, PurchaseOrderCancelled, PurchaseOrderInvoiceMismatch, PurchaseOrderPlaced, PurchaseOrderReceived } from '@houqin/contracts';
import { BusinessRuleViolation, DuplicateError, NotFoundError, businessDay, systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { findInAgency, isUniqueViolation } from '@houqin/persistence';
import { eventOrigin } from '@houqin/service-kit';
import { BudgetRecord } from '../budgets/budget.entity';
import { BudgetsService } from '../budgets/budgets.service';
import { StockItemRecord } from '../inventory/inventory.entity';
import { InventoryService } from '../inventory/inventory.service';
import { Requisition } from '../requisitions/domain/requisition';
import { RequisitionsService } from '../requisitions/requisitions.service';
import { TenderRecord } from '../tenders/tender.entity';
import { ServiceCategory } from '../vendors/domain/vendor';
import { VendorRecord } from '../vendors/vendor.entity';
import {
  DeliveryPerformance,
  PurchaseOrder,
  PurchaseOrderStatus,
  cancelOrder,
  deliveryPerformance,
  draftOrder,
  draftOrderFromTender,
  invoiceAmount,
  calendarDate,
  placeOrder,
  receiveGoods,
  requireInvoiceable,
  threeWayMatch,
} from './domain/purchase-order';
import { CancelPurchaseOrderDto, CreatePurchaseOrderDto, InvoiceView, PurchaseOrderView, ReceiptView, RecordInvoiceDto, RecordReceiptDto } from './purchase-order.dto';
import { INVOICE_NUMBER_UNIQUE, PURCHASE_ORDER_REQUISITION_UNIQUE, PURCHASE_ORDER_TENDER_UNIQUE, PurchaseOrderInvoiceRecord, PurchaseOrderReceiptRecord, PurchaseOrderRecord } from './purchase-order.entity';

/**
 * Use cases of purchase orders. Every change locks the order's row first, then the budget's row
 * (through BudgetsService), then stock items (through InventoryService): one lock order for all of
 * them, so they queue instead of deadlocking, and money moves in the same transaction as the order.
 */
@Injectable()
export class PurchaseOrdersService {
  private readonly clock = systemClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly requisitions: RequisitionsService,
    private readonly budgets: BudgetsService,
    private readonly inventory: InventoryService,
  ) {}

  /**
   * A draft order for an approved requisition or an awarded tender. The requisition's approval
   * committed its estimate; the order's total replaces it now: more is committed under the budget
   * row's lock (refused beyond what is available unless an agency admin overrides with a reason),
   * less is released. An order from a tender without a requisition commits its whole total.
   */
  async create(caller: Caller, input: CreatePurchaseOrderDto): Promise<PurchaseOrder> {
    if (input.requisitionId === undefined && input.tenderId === undefined) {
      throw new BusinessRuleViolation('source-required', 'give the approved requisition or the awarded tender the order is for', 'requisitionId');
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const draft = (budgetId: string) => ({
          id: randomUUID(),
          agencyId: caller.agencyId,
          createdBy: caller.userId,
          budgetId,
          ...(input.lines ? { lines: input.lines } : {}),
          ...(input.expectedDeliveryDate !== undefined ? { expectedDeliveryDate: input.expectedDeliveryDate } : {}),
        });
        let order: PurchaseOrder;
        let previouslyCommitted: number;
        if (input.tenderId !== undefined) {
          const tender = await manager.findOne(TenderRecord, { where: { id: input.tenderId, agencyId: caller.agencyId }, lock: { mode: 'pessimistic_write' } });
          if (!tender) throw new BusinessRuleViolation('unknown-tender', `tender ${input.tenderId} does not exist in this agency`, 'tenderId');
          if (input.requisitionId !== undefined && input.requisitionId !== tender.requisitionId) {
            throw new BusinessRuleViolation('tender-requisition-mismatch', `tender ${tender.id} was not raised for requisition ${input.requisitionId}`, 'requisitionId');
          }
          if (await manager.exists(PurchaseOrderRecord, { where: { tenderId: tender.id } })) throw duplicateOrder('tender', tender.id);
          const requisition = tender.requisitionId ? await this.requisitionToOrder(manager, caller, tender.requisitionId) : undefined;
          const award = tender.details.award;
          if (tender.status !== 'awarded' || !award) {
            throw new BusinessRuleViolation('tender-not-awarded', `tender ${tender.id} is ${tender.status}; only an awarded tender is ordered`, 'tenderId');
          }
          const vendor = await this.engageableVendor(manager, caller, input.vendorId ?? award.vendorId);
          const fiscalYear = requisition?.fiscalYear ?? input.fiscalYear ?? Number(this.today().slice(0, 4));
          const category = requisition?.category ?? tender.category;
          const budget = await this.budgetFor(manager, caller, fiscalYear, category);
          order = draftOrderFromTender(
            { id: tender.id, title: tender.title, status: tender.status, category: tender.category, award: { vendorId: award.vendorId, price: award.price } },
            requisition,
            vendor,
            { ...draft(budget.id), fiscalYear },
            this.clock,
          );
          previouslyCommitted = requisition?.total ?? 0;
        } else {
          const requisition = await this.requisitionToOrder(manager, caller, input.requisitionId as string);
          if (input.vendorId === undefined) throw new BusinessRuleViolation('vendor-required', 'name the vendor to order from', 'vendorId');
          const vendor = await this.engageableVendor(manager, caller, input.vendorId);
          const budget = await this.budgetFor(manager, caller, requisition.fiscalYear, requisition.category);
          order = draftOrder(requisition, vendor, draft(budget.id), this.clock);
          previouslyCommitted = requisition.total;
        }
        await this.requireStockItems(manager, caller, order);
        const adjustment = await this.budgets.adjustCommitment(
          manager,
          caller,
          order.budgetId,
          previouslyCommitted,
          order.total,
          input.budgetOverrideReason !== undefined ? { by: caller.userId, roles: caller.roles, reason: input.budgetOverrideReason } : undefined,
        );
        // An override is recorded only where it was needed: the order went beyond what was available.
        if (adjustment.override && adjustment.overspend > 0) order = { ...order, budgetOverride: { ...adjustment.override, overspend: adjustment.overspend } };
        await manager.insert(PurchaseOrderRecord, toRecord(order, 1));
        return order;
      });
    } catch (error) {
      if (isUniqueViolation(error, PURCHASE_ORDER_REQUISITION_UNIQUE)) throw duplicateOrder('requisition', input.requisitionId ?? '');
      if (isUniqueViolation(error, PURCHASE_ORDER_TENDER_UNIQUE)) throw duplicateOrder('tender', input.tenderId ?? '');
      throw error;
    }
  }

  /** The requisition, locked, with no order yet: one order per requisition. */
  private async requisitionToOrder(manager: EntityManager, caller: Caller, requisitionId: string): Promise<Requisition> {
    const requisition = await this.requisitions.lockForOrder(manager, caller, requisitionId).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw new BusinessRuleViolation('unknown-requisition', `requisition ${requisitionId} does not exist in this agency`, 'requisitionId');
      throw error;
    });
    if (await manager.exists(PurchaseOrderRecord, { where: { requisitionId } })) throw duplicateOrder('requisition', requisitionId);
    return requisition;
  }

  private async budgetFor(manager: EntityManager, caller: Caller, fiscalYear: number, category: ServiceCategory): Promise<BudgetRecord> {
    const budget = await manager.findOne(BudgetRecord, { where: { agencyId: caller.agencyId, fiscalYear, category } });
    if (!budget) throw new BusinessRuleViolation('no-budget', `the agency has no ${fiscalYear} budget for ${category}`, 'fiscalYear');
    return budget;
  }

  async place(caller: Caller, id: string): Promise<PurchaseOrder> {
    return this.change(caller, id, async (_manager, current) => {
      const placed = placeOrder(current, this.clock);
      return {
        order: placed,
        events: [
          PurchaseOrderPlaced.create({
            subject: id,
            origin: eventOrigin(caller),
            data: {
              ...summary(placed),
              lines: placed.lines.map((line) => ({
                line: line.line,
                description: line.description,
                ...(line.stockItemId ? { stockItemId: line.stockItemId } : {}),
                quantity: line.quantity,
                unitPrice: line.unitPrice,
                expectedDeliveryDate: line.expectedDeliveryDate,
              })),
              placedBy: caller.userId,
              placedAt: (placed.placedAt as Date).toISOString(),
            },
          }),
        ],
      };
    });
  }

  async cancel(caller: Caller, id: string, input: CancelPurchaseOrderDto): Promise<PurchaseOrder> {
    return this.change(caller, id, async (manager, current) => {
      const { order, released } = cancelOrder(current, { userId: caller.userId, reason: input.reason }, this.clock);
      await this.budgets.release(manager, caller, order.budgetId, released);
      const cancellation = order.cancellation as NonNullable<PurchaseOrder['cancellation']>;
      return {
        order,
        events: [
          PurchaseOrderCancelled.create({
            subject: id,
            origin: eventOrigin(caller),
            data: {
              ...summary(order),
              previousStatus: current.status as 'draft' | 'placed' | 'partially-received',
              released,
              spent: order.spent,
              reason: cancellation.reason,
              cancelledBy: cancellation.by,
              cancelledAt: cancellation.at.toISOString(),
            },
          }),
        ],
      };
    });
  }

  /**
   * 验收: the accepted value moves from committed to spent on the budget, accepted goods of
   * stock-item lines go into the named store room's stock, and the receipt records whether it came
   * on time — all in one transaction with the order.
   */
  async receive(caller: Caller, id: string, input: RecordReceiptDto): Promise<ReceiptView> {
    let view: ReceiptView | undefined;
    await this.change(caller, id, async (manager, current) => {
      const outcome = receiveGoods(current, { receivedDate: input.receivedDate, lines: input.lines }, this.today());
      const stocked = outcome.lines.filter((line) => line.stockItemId && line.accepted > 0);
      if (stocked.length > 0 && !input.storeRoomId) {
        throw new BusinessRuleViolation('store-room-required', `line ${stocked[0]!.line} goes into stock: name the store room that receives it`, 'storeRoomId');
      }
      const receiptId = randomUUID();
      const now = this.clock.now();
      await this.budgets.spend(manager, caller, current.budgetId, outcome.acceptedValue);
      for (const line of stocked) {
        await this.inventory.receiveWithin(manager, caller, line.stockItemId as string, {
          storeRoomId: input.storeRoomId as string,
          quantity: line.accepted,
          unitCostFen: line.unitPrice,
          purchaseOrderId: id,
          receiptId,
        });
      }
      const record: PurchaseOrderReceiptRecord = {
        id: receiptId,
        agencyId: caller.agencyId,
        purchaseOrderId: id,
        vendorId: current.vendorId,
        receivedDate: input.receivedDate,
        onTime: outcome.onTime,
        lines: outcome.lines,
        acceptedValue: outcome.acceptedValue,
        storeRoomId: input.storeRoomId ?? null,
        receivedBy: caller.userId,
        recordedAt: now,
      };
      await manager.insert(PurchaseOrderReceiptRecord, record);
      view = { ...receiptView(record), order: PurchaseOrderView.of(outcome.order) };
      return {
        order: outcome.order,
        events: [
          PurchaseOrderReceived.create({
            subject: id,
            origin: eventOrigin(caller),
            data: {
              ...summary(outcome.order),
              receiptId,
              status: outcome.order.status as 'partially-received' | 'received',
              receivedDate: input.receivedDate,
              onTime: outcome.onTime,
              lines: outcome.lines.map((line) => ({
                line: line.line,
                accepted: line.accepted,
                rejected: line.rejected,
                ...(line.inspectionNotes ? { inspectionNotes: line.inspectionNotes } : {}),
                acceptedValue: line.acceptedValue,
                onTime: line.onTime,
                ...(line.stockItemId ? { stockItemId: line.stockItemId } : {}),
              })),
              acceptedValue: outcome.acceptedValue,
              spent: outcome.order.spent,
              ...(input.storeRoomId ? { storeRoomId: input.storeRoomId } : {}),
              receivedBy: caller.userId,
              recordedAt: now.toISOString(),
            },
          }),
        ],
      };
    });
    return view as ReceiptView;
  }

  /**
   * Records the vendor's invoice and runs the three-way match over the order's total, the accepted
   * value of its receipts and all its invoices; a mismatch is recorded and announced, not refused.
   */
  async invoice(caller: Caller, id: string, input: RecordInvoiceDto): Promise<InvoiceView> {
    const invoiceNumber = input.invoiceNumber.trim();
    if (!invoiceNumber) throw new BusinessRuleViolation('invoice-number-required', 'give the invoice number', 'invoiceNumber');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { order } = await this.load(manager, caller, id, true);
        requireInvoiceable(order);
        const amount = invoiceAmount(input.amount);
        calendarDate(input.invoiceDate, 'invoiceDate');
        if (await manager.exists(PurchaseOrderInvoiceRecord, { where: { agencyId: caller.agencyId, vendorId: order.vendorId, invoiceNumber } })) {
          throw duplicateInvoice(invoiceNumber);
        }
        const [{ sum }] = (await manager.query(`SELECT coalesce(sum(amount), 0)::bigint AS sum FROM purchase_order_invoice WHERE purchase_order_id = $1`, [id])) as [{ sum: string }];
        const match = threeWayMatch(order.total, order.spent, Number(sum) + amount);
        const record: PurchaseOrderInvoiceRecord = {
          id: randomUUID(),
          agencyId: caller.agencyId,
          purchaseOrderId: id,
          vendorId: order.vendorId,
          invoiceNumber,
          amount,
          invoiceDate: input.invoiceDate,
          match: match.match,
          matchDetail: match,
          recordedBy: caller.userId,
          recordedAt: this.clock.now(),
        };
        await manager.insert(PurchaseOrderInvoiceRecord, record);
        if (match.match === 'mismatch') {
          await this.outbox.append(
            manager,
            PurchaseOrderInvoiceMismatch.create({
              subject: id,
              origin: eventOrigin(caller),
              data: {
                ...summary(order),
                invoiceId: record.id,
                invoiceNumber,
                amount,
                ordered: match.ordered,
                received: match.received,
                invoiced: match.invoiced,
                differences: match.differences,
                reasons: match.reasons as Array<'invoiced-more-than-received' | 'invoiced-less-than-received' | 'invoiced-more-than-ordered'>,
                recordedBy: caller.userId,
                recordedAt: record.recordedAt.toISOString(),
              },
            }),
          );
        }
        return invoiceView(record);
      });
    } catch (error) {
      if (isUniqueViolation(error, INVOICE_NUMBER_UNIQUE)) throw duplicateInvoice(invoiceNumber);
      throw error;
    }
  }

  /** A vendor account sees its own vendor's orders only; any other answers 404. */
  async get(caller: Caller, id: string): Promise<PurchaseOrder> {
    const { order } = await this.load(this.dataSource.manager, caller, id, false);
    const actingFor = vendorActedFor(caller);
    if (actingFor !== undefined && actingFor !== order.vendorId) throw new NotFoundError('purchase-order', id);
    return order;
  }

  async list(caller: Caller, filter: { status?: PurchaseOrderStatus; vendorId?: string }, limit: number): Promise<PurchaseOrder[]> {
    const actingFor = vendorActedFor(caller);
    if (actingFor !== undefined && filter.vendorId !== undefined && filter.vendorId !== actingFor) return [];
    const vendorId = actingFor ?? filter.vendorId;
    const records = await this.dataSource.manager.find(PurchaseOrderRecord, {
      where: { agencyId: caller.agencyId, ...(filter.status ? { status: filter.status } : {}), ...(vendorId ? { vendorId } : {}) },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return records.map(toDomain);
  }

  async receipts(caller: Caller, id: string): Promise<ReceiptView[]> {
    const order = await this.get(caller, id);
    const records = await this.dataSource.manager.find(PurchaseOrderReceiptRecord, { where: { purchaseOrderId: order.id }, order: { recordedAt: 'ASC' } });
    const view = PurchaseOrderView.of(order);
    return records.map((record) => ({ ...receiptView(record), order: view }));
  }

  /** On-time delivery of a vendor over all receipts against its orders in the agency; a vendor account sees its own only. */
  async deliveryPerformance(caller: Caller, vendorId: string): Promise<DeliveryPerformance> {
    const actingFor = vendorActedFor(caller);
    if (actingFor !== undefined && actingFor !== vendorId) throw new NotFoundError('vendor', vendorId);
    await findInAgency(this.dataSource.manager, VendorRecord, { id: vendorId, agencyId: caller.agencyId, aggregate: 'vendor' });
    const [row] = (await this.dataSource.manager.query(
      `SELECT count(*)::int AS receipts, count(*) FILTER (WHERE on_time)::int AS on_time FROM purchase_order_receipt WHERE agency_id = $1 AND vendor_id = $2`,
      [caller.agencyId, vendorId],
    )) as [{ receipts: number; on_time: number }];
    return deliveryPerformance(row.receipts, row.on_time);
  }

  private async change(
    caller: Caller,
    id: string,
    decide: (manager: EntityManager, current: PurchaseOrder) => Promise<{ order: PurchaseOrder; events: EventEnvelope[] }>,
  ): Promise<PurchaseOrder> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const { order, events } = await decide(manager, current.order);
      await manager.update(PurchaseOrderRecord, { id, version: current.version }, toRecord(order, current.version + 1));
      await this.outbox.append(manager, events);
      return order;
    });
  }

  private async load(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<{ order: PurchaseOrder; version: number }> {
    const record = await findInAgency(manager, PurchaseOrderRecord, { id, agencyId: caller.agencyId, aggregate: 'purchase-order', forUpdate });
    return { order: toDomain(record), version: record.version };
  }

  /** The vendor, with a suspension that has run out counting as active. */
  private async engageableVendor(manager: EntityManager, caller: Caller, vendorId: string): Promise<{ id: string; name: string; status: VendorRecord['status'] }> {
    const vendor = await manager.findOne(VendorRecord, { where: { id: vendorId, agencyId: caller.agencyId } });
    if (!vendor) throw new BusinessRuleViolation('unknown-vendor', `vendor ${vendorId} is not in this agency's registry`, 'vendorId');
    const lapsed = vendor.status === 'suspended' && vendor.suspendedUntil !== null && vendor.suspendedUntil.getTime() <= this.clock.now().getTime();
    return { id: vendor.id, name: vendor.name, status: lapsed ? 'active' : vendor.status };
  }

  private async requireStockItems(manager: EntityManager, caller: Caller, order: PurchaseOrder): Promise<void> {
    for (const [index, line] of order.lines.entries()) {
      if (!line.stockItemId) continue;
      const exists = await manager.exists(StockItemRecord, { where: { id: line.stockItemId, agencyId: caller.agencyId } });
      if (!exists) throw new BusinessRuleViolation('unknown-stock-item', `stock item ${line.stockItemId} does not exist in this agency`, `lines[${index}].stockItemId`);
    }
  }

  private today(): string {
    return businessDay(this.clock.now()).date;
  }
}

/**
 * The vendor a vendor account acts for (the nil id, matching no vendor, when it names none or not
 * an id); undefined for everyone else.
 */
function vendorActedFor(caller: Caller): string | undefined {
  if (!caller.roles.includes('vendor')) return undefined;
  return caller.vendorId && /^[0-9a-f-]{36}$/i.test(caller.vendorId) ? caller.vendorId : '00000000-0000-0000-0000-000000000000';
}

function duplicateOrder(source: 'requisition' | 'tender', id: string): DuplicateError {
  return new DuplicateError('purchase-order', `${source}Id`, `${source} ${id} already has a purchase order`);
}

function duplicateInvoice(invoiceNumber: string): DuplicateError {
  return new DuplicateError('invoice', 'invoiceNumber', `invoice ${invoiceNumber} of this vendor is already recorded`);
}

function summary(order: PurchaseOrder) {
  return {
    purchaseOrderId: order.id,
    vendorId: order.vendorId,
    ...(order.requisitionId ? { requisitionId: order.requisitionId } : {}),
    ...(order.tenderId ? { tenderId: order.tenderId } : {}),
    budgetId: order.budgetId,
    fiscalYear: order.fiscalYear,
    category: order.category,
    total: order.total,
  };
}

function receiptView(record: PurchaseOrderReceiptRecord): Omit<ReceiptView, 'order'> {
  return {
    id: record.id,
    purchaseOrderId: record.purchaseOrderId,
    receivedDate: record.receivedDate,
    onTime: record.onTime,
    lines: record.lines,
    acceptedValue: record.acceptedValue,
    ...(record.storeRoomId ? { storeRoomId: record.storeRoomId } : {}),
    receivedBy: record.receivedBy,
    recordedAt: record.recordedAt.toISOString(),
  };
}

function invoiceView(record: PurchaseOrderInvoiceRecord): InvoiceView {
  return {
    id: record.id,
    purchaseOrderId: record.purchaseOrderId,
    invoiceNumber: record.invoiceNumber,
    amount: record.amount,
    invoiceDate: record.invoiceDate,
    match: record.match,
    matchDetail: record.matchDetail,
    recordedBy: record.recordedBy,
    recordedAt: record.recordedAt.toISOString(),
  };
}

function toRecord(order: PurchaseOrder, version: number): PurchaseOrderRecord {
  return {
    id: order.id,
    agencyId: order.agencyId,
    vendorId: order.vendorId,
    requisitionId: order.requisitionId ?? null,
    tenderId: order.tenderId ?? null,
    budgetId: order.budgetId,
    fiscalYear: order.fiscalYear,
    category: order.category,
    lines: order.lines,
    total: order.total,
    committed: order.committed,
    spent: order.spent,
    status: order.status,
    createdBy: order.createdBy,
    createdAt: order.createdAt,
    placedAt: order.placedAt ?? null,
    cancellation: order.cancellation ? { by: order.cancellation.by, at: order.cancellation.at.toISOString(), reason: order.cancellation.reason } : null,
    budgetOverride: order.budgetOverride ?? null,
    version,
  };
}

function toDomain(record: PurchaseOrderRecord): PurchaseOrder {
  return {
    id: record.id,
    agencyId: record.agencyId,
    vendorId: record.vendorId,
    ...(record.requisitionId ? { requisitionId: record.requisitionId } : {}),
    ...(record.tenderId ? { tenderId: record.tenderId } : {}),
    budgetId: record.budgetId,
    fiscalYear: record.fiscalYear,
    category: record.category,
    lines: record.lines,
    total: record.total,
    committed: record.committed,
    spent: record.spent,
    status: record.status,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    ...(record.placedAt ? { placedAt: record.placedAt } : {}),
    ...(record.cancellation ? { cancellation: { by: record.cancellation.by, at: new Date(record.cancellation.at), reason: record.cancellation.reason } } : {}),
    ...(record.budgetOverride ? { budgetOverride: record.budgetOverride } : {}),
  };
}
