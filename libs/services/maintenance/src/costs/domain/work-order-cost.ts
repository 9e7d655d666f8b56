import { BUSINESS_UTC_OFFSET_MINUTES, BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';
import type { WorkOrderStatus } from '../../work-orders/domain/work-order';

/**
 * Maintenance costs (维修费用) of a work order, in fen (分), integers throughout:
 *
 * - **labour**: a worker (person or role), whole minutes worked and an hourly rate; the amount is
 *   minutes × rate / 60, rounded half up to the fen;
 * - **parts**: goods procurement issued from its store for the work order (stock.issued naming it),
 *   valued by procurement at the item's last receipt price;
 * - **extra** (其他费用): anything else, described, with its amount.
 *
 * Lines are never deleted or edited: an operator voids (reverses) a wrong one with a reason, and a
 * voided line counts in no total.
 */
export const COST_KINDS = ['labour', 'parts', 'extra'] as const;
export type CostKind = (typeof COST_KINDS)[number];

/**
 * Labour and extra costs are recorded once the assignee has taken the work on and until the work
 * order is closed; a closed or cancelled work order's costs are final.
 */
export const COSTS_OPEN_STATUSES: readonly WorkOrderStatus[] = ['accepted', 'in-progress', 'on-hold-requester', 'completed', 'verified'];

/** Bounds of one line: 1,000 hours of labour, 100,000 yuan an hour, 1,000,000 yuan of another cost. */
export const MAX_LABOUR_MINUTES = 60_000;
export const MAX_HOURLY_RATE_FEN = 10_000_000;
export const MAX_EXTRA_AMOUNT_FEN = 100_000_000;

const OPERATOR_ROLES = ['logistics-manager', 'agency-admin'];

export interface CostActor {
  userId: string;
  roles: readonly string[];
  vendorId?: string;
}

/** What the cost rules need to know of a work order. */
export interface CostedWorkOrder {
  id: string;
  agencyId: string;
  status: WorkOrderStatus;
  /** Absent while unassigned. */
  assignee?: 'vendor' | 'internal';
  vendorId?: string;
  contractId?: string;
  assetId?: string;
}

export interface LabourDetail {
  worker: string;
  minutes: number;
  hourlyRateFen: number;
}

export interface PartsDetail {
  movementId: string;
  stockItemId: string;
  code: string;
  storeRoomId: string;
  quantity: number;
  /** Absent when procurement could not value the issue. */
  unitCostFen?: number;
}

export interface CostLine {
  id: string;
  workOrderId: string;
  agencyId: string;
  kind: CostKind;
  /** Labour: the worker; parts: the item code; extra: what the cost is for. */
  description: string;
  amountFen: number;
  labour?: LabourDetail;
  parts?: PartsDetail;
  note?: string;
  recordedBy: string;
  /** When the cost arose: the recording for labour and extra, procurement's issue for parts. */
  incurredAt: Date;
  recordedAt: Date;
  voided?: { by: string; at: Date; reason: string };
}

export interface CostTotals {
  labourFen: number;
  partsFen: number;
  extraFen: number;
  totalFen: number;
}

export const isOperator = (actor: CostActor): boolean => actor.roles.some((role) => OPERATOR_ROLES.includes(role));

/** A vendor account sees the costs of its own vendor's work orders only; everyone else in the agency sees all. */
/** What a line says about the cost, as the view and the events show it (plain values, dates as ISO strings). */
export function lineFigures(line: CostLine) {
  return {
    kind: line.kind,
    description: line.description,
    amountFen: line.amountFen,
    ...(line.labour ? { labour: { ...line.labour } } : {}),
    ...(line.parts
      ? {
          parts: {
            movementId: line.parts.movementId,
            stockItemId: line.parts.stockItemId,
            code: line.parts.code,
            storeRoomId: line.parts.storeRoomId,
            quantity: line.parts.quantity,
            ...(line.parts.unitCostFen !== undefined ? { unitCostFen: line.parts.unitCostFen } : {}),
          },
        }
      : {}),
  };
}

export function mayView(order: Pick<CostedWorkOrder, 'vendorId'>, actor: CostActor): boolean {
  if (!actor.roles.includes('vendor')) return true;
  return actor.vendorId !== undefined && order.vendorId === actor.vendorId;
}

/** The assignee's vendor staff, or an operator (logistics manager, agency admin) for any work order, the internal team's included. */
export function mayRecord(order: CostedWorkOrder, actor: CostActor): boolean {
  if (order.assignee === 'vendor' && actor.roles.includes('vendor')) return actor.vendorId !== undefined && actor.vendorId === order.vendorId;
  return isOperator(actor);
}

export function requireCostsOpen(order: Pick<CostedWorkOrder, 'status'>, action: string): void {
  if (!COSTS_OPEN_STATUSES.includes(order.status)) throw new IllegalTransitionError('work order', order.status, action);
}

function requireRecorder(order: CostedWorkOrder, actor: CostActor): void {
  if (mayRecord(order, actor)) return;
  const who = order.assignee === 'vendor' ? `vendor ${order.vendorId}, to which the work order is assigned,` : 'the internal team';
  throw new BusinessRuleViolation('not-assignee', `only ${who} or a logistics manager may record costs on this work order`);
}

/** minutes × rate / 60, rounded half up to the fen. */
export function labourAmountFen(minutes: number, hourlyRateFen: number): number {
  wholeNumber(minutes, 1, MAX_LABOUR_MINUTES, 'minutes');
  wholeNumber(hourlyRateFen, 0, MAX_HOURLY_RATE_FEN, 'hourlyRateFen');
  return Math.floor((minutes * hourlyRateFen + 30) / 60);
}

/** The value procurement put on the issue; failing that quantity × unit cost; 0 when the issue could not be valued. */
export function partsAmountFen(quantity: number, unitCostFen?: number, valueFen?: number): number {
  if (valueFen !== undefined) return valueFen;
  return unitCostFen !== undefined ? quantity * unitCostFen : 0;
}

export function recordLabour(
  order: CostedWorkOrder,
  actor: CostActor,
  input: { id: string; worker: string; minutes: number; hourlyRateFen: number; note?: string },
  clock: Clock,
): CostLine {
  requireCostsOpen(order, 'record costs');
  requireRecorder(order, actor);
  const worker = required(input.worker, 200, 'worker', 'name the person or role who did the work');
  const amountFen = labourAmountFen(input.minutes, input.hourlyRateFen);
  const note = input.note?.trim();
  const now = clock.now();
  return {
    id: input.id,
    workOrderId: order.id,
    agencyId: order.agencyId,
    kind: 'labour',
    description: worker,
    amountFen,
    labour: { worker, minutes: input.minutes, hourlyRateFen: input.hourlyRateFen },
    ...(note ? { note } : {}),
    recordedBy: actor.userId,
    incurredAt: now,
    recordedAt: now,
  };
}

export function recordExtra(order: CostedWorkOrder, actor: CostActor, input: { id: string; description: string; amountFen: number }, clock: Clock): CostLine {
  requireCostsOpen(order, 'record costs');
  requireRecorder(order, actor);
  const description = required(input.description, 500, 'description', 'say what the cost is for');
  wholeNumber(input.amountFen, 1, MAX_EXTRA_AMOUNT_FEN, 'amountFen');
  const now = clock.now();
  return { id: input.id, workOrderId: order.id, agencyId: order.agencyId, kind: 'extra', description, amountFen: input.amountFen, recordedBy: actor.userId, incurredAt: now, recordedAt: now };
}

export interface IssuedParts extends PartsDetail {
  valueFen?: number;
  issuedBy: string;
  issuedAt: Date;
}

/**
 * Goods procurement issued for the work order. The issue is a fact that already happened in the
 * store, so it is recorded whatever the work order's state (a late issue still costs money).
 */
export function recordParts(order: CostedWorkOrder, id: string, issue: IssuedParts, clock: Clock): CostLine {
  const { valueFen: _value, issuedBy, issuedAt, ...parts } = issue;
  return {
    id,
    workOrderId: order.id,
    agencyId: order.agencyId,
    kind: 'parts',
    description: issue.code,
    amountFen: partsAmountFen(issue.quantity, issue.unitCostFen, issue.valueFen),
    parts,
    recordedBy: issuedBy,
    incurredAt: issuedAt,
    recordedAt: clock.now(),
  };
}

export type VoidedCostLine = CostLine & { voided: NonNullable<CostLine['voided']> };

/** An operator reverses a line recorded in error; the line stays, marked void with the reason. */
export function voidCostLine(order: CostedWorkOrder, line: CostLine, actor: CostActor, reason: string, clock: Clock): VoidedCostLine {
  if (line.voided) throw new IllegalTransitionError('cost line', 'voided', 'void');
  requireCostsOpen(order, 'void its costs');
  if (!isOperator(actor)) throw new BusinessRuleViolation('not-operator', 'only a logistics manager or agency admin may void a cost line');
  const trimmed = required(reason, 1000, 'reason', 'give the reason for voiding the line');
  return { ...line, voided: { by: actor.userId, at: clock.now(), reason: trimmed } };
}

/** Totals by kind over the lines not voided. */
export function totalsByKind(lines: Iterable<Pick<CostLine, 'kind' | 'amountFen' | 'voided'>>): CostTotals {
  const totals: CostTotals = { labourFen: 0, partsFen: 0, extraFen: 0, totalFen: 0 };
  for (const line of lines) {
    if (line.voided) continue;
    switch (line.kind) {
      case 'labour':
        totals.labourFen += line.amountFen;
        break;
      case 'parts':
        totals.partsFen += line.amountFen;
        break;
      case 'extra':
        totals.extraFen += line.amountFen;
        break;
    }
    totals.totalFen += line.amountFen;
  }
  return totals;
}

/** totalFen / workOrders, rounded half up to the fen; 0 without work orders. */
export function costPerWorkOrderFen(totalFen: number, workOrders: number): number {
  if (workOrders <= 0) return 0;
  return Math.floor((2 * totalFen + workOrders) / (2 * workOrders));
}

/** Summaries group work orders' costs by the asset, the vendor, or the calendar month (Asia/Shanghai) the cost arose in. */
export const SUMMARY_DIMENSIONS = ['asset', 'vendor', 'month'] as const;
export type SummaryDimension = (typeof SUMMARY_DIMENSIONS)[number];

/** One work order's costs in one group (an asset, a vendor or a month), lines not voided. */
export interface GroupedCost {
  /** Asset id, vendor id or YYYY-MM; null for no asset or the internal team. */
  key: string | null;
  workOrderId: string;
  labourFen: number;
  partsFen: number;
  extraFen: number;
}

export interface CostFigures extends CostTotals {
  /** Work orders with at least one cost counted. */
  workOrders: number;
  costPerWorkOrderFen: number;
}

export interface CostGroup extends CostFigures {
  key: string | null;
}

/**
 * Per group: totals by kind, the number of work orders and the cost per work order; overall the
 * same over every group. A work order whose costs fall in two months counts once in each month but
 * once overall, so monthly work order counts may add up to more than the overall count; the money
 * always adds up.
 */
export function summariseCosts(rows: readonly GroupedCost[]): { groups: CostGroup[]; overall: CostFigures } {
  const groups = new Map<string | null, { totals: CostTotals; workOrders: Set<string> }>();
  const all = { totals: { labourFen: 0, partsFen: 0, extraFen: 0, totalFen: 0 }, workOrders: new Set<string>() };
  for (const row of rows) {
    const group = groups.get(row.key) ?? { totals: { labourFen: 0, partsFen: 0, extraFen: 0, totalFen: 0 }, workOrders: new Set<string>() };
    groups.set(row.key, group);
    for (const target of [group, all]) {
      target.totals.labourFen += row.labourFen;
      target.totals.partsFen += row.partsFen;
      target.totals.extraFen += row.extraFen;
      target.totals.totalFen += row.labourFen + row.partsFen + row.extraFen;
      target.workOrders.add(row.workOrderId);
    }
  }
  const figures = ({ totals, workOrders }: { totals: CostTotals; workOrders: Set<string> }): CostFigures => ({
    ...totals,
    workOrders: workOrders.size,
    costPerWorkOrderFen: costPerWorkOrderFen(totals.totalFen, workOrders.size),
  });
  const ordered = [...groups.entries()].sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  return { groups: ordered.map(([key, group]) => ({ key, ...figures(group) })), overall: figures(all) };
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 00:00 of a calendar day (YYYY-MM-DD) in China Standard Time, as an instant; undefined when not a real date. */
export function startOfBusinessDay(day: string): Date | undefined {
  const match = CALENDAR_DAY.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, date);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return undefined;
  return new Date(utc - BUSINESS_UTC_OFFSET_MINUTES * 60_000);
}

/** [from 00:00, the day after `to` 00:00) in China Standard Time: both days are included. */
export function costPeriod(from: string | undefined, to: string | undefined): { from?: Date; until?: Date } {
  const start = from !== undefined ? startOfBusinessDay(from) : undefined;
  const last = to !== undefined ? startOfBusinessDay(to) : undefined;
  if (from !== undefined && !start) throw new BusinessRuleViolation('invalid-date', 'from must be a calendar day, YYYY-MM-DD', 'from');
  if (to !== undefined && !last) throw new BusinessRuleViolation('invalid-date', 'to must be a calendar day, YYYY-MM-DD', 'to');
  if (start && last && last < start) throw new BusinessRuleViolation('invalid-period', 'to must not be before from', 'to');
  return { ...(start ? { from: start } : {}), ...(last ? { until: new Date(last.getTime() + 24 * 3_600_000) } : {}) };
}

function required(value: string, max: number, field: string, message: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BusinessRuleViolation(`${field}-required`, message, field);
  if (trimmed.length > max) throw new BusinessRuleViolation('too-long', `${field} must be at most ${max} characters`, field);
  return trimmed;
}

function wholeNumber(value: number, min: number, max: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new BusinessRuleViolation('invalid-amount', `${field} must be a whole number from ${min} to ${max}`, field);
  }
}
