import type { CateringMenuView, CateringReservationView } from '@houqin/api-client';
import { cstDayStart, cstWallClock } from '../../app/format';

export const MEAL_PERIODS = ['breakfast', 'lunch', 'dinner'] as const;
export type MealPeriod = (typeof MEAL_PERIODS)[number];

const DAY_MS = 86_400_000;

/** The next `count` days in China Standard Time, today first, as the API's dates (YYYY-MM-DD). */
export function cstDays(now: number, count: number): string[] {
  const today = cstDayStart(now);
  return Array.from({ length: count }, (_, index) => cstWallClock(today + index * DAY_MS).slice(0, 10));
}

/**
 * The dishes on offer for a day and period: those of the latest published menu naming that day and
 * period (a later published menu replaces the offer, as the service does).
 */
export function dishesOnOffer(menus: CateringMenuView[], date: string, period: MealPeriod): string[] {
  const published = menus.filter((menu) => menu.status === 'published' && menu.days.some((day) => day.date === date && day.period === period));
  const latest = published.sort((a, b) => (b.decidedAt ?? b.draftedAt).localeCompare(a.decidedAt ?? a.draftedAt))[0];
  return latest?.days.find((day) => day.date === date && day.period === period)?.dishIds ?? [];
}

/** What the day's list of a canteen says of one period: the meals taken and the portions per dish. */
export interface PeriodFigures {
  taken: number;
  portions: Array<{ dishId: string; name: string; portions: number }>;
}

/**
 * The kitchen's figures for a period from its bookings, as the service counts its forecast: every
 * booking that holds its seat (a cancelled or refused one gave it back) counts its covers, and each
 * dish a portion per cover (a reception meal's dish feeds every guest).
 */
export function periodFigures(bookings: Array<Pick<CateringReservationView, 'period' | 'status' | 'covers' | 'dishes'>>, period: MealPeriod): PeriodFigures {
  const holding = bookings.filter((booking) => booking.period === period && booking.status !== 'cancelled' && booking.status !== 'rejected');
  const portions = new Map<string, { dishId: string; name: string; portions: number }>();
  for (const booking of holding) {
    for (const dish of booking.dishes) {
      const known = portions.get(dish.dishId) ?? { dishId: dish.dishId, name: dish.name, portions: 0 };
      known.portions += booking.covers;
      portions.set(dish.dishId, known);
    }
  }
  return { taken: holding.reduce((sum, booking) => sum + booking.covers, 0), portions: [...portions.values()].sort((a, b) => b.portions - a.portions || a.name.localeCompare(b.name)) };
}
