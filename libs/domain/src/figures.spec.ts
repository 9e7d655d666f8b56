import { ageInMinutes, businessDay, businessMonth, tally } from './figures';

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
