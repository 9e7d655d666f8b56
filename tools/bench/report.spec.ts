import type { PlatformResults } from './platform-bench';
import { platformFigures, reportMarkdown } from './report';
import { summarize } from './stats';
import { issue15Targets } from './targets';

const latency = (value: number) => summarize([value]);

describe('bench report', () => {
  const results: PlatformResults = {
    baselines: {
      pgInsert: { label: 'raw pg insert transaction', requestsPerSecond: 4000, latency: latency(4), windowMs: 10_000, concurrency: 16 },
      bareHttp: { label: 'bare node:http', requestsPerSecond: 1000, latency: latency(16), windowMs: 10_000, concurrency: 16 },
      bareHttpIdleRssMb: 45,
    },
    commands: {
      gateway: { label: 'gateway → maintenance', requestsPerSecond: 100, latency: latency(160), windowMs: 10_000, concurrency: 16 },
      direct: { label: 'maintenance direct', requestsPerSecond: 150, latency: latency(100), windowMs: 10_000, concurrency: 16 },
      gatewayPaced: { label: 'gateway paced', requestsPerSecond: 50, latency: latency(60), windowMs: 10_000, scheduledPerSecond: 50 },
    },
    projection: { commitToAudit: latency(24), rawKafka: latency(3), pollRoundTripMs: latency(0.3) },
    drain: { events: 10_000, consumers: [{ name: 'evaluation', group: 'g', drainMs: 40_000, eventsPerSecond: 250 }], rawKafka: { ms: 400, eventsPerSecond: 25_000 } },
    cluster: { logDir: '/tmp', logLevel: 'info', processes: [{ name: 'gateway', readyMs: 3000, idleRssMb: 140, loadedRssMb: 180 }] },
    coldStart: [{ start: 'restart', ms: 9000 }],
  };

  it('feeds the targets with the rates and latencies the issue compares', () => {
    const { run } = platformFigures(results);
    expect(run).toEqual({
      pgInsertRate: 4000,
      bareHttpRate: 1000,
      gatewayRate: 100,
      gatewayPacedP99: 60,
      projectionP50: 24,
      projectionP99: 24,
      rawKafkaP50: 3,
      drainRates: { evaluation: 250 },
      idleRssMb: { gateway: 140 },
      startMs: { restart: 9000 },
    });
  });

  it('lists idle and loaded RSS and the time to healthy of each process', () => {
    const names = platformFigures(results).figures.map((figure) => figure.name);
    expect(names).toEqual(expect.arrayContaining(['gateway: idle RSS', 'gateway: loaded RSS (peak)', 'gateway: spawn → healthy', 'npm start, restart', 'bare node:http process: idle RSS']));
  });

  it('leaves out what was not measured', () => {
    const { figures, run } = platformFigures({ projection: results.projection! });
    expect(new Set(figures.map((figure) => figure.group))).toEqual(new Set(['projection']));
    expect(run.gatewayRate).toBeUndefined();
  });

  it('writes the targets before the figures, and the first line of each error', () => {
    const { figures, run } = platformFigures(results);
    const markdown = reportMarkdown({ startedAt: 'now', durationMs: 1000, machine: '2 CPUs', load: '0.5', logging: 'info, to files' }, figures, issue15Targets(run), ['drain: timed out\n  at stack']);
    expect(markdown.indexOf('## Targets')).toBeLessThan(markdown.indexOf('## Figures'));
    expect(markdown).toContain('| command through the gateway vs bare HTTP | gateway rate / bare node:http rate (16 clients) | 10.0 % | ≥ 50.0 % | not met |');
    expect(markdown).toContain('- drain: timed out\n');
    expect(markdown).not.toContain('at stack');
  });

  it('reports the lunch rush and dispatch with their counts and their ratio to the raw insert rate of the same run', () => {
    const pgInsert = results.baselines!.pgInsert;
    const { figures, run } = platformFigures({
      baselines: { pgInsert },
      lunch: {
        staff: 2000,
        capacity: 2000,
        clients: 32,
        rush: { label: 'lunch rush', requestsPerSecond: 40, latency: latency(700), windowMs: 50_000, concurrency: 32 },
        answersPerSecond: 40,
        booked: 2000,
        full: 0,
        expected: 2000,
        statuses: { '201': 2000 },
        recorded: { reservations: 2000, taken: 2000, holds: 2000 },
        problems: [],
        setupMs: 60_000,
      },
      dispatch: {
        vehicles: 200,
        existingBookings: 10_000,
        pool: 5000,
        clients: 16,
        window: { label: 'dispatch', requestsPerSecond: 100, latency: latency(150), windowMs: 10_000, concurrency: 16 },
        dispatched: 740,
        refused: 250,
        expected: { dispatched: 740, refused: 250 },
        statuses: { '200': 740, '409': 250, '500': 10 },
        warmupRequests: 300,
        poolExhausted: false,
        bookingsAfter: 10_965,
        problems: [],
        setupMs: 20_000,
        seedMs: 2000,
      },
    });
    const byName = Object.fromEntries(figures.map((figure) => [figure.name, figure]));
    expect(byName['lunch rush: bookings']).toMatchObject({ group: 'lunch', value: 40, unit: 'bookings/s' });
    expect(byName['lunch rush vs raw insert']).toMatchObject({ value: 40 / 4000, unit: '%' });
    expect(byName['lunch rush: other answers']).toMatchObject({ value: 0, note: 'none' });
    expect(byName['dispatch: decisions']).toMatchObject({ group: 'dispatch', value: 100, unit: 'decisions/s' });
    expect(byName['dispatch: refused, already booked (409)']).toMatchObject({ value: 250 });
    expect(byName['dispatch: other answers']).toMatchObject({ value: 10, note: '10 × 500' });
    expect(byName['dispatch vs raw insert']).toMatchObject({ value: 100 / 4000, unit: '%' });
    // The raw insert baseline alone, without the bare HTTP server the commands bring.
    expect(figures.filter((figure) => figure.group === 'baselines').map((figure) => figure.name)).toEqual([
      'raw pg insert transaction: throughput',
      'raw pg insert transaction: p50',
      'raw pg insert transaction: p95',
      'raw pg insert transaction: p99',
    ]);
    expect(run).toEqual({ pgInsertRate: 4000 });
  });

  it('gives no ratio without a raw insert baseline', () => {
    const { figures } = platformFigures({
      dispatch: {
        vehicles: 2,
        existingBookings: 10,
        pool: 50,
        clients: 1,
        window: { label: 'dispatch', requestsPerSecond: 5, latency: latency(10), windowMs: 1000, concurrency: 1 },
        dispatched: 4,
        refused: 1,
        expected: { dispatched: 4, refused: 1 },
        statuses: { '200': 4, '409': 1 },
        warmupRequests: 0,
        poolExhausted: false,
        bookingsAfter: 14,
        problems: [],
        setupMs: 1,
        seedMs: 1,
      },
    });
    expect(figures.find((figure) => figure.name === 'dispatch vs raw insert')?.value).toBeNaN();
  });
});
