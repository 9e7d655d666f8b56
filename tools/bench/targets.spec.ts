import { check, figuresMarkdown, formatNumber, issue15Targets, ratio, targetsMarkdown } from './targets';

describe('bench targets', () => {
  it('divides two figures, and gives NaN when one is missing or the denominator is 0', () => {
    expect(ratio(50, 200)).toBe(0.25);
    expect(ratio(undefined, 200)).toBeNaN();
    expect(ratio(50, 0)).toBeNaN();
    expect(ratio(NaN, 3)).toBeNaN();
  });

  it('meets a "at least" target on the threshold and misses it just below', () => {
    const at = check({ scenario: 'commands', name: 'x', formula: 'x', value: 0.5, unit: '%', comparator: '>=', threshold: 0.5 });
    const below = check({ scenario: 'commands', name: 'x', formula: 'x', value: 0.4999, unit: '%', comparator: '>=', threshold: 0.5 });
    expect(at.met).toBe(true);
    expect(below.met).toBe(false);
  });

  it('meets a "at most" target on the threshold and misses it just above', () => {
    expect(check({ scenario: 'commands', name: 'p99', formula: 'p99', value: 50, unit: 'ms', comparator: '<=', threshold: 50 }).met).toBe(true);
    expect(check({ scenario: 'commands', name: 'p99', formula: 'p99', value: 50.1, unit: 'ms', comparator: '<=', threshold: 50 }).met).toBe(false);
  });

  it('never counts a figure that could not be measured as met', () => {
    expect(check({ scenario: 'commands', name: 'p99', formula: 'p99', value: NaN, unit: 'ms', comparator: '<=', threshold: 50 }).met).toBe(false);
    expect(check({ scenario: 'commands', name: 'rate', formula: 'rate', value: NaN, unit: 'events/s', comparator: '>=', threshold: 0 }).met).toBe(false);
  });

  it('judges the issue-15 targets on the ratios the issue states', () => {
    const checks = issue15Targets({
      bareHttpRate: 1000,
      pgInsertRate: 4000,
      gatewayRate: 100,
      gatewayPacedP99: 40,
      projectionP50: 24,
      projectionP99: 75,
      rawKafkaP50: 3,
      drainRates: { evaluation: 300 },
      idleRssMb: { gateway: 150, maintenance: 110 },
      startMs: { restart: 4000 },
    });
    const byName = Object.fromEntries(checks.map((target) => [target.name, target]));
    expect(byName['command through the gateway vs bare HTTP']).toMatchObject({ value: 0.1, met: false });
    expect(byName['command through the gateway vs raw insert']).toMatchObject({ value: 0.025, met: false });
    expect(byName['command p99 at half the saturating rate']).toMatchObject({ value: 40, met: true });
    expect(byName['commit → projection vs raw Kafka']).toMatchObject({ value: 8, met: false });
    expect(byName['one consumer process: evaluation']).toMatchObject({ value: 300, met: false });
    expect(byName['idle RSS: gateway']?.met).toBe(false);
    expect(byName['idle RSS: maintenance']?.met).toBe(true);
    expect(byName['npm start ready: restart']?.met).toBe(true);
  });

  it('judges only the targets of the scenarios that ran, and shows a failed one as not met', () => {
    const onlyProjection = issue15Targets({ projectionP50: 24, projectionP99: 75, rawKafkaP50: 3 }, new Set(['projection']));
    expect(new Set(onlyProjection.map((target) => target.scenario))).toEqual(new Set(['projection']));
    const commandsFailed = issue15Targets({}, new Set(['commands']));
    expect(commandsFailed.map((target) => [target.name, target.met])).toEqual([
      ['command through the gateway vs bare HTTP', false],
      ['command through the gateway vs raw insert', false],
      ['command p99 at half the saturating rate', false],
    ]);
  });

  it('renders the targets with the target next to the value and met / not met', () => {
    const table = targetsMarkdown([
      check({ scenario: 'commands', name: 'gateway vs bare', formula: 'gateway / bare', value: 0.1, unit: '%', comparator: '>=', threshold: 0.5 }),
      check({ scenario: 'commands', name: 'p99', formula: 'p99', value: 12.345, unit: 'ms', comparator: '<=', threshold: 50 }),
    ]);
    expect(table.split('\n')).toEqual([
      '| target | measured as | value | target | |',
      '|---|---|--:|--:|---|',
      '| gateway vs bare | gateway / bare | 10.0 % | ≥ 50.0 % | not met |',
      '| p99 | p99 | 12.3 ms | ≤ 50.0 ms | met |',
    ]);
  });

  it('renders figures with their unit and escapes pipes in notes', () => {
    const table = figuresMarkdown([{ group: 'commands', name: 'gateway', value: 1234.4, unit: 'requests/s', note: 'a | b' }]);
    expect(table.split('\n')[2]).toBe('| commands | gateway | 1,234 requests/s | a \\| b |');
  });

  it('formats small and missing numbers readably', () => {
    expect(formatNumber(0.0043, '×')).toBe('0.0043×');
    expect(formatNumber(2.5, 'ms')).toBe('2.50 ms');
    expect(formatNumber(58954.1, 'ms')).toBe('58,954 ms');
    expect(formatNumber(NaN, 'MB')).toBe('n/a');
    expect(formatNumber(12.34, 'events/s')).toBe('12.3 events/s');
  });
});
