import { BusinessRuleViolation } from '@houqin/domain';
import { inPeriod, isPeriodKey, parsePeriod, periodOf, previousPeriod } from './period';

describe('evaluation periods (China Standard Time)', () => {
  it('places an instant in the CST month, quarter and year, not the UTC one', () => {
    // 2026-03-31T16:30Z is 00:30 on 1 April in Beijing.
    const instant = new Date('2026-03-31T16:30:00Z');
    expect(periodOf(instant, 'month').key).toBe('2026-04');
    expect(periodOf(instant, 'quarter').key).toBe('2026-Q2');
    expect(periodOf(new Date('2026-12-31T16:00:00Z'), 'year').key).toBe('2027');
  });

  it('starts a period at 00:00 CST of its first day and ends it where the next begins', () => {
    const q2 = parsePeriod('2026-Q2');
    expect(q2.start.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(q2.end.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(inPeriod(q2.start, q2)).toBe(true);
    expect(inPeriod(q2.end, q2)).toBe(false);
    const year = parsePeriod('2026');
    expect(year.kind).toBe('year');
    expect(year.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('parses every kind of key back to the period it names', () => {
    for (const key of ['2026-01', '2026-12', '2026-Q1', '2026-Q4', '2026']) {
      const period = parsePeriod(key);
      expect(period.key).toBe(key);
      expect(periodOf(period.start, period.kind)).toEqual(period);
    }
  });

  it('refuses a malformed key naming the field period', () => {
    for (const key of ['2026-13', '2026-Q5', '26-01', '2026-1', '2026-00', 'x']) {
      expect(isPeriodKey(key)).toBe(false);
      expect(() => parsePeriod(key)).toThrow(BusinessRuleViolation);
    }
    try {
      parsePeriod('2026-Q0');
    } catch (error) {
      expect((error as BusinessRuleViolation).field).toBe('period');
    }
  });

  it('steps back to the previous period of the same kind across a year boundary', () => {
    expect(previousPeriod(parsePeriod('2026-01')).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-Q1')).key).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026')).key).toBe('2025');
  });
});
