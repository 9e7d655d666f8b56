import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { Location, REPAIR_PRIORITIES } from './maintenance.events';

/** Work orders (维修工单): a triaged repair request assigned to a contracted vendor or the internal team. */
const Instant = z.string().datetime({ offset: true });
const Minutes = z.number().int().nonnegative();

export const WORK_ORDER_STATUSES = ['triaged', 'assigned', 'accepted', 'in-progress', 'on-hold-requester', 'completed', 'verified', 'closed', 'cancelled'] as const;
/** A repair request triaged by a logistics manager, a preventive plan's occurrence, a vehicle due for service. */
export const WORK_ORDER_ORIGINS = ['repair-request', 'preventive-plan', 'vehicle-service-due'] as const;

const WorkOrderSummary = {
  workOrderId: z.string().uuid(),
  origin: z.enum(WORK_ORDER_ORIGINS),
  /** Present when origin is repair-request. */
  repairRequestId: z.string().uuid().optional(),
  /** Present when origin is preventive-plan. */
  preventivePlanId: z.string().uuid().optional(),
  /** Present when origin is vehicle-service-due (transport's vehicle id). */
  vehicleId: z.string().uuid().optional(),
  priority: z.enum(REPAIR_PRIORITIES),
  category: z.string().min(1).max(64),
  location: Location,
  assetId: z.string().uuid().optional(),
  /** The vendor and the contract the work runs under; both absent for the internal team. */
  vendorId: z.string().uuid().optional(),
  contractId: z.string().uuid().optional(),
};

/** What evaluation needs for KPIs without calling back: minutes are whole minutes, rounded down. */
const Performance = {
  reportedBy: z.string().min(1),
  reportedAt: Instant,
  acceptedAt: Instant,
  completedAt: Instant,
  /** Report → acceptance. */
  responseMinutes: Minutes,
  /** Report → completion (the last one, after any reopening), less the time on hold waiting on the requester. */
  resolutionMinutes: Minutes,
  onHoldMinutes: Minutes,
  reopenCount: z.number().int().nonnegative(),
  /** Verified (or completed) without ever being reopened. */
  firstTimeFix: z.boolean(),
};

/** The work order's cost so far in fen (labour, parts issued for it, other costs; voided lines excluded), for cost per work order. */
const Cost = z.object({
  labourFen: z.number().int().nonnegative(),
  partsFen: z.number().int().nonnegative(),
  extraFen: z.number().int().nonnegative(),
  totalFen: z.number().int().nonnegative(),
});

export const WorkOrderTriaged = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order',
  action: 'triaged',
  version: 1,
  description:
    'A logistics manager triaged a repair request into a work order with its priority and category, or the platform raised one (a preventive plan fell due, a vehicle is due for service: triagedBy houqin:platform); it awaits assignment unless assigned at once.',
  schema: z.object({ ...WorkOrderSummary, reportedBy: z.string().min(1), reportedAt: Instant, description: z.string().min(1).max(2000), triagedBy: z.string().min(1), triagedAt: Instant }),
});

export const WorkOrderAssigned = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order',
  action: 'assigned',
  version: 1,
  description:
    'A work order was assigned to a vendor holding an active maintenance contract covering its category and building (automatically when exactly one fits), or to the internal team. Reassignment before acceptance publishes it again.',
  schema: z.object({
    ...WorkOrderSummary,
    assignee: z.enum(['vendor', 'internal']),
    automatic: z.boolean(),
    assignedBy: z.string().min(1),
    assignedAt: Instant,
    reportedAt: Instant,
  }),
});

export const WorkOrderAccepted = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order',
  action: 'accepted',
  version: 1,
  description: 'The assignee accepted the work order: the response time (report → acceptance) is known.',
  schema: z.object({ ...WorkOrderSummary, acceptedBy: z.string().min(1), acceptedAt: Instant, reportedAt: Instant, responseMinutes: Minutes }),
});

export const WorkOrderStarted = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order',
  action: 'started',
  version: 1,
  description: 'The assignee started work on site.',
  schema: z.object({ ...WorkOrderSummary, startedBy: z.string().min(1), startedAt: Instant }),
});

export const WorkOrderCompleted = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order',
  action: 'completed',
  version: 1,
  description: 'The assignee reports the work done; it awaits verification (验收) by the person who reported the fault. Carries the response and resolution times.',
  schema: z.object({ ...WorkOrderSummary, ...Performance, completedBy: z.string().min(1), resolutionNote: z.string().max(2000).optional() }),
});

export const WorkOrderVerified = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order',
  action: 'verified',
  version: 1,
  description:
    'The person who reported the fault (for raised work: the person answerable, or a logistics manager) confirmed it is fixed (验收). Carries the final response and resolution times, whether it was a first-time fix, and the cost so far.',
  schema: z.object({ ...WorkOrderSummary, ...Performance, cost: Cost, verifiedBy: z.string().min(1), verifiedAt: Instant }),
});

export const WorkOrderReopened = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order',
  action: 'reopened',
  version: 1,
  description: 'The person who reported the fault found it not fixed: the work order is in progress again and no longer a first-time fix.',
  schema: z.object({ ...WorkOrderSummary, reopenedBy: z.string().min(1), reopenedAt: Instant, reason: z.string().min(1).max(1000), reopenCount: z.number().int().positive() }),
});

export const WorkOrderClosed = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order',
  action: 'closed',
  version: 1,
  description: 'A verified work order was closed: no more labour or other costs are recorded on it. Carries its final cost, for cost per work order.',
  schema: z.object({ ...WorkOrderSummary, reopenCount: z.number().int().nonnegative(), firstTimeFix: z.boolean(), cost: Cost, closedBy: z.string().min(1), closedAt: Instant }),
});

export const WorkOrderCancelled = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order',
  action: 'cancelled',
  version: 1,
  description: 'A work order was cancelled before completion, with the reason and the state it was in.',
  schema: z.object({ ...WorkOrderSummary, previousStatus: z.enum(WORK_ORDER_STATUSES), reason: z.string().min(1).max(1000), cancelledBy: z.string().min(1), cancelledAt: Instant }),
});

export const WorkOrderHeld = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order',
  action: 'held',
  version: 1,
  description:
    "Work in progress was put on hold waiting on the requester (access to the room, a decision), with the reason: the SLA clocks pause and the time does not count against resolution until work resumes.",
  schema: z.object({ ...WorkOrderSummary, heldBy: z.string().min(1), heldAt: Instant, reason: z.string().min(1).max(1000) }),
});

export const WorkOrderResumed = defineEvent({
  service: 'maintenance',
  aggregate: 'work-order',
  action: 'resumed',
  version: 1,
  description: 'Work on hold resumed, by the assignee or the requester: the SLA clocks run again. Carries how long this hold lasted and the time on hold so far.',
  schema: z.object({
    ...WorkOrderSummary,
    resumedBy: z.string().min(1),
    resumedAt: Instant,
    /** When this hold began, and why. */
    heldAt: Instant,
    reason: z.string().min(1).max(1000),
    /** This hold, and every hold so far, in whole minutes. */
    heldMinutes: Minutes,
    onHoldMinutes: Minutes,
  }),
});
