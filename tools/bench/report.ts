import type { PlatformResults, Throughput } from './platform-bench';
import { Figure, RunFigures, TargetCheck, figuresMarkdown, targetsMarkdown } from './targets';

/** The platform results as a flat list of figures (the Markdown table) and as the inputs of the targets. */
export function platformFigures(results: PlatformResults): { figures: Figure[]; run: RunFigures } {
  const figures: Figure[] = [];
  const run: RunFigures = {};
  const rate = (group: string, entry: Throughput, note: string) => {
    figures.push({ group, name: `${entry.label}: throughput`, value: entry.requestsPerSecond, unit: 'requests/s', note });
    for (const percentile of ['p50', 'p95', 'p99'] as const) figures.push({ group, name: `${entry.label}: ${percentile}`, value: entry.latency[percentile], unit: 'ms' });
  };
  const window = (entry: Throughput) => `${entry.concurrency ?? '?'} clients, closed loop, ${(entry.windowMs / 1000).toFixed(1)} s window, ${entry.latency.count} requests`;
  if (results.baselines) {
    rate('baselines', results.baselines.pgInsert, `BEGIN + 1-row INSERT + COMMIT, ${window(results.baselines.pgInsert)}`);
    rate('baselines', results.baselines.bareHttp, `separate process, same body in and out, ${window(results.baselines.bareHttp)}`);
    run.pgInsertRate = results.baselines.pgInsert.requestsPerSecond;
    run.bareHttpRate = results.baselines.bareHttp.requestsPerSecond;
  }
  if (results.commands) {
    const { direct, gateway, gatewayPaced } = results.commands;
    rate('commands', gateway, `POST /api/v1/maintenance/repair-requests, ${window(gateway)}`);
    rate('commands', direct, `POST /repair-requests with an internal token, ${window(direct)}`);
    rate('commands', gatewayPaced, `open loop at ${(gatewayPaced.scheduledPerSecond ?? NaN).toFixed(1)} requests/s for ${(gatewayPaced.windowMs / 1000).toFixed(1)} s, latency from the scheduled send`);
    run.gatewayRate = gateway.requestsPerSecond;
    run.gatewayPacedP99 = gatewayPaced.latency.p99;
  }
  if (results.projection) {
    const { commitToAudit, rawKafka, pollRoundTripMs } = results.projection;
    for (const percentile of ['p50', 'p99'] as const) {
      figures.push({ group: 'projection', name: `commit → evaluation audit trail: ${percentile}`, value: commitToAudit[percentile], unit: 'ms', note: `${commitToAudit.count} requests one at a time; HTTP 201 → row visible (polled back to back, p50 poll ${pollRoundTripMs.p50.toFixed(2)} ms)` });
    }
    for (const percentile of ['p50', 'p99'] as const) {
      figures.push({ group: 'projection', name: `raw kafkajs produce → consume: ${percentile}`, value: rawKafka[percentile], unit: 'ms', note: `${rawKafka.count} messages one at a time, idempotent producer, acks -1` });
    }
    run.projectionP50 = commitToAudit.p50;
    run.projectionP99 = commitToAudit.p99;
    run.rawKafkaP50 = rawKafka.p50;
  }
  if (results.drain) {
    run.drainRates = {};
    for (const consumer of results.drain.consumers) {
      figures.push({ group: 'drain', name: `${consumer.name}: ${results.drain.events}-event burst`, value: consumer.drainMs, unit: 'ms', note: 'first event produced → group committed past the last' });
      figures.push({ group: 'drain', name: `${consumer.name}: rate`, value: consumer.eventsPerSecond, unit: 'events/s' });
      run.drainRates[consumer.name] = consumer.eventsPerSecond;
    }
    figures.push({ group: 'drain', name: 'raw kafkajs eachMessage: rate', value: results.drain.rawKafka.eventsPerSecond, unit: 'events/s', note: `the same burst read again, JSON.parse only, ${results.drain.rawKafka.ms.toFixed(0)} ms` });
  }
  if (results.cluster) {
    run.idleRssMb = {};
    for (const entry of results.cluster.processes) {
      figures.push({ group: 'memory', name: `${entry.name}: idle RSS`, value: entry.idleRssMb, unit: 'MB' });
      if (entry.loadedRssMb !== undefined) figures.push({ group: 'memory', name: `${entry.name}: loaded RSS (peak)`, value: entry.loadedRssMb, unit: 'MB', note: 'highest sample (every 250 ms) during the commands and the burst' });
      run.idleRssMb[entry.name] = entry.idleRssMb;
    }
    if (results.baselines) figures.push({ group: 'memory', name: 'bare node:http process: idle RSS', value: results.baselines.bareHttpIdleRssMb, unit: 'MB' });
    for (const entry of results.cluster.processes) figures.push({ group: 'start', name: `${entry.name}: spawn → healthy`, value: entry.readyMs, unit: 'ms', note: '/health/ready answering 200, started one after the other' });
  }
  if (results.coldStart) {
    run.startMs = {};
    for (const start of results.coldStart) {
      figures.push({ group: 'start', name: `npm start, ${start.start}`, value: start.ms, unit: 'ms', note: 'spawn of the built platform → banner' });
      run.startMs[start.start] = start.ms;
    }
  }
  return { figures, run };
}

export interface ReportHeader {
  startedAt: string;
  durationMs: number;
  machine: string;
  load: string;
  logging: string;
}

/** The Markdown report written next to the JSON. */
export function reportMarkdown(header: ReportHeader, figures: Figure[], targets: TargetCheck[], errors: string[]): string {
  const lines = [
    `# Houqin benchmark, ${header.startedAt}`,
    '',
    `${header.machine}. Run took ${(header.durationMs / 1000).toFixed(0)} s. Load average: ${header.load}. Service logs: ${header.logging}.`,
    '',
    '## Targets (issue 15)',
    '',
    targetsMarkdown(targets),
    '',
    '## Figures',
    '',
    figuresMarkdown(figures),
  ];
  if (errors.length > 0) lines.push('', '## Errors', '', ...errors.map((error) => `- ${error.split('\n')[0]}`));
  return `${lines.join('\n')}\n`;
}
