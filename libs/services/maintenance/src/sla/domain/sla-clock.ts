import { BusinessRuleViolation, IllegalTransitionError } from '@houqin/domain';
import type { RepairPriority } from '../../repair-requests/domain/repair-request';
import { ROUND_THE_CLOCK, ServiceCalendar, addCountedMs, countedMsBetween } from './service-calendar';

/**
 * SLA clocks (服务时限): every work order runs two, one for the vendor's response and one for the
 * resolution, each against a target taken from the contract's SLA terms for the work order's
 * priority.
 *
 * A clock counts the time of its calendar (service-calendar.ts): round the clock (24×7, the
 * default: a target of 4 hours started on Friday at 17:00 falls due on Friday at 21:00), or business
 * hours only (working hours on working days, holidays and worked weekend days included: the same
 * target started on Friday at 17:00 with 08:30-17:30 falls due on Monday at 12:00). It also stops
 * counting while paused (waiting on the requester).
 *
 * The deadline is the instant the counted time since the start, less the counted time spent paused,
 * reaches the target. A clock stopped at or before its deadline is met; it is breached from the
 * first counted instant after the deadline (remaining time below zero). The at-risk instant is the
 * moment a fraction of the target (80 % by default) has been counted, shifted by pauses the same way.
 */
export const SLA_CLOCK_KINDS = ['response', 'resolution'] as const;
export type SlaClockKind = (typeof SLA_CLOCK_KINDS)[number];

/** running ⇄ paused → met | breached | cancelled. */
export type SlaClockStatus = 'running' | 'paused' | 'met' | 'breached' | 'cancelled';

export const DEFAULT_AT_RISK_FRACTION = 0.8;

export interface SlaPause {
  from: Date;
  /** Absent while the pause lasts. */
  to?: Date;
  reason: string;
}

export interface SlaClock {
  workOrderId: string;
  kind: SlaClockKind;
  /** Milliseconds of running time the vendor has. */
  targetMs: number;
  /** Share of the target after which the clock is at risk, strictly between 0 and 1. */
  atRiskFraction: number;
  startedAt: Date;
  status: SlaClockStatus;
  pauses: SlaPause[];
  stoppedAt?: Date;
  /** The time the clock counts; round the clock when absent. */
  calendar?: ServiceCalendar;
}

/** Running time allowed for each clock, in milliseconds. */
export interface SlaTargets {
  responseMs: number;
  resolutionMs: number;
}

export interface PriorityHours {
  responseHours: number;
  resolutionHours: number;
}

/** The part of a contract's SLA terms (contract.signed slaTerms) the clocks read: maintenance contracts set hours per priority. */
export interface SlaTerms {
  serviceType: string;
  priorities?: Record<RepairPriority, PriorityHours>;
}

const HOUR_MS = 3_600_000;

/** The targets a maintenance contract's SLA terms set for a priority. */
export function targetsFor(slaTerms: SlaTerms, priority: RepairPriority): SlaTargets {
  if (slaTerms.serviceType !== 'maintenance' || !slaTerms.priorities) {
    throw new BusinessRuleViolation('sla-terms-not-maintenance', `a ${slaTerms.serviceType} contract sets no response or resolution targets`, 'slaTerms');
  }
  const hours = slaTerms.priorities[priority];
  return { responseMs: hours.responseHours * HOUR_MS, resolutionMs: hours.resolutionHours * HOUR_MS };
}

export interface SlaClockStart {
  workOrderId: string;
  kind: SlaClockKind;
  targetMs: number;
  startedAt: Date;
  atRiskFraction?: number;
  calendar?: ServiceCalendar;
}

export function startSlaClock(start: SlaClockStart): SlaClock {
  if (!Number.isFinite(start.targetMs) || start.targetMs <= 0) {
    throw new BusinessRuleViolation('sla-target-positive', 'an SLA target must be a positive duration', 'targets');
  }
  const atRiskFraction = start.atRiskFraction ?? DEFAULT_AT_RISK_FRACTION;
  if (!(atRiskFraction > 0 && atRiskFraction < 1)) {
    throw new BusinessRuleViolation('sla-at-risk-fraction', 'the at-risk fraction must lie strictly between 0 and 1', 'atRiskFraction');
  }
  return {
    workOrderId: start.workOrderId,
    kind: start.kind,
    targetMs: start.targetMs,
    atRiskFraction,
    startedAt: start.startedAt,
    status: 'running',
    pauses: [],
    ...(start.calendar && start.calendar.kind !== 'round-the-clock' ? { calendar: start.calendar } : {}),
  };
}

/** Waiting on the requester: the clock stops counting until resumed. */
export function pauseSlaClock(clock: SlaClock, at: Date, reason: string): SlaClock {
  if (clock.status !== 'running') throw new IllegalTransitionError(aggregateName(clock), clock.status, 'pause');
  if (!reason.trim()) throw new BusinessRuleViolation('pause-reason-required', 'say what the work order waits for', 'reason');
  notBefore(clock, at, 'pause');
  return { ...clock, status: 'paused', pauses: [...clock.pauses, { from: at, reason: reason.trim() }] };
}

export function resumeSlaClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.status !== 'paused') throw new IllegalTransitionError(aggregateName(clock), clock.status, 'resume');
  notBefore(clock, at, 'resume');
  return { ...clock, status: 'running', pauses: closeOpenPause(clock.pauses, at) };
}

/** The response came or the work was resolved: met when at or before the deadline, else breached. */
export function stopSlaClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.status !== 'running' && clock.status !== 'paused') throw new IllegalTransitionError(aggregateName(clock), clock.status, 'stop');
  notBefore(clock, at, 'stop');
  const pauses = closeOpenPause(clock.pauses, at);
  const closed: SlaClock = { ...clock, pauses, stoppedAt: at };
  return { ...closed, status: remainingMsAt(closed, at) >= 0 ? 'met' : 'breached' };
}

/** The work order was cancelled: the clock neither meets nor breaches. */
export function cancelSlaClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.status !== 'running' && clock.status !== 'paused') throw new IllegalTransitionError(aggregateName(clock), clock.status, 'cancel');
  notBefore(clock, at, 'cancel');
  return { ...clock, status: 'cancelled', pauses: closeOpenPause(clock.pauses, at), stoppedAt: at };
}

/** Counted time spent paused up to `at` (a pause still open counts up to `at`). */
export function pausedMsAt(clock: SlaClock, at: Date): number {
  return clock.pauses.reduce((total, pause) => total + countedMsBetween(calendarOf(clock), pause.from, new Date(Math.min((pause.to ?? at).getTime(), at.getTime()))), 0);
}

/** Running time consumed at `at`; a stopped clock consumed nothing after it stopped. */
export function elapsedMsAt(clock: SlaClock, at: Date): number {
  const until = clock.stoppedAt && clock.stoppedAt < at ? clock.stoppedAt : at;
  return Math.max(0, countedMsBetween(calendarOf(clock), clock.startedAt, until) - pausedMsAt(clock, until));
}

/** Running time left at `at`; negative once breached. */
export function remainingMsAt(clock: SlaClock, at: Date): number {
  return clock.targetMs - elapsedMsAt(clock, at);
}

/** When target + the completed pauses have been counted since the start; undefined while paused, since the deadline moves with the pause. */
export function deadlineOf(clock: SlaClock): Date | undefined {
  if (clock.status === 'paused') return undefined;
  return addCountedMs(calendarOf(clock), clock.startedAt, clock.targetMs + completedPausesMs(clock));
}

/** When the warning falls due: after atRiskFraction of the target has been counted; undefined while paused. */
export function atRiskInstantOf(clock: SlaClock): Date | undefined {
  if (clock.status === 'paused') return undefined;
  return addCountedMs(calendarOf(clock), clock.startedAt, atRiskOffsetMs(clock) + completedPausesMs(clock));
}

/** Breached from the first instant after the deadline, not at it. */
export function isBreachedAt(clock: SlaClock, at: Date): boolean {
  if (clock.status === 'met' || clock.status === 'cancelled') return false;
  return remainingMsAt(clock, at) < 0;
}

export function isAtRiskAt(clock: SlaClock, at: Date): boolean {
  if (clock.status !== 'running' && clock.status !== 'paused') return false;
  return elapsedMsAt(clock, at) >= atRiskOffsetMs(clock);
}

function atRiskOffsetMs(clock: SlaClock): number {
  return Math.round(clock.targetMs * clock.atRiskFraction);
}

function completedPausesMs(clock: SlaClock): number {
  return clock.pauses.reduce((total, pause) => total + (pause.to ? countedMsBetween(calendarOf(clock), pause.from, pause.to) : 0), 0);
}

function calendarOf(clock: SlaClock): ServiceCalendar {
  return clock.calendar ?? ROUND_THE_CLOCK;
}

function closeOpenPause(pauses: SlaPause[], at: Date): SlaPause[] {
  return pauses.map((pause) => (pause.to ? pause : { ...pause, to: at }));
}

/** Transitions happen in time order: never before the start or the last pause or resume. */
function notBefore(clock: SlaClock, at: Date, action: string): void {
  const last = clock.pauses.at(-1);
  const latest = Math.max(clock.startedAt.getTime(), last?.from.getTime() ?? 0, last?.to?.getTime() ?? 0);
  if (at.getTime() < latest) {
    throw new BusinessRuleViolation('sla-clock-time-order', `cannot ${action} the ${clock.kind} clock at ${at.toISOString()}, before its last change`, 'at');
  }
}

function aggregateName(clock: SlaClock): string {
  return `the ${clock.kind} SLA clock of work order ${clock.workOrderId}`;
}
