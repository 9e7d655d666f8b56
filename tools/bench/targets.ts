/**
 * The issue-15 targets and the figures they are judged on: pure functions, so the judging and the
 * tables can be unit tested without a running platform.
 */

export type Unit = 'requests/s' | 'events/s' | 'bookings/s' | 'decisions/s' | 'requests' | 'ms' | 'MB' | '×' | '%';

/** One measured figure of the run. */
export interface Figure {
  /** Section of the table: "baselines", "commands", "projection", "drain", "lunch", "dispatch", "memory", "start". */
  group: string;
  name: string;
  value: number;
  unit: Unit;
  /** How it was measured, in a few words (shown in the Markdown table). */
  note?: string;
}

/** A target of the issue: `value` (often a ratio of two figures) compared with `threshold`. */
export interface TargetCheck {
  /** The scenario that measures it (the idle RSS comes with any scenario that starts the platform). */
  scenario: 'commands' | 'projection' | 'drain' | 'memory' | 'start';
  name: string;
  /** The ratio or figure, e.g. "gateway rate / bare node:http rate". */
  formula: string;
  value: number;
  unit: Unit;
  comparator: '>=' | '<=';
  threshold: number;
  met: boolean;
}

/** A ratio of two figures; NaN when either is missing or the denominator is 0. */
export function ratio(numerator: number | undefined, denominator: number | undefined): number {
  if (numerator === undefined || denominator === undefined || !Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return NaN;
  return numerator / denominator;
}

/** Judges a value against a target; a value that could not be measured (NaN) never meets it. */
export function check(input: Omit<TargetCheck, 'met'>): TargetCheck {
  const met = Number.isFinite(input.value) && (input.comparator === '>=' ? input.value >= input.threshold : input.value <= input.threshold);
  return { ...input, met };
}

export function formatNumber(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === '×') return value >= 10 ? `${value.toFixed(1)}×` : value >= 0.1 ? `${value.toFixed(2)}×` : `${value.toPrecision(2)}×`;
  if (unit === '%') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'ms') return value < 10 ? `${value.toFixed(2)} ms` : value < 1000 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`;
  if (unit === 'MB') return `${Math.round(value)} MB`;
  if (unit === 'requests') return `${Math.round(value).toLocaleString('en-US')} requests`;
  return `${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)} ${unit}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The figures as a Markdown table, in the order given, with the group in the first column. */
export function figuresMarkdown(figures: Figure[]): string {
  const lines = ['| section | measure | value | how |', '|---|---|--:|---|'];
  for (const figure of figures) lines.push(`| ${cell(figure.group)} | ${cell(figure.name)} | ${formatNumber(figure.value, figure.unit)} | ${cell(figure.note ?? '')} |`);
  return lines.join('\n');
}

/** The targets as a Markdown table: the ratio or figure, the target next to it, met or not. */
export function targetsMarkdown(checks: TargetCheck[]): string {
  const lines = ['| target | measured as | value | target | |', '|---|---|--:|--:|---|'];
  for (const target of checks) {
    const threshold = `${target.comparator === '>=' ? '≥' : '≤'} ${formatNumber(target.threshold, target.unit)}`;
    lines.push(`| ${cell(target.name)} | ${cell(target.formula)} | ${formatNumber(target.value, target.unit)} | ${threshold} | ${target.met ? 'met' : 'not met'} |`);
  }
  return lines.join('\n');
}

/** What the figures of one run hold, by name; the targets are computed from these. */
export interface RunFigures {
  bareHttpRate?: number;
  pgInsertRate?: number;
  gatewayRate?: number;
  gatewayPacedP99?: number;
  projectionP50?: number;
  projectionP99?: number;
  rawKafkaP50?: number;
  /** Events per second of each consumer draining the burst, by consumer name. */
  drainRates?: Record<string, number>;
  /** Idle RSS of each service process, by name. */
  idleRssMb?: Record<string, number>;
  /** `npm start` spawn → banner, by start (e.g. "first start", "restart"). */
  startMs?: Record<string, number>;
}

/**
 * The issue's targets, phrased as it phrases them, judged on one run's figures. Only the targets of
 * the scenarios that ran (`ran`, all when not given): a scenario that ran and failed shows its
 * targets as n/a, not met; one that was not asked for shows none.
 */
export function issue15Targets(figures: RunFigures, ran?: ReadonlySet<string>): TargetCheck[] {
  const checks: TargetCheck[] = [
    check({ scenario: 'commands', name: 'command through the gateway vs bare HTTP', formula: 'gateway rate / bare node:http rate (16 clients)', value: ratio(figures.gatewayRate, figures.bareHttpRate), unit: '%', comparator: '>=', threshold: 0.5 }),
    check({ scenario: 'commands', name: 'command through the gateway vs raw insert', formula: 'gateway rate / raw pg insert-transaction rate (16 clients)', value: ratio(figures.gatewayRate, figures.pgInsertRate), unit: '%', comparator: '>=', threshold: 0.15 }),
    check({ scenario: 'commands', name: 'command p99 at half the saturating rate', formula: 'gateway p99, open loop at 50 % of its 16-client rate', value: figures.gatewayPacedP99 ?? NaN, unit: 'ms', comparator: '<=', threshold: 50 }),
    check({ scenario: 'projection', name: 'commit → projection p50', formula: 'HTTP 201 → row in evaluation audit_entry, p50', value: figures.projectionP50 ?? NaN, unit: 'ms', comparator: '<=', threshold: 10 }),
    check({ scenario: 'projection', name: 'commit → projection p99', formula: 'HTTP 201 → row in evaluation audit_entry, p99', value: figures.projectionP99 ?? NaN, unit: 'ms', comparator: '<=', threshold: 50 }),
    check({ scenario: 'projection', name: 'commit → projection vs raw Kafka', formula: 'commit → projection p50 / kafkajs produce → consume p50', value: ratio(figures.projectionP50, figures.rawKafkaP50), unit: '×', comparator: '<=', threshold: 3 }),
  ];
  for (const [consumer, rate] of Object.entries(figures.drainRates ?? {})) {
    checks.push(check({ scenario: 'drain', name: `one consumer process: ${consumer}`, formula: `${consumer} draining the burst, events/s`, value: rate, unit: 'events/s', comparator: '>=', threshold: 5000 }));
  }
  for (const [service, rss] of Object.entries(figures.idleRssMb ?? {})) {
    checks.push(check({ scenario: 'memory', name: `idle RSS: ${service}`, formula: `${service} process RSS at rest after start`, value: rss, unit: 'MB', comparator: '<=', threshold: 120 }));
  }
  for (const [start, ms] of Object.entries(figures.startMs ?? {})) {
    checks.push(check({ scenario: 'start', name: `npm start ready: ${start}`, formula: 'spawn of the built platform → banner printed', value: ms, unit: 'ms', comparator: '<=', threshold: 5000 }));
  }
  if (!ran) return checks;
  const platformRan = ['commands', 'projection', 'drain', 'lunch', 'dispatch'].some((name) => ran.has(name));
  return checks.filter((target) => (target.scenario === 'memory' ? platformRan : ran.has(target.scenario)));
}
