import { atLeastPercent, percent, rentalPerformance } from './rental-performance';

const sla = { minPunctualityRate: 95, maxDispatchResponseMinutes: 30 };
const none = { completed: 0, onTime: 0, confirmedWithinSla: 0, confirmedLate: 0, unansweredPastDeadline: 0 };

describe("a rental contract's SLA measured (履约考核)", () => {
  it('gives no rate and no verdict before anything is measured', () => {
    expect(rentalPerformance(none, sla)).toEqual({
      punctuality: { trips: 0, onTime: 0, targetPercent: 95 },
      dispatchResponse: { measured: 0, withinSla: 0, late: 0, unanswered: 0, targetMinutes: 30 },
    });
  });

  it('measures punctuality as the completed trips on time ÷ the completed trips, against the minimum rate', () => {
    expect(rentalPerformance({ ...none, completed: 20, onTime: 19 }, sla).punctuality).toEqual({ trips: 20, onTime: 19, ratePercent: 95, targetPercent: 95, meetsSla: true });
    expect(rentalPerformance({ ...none, completed: 3, onTime: 2 }, sla).punctuality).toEqual({ trips: 3, onTime: 2, ratePercent: 66.67, targetPercent: 95, meetsSla: false });
  });

  it('compares the rate with the target exactly, not its rounding: 97.49 % of a 97.5 % target falls short', () => {
    expect(rentalPerformance({ ...none, completed: 10_000, onTime: 9_749 }, { ...sla, minPunctualityRate: 97.5 }).punctuality).toMatchObject({ ratePercent: 97.49, meetsSla: false });
    expect(rentalPerformance({ ...none, completed: 40, onTime: 39 }, { ...sla, minPunctualityRate: 97.5 }).punctuality).toMatchObject({ ratePercent: 97.5, meetsSla: true });
  });

  it('measures the dispatch response as the answers in time ÷ every dispatch answered or past its deadline, met only when none was late or missing', () => {
    expect(rentalPerformance({ ...none, confirmedWithinSla: 3, confirmedLate: 1, unansweredPastDeadline: 1 }, sla).dispatchResponse).toEqual({
      measured: 5,
      withinSla: 3,
      late: 1,
      unanswered: 1,
      ratePercent: 60,
      targetMinutes: 30,
      meetsSla: false,
    });
    expect(rentalPerformance({ ...none, confirmedWithinSla: 4 }, sla).dispatchResponse).toMatchObject({ measured: 4, ratePercent: 100, meetsSla: true });
  });

  it('refuses counts that are not counts', () => {
    expect(() => rentalPerformance({ ...none, completed: 1, onTime: 2 }, sla)).toThrow(RangeError);
    expect(() => rentalPerformance({ ...none, confirmedLate: -1 }, sla)).toThrow(RangeError);
  });
});

describe('percentages', () => {
  it('round half up to two decimals', () => {
    expect(percent(1, 3)).toBe(33.33);
    expect(percent(2, 3)).toBe(66.67);
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(1, 80_000)).toBe(0);
    expect(percent(1, 20_000)).toBe(0.01);
    expect(percent(1, 20_001)).toBe(0);
  });

  it('meet a target read as the decimal it is written as', () => {
    expect(atLeastPercent(19, 20, 95)).toBe(true);
    expect(atLeastPercent(18, 20, 95)).toBe(false);
    expect(atLeastPercent(9_525, 10_000, 95.25)).toBe(true);
    expect(atLeastPercent(9_524, 10_000, 95.25)).toBe(false);
  });
});
