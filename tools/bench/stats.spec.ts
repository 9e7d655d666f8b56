import { medianBy, perSecond, summarize } from './stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles: p99 of 100 samples is the 99th smallest', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(summarize(samples)).toMatchObject({ count: 100, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });

  it('gives the single sample for every percentile of one', () => {
    expect(summarize([7])).toMatchObject({ p50: 7, p95: 7, p99: 7, max: 7 });
  });

  it('reports nothing measured as NaN, never as 0', () => {
    expect(summarize([]).p99).toBeNaN();
    expect(perSecond(10, 0)).toBeNaN();
  });

  it('turns a count in a window into a rate per second', () => {
    expect(perSecond(1500, 10_000)).toBe(150);
  });

  it('picks the lower middle element for an even count', () => {
    expect(medianBy([4, 1, 3, 2], (value) => value)).toBe(2);
  });
});
