import { BUSINESS_UTC_OFFSET_MINUTES, BusinessRuleViolation } from '@houqin/domain';

/**
 * The time an SLA clock counts. Round the clock (24×7) counts every instant; business hours count
 * only the agency's working hours on working days (China Standard Time): Monday to Friday unless a
 * date is a public holiday (法定节假日), plus the weekend days worked in exchange (调休上班).
 */
export type ServiceCalendar = { kind: 'round-the-clock' } | BusinessHoursCalendar;

export interface BusinessHoursCalendar {
  kind: 'business-hours';
  /** Minutes after local midnight the working day starts and ends, e.g. 510 (08:30) and 1050 (17:30). */
  opensAt: number;
  closesAt: number;
  /** Dates (YYYY-MM-DD) off although on a weekday. */
  holidays: readonly string[];
  /** Dates (YYYY-MM-DD) worked although on a weekend. */
  workdays: readonly string[];
}

export const ROUND_THE_CLOCK: ServiceCalendar = { kind: 'round-the-clock' };

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const OFFSET_MS = BUSINESS_UTC_OFFSET_MINUTES * MINUTE_MS;
/** How far ahead a deadline is looked for: ten years of working days is more than any SLA target. */
const MAX_DAYS = 3_660;

/** `HH:MM-HH:MM` (e.g. 08:30-17:30) as a business-hours calendar with these holidays and worked weekend days. */
export function businessHours(hours: string, holidays: readonly string[] = [], workdays: readonly string[] = []): BusinessHoursCalendar {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/.exec(hours.trim());
  if (!match) throw new BusinessRuleViolation('business-hours-format', 'business hours are written HH:MM-HH:MM, e.g. 08:30-17:30', 'hours');
  const opensAt = Number(match[1]) * 60 + Number(match[2]);
  const closesAt = Number(match[3]) * 60 + Number(match[4]);
  if (closesAt <= opensAt || closesAt > 24 * 60) throw new BusinessRuleViolation('business-hours-order', 'the working day must end after it starts, by midnight', 'hours');
  for (const date of [...holidays, ...workdays]) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new BusinessRuleViolation('calendar-date', `${date} is not a date (YYYY-MM-DD)`, 'dates');
  }
  return { kind: 'business-hours', opensAt, closesAt, holidays: [...holidays].sort(), workdays: [...workdays].sort() };
}

/** Whether the local date is worked. */
export function isWorkingDay(calendar: BusinessHoursCalendar, date: string): boolean {
  if (calendar.workdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** The working windows [start, end) from the local day of `from` on, in order. */
function* windows(calendar: BusinessHoursCalendar, from: Date): Generator<[number, number]> {
  const firstLocalMidnight = Math.floor((from.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
  for (let day = 0; day < MAX_DAYS; day += 1) {
    const midnight = firstLocalMidnight + day * DAY_MS;
    const date = new Date(midnight + OFFSET_MS).toISOString().slice(0, 10);
    if (isWorkingDay(calendar, date)) yield [midnight + calendar.opensAt * MINUTE_MS, midnight + calendar.closesAt * MINUTE_MS];
  }
}

/** Counted time between two instants (0 when `to` is not after `from`). */
export function countedMsBetween(calendar: ServiceCalendar, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  if (calendar.kind === 'round-the-clock') return to.getTime() - from.getTime();
  let counted = 0;
  for (const [start, end] of windows(calendar, from)) {
    if (start >= to.getTime()) break;
    counted += Math.max(0, Math.min(end, to.getTime()) - Math.max(start, from.getTime()));
  }
  return counted;
}

/**
 * The last instant by which `ms` of counted time from `from` have not yet been exceeded: met up to
 * it, breached from the next counted millisecond. When the time runs out exactly as a working day
 * closes, that is the next opening (nothing is counted overnight, so stopping before it is met).
 */
export function addCountedMs(calendar: ServiceCalendar, from: Date, ms: number): Date {
  if (calendar.kind === 'round-the-clock') return new Date(from.getTime() + ms);
  let remaining = ms;
  for (const [start, end] of windows(calendar, from)) {
    const begin = Math.max(start, from.getTime());
    if (begin >= end) continue;
    if (remaining < end - begin) return new Date(begin + remaining);
    remaining -= end - begin;
  }
  throw new BusinessRuleViolation('sla-calendar-no-working-time', 'the business-hours calendar has no working time left for this target', 'calendar');
}
