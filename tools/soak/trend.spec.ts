import { lagGrows, memoryGrows, trendOf, troughs } from './trend';

const series = (values: number[], everyMin = 0.5) => values.map((value, index) => ({ atMin: index * everyMin, value }));

describe('the trend of a soak series', () => {
  it('ignores the warm-up half: a heap that grows while it fills, then holds, does not grow', () => {
    const trend = trendOf(series([80, 100, 115, 120, 121, 120, 121, 120]));
    expect(trend.slopePerMin).toBeCloseTo(-0.4, 5);
    expect(memoryGrows(trend, 30)).toBe(false);
    expect(trend).toMatchObject({ first: 80, last: 120, max: 121, samples: 8 });
  });

  it('finds a steady leak in the settled half', () => {
    // 1 MB every half minute: 120 MB an hour.
    const trend = trendOf(series([120, 121, 122, 123, 124, 125, 126, 127]));
    expect(trend.slopePerMin).toBeCloseTo(2, 5);
    expect(memoryGrows(trend, 30)).toBe(true);
  });

  it('finds a lag that keeps growing, and not one that comes and goes', () => {
    expect(lagGrows(trendOf(series([0, 3, 0, 12, 0, 40, 80, 120])), 10)).toBe(true);
    expect(lagGrows(trendOf(series([0, 3, 0, 12, 0, 4, 0, 2])), 10)).toBe(false);
  });

  it('skips samples of a process that was gone', () => {
    expect(trendOf(series([100, Number.NaN, 100, 100])).samples).toBe(3);
  });

  it("takes a sawtooth's troughs, which hold when only the collector's timing moves the peaks", () => {
    // Every minute: 150 after a collection, then up to 280 before the next one.
    const sawtooth = series([150, 200, 280, 150, 220, 270, 150, 190, 260, 150, 240, 280], 1 / 3);
    expect(troughs(sawtooth).map((sample) => sample.value)).toEqual([150, 150, 150, 150]);
    expect(memoryGrows(trendOf(troughs(sawtooth)), 30)).toBe(false);
    // The same, with what survives a collection rising 5 MB a minute.
    const leaking = sawtooth.map((sample, index) => ({ ...sample, value: sample.value + 5 * Math.floor(index / 3) }));
    expect(trendOf(troughs(leaking)).slopePerMin).toBeCloseTo(5, 5);
    expect(memoryGrows(trendOf(troughs(leaking)), 30)).toBe(true);
  });
});
