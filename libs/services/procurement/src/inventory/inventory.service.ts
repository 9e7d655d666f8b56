import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, StockAdjusted, StockIssued, StockItemLowStock, StockReceived } from '@houqin/contracts';
import { BusinessRuleViolation, DuplicateError, systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { findInAgency, isUniqueViolation } from '@houqin/persistence';
import { eventOrigin } from '@houqin/service-kit';
import { MovementOutcome, StockItem, StockPosition, StoreRoom, adjustStock, catalogueStockItem, isLow, issueStock, issueValue, openStoreRoom, receiveStock } from './domain/stock';
import { CatalogueStockItemDto, IssueStockDto, OpenStoreRoomDto, ReceiveStockDto, StockItemDetailView, StockItemView, StockMovementView, StocktakeDto } from './inventory.dto';
import { STOCK_ITEM_CODE_UNIQUE, STORE_ROOM_NAME_UNIQUE, StockItemRecord, StockMovementRecord, StoreRoomRecord } from './inventory.entity';

/** What a movement adds to the ledger row beyond kind, change and balance. */
type MovementDetails = Pick<StockMovementRecord, 'unitCostFen' | 'purchaseOrderId' | 'receiptId' | 'departmentId' | 'requestedBy' | 'workOrderId' | 'countedQuantity' | 'reason'>;

const NO_DETAILS: MovementDetails = { unitCostFen: null, purchaseOrderId: null, receiptId: null, departmentId: null, requestedBy: null, workOrderId: null, countedQuantity: null, reason: null };

/**
 * Use cases of the store: every movement locks the item's row (which holds the total on hand and
 * the low-stock state) and then the store room's balance row, applies the domain rule, and writes
 * balance, item, ledger row and events in one transaction. Concurrent movements of one item queue
 * on the item's lock, so each sees the balance the previous one left; an issue can never take stock
 * another issue already took.
 */
@Injectable()
export class InventoryService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly outbox: Outbox) {}

  async openStoreRoom(caller: Caller, input: OpenStoreRoomDto): Promise<StoreRoom> {
    const room = openStoreRoom({ id: randomUUID(), agencyId: caller.agencyId, name: input.name, ...(input.location ? { location: input.location } : {}), createdBy: caller.userId }, this.clock);
    const duplicate = () => new DuplicateError('store-room', 'name', `a store room named ${room.name} already exists in this agency`);
    if (await this.dataSource.manager.exists(StoreRoomRecord, { where: { agencyId: room.agencyId, name: room.name } })) throw duplicate();
    try {
      await this.dataSource.manager.insert(StoreRoomRecord, { ...room, location: room.location ?? null });
    } catch (error) {
      // Two concurrent openings with one name both pass the check; the unique index decides.
      if (isUniqueViolation(error, STORE_ROOM_NAME_UNIQUE)) throw duplicate();
      throw error;
    }
    return room;
  }

  async listStoreRooms(caller: Caller, limit: number): Promise<StoreRoom[]> {
    const records = await this.dataSource.manager.find(StoreRoomRecord, { where: { agencyId: caller.agencyId }, order: { name: 'ASC' }, take: limit });
    return records.map(storeRoomOf);
  }

  async catalogue(caller: Caller, input: CatalogueStockItemDto): Promise<StockItemView> {
    const item = catalogueStockItem({ id: randomUUID(), agencyId: caller.agencyId, createdBy: caller.userId, ...input }, this.clock);
    const duplicate = () => new DuplicateError('stock-item', 'code', `a stock item with code ${item.code} is already catalogued in this agency`);
    if (await this.dataSource.manager.exists(StockItemRecord, { where: { agencyId: item.agencyId, code: item.code } })) throw duplicate();
    try {
      await this.dataSource.manager.insert(StockItemRecord, { ...item, onHand: 0, lowStockAlerted: false, lastUnitCostFen: null, version: 1 });
    } catch (error) {
      if (isUniqueViolation(error, STOCK_ITEM_CODE_UNIQUE)) throw duplicate();
      throw error;
    }
    return StockItemView.of(item, { onHand: 0, low: isLow(item, 0) });
  }

  async listItems(caller: Caller, limit: number): Promise<StockItemView[]> {
    const records = await this.dataSource.manager.find(StockItemRecord, { where: { agencyId: caller.agencyId }, order: { code: 'ASC' }, take: limit });
    return records.map(itemView);
  }

  async getItem(caller: Caller, id: string): Promise<StockItemDetailView> {
    const record = await findInAgency(this.dataSource.manager, StockItemRecord, { id, agencyId: caller.agencyId, aggregate: 'stock item' });
    const rooms = await this.dataSource.query<Array<{ store_room_id: string; name: string; quantity: number }>>(
      `SELECT b.store_room_id, r.name, b.quantity
         FROM stock_balance b JOIN store_room r ON r.id = b.store_room_id
        WHERE b.stock_item_id = $1 AND b.agency_id = $2
        ORDER BY r.name`,
      [id, caller.agencyId],
    );
    return { ...itemView(record), storeRooms: rooms.map((room) => ({ storeRoomId: room.store_room_id, storeRoomName: room.name, quantity: room.quantity })) };
  }

  async movements(caller: Caller, id: string, limit: number): Promise<StockMovementView[]> {
    await findInAgency(this.dataSource.manager, StockItemRecord, { id, agencyId: caller.agencyId, aggregate: 'stock item' });
    const records = await this.dataSource.manager.find(StockMovementRecord, { where: { stockItemId: id, agencyId: caller.agencyId }, order: { position: 'DESC' }, take: limit });
    return records.map(movementView);
  }

  async receive(caller: Caller, id: string, input: ReceiveStockDto): Promise<StockMovementView> {
    return this.receiveWithin(undefined, caller, id, input);
  }

  /**
   * A receipt inside the caller's transaction (a purchase order's goods receipt): the same rule,
   * locks, ledger row and events as `receive`, committed or rolled back with the caller's work.
   */
  async receiveWithin(manager: EntityManager | undefined, caller: Caller, id: string, input: ReceiveStockDto): Promise<StockMovementView> {
    return this.move(caller, id, input.storeRoomId, (item, position) => ({
      outcome: receiveStock(item, position, { quantity: input.quantity, unitCostFen: input.unitCostFen }),
      details: { ...NO_DETAILS, unitCostFen: input.unitCostFen, purchaseOrderId: input.purchaseOrderId ?? null, receiptId: input.receiptId ?? null },
      event: (common, at) =>
        StockReceived.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            ...common,
            quantity: input.quantity,
            unitCostFen: input.unitCostFen,
            ...(input.purchaseOrderId ? { purchaseOrderId: input.purchaseOrderId } : {}),
            ...(input.receiptId ? { receiptId: input.receiptId } : {}),
            receivedBy: caller.userId,
            receivedAt: at,
          },
        }),
    }), manager);
  }

  /** 领用, valued at the last receipt's unit cost (kept on the ledger row); for a work order, stock.issued names it so maintenance records the parts. */
  async issue(caller: Caller, id: string, input: IssueStockDto): Promise<StockMovementView> {
    return this.move(caller, id, input.storeRoomId, (item, position) => {
      const outcome = issueStock(item, position, { quantity: input.quantity, departmentId: input.departmentId, requestedBy: input.requestedBy });
      const value = issueValue(position, input.quantity);
      return {
        outcome,
        details: {
          ...NO_DETAILS,
          unitCostFen: value?.unitCostFen ?? null,
          departmentId: input.departmentId.trim(),
          requestedBy: input.requestedBy.trim(),
          workOrderId: input.workOrderId?.toLowerCase() ?? null,
        },
        event: (common, at) =>
          StockIssued.create({
            subject: id,
            origin: eventOrigin(caller),
            data: {
              ...common,
              quantity: input.quantity,
              departmentId: input.departmentId.trim(),
              requestedBy: input.requestedBy.trim(),
              issuedBy: caller.userId,
              issuedAt: at,
              ...(input.workOrderId ? { workOrderId: input.workOrderId.toLowerCase() } : {}),
              ...(value ?? {}),
            },
          }),
      };
    });
  }

  async stocktake(caller: Caller, id: string, input: StocktakeDto): Promise<StockMovementView> {
    return this.move(caller, id, input.storeRoomId, (item, position) => ({
      outcome: adjustStock(item, position, { countedQuantity: input.countedQuantity, reason: input.reason }),
      details: { ...NO_DETAILS, countedQuantity: input.countedQuantity, reason: input.reason.trim() },
      event: (common, at) =>
        StockAdjusted.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            ...common,
            previousQuantity: position.balance,
            countedQuantity: input.countedQuantity,
            difference: input.countedQuantity - position.balance,
            reason: input.reason.trim(),
            adjustedBy: caller.userId,
            adjustedAt: at,
          },
        }),
    }));
  }

  private async move(
    caller: Caller,
    itemId: string,
    storeRoomId: string,
    decide: (
      item: StockItem,
      position: StockPosition,
    ) => {
      outcome: MovementOutcome;
      details: MovementDetails;
      event: (common: { movementId: string; stockItemId: string; code: string; storeRoomId: string; balance: number; onHand: number }, at: string) => EventEnvelope;
    },
    within?: EntityManager,
  ): Promise<StockMovementView> {
    const inTransaction = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => (within ? work(within) : this.dataSource.transaction(work));
    return inTransaction(async (manager) => {
      // Lock order: item, then balance — the same for every movement, so movements never deadlock.
      const record = await findInAgency(manager, StockItemRecord, { id: itemId, agencyId: caller.agencyId, aggregate: 'stock item', forUpdate: true });
      await this.storeRoomInAgency(manager, caller, storeRoomId);
      const balance = await this.lockBalance(manager, caller, itemId, storeRoomId);
      const item = itemOf(record);
      const position: StockPosition = {
        balance,
        onHand: record.onHand,
        lowStockAlerted: record.lowStockAlerted,
        ...(record.lastUnitCostFen !== null ? { lastUnitCostFen: record.lastUnitCostFen } : {}),
      };
      const { outcome, details, event } = decide(item, position);
      const next = outcome.position;
      const now = this.clock.now();
      const movementId = randomUUID();

      await manager.query(`UPDATE stock_balance SET quantity = $1 WHERE stock_item_id = $2 AND store_room_id = $3`, [next.balance, itemId, storeRoomId]);
      await manager.update(StockItemRecord, { id: itemId }, {
        onHand: next.onHand,
        lowStockAlerted: next.lowStockAlerted,
        lastUnitCostFen: next.lastUnitCostFen ?? null,
        version: record.version + 1,
      });
      await manager.insert(StockMovementRecord, {
        id: movementId,
        agencyId: caller.agencyId,
        stockItemId: itemId,
        storeRoomId,
        kind: outcome.kind,
        change: outcome.change,
        balanceAfter: next.balance,
        ...details,
        recordedBy: caller.userId,
        recordedAt: now,
      });

      const common = { movementId, stockItemId: itemId, code: item.code, storeRoomId, balance: next.balance, onHand: next.onHand };
      const events: EventEnvelope[] = [event(common, now.toISOString())];
      if (outcome.lowStock) {
        events.push(
          StockItemLowStock.create({
            subject: itemId,
            origin: eventOrigin(caller),
            data: {
              stockItemId: itemId,
              code: item.code,
              name: item.name,
              onHand: outcome.lowStock.onHand,
              lowStockThreshold: outcome.lowStock.threshold,
              movementId,
              proposedRequisition: outcome.lowStock.proposedRequisition,
              detectedAt: now.toISOString(),
            },
          }),
        );
      }
      await this.outbox.append(manager, events);

      const [saved] = await manager.find(StockMovementRecord, { where: { id: movementId } });
      return movementView(saved!);
    });
  }

  /** A store room of another agency is as unknown as one that does not exist. */
  private async storeRoomInAgency(manager: EntityManager, caller: Caller, storeRoomId: string): Promise<void> {
    const exists = await manager.exists(StoreRoomRecord, { where: { id: storeRoomId, agencyId: caller.agencyId } });
    if (!exists) throw new BusinessRuleViolation('unknown-store-room', `store room ${storeRoomId} does not exist in this agency`, 'storeRoomId');
  }

  /** The store room's balance of the item, created at zero on first use, locked until the transaction ends. */
  private async lockBalance(manager: EntityManager, caller: Caller, itemId: string, storeRoomId: string): Promise<number> {
    await manager.query(
      `INSERT INTO stock_balance (stock_item_id, store_room_id, agency_id, quantity) VALUES ($1, $2, $3, 0) ON CONFLICT (stock_item_id, store_room_id) DO NOTHING`,
      [itemId, storeRoomId, caller.agencyId],
    );
    const rows = await manager.query<Array<{ quantity: number }>>(`SELECT quantity FROM stock_balance WHERE stock_item_id = $1 AND store_room_id = $2 FOR UPDATE`, [itemId, storeRoomId]);
    return rows[0]!.quantity;
  }
}

function storeRoomOf(record: StoreRoomRecord): StoreRoom {
  return {
    id: record.id,
    agencyId: record.agencyId,
    name: record.name,
    ...(record.location ? { location: record.location } : {}),
    createdBy: record.createdBy,
    createdAt: record.createdAt,
  };
}

function itemOf(record: StockItemRecord): StockItem {
  return {
    id: record.id,
    agencyId: record.agencyId,
    code: record.code,
    name: record.name,
    unitOfMeasure: record.unitOfMeasure,
    lowStockThreshold: record.lowStockThreshold,
    reorderQuantity: record.reorderQuantity,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
  };
}

function itemView(record: StockItemRecord): StockItemView {
  const item = itemOf(record);
  return StockItemView.of(item, {
    onHand: record.onHand,
    low: isLow(item, record.onHand),
    ...(record.lastUnitCostFen !== null ? { lastUnitCostFen: record.lastUnitCostFen } : {}),
  });
}

function movementView(record: StockMovementRecord): StockMovementView {
  const optional = <K extends keyof MovementDetails>(key: K) => (record[key] !== null ? { [key]: record[key] } : {});
  return {
    id: record.id,
    position: Number(record.position),
    stockItemId: record.stockItemId,
    storeRoomId: record.storeRoomId,
    kind: record.kind,
    change: record.change,
    balanceAfter: record.balanceAfter,
    ...optional('unitCostFen'),
    ...optional('purchaseOrderId'),
    ...optional('receiptId'),
    ...optional('departmentId'),
    ...optional('requestedBy'),
    ...optional('workOrderId'),
    ...optional('countedQuantity'),
    ...optional('reason'),
    recordedBy: record.recordedBy,
    recordedAt: record.recordedAt.toISOString(),
  };
}
