import { ageInMinutes, businessDay, businessMonth, halfUp, tally, weightedMeanHalfUp } from './figures';

describe('the business day', () => {
  it('is the calendar day in China Standard Time', () => {
    const day = businessDay(new Date('2025-03-04T15:30:00Z')); // 23:30 in Beijing
    expect(day).toEqual({ date: '2025-03-04', start: new Date('2025-03-03T16:00:00Z'), end: new Date('2025-03-04T16:00:00Z') });
  });

  it('turns over at midnight in Beijing, not in UTC', () => {
    expect(businessDay(new Date('2025-03-04T16:00:00Z')).date).toBe('2025-03-05');
    expect(businessDay(new Date('2025-03-04T15:59:59.999Z')).date).toBe('2025-03-04');
    expect(businessDay(new Date('2025-03-04T00:00:00Z')).date).toBe('2025-03-04');
  });

  it('crosses the end of a year', () => {
    expect(businessDay(new Date('2025-12-31T17:00:00Z'))).toEqual({ date: '2026-01-01', start: new Date('2025-12-31T16:00:00Z'), end: new Date('2026-01-01T16:00:00Z') });
  });
});

describe('a tally', () => {
  it('lists every known key, counting 0 for those without rows', () => {
    expect(tally(['active', 'suspended', 'blacklisted'], [{ key: 'active', count: '3' }])).toEqual({ active: 3, suspended: 0, blacklisted: 0 });
  });

  it('adds up rows of the same key and ignores unknown keys', () => {
    expect(tally(['open', 'closed'], [{ key: 'open', count: 2 }, { key: 'open', count: '1' }, { key: 'demolished', count: 7 }])).toEqual({ open: 3, closed: 0 });
  });
});

describe('an age in minutes', () => {
  it('counts whole minutes and never goes negative', () => {
    expect(ageInMinutes(new Date('2025-03-04T08:00:00Z'), new Date('2025-03-04T09:30:59Z'))).toBe(90);
    expect(ageInMinutes(new Date('2025-03-04T10:00:00Z'), new Date('2025-03-04T09:00:00Z'))).toBe(0);
  });
});

describe('the business month', () => {
  it('is the calendar month in China Standard Time', () => {
    expect(businessMonth(new Date('2026-11-30T15:59:59.999Z'))).toEqual({ month: '2026-11', start: new Date('2026-10-31T16:00:00Z'), end: new Date('2026-11-30T16:00:00Z') });
    expect(businessMonth(new Date('2026-11-30T16:00:00Z')).month).toBe('2026-12');
  });

  it('crosses the end of a year', () => {
    expect(businessMonth(new Date('2026-12-31T16:30:00Z'))).toEqual({ month: '2027-01', start: new Date('2026-12-31T16:00:00Z'), end: new Date('2027-01-31T16:00:00Z') });
  });
});

describe('rounding half up (四舍五入)', () => {
  it('rounds a share exactly halfway up, where binary fractions would round it down', () => {
    expect(halfUp([[87, 100]], 4000, 2)).toBe(2.18); // 87 of 4000 is 2.175 %
    expect(halfUp([[1, 100]], 8000, 3)).toBe(0.013); // 0.0125 %
  });

  it('rounds a decimal as written, not as its binary approximation', () => {
    expect(halfUp([[1.005, 1]], 1, 2)).toBe(1.01);
    expect(halfUp([[8.345, 1]], 1, 2)).toBe(8.35);
    expect(halfUp([[1.0049, 1]], 1, 2)).toBe(1);
    expect(halfUp([[0.1, 3]], 1, 1)).toBe(0.3);
  });

  it('gives a mean in whole fen, half up', () => {
    expect(halfUp([[12_345, 1]], 2, 0)).toBe(6173);
    expect(halfUp([[12_343, 1]], 2, 0)).toBe(6172);
    expect(halfUp([[100_001, 1]], 3, 0)).toBe(33_334);
  });

  it('rounds a negative figure halfway away from zero', () => {
    expect(halfUp([[-1.005, 1]], 1, 2)).toBe(-1.01);
    expect(halfUp([[-1, 1]], 3, 2)).toBe(-0.33);
    expect(Object.is(halfUp([[-0.001, 1]], 1, 2), 0)).toBe(true);
  });

  it('reads numbers written with an exponent', () => {
    expect(halfUp([[1e-7, 1]], 1, 7)).toBe(1e-7);
    expect(halfUp([[1e21, 1]], 1e20, 0)).toBe(10);
  });

  it('refuses to divide by zero', () => {
    expect(() => halfUp([[1, 1]], 0, 2)).toThrow(RangeError);
  });
});

describe('a weighted mean, half up', () => {
  it('rounds a score exactly halfway up (60/25/15 of 70.13, 81.25, 84.03 is 74.995 → 75)', () => {
    expect(weightedMeanHalfUp([[70.13, 60], [81.25, 25], [84.03, 15]], 2)).toBe(75);
    expect(weightedMeanHalfUp([[57.08, 60], [68.74, 25], [57.08, 15]], 2)).toBe(60); // 59.995
  });

  it('keeps fractional weights exact', () => {
    expect(weightedMeanHalfUp([[1, 0.1], [2, 0.2]], 4)).toBe(1.6667);
  });

  it('is null when the weights sum to zero', () => {
    expect(weightedMeanHalfUp([[80, 0]], 2)).toBeNull();
    expect(weightedMeanHalfUp([], 2)).toBeNull();
  });
});
