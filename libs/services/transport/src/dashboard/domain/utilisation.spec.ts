import { utilisationPercent, workingDays } from './utilisation';

describe('vehicle utilisation (车辆使用率)', () => {
  it('counts the weekdays of the period in China Standard Time', () => {
    // Monday 2026-12-07 00:00 to Monday 2026-12-14 00:00 CST: five weekdays.
    expect(workingDays(new Date('2026-12-06T16:00:00Z'), new Date('2026-12-13T16:00:00Z'))).toBe(5);
    expect(workingDays(new Date('2026-12-11T16:00:00Z'), new Date('2026-12-13T16:00:00Z'))).toBe(0);
  });

  it('is the share of the working hours spent on trips', () => {
    const from = new Date('2026-12-06T16:00:00Z');
    const to = new Date('2026-12-13T16:00:00Z');
    // 10 hours of trips over 5 × 8 working hours.
    expect(utilisationPercent(600, from, to)).toBe(25);
    expect(utilisationPercent(0, from, to)).toBe(0);
    expect(utilisationPercent(60, new Date('2026-12-11T16:00:00Z'), to)).toBeNull();
  });
});
