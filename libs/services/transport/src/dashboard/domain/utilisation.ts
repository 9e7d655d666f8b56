import { BUSINESS_UTC_OFFSET_MINUTES } from '@houqin/domain';

/** A vehicle's working day for utilisation: eight hours on each weekday (China Standard Time). */
export const WORKING_HOURS_PER_DAY = 8;

/** Weekdays (Monday to Friday, China Standard Time) whose day begins in [from, to). */
export function workingDays(from: Date, to: Date): number {
  const offset = BUSINESS_UTC_OFFSET_MINUTES * 60_000;
  const day = 86_400_000;
  let count = 0;
  for (let start = Math.ceil((from.getTime() + offset) / day) * day; start < to.getTime() + offset; start += day) {
    const weekday = new Date(start).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

/**
 * 车辆使用率: the share of the period's working hours a vehicle spent on trips (start to return),
 * as a percentage with one decimal; null when the period has no working day.
 */
export function utilisationPercent(minutesOnTrips: number, from: Date, to: Date): number | null {
  const available = workingDays(from, to) * WORKING_HOURS_PER_DAY * 60;
  if (available === 0) return null;
  return Math.round((Math.max(0, minutesOnTrips) * 1000) / available) / 10;
}
