import { BUSINESS_UTC_OFFSET_MINUTES, BusinessRuleViolation } from '@houqin/domain';

/**
 * Evaluation periods (考核周期): a calendar month, quarter or year in China Standard Time, whatever
 * the time zone of the server. Keys: 'YYYY-MM', 'YYYY-Qn', 'YYYY'.
 */
export type PeriodKind = 'month' | 'quarter' | 'year';

export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];

export interface Period {
  kind: PeriodKind;
  key: string;
  /** 00:00 CST of its first day, as an instant (inclusive). */
  start: Date;
  /** 00:00 CST of the first day of the next period (exclusive): the period is [start, end). */
  end: Date;
}

/** A period key of any kind; for DTOs (`@Matches(PERIOD_KEY_PATTERN)`). */
export const PERIOD_KEY_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

const OFFSET_MS = BUSINESS_UTC_OFFSET_MINUTES * 60 * 1000;

function build(kind: PeriodKind, year: number, firstMonth: number): Period {
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  const key =
    kind === 'month'
      ? `${year}-${String(firstMonth + 1).padStart(2, '0')}`
      : kind === 'quarter'
        ? `${year}-Q${firstMonth / 3 + 1}`
        : String(year);
  return {
    kind,
    key,
    start: new Date(Date.UTC(year, firstMonth, 1) - OFFSET_MS),
    end: new Date(Date.UTC(year, firstMonth + months, 1) - OFFSET_MS),
  };
}

/** The period of the given kind an instant falls in (China Standard Time). */
export function periodOf(instant: Date, kind: PeriodKind): Period {
  const local = new Date(instant.getTime() + OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  if (kind === 'month') return build(kind, year, month);
  if (kind === 'quarter') return build(kind, year, Math.floor(month / 3) * 3);
  return build(kind, year, 0);
}

/** The month, quarter and year an instant falls in. */
export function periodsOf(instant: Date): Period[] {
  return PERIOD_KINDS.map((kind) => periodOf(instant, kind));
}

export function isPeriodKey(key: unknown): key is string {
  if (typeof key !== 'string') return false;
  const match = PERIOD_KEY_PATTERN.exec(key);
  return match !== null && Number(match[1]) >= 1970;
}

/** The period a key names; a malformed key is refused naming the field `period`. */
export function parsePeriod(key: string): Period {
  const match = typeof key === 'string' ? PERIOD_KEY_PATTERN.exec(key) : null;
  if (!match || Number(match[1]) < 1970) {
    throw new BusinessRuleViolation('invalid-period', `period must be YYYY-MM, YYYY-Qn or YYYY, not ${String(key)}`, 'period');
  }
  const year = Number(match[1]);
  if (match[2] !== undefined) return build('month', year, Number(match[2]) - 1);
  if (match[3] !== undefined) return build('quarter', year, (Number(match[3]) - 1) * 3);
  return build('year', year, 0);
}

/** The period of the same kind just before this one. */
export function previousPeriod(period: Period): Period {
  return periodOf(new Date(period.start.getTime() - 1), period.kind);
}

/** Whether an instant falls in the period. */
export function inPeriod(instant: Date, period: Period): boolean {
  return instant.getTime() >= period.start.getTime() && instant.getTime() < period.end.getTime();
}
