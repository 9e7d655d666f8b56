import { BUSINESS_UTC_OFFSET_MINUTES, BusinessRuleViolation } from '@houqin/domain';
import { MealPeriod } from '../../canteens/domain/canteen';

/**
 * A canteen's meal period (餐次): its serving window (China Standard Time), the booking cut-off
 * (订餐截止) in minutes before serving starts, and how many meals it serves (its capacity).
 */
export interface MealPeriodSettings {
  canteenId: string;
  period: MealPeriod;
  /** HH:MM, China Standard Time. */
  servesFrom: string;
  servesUntil: string;
  cutoffMinutes: number;
  capacity: number;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** A week ahead is the furthest a cut-off sensibly lies before serving. */
export const MAX_CUTOFF_MINUTES = 7 * 24 * 60;

/** Sensible defaults for a canteen that has not set a period: breakfast 07:00–08:30, lunch 11:30–13:00, dinner 17:30–19:00, booking closes 2 hours before. */
export const DEFAULT_WINDOWS: Record<MealPeriod, { servesFrom: string; servesUntil: string; cutoffMinutes: number }> = {
  breakfast: { servesFrom: '07:00', servesUntil: '08:30', cutoffMinutes: 600 },
  lunch: { servesFrom: '11:30', servesUntil: '13:00', cutoffMinutes: 120 },
  dinner: { servesFrom: '17:30', servesUntil: '19:00', cutoffMinutes: 120 },
};

function minutesOf(value: string, field: string): number {
  const match = HH_MM.exec(value);
  if (!match) throw new BusinessRuleViolation('invalid-time', `${field} is a time written HH:MM`, field);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function mealPeriodSettings(input: MealPeriodSettings, canteenCapacity: number): MealPeriodSettings {
  const from = minutesOf(input.servesFrom, 'servesFrom');
  const until = minutesOf(input.servesUntil, 'servesUntil');
  if (until <= from) throw new BusinessRuleViolation('window-inverted', 'serving ends after it starts, on the same day', 'servesUntil');
  if (!Number.isInteger(input.cutoffMinutes) || input.cutoffMinutes < 0 || input.cutoffMinutes > MAX_CUTOFF_MINUTES) {
    throw new BusinessRuleViolation('invalid-cutoff', `the cut-off is whole minutes from 0 to ${MAX_CUTOFF_MINUTES} before serving starts`, 'cutoffMinutes');
  }
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > canteenCapacity * 4) {
    throw new BusinessRuleViolation('invalid-capacity', `a period serves from 1 to ${canteenCapacity * 4} meals (four sittings of the canteen's seats)`, 'capacity');
  }
  return { ...input };
}

/** The settings in force: the canteen's own, or the defaults with the canteen's seats. */
export function settingsOrDefault(found: MealPeriodSettings | undefined, canteen: { id: string; capacity: number }, period: MealPeriod): MealPeriodSettings {
  return found ?? { canteenId: canteen.id, period, ...DEFAULT_WINDOWS[period], capacity: canteen.capacity };
}

/** The instant a CST wall-clock time falls on a date. */
function instant(date: string, hhmm: string): Date {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  return new Date(Date.parse(`${date}T00:00:00Z`) + (hours * 60 + minutes - BUSINESS_UTC_OFFSET_MINUTES) * 60_000);
}

/** When serving starts and ends on `date`, and when booking for it closes. */
export function servingTimes(settings: MealPeriodSettings, date: string): { startsAt: Date; endsAt: Date; cutoffAt: Date } {
  const startsAt = instant(date, settings.servesFrom);
  return { startsAt, endsAt: instant(date, settings.servesUntil), cutoffAt: new Date(startsAt.getTime() - settings.cutoffMinutes * 60_000) };
}

/** The period being served at `at` among the canteen's settings, for a check-in at the counter. */
export function periodServingAt(all: readonly MealPeriodSettings[], at: Date): { settings: MealPeriodSettings; date: string } | undefined {
  const date = new Date(at.getTime() + BUSINESS_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
  const settings = all.find((candidate) => {
    const { startsAt, endsAt } = servingTimes(candidate, date);
    return startsAt.getTime() <= at.getTime() && at.getTime() < endsAt.getTime();
  });
  return settings ? { settings, date } : undefined;
}
