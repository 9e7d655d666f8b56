import { addDays, addMonthsClamped, firstGridIndexOnOrAfter, gridDate, isLocalDate, lastGridIndexOnOrBefore, localDateOf, shortestSpanInDays } from './calendar';

describe('preventive plan calendar', () => {
  it('counts days and weeks across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(gridDate('2026-02-25', { every: 10, unit: 'day' }, 1)).toBe('2026-03-07');
    expect(gridDate('2026-12-28', { every: 2, unit: 'week' }, 2)).toBe('2027-01-25');
  });

  it('keeps the day of the month, clamped to the end of shorter months', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonthsClamped('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('counts every month of a grid from its first date, so a clamped month does not shorten the next', () => {
    const monthly = { every: 1, unit: 'month' as const };
    expect([0, 1, 2, 3, 4].map((k) => gridDate('2026-01-31', monthly, k))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    const quarterly = { every: 3, unit: 'month' as const };
    expect([1, 2, 3, 4].map((k) => gridDate('2025-11-30', quarterly, k))).toEqual(['2026-02-28', '2026-05-30', '2026-08-30', '2026-11-30']);
  });

  it('finds the grid dates around a day', () => {
    const weekly = { every: 1, unit: 'week' as const };
    expect(firstGridIndexOnOrAfter('2026-03-02', weekly, '2026-03-01')).toBe(0);
    expect(firstGridIndexOnOrAfter('2026-03-02', weekly, '2026-03-09')).toBe(1);
    expect(firstGridIndexOnOrAfter('2026-03-02', weekly, '2026-03-10')).toBe(2);
    expect(lastGridIndexOnOrBefore('2026-03-02', weekly, '2026-03-15')).toBe(1);
    expect(lastGridIndexOnOrBefore('2026-03-02', weekly, '2026-03-01')).toBe(-1);

    const monthly = { every: 1, unit: 'month' as const };
    expect(firstGridIndexOnOrAfter('2026-01-31', monthly, '2026-03-01')).toBe(2);
    expect(firstGridIndexOnOrAfter('2026-01-31', monthly, '2026-02-28')).toBe(1);
    expect(lastGridIndexOnOrBefore('2026-01-31', monthly, '2026-03-30')).toBe(1);
    expect(lastGridIndexOnOrBefore('2026-01-31', monthly, '2036-01-31')).toBe(120);
  });

  it('takes only real dates', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('26-01-01')).toBe(false);
  });

  it('dates an instant by the day in China Standard Time', () => {
    expect(localDateOf(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(localDateOf(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
  });

  it('counts a month as 28 days at the least', () => {
    expect(shortestSpanInDays({ every: 2, unit: 'month' })).toBe(56);
    expect(shortestSpanInDays({ every: 2, unit: 'week' })).toBe(14);
    expect(shortestSpanInDays({ every: 5, unit: 'day' })).toBe(5);
  });
});
