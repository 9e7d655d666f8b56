import { BusinessRuleViolation } from '@houqin/domain';

/**
 * Amounts are integers of fen (分, 1/100 yuan): never floats, so sums and comparisons are exact.
 * The ceiling (one trillion yuan) keeps every sum and product well inside safe integers.
 */
export const MAX_FEN = 100_000_000_000_000;

export function isFen(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= MAX_FEN;
}

/** A positive amount of fen, or a 422 naming the field. */
export function positiveFen(value: number, field: string): number {
  if (!isFen(value) || value === 0) {
    throw new BusinessRuleViolation('invalid-amount', `${field} must be a positive whole number of fen (分) up to ${MAX_FEN}`, field);
  }
  return value;
}

/** 123456789 fen → "1234567.89 yuan", for messages people read. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const whole = Math.abs(fen);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')} yuan`;
}
