import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';
import type { Location, RepairPriority, RepairRequest } from '../../repair-requests/domain/repair-request';

/**
 * triaged → assigned → accepted → in-progress ⇄ on-hold-requester; in-progress → completed →
 * verified (验收) → closed, or completed → reopened into in-progress again; cancelled from any
 * state before completion.
 */
export const WORK_ORDER_STATUSES = ['triaged', 'assigned', 'accepted', 'in-progress', 'on-hold-requester', 'completed', 'verified', 'closed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
/** Work not yet verified or cancelled. */
export const OPEN_WORK_ORDER_STATUSES = ['triaged', 'assigned', 'accepted', 'in-progress', 'on-hold-requester', 'completed'] as const satisfies readonly WorkOrderStatus[];
export const CANCELLABLE_STATUSES: readonly WorkOrderStatus[] = ['triaged', 'assigned', 'accepted', 'in-progress', 'on-hold-requester'];

export type Assignee = { kind: 'vendor'; vendorId: string; contractId: string } | { kind: 'internal' };

/**
 * Where the work came from: a repair request (报修) triaged by a logistics manager, an occurrence of
 * a preventive maintenance plan (预防性维护), or transport's notice that a vehicle is due for service
 * (车辆保养). The last two are raised by the platform itself, already triaged.
 */
export const WORK_ORDER_ORIGINS = ['repair-request', 'preventive-plan', 'vehicle-service-due'] as const;
export type WorkOrderOrigin = (typeof WORK_ORDER_ORIGINS)[number];

export interface Actor {
  userId: string;
  roles: readonly string[];
  vendorId?: string;
}

export interface WorkOrder {
  id: string;
  agencyId: string;
  origin: WorkOrderOrigin;
  /** Set for work from a repair request. */
  repairRequestId?: string;
  /** Set for an occurrence of a preventive plan. */
  preventivePlanId?: string;
  /** Set for a vehicle's service. */
  vehicleId?: string;
  /** Who reported the fault; for raised work, the person answerable for it (the plan's owner, who recorded the odometer reading). */
  reportedBy: string;
  description: string;
  priority: RepairPriority;
  category: string;
  location: Location;
  assetId?: string;
  status: WorkOrderStatus;
  assignee?: Assignee;
  reportedAt: Date;
  triagedBy: string;
  triagedAt: Date;
  assignedAt?: Date;
  acceptedAt?: Date;
  startedAt?: Date;
  completedAt?: Date;
  verifiedAt?: Date;
  closedAt?: Date;
  cancelledAt?: Date;
  cancellationReason?: string;
  /** Set while on hold waiting on the requester. */
  holdStartedAt?: Date;
  /** Why the work is on hold; set while on hold. */
  holdReason?: string;
  /** Time spent waiting on the requester, over every hold so far. */
  onHoldMs: number;
  reopenCount: number;
  resolutionNote?: string;
}

const OPERATOR_ROLES = ['logistics-manager', 'agency-admin'];
const isOperator = (actor: Actor) => actor.roles.some((role) => OPERATOR_ROLES.includes(role));

export interface Triage {
  id: string;
  triagedBy: string;
  category: string;
  priority?: RepairPriority;
  assetId?: string;
}

/** A logistics manager turns a reported request into a work order; the request keeps its report time. */
export function triageRepairRequest(request: RepairRequest, triage: Triage, clock: Clock): WorkOrder {
  if (request.status !== 'reported') throw new IllegalTransitionError('repair request', request.status, 'triage');
  return {
    id: triage.id,
    agencyId: request.agencyId,
    origin: 'repair-request',
    repairRequestId: request.id,
    reportedBy: request.reportedBy,
    description: request.description,
    priority: triage.priority ?? request.priority,
    category: triage.category,
    location: request.location,
    ...(triage.assetId ? { assetId: triage.assetId } : {}),
    status: 'triaged',
    reportedAt: request.reportedAt,
    triagedBy: triage.triagedBy,
    triagedAt: clock.now(),
    onHoldMs: 0,
    reopenCount: 0,
  };
}

/** Work the platform raises itself: a preventive plan's occurrence or a vehicle's service. */
export interface RaisedWork {
  id: string;
  agencyId: string;
  origin: Exclude<WorkOrderOrigin, 'repair-request'>;
  preventivePlanId?: string;
  vehicleId?: string;
  reportedBy: string;
  description: string;
  priority: RepairPriority;
  category: string;
  location: Location;
  assetId?: string;
}

/** Raised work is triaged from the start (by the platform): it awaits assignment like triaged repairs. */
export function raiseWorkOrder(work: RaisedWork, clock: Clock): WorkOrder {
  if (work.origin === 'preventive-plan' && !work.preventivePlanId) throw new BusinessRuleViolation('plan-required', 'a preventive work order names its plan', 'preventivePlanId');
  if (work.origin === 'vehicle-service-due' && !work.vehicleId) throw new BusinessRuleViolation('vehicle-required', 'a vehicle service work order names its vehicle', 'vehicleId');
  const now = clock.now();
  return {
    id: work.id,
    agencyId: work.agencyId,
    origin: work.origin,
    ...(work.preventivePlanId ? { preventivePlanId: work.preventivePlanId } : {}),
    ...(work.vehicleId ? { vehicleId: work.vehicleId } : {}),
    reportedBy: work.reportedBy,
    description: work.description,
    priority: work.priority,
    category: work.category,
    location: work.location,
    ...(work.assetId ? { assetId: work.assetId } : {}),
    status: 'triaged',
    reportedAt: now,
    triagedBy: RAISED_BY_PLATFORM,
    triagedAt: now,
    onHoldMs: 0,
    reopenCount: 0,
  };
}

/** The triager of raised work. */
export const RAISED_BY_PLATFORM = 'houqin:platform';

export function requireStatus(order: WorkOrder, allowed: readonly WorkOrderStatus[], action: string): void {
  if (!allowed.includes(order.status)) throw new IllegalTransitionError('work order', order.status, action);
}

/** The vendor's own staff for a vendor assignment; a logistics manager or agency admin for the internal team. */
export function isAssignee(order: WorkOrder, actor: Actor): boolean {
  if (!order.assignee) return false;
  if (order.assignee.kind === 'internal') return isOperator(actor);
  return actor.roles.includes('vendor') && actor.vendorId === order.assignee.vendorId;
}

function requireAssignee(order: WorkOrder, actor: Actor, action: string): void {
  if (!isAssignee(order, actor)) {
    const who = order.assignee?.kind === 'vendor' ? `vendor ${order.assignee.vendorId}` : 'the internal team';
    throw new BusinessRuleViolation('not-assignee', `only ${who}, to which the work order is assigned, may ${action} it`);
  }
}

/** The person who reported the fault; for raised work, also a logistics manager or agency admin. */
export function isRequester(order: WorkOrder, actor: Actor): boolean {
  if (actor.userId === order.reportedBy) return true;
  return order.origin !== 'repair-request' && isOperator(actor);
}

function requireRequester(order: WorkOrder, actor: Actor, action: string): void {
  if (isRequester(order, actor)) return;
  if (order.origin === 'repair-request') throw new BusinessRuleViolation('not-requester', `only the person who reported the fault may ${action} the work`);
  throw new BusinessRuleViolation('not-requester', `only ${order.reportedBy}, answerable for this ${order.origin} work, or a logistics manager may ${action} it`);
}

/** Assigned (or reassigned before acceptance) to a vendor under a contract, or to the internal team. */
export function assignWorkOrder(order: WorkOrder, assignee: Assignee, clock: Clock): WorkOrder {
  requireStatus(order, ['triaged', 'assigned'], 'assign');
  return { ...order, status: 'assigned', assignee, assignedAt: clock.now() };
}

export function acceptWorkOrder(order: WorkOrder, actor: Actor, clock: Clock): WorkOrder {
  requireStatus(order, ['assigned'], 'accept');
  requireAssignee(order, actor, 'accept');
  return { ...order, status: 'accepted', acceptedAt: clock.now() };
}

export function startWorkOrder(order: WorkOrder, actor: Actor, clock: Clock): WorkOrder {
  requireStatus(order, ['accepted'], 'start');
  requireAssignee(order, actor, 'start');
  return { ...order, status: 'in-progress', startedAt: clock.now() };
}

/**
 * Waiting on the requester (access to the room, a decision), with the reason the audit trail shows
 * for the stopped clock: the time does not count against resolution.
 */
export function holdForRequester(order: WorkOrder, actor: Actor, reason: string, clock: Clock): WorkOrder {
  requireStatus(order, ['in-progress'], 'put on hold');
  requireAssignee(order, actor, 'put on hold');
  const why = reason.trim();
  if (!why) throw new BusinessRuleViolation('reason-required', 'say what the work is waiting on', 'reason');
  return { ...order, status: 'on-hold-requester', holdStartedAt: clock.now(), holdReason: why };
}

/** Back to work, by the assignee or the requester; the hold's duration is added up. */
export function resumeWorkOrder(order: WorkOrder, actor: Actor, clock: Clock): WorkOrder {
  requireStatus(order, ['on-hold-requester'], 'resume');
  if (!isAssignee(order, actor) && !isRequester(order, actor)) {
    throw new BusinessRuleViolation('not-assignee', 'only the assignee or the person who reported the fault may resume the work');
  }
  const now = clock.now();
  const held = order.holdStartedAt ? Math.max(0, now.getTime() - order.holdStartedAt.getTime()) : 0;
  const resumed: WorkOrder = { ...order, status: 'in-progress', onHoldMs: order.onHoldMs + held };
  delete resumed.holdStartedAt;
  delete resumed.holdReason;
  return resumed;
}

export function completeWorkOrder(order: WorkOrder, actor: Actor, note: string | undefined, clock: Clock): WorkOrder {
  requireStatus(order, ['in-progress'], 'complete');
  requireAssignee(order, actor, 'complete');
  const trimmed = note?.trim();
  return { ...order, status: 'completed', completedAt: clock.now(), ...(trimmed ? { resolutionNote: trimmed } : {}) };
}

/** 验收: the person who reported the fault confirms it is fixed. */
export function verifyWorkOrder(order: WorkOrder, actor: Actor, clock: Clock): WorkOrder {
  requireStatus(order, ['completed'], 'verify');
  requireRequester(order, actor, 'verify');
  return { ...order, status: 'verified', verifiedAt: clock.now() };
}

/** Not fixed: back to in-progress, counted (no longer a first-time fix); the next completion is the one measured. */
export function reopenWorkOrder(order: WorkOrder, actor: Actor, reason: string): WorkOrder {
  requireStatus(order, ['completed'], 'reopen');
  requireRequester(order, actor, 'reopen');
  if (!reason.trim()) throw new BusinessRuleViolation('reason-required', 'say what is still wrong', 'reason');
  const reopened: WorkOrder = { ...order, status: 'in-progress', reopenCount: order.reopenCount + 1 };
  delete reopened.completedAt;
  return reopened;
}

export function closeWorkOrder(order: WorkOrder, clock: Clock): WorkOrder {
  requireStatus(order, ['verified'], 'close');
  return { ...order, status: 'closed', closedAt: clock.now() };
}

export function cancelWorkOrder(order: WorkOrder, reason: string, clock: Clock): WorkOrder {
  requireStatus(order, CANCELLABLE_STATUSES, 'cancel');
  const trimmed = reason.trim();
  if (!trimmed) throw new BusinessRuleViolation('reason-required', 'give a reason for cancelling', 'reason');
  const now = clock.now();
  const held = order.holdStartedAt ? Math.max(0, now.getTime() - order.holdStartedAt.getTime()) : 0;
  const cancelled: WorkOrder = { ...order, status: 'cancelled', cancelledAt: now, cancellationReason: trimmed, onHoldMs: order.onHoldMs + held };
  delete cancelled.holdStartedAt;
  delete cancelled.holdReason;
  return cancelled;
}

export interface WorkOrderTimes {
  /** Report → acceptance, whole minutes. */
  responseMinutes: number;
  /** Report → (last) completion less the time on hold, whole minutes. */
  resolutionMinutes: number;
  onHoldMinutes: number;
  firstTimeFix: boolean;
}

const minutes = (ms: number) => Math.floor(ms / 60_000);

/** The figures evaluation needs for KPIs, once the work is completed. */
export function workOrderTimes(order: WorkOrder): WorkOrderTimes {
  if (!order.acceptedAt || !order.completedAt) throw new IllegalTransitionError('work order', order.status, 'measure before completion');
  const reported = order.reportedAt.getTime();
  return {
    responseMinutes: minutes(order.acceptedAt.getTime() - reported),
    resolutionMinutes: minutes(Math.max(0, order.completedAt.getTime() - reported - order.onHoldMs)),
    onHoldMinutes: minutes(order.onHoldMs),
    firstTimeFix: order.reopenCount === 0,
  };
}
