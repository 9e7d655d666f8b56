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

/** A figure and its weight in a sum of products (Σ value × weight). */
export type WeightedFigure = readonly [value: number, weight: number];

/** A finite number as the decimal it reads as: 1.005 → 1005 × 10⁻³ (not the binary 1.00499…). */
function decimalOf(value: number): { units: bigint; scale: number } {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const [mantissa = '0', exponent = '0'] = String(value).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const units = BigInt(whole + fraction);
  const scale = fraction.length - Number(exponent);
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

/** Σ value × weight as an integer over 10^scale, exactly. */
function exactSum(terms: readonly WeightedFigure[]): { units: bigint; scale: number } {
  const products = terms.map(([value, weight]) => {
    const [v, w] = [decimalOf(value), decimalOf(weight)];
    return { units: v.units * w.units, scale: v.scale + w.scale };
  });
  const scale = Math.max(0, ...products.map((product) => product.scale));
  const units = products.reduce((sum, product) => sum + product.units * 10n ** BigInt(scale - product.scale), 0n);
  return { units, scale };
}

/** numerator ÷ denominator to `decimals` places, half up (ties away from zero), in integers. */
function divideHalfUp(numerator: { units: bigint; scale: number }, denominator: { units: bigint; scale: number }, decimals: number): number {
  if (denominator.units === 0n) throw new RangeError('division by zero');
  const n = numerator.units * 10n ** BigInt(denominator.scale + decimals);
  const d = denominator.units * 10n ** BigInt(numerator.scale);
  const negative = n < 0n !== d < 0n;
  const [a, b] = [n < 0n ? -n : n, d < 0n ? -d : d];
  const rounded = (2n * a + b) / (2n * b);
  return (negative && rounded > 0n ? -Number(rounded) : Number(rounded)) / 10 ** decimals;
}

/**
 * (Σ value × weight) ÷ divisor, rounded half up (四舍五入) to `decimals` places. Every input counts as
 * the decimal it reads as and the arithmetic is in integers, so a figure exactly halfway always
 * rounds up: 87 × 100 ÷ 4000 → 2.18, 1.005 → 1.01, 12345 ÷ 2 → 6173.
 */
export function halfUp(terms: readonly WeightedFigure[], divisor: number, decimals: number): number {
  return divideHalfUp(exactSum(terms), decimalOf(divisor), decimals);
}

/** The weighted mean Σ value × weight ÷ Σ weight, half up as `halfUp`; null when the weights sum to 0. */
export function weightedMeanHalfUp(terms: readonly WeightedFigure[], decimals: number): number | null {
  const total = exactSum(terms.map(([, weight]) => [weight, 1]));
  return total.units === 0n ? null : divideHalfUp(exactSum(terms), total, decimals);
}
