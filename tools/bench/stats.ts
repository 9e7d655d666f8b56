/** Timing and reporting helpers of the benchmark: monotonic clock, percentiles, the result table. */

/** Monotonic time in milliseconds (process.hrtime.bigint, sub-microsecond resolution). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of a list of milliseconds. */
export function summarize(samples: number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return {
    count: sorted.length,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

/**
 * The fast baselines take a fraction of a second, so a hiccup of the machine moves them a lot:
 * they are measured in a few rounds and the median round is reported (all rounds go to the JSON).
 */
export const BASELINE_ROUNDS = 3;

/** The element with the median value of `key` (the lower middle one for an even count). */
export function medianBy<T>(items: T[], key: (item: T) => number): T {
  if (items.length === 0) throw new Error('median of nothing');
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : NaN;
}

/**
 * `work` for every item, at most `concurrency` at a time, the results in the items' order; the
 * first failure rejects (the items not yet started are not started).
 */
export async function inParallel<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

/**
 * One comparison: the same measure for a baseline and for Houqin. `ratio` is always houqin/baseline;
 * `slowdown` says how many times worse Houqin is (baseline/houqin for rates, houqin/baseline for
 * latencies), so 1.0 means "as good as the baseline" in both columns.
 */
export interface Comparison {
  scenario: string;
  measure: string;
  unit: 'events/s' | 'requests/s' | 'ms';
  higherIsBetter: boolean;
  baselineLabel: string;
  baseline: number;
  houqinLabel: string;
  houqin: number;
  ratio: number;
  slowdown: number;
  detail?: Record<string, unknown>;
}

export function compare(input: Omit<Comparison, 'ratio' | 'slowdown'>): Comparison {
  const ratio = input.houqin / input.baseline;
  return { ...input, ratio, slowdown: input.higherIsBetter ? 1 / ratio : ratio };
}

function formatValue(value: number, unit: Comparison['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'ms') return value < 10 ? value.toFixed(2) : value.toFixed(1);
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 10) return `${value.toFixed(1)}×`;
  // Small ratios keep two significant digits: 0.0043× says more than 0.00×.
  return value >= 0.1 ? `${value.toFixed(2)}×` : `${value.toPrecision(2)}×`;
}

/** The compact table printed at the end (and reproduced in docs/benchmarks.md). */
export function formatTable(rows: Comparison[]): string {
  const header = ['scenario', 'measure', 'baseline', 'value', 'houqin', 'value', 'houqin/baseline', 'slowdown'];
  const body = rows.map((row) => [
    row.scenario,
    `${row.measure} (${row.unit})`,
    row.baselineLabel,
    formatValue(row.baseline, row.unit),
    row.houqinLabel,
    formatValue(row.houqin, row.unit),
    formatRatio(row.ratio),
    formatRatio(row.slowdown),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  const numeric = new Set([3, 5, 6, 7]);
  const line = (cells: string[]) => cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

/** The same table as Markdown, for pasting into docs/benchmarks.md. */
export function formatMarkdown(rows: Comparison[]): string {
  const lines = [
    '| scenario | measure | baseline | value | Houqin | value | Houqin/baseline | slowdown |',
    '|---|---|---|--:|---|--:|--:|--:|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.scenario} | ${row.measure} (${row.unit}) | ${row.baselineLabel} | ${formatValue(row.baseline, row.unit)} | ${row.houqinLabel} | ${formatValue(row.houqin, row.unit)} | ${formatRatio(row.ratio)} | ${formatRatio(row.slowdown)} |`,
    );
  }
  return lines.join('\n');
}
