import { inParallel, medianBy, perSecond, sleep, summarize } from './stats';

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

  it('runs every item at most `concurrency` at a time and keeps the results in order', async () => {
    let running = 0;
    let most = 0;
    const results = await inParallel([30, 10, 20, 5, 15], 2, async (ms, index) => {
      running += 1;
      most = Math.max(most, running);
      await sleep(ms);
      running -= 1;
      return `${index}:${ms}`;
    });
    expect(results).toEqual(['0:30', '1:10', '2:20', '3:5', '4:15']);
    expect(most).toBe(2);
  });

  it('rejects with the first failure and starts no further item', async () => {
    const started: number[] = [];
    const run = inParallel([1, 2, 3, 4], 1, async (item) => {
      started.push(item);
      if (item === 2) throw new Error('item 2 failed');
      return item;
    });
    await expect(run).rejects.toThrow('item 2 failed');
    expect(started).toEqual([1, 2]);
  });
});
