import { businessDay } from '@houqin/domain';

/**
 * Calendar days as YYYY-MM-DD: the agencies' days (China Standard Time). Arithmetic is in whole
 * days, free of time zones; strings of this shape compare in calendar order.
 */
export type LocalDate = string;

export const CALENDAR_UNITS = ['day', 'week', 'month'] as const;
export type CalendarUnit = (typeof CALENDAR_UNITS)[number];

/** Every `every` days, weeks or months. */
export interface CalendarInterval {
  every: number;
  unit: CalendarUnit;
}

/** The longest interval a plan may have, per unit: ten years. */
export const MAX_EVERY: Record<CalendarUnit, number> = { day: 3660, week: 522, month: 120 };

const DAY_MS = 86_400_000;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isLocalDate(value: string): boolean {
  const match = SHAPE.exec(value);
  if (!match) return false;
  return fromDayNumber(toDayNumber(value)) === value && Number(match[1]) >= 1970;
}

/** The agencies' calendar day an instant falls on. */
export function localDateOf(at: Date): LocalDate {
  return businessDay(at).date;
}

function parts(date: LocalDate): [number, number, number] {
  const match = SHAPE.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
}

function toDayNumber(date: LocalDate): number {
  const [year, month, day] = parts(date);
  return Date.UTC(year, month, day) / DAY_MS;
}

function fromDayNumber(dayNumber: number): LocalDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The same day of the month `months` later; a day the month lacks becomes its last (31 January + 1 month = 28 or 29 February). */
export function addMonthsClamped(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = parts(date);
  const target = new Date(Date.UTC(year, month + months, 1));
  const clamped = Math.min(day, daysInMonth(target.getUTCFullYear(), target.getUTCMonth()));
  return fromDayNumber(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), clamped) / DAY_MS);
}

/**
 * The k-th date of the grid that starts at `anchor` (k = 0 is the anchor itself). Months are
 * counted from the anchor every time, never from the previous clamped date: a grid anchored on
 * 31 January falls on 28 February, then 31 March, not 28 March.
 */
export function gridDate(anchor: LocalDate, interval: CalendarInterval, k: number): LocalDate {
  switch (interval.unit) {
    case 'day':
      return addDays(anchor, k * interval.every);
    case 'week':
      return addDays(anchor, 7 * k * interval.every);
    case 'month':
      return addMonthsClamped(anchor, k * interval.every);
  }
}

function monthsBetween(from: LocalDate, to: LocalDate): number {
  const [fromYear, fromMonth] = parts(from);
  const [toYear, toMonth] = parts(to);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth);
}

/** The index of the first grid date on or after `date` (0 when the anchor is). */
export function firstGridIndexOnOrAfter(anchor: LocalDate, interval: CalendarInterval, date: LocalDate): number {
  if (date <= anchor) return 0;
  if (interval.unit !== 'month') {
    const step = interval.unit === 'week' ? 7 * interval.every : interval.every;
    return Math.ceil(daysBetween(anchor, date) / step);
  }
  // Close to the answer in one step, then exact (clamping moves a date by at most three days).
  let k = Math.max(0, Math.floor(monthsBetween(anchor, date) / interval.every));
  while (k > 0 && gridDate(anchor, interval, k - 1) >= date) k -= 1;
  while (gridDate(anchor, interval, k) < date) k += 1;
  return k;
}

/** The index of the last grid date on or before `date`; -1 when the anchor is after it. */
export function lastGridIndexOnOrBefore(anchor: LocalDate, interval: CalendarInterval, date: LocalDate): number {
  const k = firstGridIndexOnOrAfter(anchor, interval, date);
  return gridDate(anchor, interval, k) === date ? k : k - 1;
}

/** The fewest days the interval can span (a month counts as its shortest, 28 days). */
export function shortestSpanInDays(interval: CalendarInterval): number {
  switch (interval.unit) {
    case 'day':
      return interval.every;
    case 'week':
      return 7 * interval.every;
    case 'month':
      return 28 * interval.every;
  }
}
