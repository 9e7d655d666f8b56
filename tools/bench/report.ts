import type { PlatformResults, Throughput } from './platform-bench';
import { Figure, RunFigures, TargetCheck, figuresMarkdown, ratio, targetsMarkdown } from './targets';

/** Answers other than `expected`, by status, in a few words ("none" when there were none). */
function otherAnswers(statuses: Record<string, number>, expected: string[]): { count: number; note: string } {
  const others = Object.entries(statuses).filter(([status]) => !expected.includes(status));
  return { count: others.reduce((sum, [, count]) => sum + count, 0), note: others.length === 0 ? 'none' : others.map(([status, count]) => `${count} × ${status}`).join(', ') };
}

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
    run.pgInsertRate = results.baselines.pgInsert.requestsPerSecond;
    if (results.baselines.bareHttp) {
      rate('baselines', results.baselines.bareHttp, `separate process, same body in and out, ${window(results.baselines.bareHttp)}`);
      run.bareHttpRate = results.baselines.bareHttp.requestsPerSecond;
    }
  }
  if (results.commands) {
    const { direct, gateway, gatewayPaced } = results.commands;
    rate('commands', gateway, `POST /api/v1/maintenance/repair-requests, ${window(gateway)}`);
    rate('commands', direct, `POST /repair-requests with an internal token, ${window(direct)}`);
    rate('commands', gatewayPaced, `open loop at ${(gatewayPaced.scheduledPerSecond ?? NaN).toFixed(1)} requests/s for ${(gatewayPaced.windowMs / 1000).toFixed(1)} s, latency from the scheduled send`);
    const cpu = results.commands.cpuMsPerCommand;
    if (cpu) {
      const total = Object.values(cpu).reduce((sum, ms) => sum + ms, 0);
      for (const [name, ms] of Object.entries(cpu)) {
        figures.push({ group: 'commands', name: `CPU per command through the gateway: ${name}`, value: ms, unit: 'ms', note: name === 'gateway' ? `user + system time from /proc over ${results.commands.gatewayCommands ?? '?'} commands until every consumer caught up; holds under load, unlike a rate` : undefined });
      }
      figures.push({ group: 'commands', name: 'CPU per command through the gateway: the six processes', value: total, unit: 'ms', note: 'PostgreSQL, Kafka and Redis not included' });
    }
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
  const rawInsert = results.baselines?.pgInsert;
  const rawInsertNote = rawInsert ? `÷ raw pg insert-transaction rate (${Math.round(rawInsert.requestsPerSecond).toLocaleString('en-US')}/s, ${rawInsert.concurrency ?? '?'} connections), same run` : 'no raw insert baseline in this run';
  if (results.lunch) {
    const lunch = results.lunch;
    const others = otherAnswers(lunch.statuses, ['201', '409']);
    figures.push({
      group: 'lunch',
      name: 'lunch rush: bookings',
      value: lunch.rush.requestsPerSecond,
      unit: 'bookings/s',
      note: `${lunch.staff.toLocaleString('en-US')} staff, each their own token, book tomorrow's lunch through the gateway, ${lunch.clients} clients; the whole rush in ${(lunch.rush.windowMs / 1000).toFixed(1)} s (${lunch.answersPerSecond.toFixed(1)} answers/s)`,
    });
    for (const percentile of ['p50', 'p95', 'p99'] as const) figures.push({ group: 'lunch', name: `lunch rush: ${percentile}`, value: lunch.rush.latency[percentile], unit: 'ms', note: percentile === 'p50' ? 'every answer, 201 and 409' : undefined });
    figures.push({
      group: 'lunch',
      name: 'lunch rush: booked (201)',
      value: lunch.booked,
      unit: 'requests',
      note: `must be min(capacity ${lunch.capacity.toLocaleString('en-US')}, staff) = ${lunch.expected.toLocaleString('en-US')}; catering's database: ${lunch.recorded.reservations} reservations, ${lunch.recorded.taken} covers taken, ${lunch.recorded.holds} holds`,
    });
    figures.push({ group: 'lunch', name: 'lunch rush: refused, lunch full (409)', value: lunch.full, unit: 'requests' });
    figures.push({ group: 'lunch', name: 'lunch rush: other answers', value: others.count, unit: 'requests', note: others.note });
    figures.push({ group: 'lunch', name: 'lunch rush vs raw insert', value: ratio(lunch.rush.requestsPerSecond, rawInsert?.requestsPerSecond), unit: '%', note: `bookings/s ${rawInsertNote}` });
  }
  if (results.dispatch) {
    const dispatch = results.dispatch;
    const others = otherAnswers(dispatch.statuses, ['200', '409']);
    figures.push({
      group: 'dispatch',
      name: 'dispatch: decisions',
      value: dispatch.window.requestsPerSecond,
      unit: 'decisions/s',
      note: `${dispatch.vehicles} vehicles and drivers holding ${dispatch.existingBookings.toLocaleString('en-US')} bookings; approved trips dispatched through the gateway, ${window(dispatch.window)}, after ${dispatch.warmupRequests} warm-up dispatches${dispatch.poolExhausted ? '; the pool of trip requests ran out' : ''}`,
    });
    for (const percentile of ['p50', 'p95', 'p99'] as const) figures.push({ group: 'dispatch', name: `dispatch: ${percentile}`, value: dispatch.window.latency[percentile], unit: 'ms', note: percentile === 'p50' ? 'every decision, 200 and 409' : undefined });
    figures.push({ group: 'dispatch', name: 'dispatch: dispatched (200)', value: dispatch.dispatched, unit: 'requests', note: `the plan expects ${dispatch.expected.dispatched}` });
    figures.push({ group: 'dispatch', name: 'dispatch: refused, already booked (409)', value: dispatch.refused, unit: 'requests', note: `the plan expects ${dispatch.expected.refused}` });
    figures.push({ group: 'dispatch', name: 'dispatch: other answers', value: others.count, unit: 'requests', note: others.note });
    figures.push({ group: 'dispatch', name: 'dispatch vs raw insert', value: ratio(dispatch.window.requestsPerSecond, rawInsert?.requestsPerSecond), unit: '%', note: `decisions/s ${rawInsertNote}` });
  }
  if (results.cluster) {
    run.idleRssMb = {};
    for (const entry of results.cluster.processes) {
      figures.push({ group: 'memory', name: `${entry.name}: idle RSS`, value: entry.idleRssMb, unit: 'MB' });
      if (entry.loadedRssMb !== undefined) figures.push({ group: 'memory', name: `${entry.name}: loaded RSS (peak)`, value: entry.loadedRssMb, unit: 'MB', note: 'highest sample (every 250 ms) during the commands and the burst' });
      run.idleRssMb[entry.name] = entry.idleRssMb;
    }
    if (results.baselines?.bareHttpIdleRssMb !== undefined) figures.push({ group: 'memory', name: 'bare node:http process: idle RSS', value: results.baselines.bareHttpIdleRssMb, unit: 'MB' });
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
