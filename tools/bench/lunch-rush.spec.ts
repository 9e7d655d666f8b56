import { cstDay, dinerId, rushOutcome } from './lunch-rush';

describe('the lunch rush', () => {
  it('counts the rush as it must be: every staff member booked when the lunch seats them all', () => {
    expect(rushOutcome({ '201': 2000 }, 2000, 2000, { reservations: 2000, taken: 2000, holds: 2000 })).toEqual({ booked: 2000, full: 0, expected: 2000, problems: [] });
  });

  it('expects exactly the capacity booked and everyone else told the lunch is full', () => {
    expect(rushOutcome({ '201': 1500, '409': 500 }, 2000, 1500).problems).toEqual([]);
    expect(rushOutcome({ '201': 1501, '409': 499 }, 2000, 1500).problems).toEqual([
      '1501 bookings succeeded, expected min(capacity 1500, staff 2000) = 1500',
      '499 bookings answered 409 (full), expected 500',
    ]);
  });

  it('names every answer that is neither a booking nor a full lunch', () => {
    expect(rushOutcome({ '201': 1997, '500': 2, '503': 1 }, 2000, 2000).problems).toEqual([
      '1997 bookings succeeded, expected min(capacity 2000, staff 2000) = 2000',
      '2 bookings answered 500',
      '1 bookings answered 503',
    ]);
  });

  it("finds catering's database at odds with the answers", () => {
    expect(rushOutcome({ '201': 2000 }, 2000, 2000, { reservations: 2000, taken: 2001, holds: 1999 }).problems).toEqual([
      "the meal service's row counts 2001 covers taken for 2000 bookings answered 201",
      "meal accounts hold 1999 bookings' prices for 2000 bookings answered 201",
    ]);
  });

  it('books on China Standard Time dates: 16:30 UTC is already the next day', () => {
    expect(cstDay(new Date('2026-12-07T15:59:00Z'))).toBe('2026-12-07');
    expect(cstDay(new Date('2026-12-07T16:30:00Z'))).toBe('2026-12-08');
    expect(cstDay(new Date('2026-12-31T16:30:00Z'), 1)).toBe('2027-01-02');
  });

  it('gives each of the 2,000 diners an id of their own', () => {
    expect(new Set(Array.from({ length: 2000 }, (_, index) => dinerId(index))).size).toBe(2000);
    expect(dinerId(0)).toBe('staff-00001');
  });
});
