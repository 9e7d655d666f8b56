import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { EventData, EventEnvelope, EventOrigin, StockIssued, WorkOrderCostRecorded, WorkOrderCostVoided } from '@houqin/contracts';
import { NotFoundError, systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { eventOrigin } from '@houqin/service-kit';
import { WorkOrderRecord } from '../work-orders/work-order.entity';
import {
  COSTS_OPEN_STATUSES,
  CostLine,
  CostTotals,
  CostedWorkOrder,
  CostFigures,
  CostGroup,
  GroupedCost,
  lineFigures,
  SummaryDimension,
  mayView,
  recordExtra,
  recordLabour,
  recordParts,
  summariseCosts,
  totalsByKind,
  voidCostLine,
} from './domain/work-order-cost';
import { RecordExtraCostDto, RecordLabourDto } from './work-order-cost.dto';
import { UnmatchedPartsIssueRecord, WorkOrderCostLineRecord } from './work-order-cost.entity';
import { WorkOrderCosts } from './work-order-costs';

export interface RecordedCost {
  line: CostLine;
  totals: CostTotals;
}

const NO_VENDOR = '00000000-0000-0000-0000-000000000000';

/**
 * Use cases of a work order's costs: load the work order under its row lock, apply the rule, save
 * the line and its event (with the running totals) in one transaction. The row lock orders a work
 * order's cost events and keeps a cost from slipping in beside the work order's closing.
 */
@Injectable()
export class WorkOrderCostsService {
  private readonly clock = systemClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly costs: WorkOrderCosts,
  ) {}

  async costsOf(caller: Caller, workOrderId: string): Promise<{ order: CostedWorkOrder; lines: CostLine[]; totals: CostTotals }> {
    const manager = this.dataSource.manager;
    const order = await this.load(manager, caller, workOrderId, false);
    const records = await manager.find(WorkOrderCostLineRecord, { where: { workOrderId, agencyId: caller.agencyId }, order: { recordedAt: 'ASC', id: 'ASC' } });
    const lines = records.map(lineOf);
    return { order, lines, totals: totalsByKind(lines) };
  }

  async recordLabour(caller: Caller, workOrderId: string, input: RecordLabourDto): Promise<RecordedCost> {
    return this.dataSource.transaction(async (manager) => {
      const order = await this.load(manager, caller, workOrderId, true);
      const line = recordLabour(
        order,
        caller,
        { id: randomUUID(), worker: input.worker, minutes: input.minutes, hourlyRateFen: input.hourlyRateFen, ...(input.note !== undefined ? { note: input.note } : {}) },
        this.clock,
      );
      return this.append(manager, eventOrigin(caller), order, line);
    });
  }

  async recordExtra(caller: Caller, workOrderId: string, input: RecordExtraCostDto): Promise<RecordedCost> {
    return this.dataSource.transaction(async (manager) => {
      const order = await this.load(manager, caller, workOrderId, true);
      const line = recordExtra(order, caller, { id: randomUUID(), description: input.description, amountFen: input.amountFen }, this.clock);
      return this.append(manager, eventOrigin(caller), order, line);
    });
  }

  async voidLine(caller: Caller, workOrderId: string, lineId: string, reason: string): Promise<RecordedCost> {
    return this.dataSource.transaction(async (manager) => {
      const order = await this.load(manager, caller, workOrderId, true);
      const record = await manager.findOne(WorkOrderCostLineRecord, { where: { id: lineId, workOrderId, agencyId: caller.agencyId } });
      if (!record) throw new NotFoundError('cost line', lineId);
      const voided = voidCostLine(order, lineOf(record), caller, reason, this.clock);
      await manager.update(WorkOrderCostLineRecord, { id: lineId }, { voidedBy: voided.voided.by, voidedAt: voided.voided.at, voidReason: voided.voided.reason });
      const totals = await this.costs.totalsOf(manager, workOrderId);
      await this.outbox.append(
        manager,
        WorkOrderCostVoided.create({
          subject: workOrderId,
          origin: eventOrigin(caller),
          data: { ...workOrderOf(order), line: lineData(voided), voidedBy: voided.voided.by, voidedAt: voided.voided.at.toISOString(), reason: voided.voided.reason, totals },
        }),
      );
      return { line: voided, totals };
    });
  }

  /**
   * Parts: procurement issued goods for a work order. Runs in the inbox transaction, so a
   * redelivered event changes nothing; a second event for the same stock movement is ignored too.
   * An issue naming a work order unknown in the agency is kept as unmatched and logged, never
   * refused: the goods have left the store either way.
   */
  async recordIssuedParts(manager: EntityManager, event: EventEnvelope<EventData<typeof StockIssued>>, logger: Logger): Promise<void> {
    const { data } = event;
    if (!data.workOrderId) return;
    const record = await manager.findOne(WorkOrderRecord, { where: { id: data.workOrderId, agencyId: event.agencyid }, select: WORK_ORDER_COLUMNS, lock: { mode: 'pessimistic_write' } });
    if (!record) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(UnmatchedPartsIssueRecord)
        .values({
          movementId: data.movementId,
          eventId: event.id,
          agencyId: event.agencyid,
          workOrderId: data.workOrderId,
          stockItemId: data.stockItemId,
          itemCode: data.code,
          storeRoomId: data.storeRoomId,
          quantity: data.quantity,
          unitCostFen: data.unitCostFen ?? null,
          valueFen: data.valueFen ?? null,
          issuedBy: data.issuedBy,
          issuedAt: new Date(data.issuedAt),
          receivedAt: this.clock.now(),
        })
        .orIgnore()
        .execute();
      logger.warn({ eventId: event.id, movementId: data.movementId, workOrderId: data.workOrderId, agencyId: event.agencyid }, 'parts issued for a work order unknown in the agency: kept as unmatched');
      return;
    }
    if (await manager.exists(WorkOrderCostLineRecord, { where: { movementId: data.movementId } })) return;
    const order = costedOf(record);
    if (!COSTS_OPEN_STATUSES.includes(order.status)) {
      logger.info({ movementId: data.movementId, workOrderId: order.id, status: order.status }, `parts issued for a work order that is ${order.status}: recorded all the same`);
    }
    const line = recordParts(
      order,
      randomUUID(),
      {
        movementId: data.movementId,
        stockItemId: data.stockItemId,
        code: data.code,
        storeRoomId: data.storeRoomId,
        quantity: data.quantity,
        ...(data.unitCostFen !== undefined ? { unitCostFen: data.unitCostFen } : {}),
        ...(data.valueFen !== undefined ? { valueFen: data.valueFen } : {}),
        issuedBy: data.issuedBy,
        issuedAt: new Date(data.issuedAt),
      },
      this.clock,
    );
    await this.append(manager, eventOrigin({ agencyId: event.agencyid }), order, line);
  }

  /**
   * Costs of the agency's work orders in the period, by asset, vendor or calendar month
   * (Asia/Shanghai) of when each cost arose; voided lines count nowhere. A vendor account sees its
   * own work orders only.
   */
  async summary(caller: Caller, by: SummaryDimension, period: { from?: Date; until?: Date }): Promise<{ groups: CostGroup[]; overall: CostFigures }> {
    const key = { asset: 'w.asset_id::text', vendor: 'w.vendor_id::text', month: `to_char(l.incurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')` }[by];
    const params: unknown[] = [caller.agencyId];
    const conditions = ['l.agency_id = $1', 'l.voided_at IS NULL'];
    if (period.from) conditions.push(`l.incurred_at >= $${params.push(period.from)}`);
    if (period.until) conditions.push(`l.incurred_at < $${params.push(period.until)}`);
    if (caller.roles.includes('vendor')) conditions.push(`w.vendor_id = $${params.push(caller.vendorId && UUID.test(caller.vendorId) ? caller.vendorId : NO_VENDOR)}`);
    const rows = await this.dataSource.query<Array<{ key: string | null; work_order_id: string; labour: string; parts: string; extra: string }>>(
      `SELECT ${key} AS key, l.work_order_id,
              COALESCE(SUM(l.amount_fen) FILTER (WHERE l.kind = 'labour'), 0)::text AS labour,
              COALESCE(SUM(l.amount_fen) FILTER (WHERE l.kind = 'parts'), 0)::text AS parts,
              COALESCE(SUM(l.amount_fen) FILTER (WHERE l.kind = 'extra'), 0)::text AS extra
         FROM work_order_cost_line l JOIN work_order w ON w.id = l.work_order_id
        WHERE ${conditions.join(' AND ')}
        GROUP BY 1, 2`,
      params,
    );
    const grouped: GroupedCost[] = rows.map((row) => ({ key: row.key, workOrderId: row.work_order_id, labourFen: Number(row.labour), partsFen: Number(row.parts), extraFen: Number(row.extra) }));
    return summariseCosts(grouped);
  }

  /** Issues naming work orders unknown in the agency, latest first; none for a vendor account (they are the store's records). */
  async unmatched(caller: Caller, limit: number): Promise<UnmatchedPartsIssueRecord[]> {
    if (caller.roles.includes('vendor')) return [];
    return this.dataSource.manager.find(UnmatchedPartsIssueRecord, { where: { agencyId: caller.agencyId }, order: { receivedAt: 'DESC' }, take: limit });
  }

  private async append(manager: EntityManager, origin: EventOrigin, order: CostedWorkOrder, line: CostLine): Promise<RecordedCost> {
    await manager.insert(WorkOrderCostLineRecord, toRecord(line));
    const totals = await this.costs.totalsOf(manager, order.id);
    await this.outbox.append(manager, WorkOrderCostRecorded.create({ subject: order.id, origin, data: { ...workOrderOf(order), line: lineData(line), totals } }));
    return { line, totals };
  }

  /** Another agency's work order, or another vendor's for a vendor account, is reported as not found. */
  private async load(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<CostedWorkOrder> {
    const record = await manager.findOne(WorkOrderRecord, {
      where: { id, agencyId: caller.agencyId },
      select: WORK_ORDER_COLUMNS,
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!record) throw new NotFoundError('work order', id);
    const order = costedOf(record);
    if (!mayView(order, caller)) throw new NotFoundError('work order', id);
    return order;
  }
}

const UUID = /^[0-9a-f-]{36}$/i;

/** The work order's columns the costs read; the work order itself belongs to the work orders feature. */
const WORK_ORDER_COLUMNS = { id: true, agencyId: true, status: true, assigneeKind: true, vendorId: true, contractId: true, assetId: true } as const;

function costedOf(record: Pick<WorkOrderRecord, 'id' | 'agencyId' | 'status' | 'assigneeKind' | 'vendorId' | 'contractId' | 'assetId'>): CostedWorkOrder {
  return {
    id: record.id,
    agencyId: record.agencyId,
    status: record.status,
    ...(record.assigneeKind ? { assignee: record.assigneeKind } : {}),
    ...(record.vendorId ? { vendorId: record.vendorId } : {}),
    ...(record.contractId ? { contractId: record.contractId } : {}),
    ...(record.assetId ? { assetId: record.assetId } : {}),
  };
}

function workOrderOf(order: CostedWorkOrder) {
  return {
    workOrderId: order.id,
    ...(order.assetId ? { assetId: order.assetId } : {}),
    ...(order.vendorId ? { vendorId: order.vendorId } : {}),
    ...(order.contractId ? { contractId: order.contractId } : {}),
  };
}

function lineData(line: CostLine) {
  return {
    lineId: line.id,
    ...lineFigures(line),
    recordedBy: line.recordedBy,
    incurredAt: line.incurredAt.toISOString(),
    recordedAt: line.recordedAt.toISOString(),
  };
}

function toRecord(line: CostLine): WorkOrderCostLineRecord {
  return {
    id: line.id,
    agencyId: line.agencyId,
    workOrderId: line.workOrderId,
    kind: line.kind,
    description: line.description,
    amountFen: line.amountFen,
    worker: line.labour?.worker ?? null,
    minutes: line.labour?.minutes ?? null,
    hourlyRateFen: line.labour?.hourlyRateFen ?? null,
    note: line.note ?? null,
    movementId: line.parts?.movementId ?? null,
    stockItemId: line.parts?.stockItemId ?? null,
    itemCode: line.parts?.code ?? null,
    storeRoomId: line.parts?.storeRoomId ?? null,
    quantity: line.parts?.quantity ?? null,
    unitCostFen: line.parts?.unitCostFen ?? null,
    recordedBy: line.recordedBy,
    incurredAt: line.incurredAt,
    recordedAt: line.recordedAt,
    voidedBy: line.voided?.by ?? null,
    voidedAt: line.voided?.at ?? null,
    voidReason: line.voided?.reason ?? null,
  };
}

function lineOf(record: WorkOrderCostLineRecord): CostLine {
  return {
    id: record.id,
    workOrderId: record.workOrderId,
    agencyId: record.agencyId,
    kind: record.kind,
    description: record.description,
    amountFen: record.amountFen,
    ...(record.kind === 'labour' && record.worker !== null && record.minutes !== null && record.hourlyRateFen !== null
      ? { labour: { worker: record.worker, minutes: record.minutes, hourlyRateFen: record.hourlyRateFen } }
      : {}),
    ...(record.kind === 'parts' && record.movementId && record.stockItemId && record.itemCode && record.storeRoomId && record.quantity !== null
      ? {
          parts: {
            movementId: record.movementId,
            stockItemId: record.stockItemId,
            code: record.itemCode,
            storeRoomId: record.storeRoomId,
            quantity: record.quantity,
            ...(record.unitCostFen !== null ? { unitCostFen: record.unitCostFen } : {}),
          },
        }
      : {}),
    ...(record.note ? { note: record.note } : {}),
    recordedBy: record.recordedBy,
    incurredAt: record.incurredAt,
    recordedAt: record.recordedAt,
    ...(record.voidedAt && record.voidedBy && record.voidReason ? { voided: { by: record.voidedBy, at: record.voidedAt, reason: record.voidReason } } : {}),
  };
}
