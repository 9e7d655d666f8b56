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
});
