import { RequestValidationError } from '@houqin/service-kit';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A time range read from `from` (included) and `to` (excluded) query parameters: instants with an offset, `to` after `from`. */
export function timeRangeParameter(from: unknown, to: unknown): { from?: Date; to?: Date } {
  const instant = (field: 'from' | 'to', value: unknown): Date | undefined => {
    if (value === undefined || value === '') return undefined;
    const parsed = typeof value === 'string' && INSTANT.test(value) ? new Date(value) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime())) {
      throw new RequestValidationError([{ field, rule: 'isISO8601', message: `${field} must be one instant with its offset, e.g. 2026-12-01T00:00:00+08:00` }]);
    }
    return parsed;
  };
  const range = { from: instant('from', from), to: instant('to', to) };
  if (range.from && range.to && range.to.getTime() <= range.from.getTime()) {
    throw new RequestValidationError([{ field: 'to', rule: 'isAfter', message: 'to must come after from' }]);
  }
  return { ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) };
}

/** An optional single-line text query parameter of 1 to `max` characters. */
export function textParameter(field: string, value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new RequestValidationError([{ field, rule: 'isString', message: `${field} must be one string of 1 to ${max} characters` }]);
  }
  return value;
}

/** An optional sequence number (a cursor): a whole number from `min`. */
export function sequenceParameter(field: string, value: unknown, min: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(parsed) || parsed < min || parsed > 2_147_483_647) {
    throw new RequestValidationError([{ field, rule: 'isInt', message: `${field} must be a whole number from ${min}` }]);
  }
  return parsed;
}
