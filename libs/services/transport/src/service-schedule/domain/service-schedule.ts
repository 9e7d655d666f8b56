import { BusinessRuleViolation } from '@houqin/domain';
import { MAX_ODOMETER_KM } from '../../vehicles/domain/odometer';

/**
 * A vehicle's service schedule (保养计划): a service every so many kilometres and/or every so many
 * months, whichever comes first. Each interval runs from the vehicle's registration, then from each
 * return from service. One due service is one occurrence: it is announced (vehicle.service-due) once,
 * and the vehicle's return from service starts the next one.
 *
 * Calendar dates are days in China Standard Time, YYYY-MM-DD, compared as text.
 */

/** Far beyond any maker's service interval: a longer one is a typing error. */
export const MAX_SERVICE_INTERVAL_KM = 100_000;
/** Five years: a longer interval is a typing error. */
export const MAX_SERVICE_INTERVAL_MONTHS = 60;

export const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The odometer reading and the day the current intervals count from: registration, then each return from service. */
export interface ServiceIntervalStart {
  odometerKm: number;
  on: string;
}

export interface ServiceSchedule {
  /** Kilometres between services; with it, dueAtKm. */
  intervalKm?: number;
  /** Months between services; with it, dueOn. */
  intervalMonths?: number;
  /** The odometer reading at which the next service is due. */
  dueAtKm?: number;
  /** The day the next service is due. */
  dueOn?: string;
  /** When this occurrence was announced; absent until it falls due. */
  dueAnnouncedAt?: Date;
}

/** What a fleet operator asks for: the intervals, and the next due point when it is not the computed one. */
export interface ServiceScheduleRequest {
  intervalKm?: number;
  intervalMonths?: number;
  dueAtKm?: number;
  dueOn?: string;
}

export const SERVICE_DUE_REASONS = ['distance', 'date', 'distance-and-date'] as const;
export type ServiceDueReason = (typeof SERVICE_DUE_REASONS)[number];

/** A due service detected, as vehicle.service-due announces it. */
export interface ServiceDueNotice {
  reason: ServiceDueReason;
  odometerKm: number;
  dueAtKm?: number;
  dueOn?: string;
  intervalKm?: number;
  intervalMonths?: number;
  detectedAt: Date;
}

/**
 * The schedule a fleet operator sets. Without an explicit due point the next service is due one
 * interval after the start (odometer + intervalKm; start day + intervalMonths). A due point already
 * behind the vehicle is accepted: the vehicle is overdue and is announced at once. The occurrence
 * keeps its announcement when its due point stays the same, so setting the same schedule twice never
 * announces it twice; a moved due point is a new occurrence.
 */
export function planServiceSchedule(request: ServiceScheduleRequest, start: ServiceIntervalStart, current?: ServiceSchedule): ServiceSchedule {
  const { intervalKm, intervalMonths } = request;
  if (intervalKm === undefined && intervalMonths === undefined) {
    throw new BusinessRuleViolation('service-interval-required', 'give intervalKm, intervalMonths or both', 'intervalKm');
  }
  if (intervalKm !== undefined) wholeNumber(intervalKm, 1, MAX_SERVICE_INTERVAL_KM, 'intervalKm');
  if (intervalMonths !== undefined) wholeNumber(intervalMonths, 1, MAX_SERVICE_INTERVAL_MONTHS, 'intervalMonths');
  if (request.dueAtKm !== undefined) {
    if (intervalKm === undefined) throw new BusinessRuleViolation('due-km-without-interval', 'dueAtKm needs intervalKm', 'dueAtKm');
    wholeNumber(request.dueAtKm, 0, MAX_ODOMETER_KM, 'dueAtKm');
  }
  if (request.dueOn !== undefined) {
    if (intervalMonths === undefined) throw new BusinessRuleViolation('due-date-without-interval', 'dueOn needs intervalMonths', 'dueOn');
    calendarDate(request.dueOn, 'dueOn');
  }
  const planned: ServiceSchedule = {
    ...(intervalKm !== undefined ? { intervalKm, dueAtKm: request.dueAtKm ?? start.odometerKm + intervalKm } : {}),
    ...(intervalMonths !== undefined ? { intervalMonths, dueOn: request.dueOn ?? addMonths(start.on, intervalMonths) } : {}),
  };
  const sameOccurrence = current?.dueAnnouncedAt && current.dueAtKm === planned.dueAtKm && current.dueOn === planned.dueOn;
  return sameOccurrence ? { ...planned, dueAnnouncedAt: current.dueAnnouncedAt } : planned;
}

/**
 * Whether the occurrence is due and not yet announced: by distance once the odometer reaches the due
 * kilometres, by date from the due day on (`today` in China Standard Time).
 */
export function serviceDueReason(schedule: ServiceSchedule | undefined, at: { odometerKm: number; today: string }): ServiceDueReason | undefined {
  if (!schedule || schedule.dueAnnouncedAt) return undefined;
  return dueReason(schedule.dueAtKm !== undefined && at.odometerKm >= schedule.dueAtKm, schedule.dueOn !== undefined && schedule.dueOn <= at.today);
}

export function dueReason(byDistance: boolean, byDate: boolean): ServiceDueReason | undefined {
  if (byDistance && byDate) return 'distance-and-date';
  if (byDistance) return 'distance';
  if (byDate) return 'date';
  return undefined;
}

/**
 * A new odometer reading announces the occurrence when it reaches the due kilometres. A due date
 * alone is the sweep's to announce: the reading did not cause it.
 */
export function serviceDueOnReading(schedule: ServiceSchedule | undefined, at: { odometerKm: number; today: string }): ServiceDueReason | undefined {
  const reason = serviceDueReason(schedule, at);
  return reason === 'date' ? undefined : reason;
}

/** The notice of a due occurrence and the schedule marked announced, so it never goes out twice. */
export function announceServiceDue(schedule: ServiceSchedule, reason: ServiceDueReason, odometerKm: number, at: Date): { schedule: ServiceSchedule; notice: ServiceDueNotice } {
  return {
    schedule: { ...schedule, dueAnnouncedAt: at },
    notice: {
      reason,
      odometerKm,
      ...(schedule.dueAtKm !== undefined ? { dueAtKm: schedule.dueAtKm } : {}),
      ...(schedule.dueOn !== undefined ? { dueOn: schedule.dueOn } : {}),
      ...(schedule.intervalKm !== undefined ? { intervalKm: schedule.intervalKm } : {}),
      ...(schedule.intervalMonths !== undefined ? { intervalMonths: schedule.intervalMonths } : {}),
      detectedAt: at,
    },
  };
}

/**
 * After a service the next occurrence counts from the return: due one interval after the odometer
 * at return and one interval after the day of return, not yet announced. A date already announced
 * but serviced early is not carried over: the service done resets both intervals.
 */
export function scheduleAfterService(schedule: ServiceSchedule | undefined, start: ServiceIntervalStart): ServiceSchedule | undefined {
  if (!schedule) return undefined;
  return {
    ...(schedule.intervalKm !== undefined ? { intervalKm: schedule.intervalKm, dueAtKm: start.odometerKm + schedule.intervalKm } : {}),
    ...(schedule.intervalMonths !== undefined ? { intervalMonths: schedule.intervalMonths, dueOn: addMonths(start.on, schedule.intervalMonths) } : {}),
  };
}

/**
 * The same day `months` later; a day the target month lacks becomes its last day
 * (2027-01-31 + 1 month = 2027-02-28), as a monthly service book counts.
 */
export function addMonths(day: string, months: number): string {
  calendarDate(day, 'date');
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(target / 12);
  const targetMonth = target - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth + 1).padStart(2, '0')}-${String(Math.min(date, lastDay)).padStart(2, '0')}`;
}

export function calendarDate(value: string, field: string): string {
  if (!CALENDAR_DATE.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new BusinessRuleViolation('invalid-date', `${field} must be a calendar date YYYY-MM-DD`, field);
  }
  return value;
}

function wholeNumber(value: number, min: number, max: number, field: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BusinessRuleViolation(`invalid-${field}`, `${field} must be a whole number from ${min} to ${max}`, field);
  }
}
