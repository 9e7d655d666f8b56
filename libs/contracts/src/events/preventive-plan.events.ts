import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { Location, REPAIR_PRIORITIES } from './maintenance.events';

/** Preventive maintenance plans (预防性维护计划): work raised again and again by the calendar or by an asset's meter. */
export const PREVENTIVE_PLAN_STATUSES = ['active', 'paused', 'retired'] as const;
export const PREVENTIVE_PLAN_SCHEDULES = ['fixed', 'from-completion'] as const;
export const PREVENTIVE_PLAN_ASSIGNEE_KINDS = ['internal', 'vendor', 'automatic', 'manual'] as const;
export const PREVENTIVE_OCCURRENCE_SKIP_REASONS = ['superseded', 'previous-open'] as const;

const Instant = z.string().datetime({ offset: true });
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const MeterValue = z.number().nonnegative();

const Trigger = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('calendar'),
    every: z.number().int().positive(),
    unit: z.enum(['day', 'week', 'month']),
    /** The grid's first due date (fixed), or the first occurrence's (from-completion). */
    firstDueOn: LocalDate,
    /** The work order is raised this many days before each due date. */
    leadDays: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('meter'),
    meterKind: z.enum(['hours', 'count']),
    every: z.number().positive(),
    startReading: MeterValue,
  }),
]);

const Assignee = z.object({
  kind: z.enum(PREVENTIVE_PLAN_ASSIGNEE_KINDS),
  /** Present for a vendor assignee. */
  vendorId: z.string().uuid().optional(),
});

/** The next occurrence: a due date (and the day its work order is raised) or a meter threshold. Absent while the plan waits for its last work order's completion. */
const NextOccurrence = {
  nextDueOn: LocalDate.optional(),
  nextRaisedOn: LocalDate.optional(),
  nextThreshold: MeterValue.optional(),
};

const PlanSummary = {
  preventivePlanId: z.string().uuid(),
  name: z.string().min(1).max(200),
  assetId: z.string().uuid().optional(),
  category: z.string().min(1).max(64),
  location: Location,
  priority: z.enum(REPAIR_PRIORITIES),
  assignee: Assignee,
  /** Verifies (验收) the work orders the plan raises. */
  answerableBy: z.string().min(1),
  trigger: Trigger,
  schedule: z.enum(PREVENTIVE_PLAN_SCHEDULES),
  status: z.enum(PREVENTIVE_PLAN_STATUSES),
};

/** One occurrence: its key within the plan (the due date, or the threshold) and what it is. */
const Occurrence = {
  preventivePlanId: z.string().uuid(),
  occurrenceKey: z.string().min(1).max(32),
  dueOn: LocalDate.optional(),
  threshold: MeterValue.optional(),
  meterKind: z.enum(['hours', 'count']).optional(),
  assetId: z.string().uuid().optional(),
};

export const PreventivePlanCreated = defineEvent({
  service: 'maintenance',
  aggregate: 'preventive-plan',
  action: 'created',
  version: 1,
  description: 'A logistics manager set up a preventive maintenance plan: what to do, on which asset or where, for whom, and when (by the calendar or by a meter).',
  schema: z.object({ ...PlanSummary, ...NextOccurrence, description: z.string().min(1).max(2000), createdBy: z.string().min(1), createdAt: Instant }),
});

export const PreventivePlanChanged = defineEvent({
  service: 'maintenance',
  aggregate: 'preventive-plan',
  action: 'changed',
  version: 1,
  description: 'A preventive plan was changed (changedFields names what); a new trigger or schedule restarts it after the occurrences already recorded.',
  schema: z.object({ ...PlanSummary, ...NextOccurrence, changedFields: z.array(z.string().min(1)).min(1), changedBy: z.string().min(1), changedAt: Instant }),
});

export const PreventivePlanPaused = defineEvent({
  service: 'maintenance',
  aggregate: 'preventive-plan',
  action: 'paused',
  version: 1,
  description: 'A preventive plan was paused: it raises nothing until resumed.',
  schema: z.object({ ...PlanSummary, reason: z.string().min(1).max(1000).optional(), pausedBy: z.string().min(1), pausedAt: Instant }),
});

export const PreventivePlanResumed = defineEvent({
  service: 'maintenance',
  aggregate: 'preventive-plan',
  action: 'resumed',
  version: 1,
  description: 'A paused preventive plan is active again; a fixed plan rejoins its grid at the first occurrence not yet past (what fell in the pause is not raised).',
  schema: z.object({ ...PlanSummary, ...NextOccurrence, resumedBy: z.string().min(1), resumedAt: Instant }),
});

export const PreventivePlanRetired = defineEvent({
  service: 'maintenance',
  aggregate: 'preventive-plan',
  action: 'retired',
  version: 1,
  description: 'A preventive plan was retired for good; work orders it already raised run on.',
  schema: z.object({ ...PlanSummary, reason: z.string().min(1).max(1000).optional(), retiredBy: z.string().min(1), retiredAt: Instant }),
});

export const PreventivePlanOccurrenceRaised = defineEvent({
  service: 'maintenance',
  aggregate: 'preventive-plan',
  action: 'occurrence-raised',
  version: 1,
  description:
    "An occurrence of a preventive plan fell due (its due date less the lead time came, or the asset's meter reached the threshold) and raised its work order, exactly once. supersededCount says how many earlier occurrences due at the same time it replaced (recorded as skipped).",
  schema: z.object({
    ...Occurrence,
    workOrderId: z.string().uuid(),
    /** The work order's status once raised: assigned as the plan asks, or triaged, left for a logistics manager. */
    workOrderStatus: z.enum(['triaged', 'assigned']),
    assignee: Assignee,
    /** The asset's reading when a meter occurrence was raised. */
    reading: MeterValue.optional(),
    supersededCount: z.number().int().nonnegative(),
    raisedAt: Instant,
  }),
});

export const PreventivePlanOccurrenceSkipped = defineEvent({
  service: 'maintenance',
  aggregate: 'preventive-plan',
  action: 'occurrence-skipped',
  version: 1,
  description:
    "An occurrence of a preventive plan raised no work order: superseded by a later one due at the same time (the service was down, a meter jumped), or previous-open: the plan's previous work order is still outstanding, so no second one piles up (a signal for the logistics manager).",
  schema: z.object({
    ...Occurrence,
    reason: z.enum(PREVENTIVE_OCCURRENCE_SKIP_REASONS),
    /** previous-open: the work order still outstanding. */
    openWorkOrderId: z.string().uuid().optional(),
    /** superseded: the key of the occurrence that replaced it. */
    supersededBy: z.string().min(1).max(32).optional(),
    skippedAt: Instant,
  }),
});
