/**
 * Whether a series sampled over a soak grows: the least-squares slope of its second half (the first
 * half is warm-up: heaps and pools reach their working size, JIT settles), per minute.
 */
export interface Sample {
  /** Minutes since the load started. */
  atMin: number;
  value: number;
}

export interface Trend {
  /** Change per minute over the second half (least squares). */
  slopePerMin: number;
  first: number;
  last: number;
  max: number;
  samples: number;
}

export function trendOf(samples: readonly Sample[]): Trend {
  const valid = samples.filter((sample) => Number.isFinite(sample.value));
  const settled = valid.slice(Math.floor(valid.length / 2));
  const n = settled.length;
  let slope = 0;
  if (n >= 2) {
    const meanX = settled.reduce((sum, sample) => sum + sample.atMin, 0) / n;
    const meanY = settled.reduce((sum, sample) => sum + sample.value, 0) / n;
    let covariance = 0;
    let variance = 0;
    for (const sample of settled) {
      covariance += (sample.atMin - meanX) * (sample.value - meanY);
      variance += (sample.atMin - meanX) ** 2;
    }
    slope = variance === 0 ? 0 : covariance / variance;
  }
  return {
    slopePerMin: slope,
    first: valid[0]?.value ?? NaN,
    last: valid.at(-1)?.value ?? NaN,
    max: valid.reduce((max, sample) => Math.max(max, sample.value), Number.NEGATIVE_INFINITY),
    samples: valid.length,
  };
}

/**
 * Memory grows when its settled slope would add more than `allowedMbPerHour` in an hour; lag grows when
 * it rises over the settled half by more than `allowedLag` events per minute.
 */
/**
 * The lowest value of each window of `windowMin` minutes (the series' troughs). A garbage-collected
 * heap's RSS is a sawtooth: its peaks say when the collector last ran, its troughs what survives a
 * collection — the troughs rising is what a leak looks like.
 */
export function troughs(samples: readonly Sample[], windowMin = 1): Sample[] {
  const windows = new Map<number, Sample>();
  for (const sample of samples) {
    if (!Number.isFinite(sample.value)) continue;
    const window = Math.floor(sample.atMin / windowMin);
    const lowest = windows.get(window);
    if (!lowest || sample.value < lowest.value) windows.set(window, { atMin: (window + 0.5) * windowMin, value: sample.value });
  }
  return [...windows.entries()].sort(([a], [b]) => a - b).map(([, sample]) => sample);
}

export function memoryGrows(trend: Trend, allowedMbPerHour: number): boolean {
  return trend.slopePerMin * 60 > allowedMbPerHour;
}

export function lagGrows(trend: Trend, allowedPerMin: number): boolean {
  return trend.slopePerMin > allowedPerMin;
}
