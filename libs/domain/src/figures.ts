/**
 * Small calculations behind the figures the services report on their dashboards.
 */

/**
 * The agencies work on China Standard Time (UTC+8, no daylight saving), so "today" is the
 * calendar day there, whatever the time zone of the server.
 */
export const BUSINESS_UTC_OFFSET_MINUTES = 8 * 60;

export interface BusinessDay {
  /** The calendar date, YYYY-MM-DD. */
  date: string;
  /** 00:00 of that day, as an instant. */
  start: Date;
  /** 00:00 of the next day: the day is [start, end). */
  end: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The business day an instant falls on. */
export function businessDay(at: Date): BusinessDay {
  const offsetMs = BUSINESS_UTC_OFFSET_MINUTES * 60 * 1000;
  const local = at.getTime() + offsetMs;
  const startLocal = Math.floor(local / DAY_MS) * DAY_MS;
  return {
    date: new Date(startLocal).toISOString().slice(0, 10),
    start: new Date(startLocal - offsetMs),
    end: new Date(startLocal - offsetMs + DAY_MS),
  };
}

export interface BusinessMonth {
  /** The calendar month, YYYY-MM. */
  month: string;
  /** 00:00 of its first day, as an instant. */
  start: Date;
  /** 00:00 of the first day of the next month: the month is [start, end). */
  end: Date;
}

/** The calendar month (China Standard Time) an instant falls in. */
export function businessMonth(at: Date): BusinessMonth {
  const offsetMs = BUSINESS_UTC_OFFSET_MINUTES * 60 * 1000;
  const local = new Date(at.getTime() + offsetMs);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return {
    month: `${year}-${String(month + 1).padStart(2, '0')}`,
    start: new Date(Date.UTC(year, month, 1) - offsetMs),
    end: new Date(Date.UTC(year, month + 1, 1) - offsetMs),
  };
}

/**
 * Counts per key from grouped rows, with every known key present (0 when no row names it); rows
 * with a key outside `keys` are ignored. Counts may arrive as strings (PostgreSQL bigint).
 */
export function tally<K extends string>(keys: readonly K[], rows: ReadonlyArray<{ key: string; count: number | string }>): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const row of rows) {
    if ((keys as readonly string[]).includes(row.key)) counts[row.key as K] += Number(row.count);
  }
  return counts;
}

/** Whole minutes from `since` to `asOf` (0 when `since` is later). */
export function ageInMinutes(since: Date, asOf: Date): number {
  return Math.max(0, Math.floor((asOf.getTime() - since.getTime()) / 60_000));
}
