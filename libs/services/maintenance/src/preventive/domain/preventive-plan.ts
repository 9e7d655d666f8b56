import { Clock, IllegalTransitionError } from '@houqin/domain';
import type { AssetCategory, MeterKind } from '../../assets/domain/asset';
import type { Location, RepairPriority } from '../../repair-requests/domain/repair-request';
import { CalendarInterval, LocalDate, addDays } from './calendar';
import { Occurrence, PreviousWork, formatReading, rejoinSchedule, scheduleAfterClose, startingOccurrence } from './schedule';

/**
 * A preventive maintenance plan (预防性维护计划): work to do again and again on an asset, or on a
 * category of equipment at a location, raised as a work order each time it falls due by the
 * calendar or by the asset's meter. active ⇄ paused → retired.
 */
export const PLAN_STATUSES = ['active', 'paused', 'retired'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * fixed: due dates (meter thresholds) stay on the grid set by the trigger, whatever the work's
 * completion. from-completion: the next is counted from when the previous work order completed.
 */
export const PLAN_SCHEDULES = ['fixed', 'from-completion'] as const;
export type PlanSchedule = (typeof PLAN_SCHEDULES)[number];

/** The internal team, a named vendor, the one vendor whose contract fits (automatic), or a logistics manager's choice (manual). */
export const PLAN_ASSIGNEE_KINDS = ['internal', 'vendor', 'automatic', 'manual'] as const;
export type PlanAssignee = { kind: 'internal' } | { kind: 'vendor'; vendorId: string } | { kind: 'automatic' } | { kind: 'manual' };

/** Every N days, weeks or months from the first due date; the work order is raised leadDays before each due date. */
export interface CalendarTrigger extends CalendarInterval {
  kind: 'calendar';
  firstDueOn: LocalDate;
  leadDays: number;
}

/** Every N units of one of the asset's meters, counted from a reading: thresholds startReading + k·every. */
export interface MeterTrigger {
  kind: 'meter';
  meterKind: MeterKind;
  every: number;
  startReading: number;
}

export type PlanTrigger = CalendarTrigger | MeterTrigger;

/** The trigger's own terms only, as the view and the events show them. */
export function triggerTerms(trigger: PlanTrigger): PlanTrigger {
  return trigger.kind === 'calendar'
    ? { kind: trigger.kind, every: trigger.every, unit: trigger.unit, firstDueOn: trigger.firstDueOn, leadDays: trigger.leadDays }
    : { kind: trigger.kind, meterKind: trigger.meterKind, every: trigger.every, startReading: trigger.startReading };
}

/** What the plan asks for and of whom: everything a logistics manager defines. */
export interface PlanDefinition {
  name: string;
  description: string;
  checklist: string[];
  assetId?: string;
  category: AssetCategory;
  location: Location;
  priority: RepairPriority;
  assignee: PlanAssignee;
  /** Verifies (验收) the work orders the plan raises. */
  answerableBy: string;
  trigger: PlanTrigger;
  schedule: PlanSchedule;
}

export interface PreventivePlan extends PlanDefinition {
  id: string;
  agencyId: string;
  status: PlanStatus;
  /** The next occurrence; absent while a from-completion plan waits for its last work order to complete. */
  next?: Occurrence;
  /** The last occurrence that raised a work order. */
  lastRaised?: { occurrence: Occurrence; workOrderId: string };
  createdBy: string;
  createdAt: Date;
  changedAt?: Date;
  pausedAt?: Date;
  retiredAt?: Date;
  /** Why it was paused or retired, when said. */
  statusReason?: string;
}

/** What the schedule needs to know of the world when a plan starts or rejoins it. */
export interface ScheduleContext {
  /** Today, China Standard Time. */
  today: LocalDate;
  /** The asset's latest reading of the plan's meter. */
  reading?: number;
  /** The latest occurrence of each kind already recorded (raised or skipped): a new schedule starts after it. */
  lastRecorded?: { dueOn?: LocalDate; threshold?: number };
}

export function createPlan(input: { id: string; agencyId: string; createdBy: string; definition: PlanDefinition }, context: ScheduleContext, clock: Clock): PreventivePlan {
  const plan: PreventivePlan = { ...input.definition, id: input.id, agencyId: input.agencyId, status: 'active', createdBy: input.createdBy, createdAt: clock.now() };
  const next = startingOccurrence(plan, context);
  return next ? { ...plan, next } : plan;
}

/** The fields a change may set; the asset cannot change (retire the plan and create another). */
export type PlanChanges = Partial<Omit<PlanDefinition, 'assetId'>>;

/**
 * Applies a change and names the fields that really changed. A new trigger or schedule restarts
 * the schedule after the occurrences already recorded; the rest leaves it as it is.
 */
export function changePlan(plan: PreventivePlan, changes: PlanChanges, context: ScheduleContext, clock: Clock): { plan: PreventivePlan; changedFields: string[] } {
  if (plan.status === 'retired') throw new IllegalTransitionError('preventive plan', plan.status, 'change');
  const changedFields = (Object.keys(changes) as Array<keyof PlanChanges>).filter((field) => changes[field] !== undefined && JSON.stringify(changes[field]) !== JSON.stringify(plan[field])).sort();
  if (changedFields.length === 0) return { plan, changedFields };
  const changed: PreventivePlan = { ...plan, ...Object.fromEntries(changedFields.map((field) => [field, changes[field]])), changedAt: clock.now() };
  if (changedFields.includes('trigger') || changedFields.includes('schedule')) {
    const next = startingOccurrence(changed, context);
    if (next) changed.next = next;
    else delete changed.next;
  }
  return { plan: changed, changedFields };
}

export function pausePlan(plan: PreventivePlan, reason: string | undefined, clock: Clock): PreventivePlan {
  if (plan.status !== 'active') throw new IllegalTransitionError('preventive plan', plan.status, 'pause');
  return withReason({ ...plan, status: 'paused', pausedAt: clock.now() }, reason);
}

/**
 * Back on schedule. A fixed plan rejoins its grid at the first occurrence not yet past (a due date
 * from today on; a threshold at or above the latest reading): what fell in the pause is neither
 * raised nor recorded. A from-completion plan keeps its next due date, overdue or not: the interval
 * since the last work has run.
 */
export function resumePlan(plan: PreventivePlan, context: ScheduleContext): PreventivePlan {
  if (plan.status !== 'paused') throw new IllegalTransitionError('preventive plan', plan.status, 'resume');
  const resumed: PreventivePlan = { ...plan, status: 'active' };
  delete resumed.pausedAt;
  delete resumed.statusReason;
  const next = rejoinSchedule(resumed, context);
  if (next) resumed.next = next;
  return resumed;
}

/** For good: the plan raises nothing more. A work order it raised runs on. */
export function retirePlan(plan: PreventivePlan, reason: string | undefined, clock: Clock): PreventivePlan {
  if (plan.status === 'retired') throw new IllegalTransitionError('preventive plan', plan.status, 'retire');
  const retired: PreventivePlan = { ...plan, status: 'retired', retiredAt: clock.now() };
  delete retired.pausedAt;
  return withReason(retired, reason);
}

function withReason(plan: PreventivePlan, reason: string | undefined): PreventivePlan {
  const trimmed = reason?.trim();
  const result = { ...plan };
  if (trimmed) result.statusReason = trimmed;
  else delete result.statusReason;
  return result;
}

/** What the plan's view shows as next: its next occurrence, or the one its last work order's completion has already set. */
export function upcomingOccurrence(plan: PreventivePlan, previous: PreviousWork | undefined): Occurrence | undefined {
  if (plan.status === 'retired') return undefined;
  return plan.next ?? (previous ? scheduleAfterClose(plan, previous) : undefined);
}

/** When a calendar occurrence's work order is raised: leadDays before its due date. */
export function raisedOn(plan: Pick<PreventivePlan, 'trigger'>, occurrence: Occurrence): LocalDate | undefined {
  if (occurrence.kind !== 'calendar' || plan.trigger.kind !== 'calendar') return undefined;
  return addDays(occurrence.dueOn, -plan.trigger.leadDays);
}

/** The longest description a work order carries. */
export const WORK_ORDER_DESCRIPTION_MAX = 2000;

/** The work order's description: the plan's name, the occurrence, what to do and the checklist. */
export function workOrderDescription(plan: Pick<PlanDefinition, 'name' | 'description' | 'checklist' | 'trigger'>, occurrence: Occurrence): string {
  const when = occurrence.kind === 'calendar' ? `due ${occurrence.dueOn}` : `at ${formatReading(occurrence.threshold)} ${plan.trigger.kind === 'meter' ? plan.trigger.meterKind : ''}`.trimEnd();
  const lines = [`Preventive maintenance (预防性维护): ${plan.name}, ${when}`, plan.description];
  if (plan.checklist.length > 0) lines.push('Checklist:', ...plan.checklist.map((item, index) => `${index + 1}. ${item}`));
  return lines.join('\n');
}
