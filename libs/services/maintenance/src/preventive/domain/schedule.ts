import type { WorkOrderStatus } from '../../work-orders/domain/work-order';
import { LocalDate, addDays, firstGridIndexOnOrAfter, gridDate, lastGridIndexOnOrBefore, localDateOf } from './calendar';
import type { MeterTrigger, PreventivePlan, ScheduleContext } from './preventive-plan';

/**
 * When a plan's work falls due. An occurrence is a due date (calendar) or a meter threshold; its
 * key (the date, or the threshold written plainly) identifies it within the plan, so one
 * occurrence is recorded once and raises at most one work order.
 */
export type Occurrence = { kind: 'calendar'; dueOn: LocalDate } | { kind: 'meter'; threshold: number };

export function occurrenceKey(occurrence: Occurrence): string {
  return occurrence.kind === 'calendar' ? occurrence.dueOn : formatReading(occurrence.threshold);
}

/** Work a plan raised and not yet done: its next occurrence waits (fixed) or is skipped (fixed, when due). */
export const OUTSTANDING_STATUSES: readonly WorkOrderStatus[] = ['triaged', 'assigned', 'accepted', 'in-progress', 'on-hold-requester'];

export function isOutstanding(status: WorkOrderStatus): boolean {
  return OUTSTANDING_STATUSES.includes(status);
}

/** The plan's last work order as it stands. */
export interface PreviousWork {
  workOrderId: string;
  status: WorkOrderStatus;
  /** When it was completed, or else cancelled; absent while open (a reopened work order is open again). */
  closedAt?: Date;
  /** The latest reading of the plan's meter at that instant. */
  readingAtClose?: number;
}

/** What a sweep knows when it looks at a plan, by the database's clock. */
export interface SweepFacts {
  today: LocalDate;
  reading?: number;
  previous?: PreviousWork;
}

export type SkipReason = 'superseded' | 'previous-open';

export interface SkippedOccurrence {
  occurrence: Occurrence;
  reason: SkipReason;
  /** previous-open: the work order still outstanding. */
  openWorkOrderId?: string;
  /** superseded: the later occurrence due at the same sweep. */
  supersededBy?: string;
}

export interface SweepDecision {
  /** The plan's next occurrence afterwards; absent while waiting for a work order's completion. */
  next: Occurrence | undefined;
  /** The occurrence to raise a work order for. */
  raise?: Occurrence;
  /** The occurrences recorded as skipped, oldest first. */
  skipped: SkippedOccurrence[];
  /** How many occurrences the one raised (or skipped) superseded, recorded or not. */
  superseded: number;
  /** Whether the plan's schedule moved. */
  changed: boolean;
}

/** At most this many superseded occurrences are recorded one by one (the latest); the count says how many there were. */
export const MAX_RECORDED_SUPERSEDED = 100;

/**
 * What one sweep does with an active plan.
 *
 * - A from-completion plan waiting on its last work order gets its next occurrence once that work
 *   order is completed (or cancelled): see scheduleAfterClose.
 * - The next occurrence is due when today ≥ its due date − leadDays (calendar), or when the
 *   asset's latest reading ≥ its threshold (meter).
 * - Catch-up (fixed): when several occurrences of the grid are due at once (the service was down,
 *   the plan sat unswept, a meter reading jumped several thresholds), only the latest raises a
 *   work order; the earlier ones are recorded as skipped, superseded by it. Never a flood.
 * - No pile-up: when the plan's previous work order is still outstanding (not completed, verified,
 *   closed or cancelled), the due occurrence is recorded as skipped (previous-open) instead of
 *   raising a second work order for the same work; a fixed plan moves on along its grid, a
 *   from-completion plan waits for that work order's completion.
 */
export function sweepPlan(plan: PreventivePlan, facts: SweepFacts): SweepDecision {
  const idle: SweepDecision = { next: plan.next, skipped: [], superseded: 0, changed: false };
  if (plan.status !== 'active') return idle;
  let next = plan.next;
  if (!next) {
    next = facts.previous ? scheduleAfterClose(plan, facts.previous) : undefined;
    if (!next) return idle;
  }
  next = alignToGrid(plan, next);
  const run = dueRun(plan, next, facts);
  if (!run) return { next, skipped: [], superseded: 0, changed: !sameOccurrence(next, plan.next) };

  const supersededBy = occurrenceKey(run.latest);
  const skipped: SkippedOccurrence[] = run.recordedSuperseded.map((occurrence) => ({ occurrence, reason: 'superseded', supersededBy }));
  const after = plan.schedule === 'fixed' ? run.following : undefined;
  const open = facts.previous && isOutstanding(facts.previous.status) ? facts.previous.workOrderId : undefined;
  if (open) {
    skipped.push({ occurrence: run.latest, reason: 'previous-open', openWorkOrderId: open });
    return { next: after, skipped, superseded: run.superseded, changed: true };
  }
  return { next: after, raise: run.latest, skipped, superseded: run.superseded, changed: true };
}

interface DueRun {
  latest: Occurrence;
  superseded: number;
  recordedSuperseded: Occurrence[];
  /** Fixed: the grid's occurrence after the latest. */
  following?: Occurrence;
}

function dueRun(plan: PreventivePlan, next: Occurrence, facts: SweepFacts): DueRun | undefined {
  const trigger = plan.trigger;
  if (trigger.kind === 'calendar' && next.kind === 'calendar') {
    // Due dates up to the horizon have reached their lead time.
    const horizon = addDays(facts.today, trigger.leadDays);
    if (next.dueOn > horizon) return undefined;
    if (plan.schedule === 'from-completion') return { latest: next, superseded: 0, recordedSuperseded: [] };
    const anchor = trigger.firstDueOn;
    const first = firstGridIndexOnOrAfter(anchor, trigger, next.dueOn);
    const last = Math.max(first, lastGridIndexOnOrBefore(anchor, trigger, horizon));
    const at = (k: number): Occurrence => ({ kind: 'calendar', dueOn: gridDate(anchor, trigger, k) });
    return { latest: at(last), superseded: last - first, recordedSuperseded: range(Math.max(first, last - MAX_RECORDED_SUPERSEDED), last).map(at), following: at(last + 1) };
  }
  if (trigger.kind === 'meter' && next.kind === 'meter') {
    if (facts.reading === undefined || hundredths(facts.reading) < hundredths(next.threshold)) return undefined;
    if (plan.schedule === 'from-completion') return { latest: next, superseded: 0, recordedSuperseded: [] };
    const first = thresholdIndex(trigger, next.threshold);
    const last = Math.max(first, lastThresholdIndexAtOrBelow(trigger, facts.reading));
    const at = (k: number): Occurrence => ({ kind: 'meter', threshold: thresholdAt(trigger, k) });
    return { latest: at(last), superseded: last - first, recordedSuperseded: range(Math.max(first, last - MAX_RECORDED_SUPERSEDED), last).map(at), following: at(last + 1) };
  }
  // A next occurrence of the other kind than the trigger: the schedule restarts on the trigger.
  return undefined;
}

/**
 * from-completion: the next occurrence once the previous work order is completed (or cancelled),
 * counted from that day (calendar: the same day of the month for months, clamped) or from the
 * latest reading of the meter at that instant (meter). Open, it is undefined: the plan waits.
 */
export function scheduleAfterClose(plan: Pick<PreventivePlan, 'trigger' | 'lastRaised'>, previous: PreviousWork): Occurrence | undefined {
  if (!previous.closedAt) return undefined;
  const trigger = plan.trigger;
  if (trigger.kind === 'calendar') return { kind: 'calendar', dueOn: gridDate(localDateOf(previous.closedAt), trigger, 1) };
  // The reading that raised the work order is always known before its completion; this is a safety net.
  const raised = plan.lastRaised?.occurrence;
  const base = previous.readingAtClose ?? (raised?.kind === 'meter' ? raised.threshold : trigger.startReading);
  return { kind: 'meter', threshold: fromHundredths(hundredths(base) + hundredths(trigger.every)) };
}

/**
 * Where a new schedule starts (a plan created, or its trigger or schedule changed), after the
 * occurrences already recorded.
 *
 * - fixed, calendar: the first due date — or, when it is further in the past, the latest grid
 *   date on or before today: a plan starts with at most one occurrence overdue, never a backlog.
 * - fixed, meter: the first threshold above the start reading — or the latest threshold the
 *   asset's reading has already reached.
 * - from-completion: the first due date (the start reading + every); once the plan has raised
 *   work, the next occurrence always follows from that work's completion instead.
 */
export function startingOccurrence(plan: Pick<PreventivePlan, 'trigger' | 'schedule' | 'lastRaised'>, context: ScheduleContext): Occurrence | undefined {
  const { trigger, schedule } = plan;
  const last = context.lastRecorded;
  if (schedule === 'from-completion') {
    if (plan.lastRaised) return undefined;
    if (trigger.kind === 'calendar') {
      const dueOn = last?.dueOn !== undefined && trigger.firstDueOn <= last.dueOn ? addDays(last.dueOn, 1) : trigger.firstDueOn;
      return { kind: 'calendar', dueOn };
    }
    const first = thresholdAt(trigger, 1);
    return { kind: 'meter', threshold: last?.threshold !== undefined && first <= last.threshold ? fromHundredths(hundredths(last.threshold) + hundredths(trigger.every)) : first };
  }
  if (trigger.kind === 'calendar') {
    const anchor = trigger.firstDueOn;
    let k = Math.max(0, lastGridIndexOnOrBefore(anchor, trigger, context.today));
    if (last?.dueOn !== undefined) k = Math.max(k, firstGridIndexOnOrAfter(anchor, trigger, addDays(last.dueOn, 1)));
    return { kind: 'calendar', dueOn: gridDate(anchor, trigger, k) };
  }
  let k = 1;
  if (context.reading !== undefined) k = Math.max(k, lastThresholdIndexAtOrBelow(trigger, context.reading));
  if (last?.threshold !== undefined) k = Math.max(k, lastThresholdIndexAtOrBelow(trigger, last.threshold) + 1);
  return { kind: 'meter', threshold: thresholdAt(trigger, k) };
}

/** On resume, a fixed plan moves to the first occurrence not yet past; from-completion keeps its own. */
export function rejoinSchedule(plan: Pick<PreventivePlan, 'trigger' | 'schedule' | 'next'>, context: ScheduleContext): Occurrence | undefined {
  const next = plan.next;
  if (plan.schedule !== 'fixed' || !next) return next;
  const trigger = plan.trigger;
  if (trigger.kind === 'calendar' && next.kind === 'calendar') {
    const k = Math.max(firstGridIndexOnOrAfter(trigger.firstDueOn, trigger, next.dueOn), firstGridIndexOnOrAfter(trigger.firstDueOn, trigger, context.today));
    return { kind: 'calendar', dueOn: gridDate(trigger.firstDueOn, trigger, k) };
  }
  if (trigger.kind === 'meter' && next.kind === 'meter' && context.reading !== undefined) {
    const k = Math.max(thresholdIndex(trigger, next.threshold), firstThresholdIndexAtOrAbove(trigger, context.reading));
    return { kind: 'meter', threshold: thresholdAt(trigger, k) };
  }
  return next;
}

/** A fixed calendar plan's next due date on its grid (a date off it moves to the grid's next). */
function alignToGrid(plan: Pick<PreventivePlan, 'trigger' | 'schedule'>, next: Occurrence): Occurrence {
  if (plan.schedule !== 'fixed' || plan.trigger.kind !== 'calendar' || next.kind !== 'calendar') return next;
  const anchor = plan.trigger.firstDueOn;
  const dueOn = gridDate(anchor, plan.trigger, firstGridIndexOnOrAfter(anchor, plan.trigger, next.dueOn));
  return dueOn === next.dueOn ? next : { kind: 'calendar', dueOn };
}

function sameOccurrence(a: Occurrence | undefined, b: Occurrence | undefined): boolean {
  return a !== undefined && b !== undefined && occurrenceKey(a) === occurrenceKey(b) && a.kind === b.kind;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index);
}

/** Meter values carry two decimals at most: computed in hundredths, so thresholds add up exactly. */
export function hundredths(value: number): number {
  return Math.round(value * 100);
}

function fromHundredths(value: number): number {
  return value / 100;
}

export function formatReading(value: number): string {
  return String(fromHundredths(hundredths(value)));
}

/** Threshold k ≥ 1: startReading + k·every. */
function thresholdAt(trigger: MeterTrigger, k: number): number {
  return fromHundredths(hundredths(trigger.startReading) + k * hundredths(trigger.every));
}

function thresholdIndex(trigger: MeterTrigger, threshold: number): number {
  return Math.max(1, Math.ceil((hundredths(threshold) - hundredths(trigger.startReading)) / hundredths(trigger.every)));
}

/** The index of the last threshold at or below the value (0 or less when none is). */
function lastThresholdIndexAtOrBelow(trigger: MeterTrigger, value: number): number {
  return Math.floor((hundredths(value) - hundredths(trigger.startReading)) / hundredths(trigger.every));
}

function firstThresholdIndexAtOrAbove(trigger: MeterTrigger, value: number): number {
  return Math.max(1, Math.ceil((hundredths(value) - hundredths(trigger.startReading)) / hundredths(trigger.every)));
}
