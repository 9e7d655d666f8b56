import { BUSINESS_UTC_OFFSET_MINUTES, BusinessRuleViolation, businessDay } from '@houqin/domain';

/** A calendar day 'YYYY-MM-DD' in China Standard Time: certificates are issued and expire on days, not instants. */
export const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const DAY_MS = 24 * 3_600_000;
const OFFSET_MS = BUSINESS_UTC_OFFSET_MINUTES * 60 * 1000;

/** Whether the text is a day that exists ('2026-02-30' does not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !CALENDAR_DATE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A day as given, or refused naming the field. */
export function calendarDate(value: string, field: string): string {
  if (!isCalendarDate(value)) throw new BusinessRuleViolation('invalid-date', `${field} must be a calendar date YYYY-MM-DD`, field);
  return value;
}

/** 00:00 China Standard Time of the day, as an instant. */
export function startOfDay(date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) - OFFSET_MS);
}

/** The day `days` after (or before, negative) the given one. */
export function addDays(date: string, days: number): string {
  return businessDay(new Date(startOfDay(date).getTime() + days * DAY_MS)).date;
}

/** The day (China Standard Time) an instant falls on. */
export function dayOf(instant: Date): string {
  return businessDay(instant).date;
}
