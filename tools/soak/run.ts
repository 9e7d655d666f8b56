/**
 * The soak (issue 19): `npm run soak -- --minutes N` starts the platform as the bench does (every
 * service and the gateway its own process, on Kafka, PostgreSQL and Redis), sends a steady mixed load
 * through the gateway for N minutes — repair requests reported (open loop at SOAK_RATE a second), trip
 * requests and requisitions (a quarter of that rate each), and the agency's lists read — and every
 * SOAK_SAMPLE_SECONDS samples each process's RSS, JavaScript heap (in use, and after the last full
 * collection, from its /metrics) and CPU and each
 * consumer group's lag on maintenance's topic. It reports the series, any answer other than the
 * expected one, error lines in the processes' logs, and whether memory or lag grows over the settled
 * second half (trend.ts): memory is judged on the heap in use right after each full collection, what
 * is live (the heap in use and the RSS also hold garbage not yet collected, and creep on an idle
 * process that collects its old generation rarely). JSON and Markdown in .cache/soak/<start>/ and .cache/soak/latest.*.
 * It runs on a Kafka broker of its own (fresh: its consumer groups have no history to read first, and
 * nothing else on the machine moves its lag); SOAK_SHARED_BROKER=1 uses KAFKA_BROKERS instead.
 */
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RepairRequestReported } from '@houqin/contracts';
import { OwnKafka, accessToken, freePort } from '@houqin/testing';
import { Cleanup, checkInfrastructure, loadBenchConfig, progress } from '../bench/context';
import { LoadClient } from '../bench/load-client';
import { Cluster, PlatformResults, REPORT_REPAIR, caughtUp, committed, groupsReading, startCluster } from '../bench/platform-bench';
import { repoRoot } from '../bench/processes';
import { nowMs, sleep } from '../bench/stats';
import { Sample, Trend, lagGrows, memoryGrows, trendOf, troughs } from './trend';

interface SoakConfig {
  minutes: number;
  ratePerSecond: number;
  sampleSeconds: number;
  /** Memory growing faster than this over the settled half is reported as a growth trend. */
  allowedMbPerHour: number;
  /** Lag rising faster than this many events a minute over the settled half is a growing lag. */
  allowedLagPerMin: number;
}

function soakConfig(argv: string[], env: Record<string, string | undefined>): SoakConfig {
  const flag = argv.indexOf('--minutes');
  const number = (value: string | undefined, fallback: number, name: string) => {
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, not ${value}`);
    return parsed;
  };
  return {
    minutes: number(flag >= 0 ? argv[flag + 1] : env['SOAK_MINUTES'], 10, '--minutes'),
    ratePerSecond: number(env['SOAK_RATE'], 20, 'SOAK_RATE'),
    sampleSeconds: number(env['SOAK_SAMPLE_SECONDS'], 10, 'SOAK_SAMPLE_SECONDS'),
    allowedMbPerHour: number(env['SOAK_ALLOWED_MB_PER_HOUR'], 30, 'SOAK_ALLOWED_MB_PER_HOUR'),
    allowedLagPerMin: number(env['SOAK_ALLOWED_LAG_PER_MIN'], 10, 'SOAK_ALLOWED_LAG_PER_MIN'),
  };
}

interface Tick {
  atMin: number;
  rssMb: Record<string, number>;
  /** V8 heap in use (nodejs_heap_size_used_bytes), MB. */
  heapMb: Record<string, number>;
  /** V8 heap in use after the last full collection (houqin_heap_used_after_major_gc_bytes), MB; NaN before the first. */
  liveMb: Record<string, number>;
  cpuPercent: Record<string, number>;
  lag: Record<string, number>;
}

async function lagOf(cluster: Cluster, topic: string): Promise<Record<string, number>> {
  const admin = cluster.kafka.admin();
  await admin.connect();
  try {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((partition) => [partition.partition, BigInt(partition.high)]));
    const lag: Record<string, number> = {};
    for (const watch of await groupsReading(admin, cluster, topic)) {
      const offsets = await committed(admin, watch.group, topic);
      let behind = 0n;
      for (const [partition, high] of ends) {
        const at = offsets.get(partition) ?? -1n;
        behind += at < 0n ? high : high > at ? high - at : 0n;
      }
      lag[watch.name] = Number(behind);
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

/** The V8 heap a process reports on its Prometheus endpoint, in MB: in use, and after its last full collection (NaN where not read). */
async function heapOf(metricsUrl: string): Promise<{ inUse: number; live: number }> {
  try {
    const lines = (await (await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) })).text()).split('\n');
    const value = (name: string) => {
      const line = lines.find((candidate) => candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `));
      return line ? Number(line.trim().split(/\s+/).pop()) / 2 ** 20 : NaN;
    };
    // 0 until the process's first full collection: not known yet.
    const live = value('houqin_heap_used_after_major_gc_bytes');
    return { inUse: value('nodejs_heap_size_used_bytes'), live: live > 0 ? live : NaN };
  } catch {
    return { inUse: NaN, live: NaN };
  }
}

function errorLines(logFile: string): number {
  try {
    return readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"level":"error"') || line.includes('"level":"fatal"')).length;
  } catch {
    return 0;
  }
}

async function main(): Promise<number> {
  const soak = soakConfig(process.argv.slice(2), process.env);
  let bench = loadBenchConfig(process.env, []);
  const startedAt = new Date().toISOString();
  const outputRoot = path.join(repoRoot(), '.cache', 'soak');
  const outDir = path.join(outputRoot, startedAt.replace(/[:.]/g, '-'));
  mkdirSync(path.join(outDir, 'logs'), { recursive: true });
  const cleanup = new Cleanup();
  const stop = (reason: string) => {
    progress(`${reason}: cleaning up`);
    setTimeout(() => process.exit(1), 30_000).unref();
    void cleanup.run().finally(() => process.exit(1));
  };
  process.once('SIGINT', () => stop('interrupted'));
  process.once('SIGTERM', () => stop('terminated'));

  const ticks: Tick[] = [];
  const statuses: Record<string, number> = {};
  const errors: string[] = [];
  let cluster: Cluster | undefined;
  try {
    if (process.env['SOAK_SHARED_BROKER'] !== '1') {
      const broker = new OwnKafka(await freePort(), await freePort(), `soak-kafka-${process.pid}`);
      broker.reset();
      progress('soak: starting a Kafka broker of its own');
      await broker.start();
      cleanup.push('stop the soak broker', async () => {
        await broker.stop();
        broker.reset();
      });
      bench = { ...bench, brokers: [broker.brokers] };
    }
    await checkInfrastructure(bench, true);
    const results: PlatformResults = {};
    cluster = await startCluster(bench, cleanup, outDir, results);
    const running = cluster;
    const gateway = running.byName['gateway']!;
    const caller = { agencyId: running.agencyId, userId: `soak-${running.run}`, roles: ['staff', 'logistics-manager'] };
    // A fresh access token for each window and sample: one lives 15 minutes, a soak longer.
    const headers = () => ({ 'content-type': 'application/json', authorization: `Bearer ${accessToken(caller)}` });
    // Fresh consumer groups read the topic from its start: the load begins once they have caught up with what is there.
    await caughtUp(running, RepairRequestReported.topic, 600_000);
    // Trips from tomorrow 08:00 China Standard Time: a request waits for approval or dispatch, it books nothing.
    const tomorrow = Math.floor((Date.now() + 8 * 3_600_000) / 86_400_000 + 1) * 86_400_000;
    const loads = [
      { name: 'POST /repair-requests', path: '/api/v1/maintenance/repair-requests', body: REPORT_REPAIR, ratePerSecond: soak.ratePerSecond },
      {
        name: 'POST /trips',
        path: '/api/v1/transport/trips',
        body: { purpose: '赴省厅汇报', passengers: 2, passengerRank: 'division', origin: '机关大院', destination: '福州站', distanceKm: 8, startsAt: new Date(tomorrow).toISOString(), endsAt: new Date(tomorrow + 3_600_000).toISOString(), vehicleType: 'sedan' },
        ratePerSecond: soak.ratePerSecond / 4,
      },
      { name: 'POST /requisitions', path: '/api/v1/procurement/requisitions', body: { title: '办公用纸', category: 'supplies', lines: [{ description: 'A4 复印纸（箱）', quantity: 10, estimatedUnitPrice: 12_000 }] }, ratePerSecond: soak.ratePerSecond / 4 },
    ];
    const clients = loads.map(() => new LoadClient());
    for (const client of clients) cleanup.push('stop a load worker', () => client.close());
    progress(`soak: ${soak.minutes} min at ${loads.map((load) => `${load.ratePerSecond}/s ${load.name}`).join(', ')} through the gateway, lists read every sample, samples every ${soak.sampleSeconds} s`);

    const started = nowMs();
    const deadline = started + soak.minutes * 60_000;
    let lastCpu = Object.fromEntries(running.processes.map((processInfo) => [processInfo.name, processInfo.cpuMs()]));
    let lastAt = nowMs();
    const sampler = (async () => {
      while (nowMs() < deadline) {
        await sleep(soak.sampleSeconds * 1000);
        const now = nowMs();
        const cpu = Object.fromEntries(running.processes.map((processInfo) => [processInfo.name, processInfo.cpuMs()]));
        const tick: Tick = {
          atMin: (now - started) / 60_000,
          rssMb: Object.fromEntries(running.processes.map((processInfo) => [processInfo.name, processInfo.rssMb()])),
          ...(await (async () => {
            const heaps = await Promise.all(running.processes.map(async (processInfo) => [processInfo.name, await heapOf(running.metricsUrls[processInfo.name]!)] as const));
            return { heapMb: Object.fromEntries(heaps.map(([name, heap]) => [name, heap.inUse])), liveMb: Object.fromEntries(heaps.map(([name, heap]) => [name, heap.live])) };
          })()),
          cpuPercent: Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, ((ms - (lastCpu[name] ?? NaN)) / (now - lastAt)) * 100])),
          lag: await lagOf(running, RepairRequestReported.topic).catch((error: unknown) => {
            errors.push(`lag at ${((now - started) / 60_000).toFixed(1)} min: ${(error as Error).message}`);
            return {};
          }),
        };
        lastCpu = cpu;
        lastAt = now;
        ticks.push(tick);
        // The reads of a manager's screens, through the gateway, once a sample.
        for (const list of ['/api/v1/maintenance/repair-requests?limit=20', '/api/v1/maintenance/work-orders?limit=20', '/api/v1/dashboard']) {
          const answer = await fetch(`${gateway.url}${list}`, { headers: headers() }).catch((error: unknown) => ({ status: 'error', text: () => Promise.resolve((error as Error).message) }));
          const key = `GET ${list.split('?')[0]} ${answer.status}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
        }
        progress(
          `soak ${tick.atMin.toFixed(1)} min: RSS / heap / heap after a full collection ${Object.entries(tick.rssMb)
            .map(([name, mb]) => `${name} ${mb.toFixed(0)}/${(tick.heapMb[name] ?? NaN).toFixed(0)}/${(tick.liveMb[name] ?? NaN).toFixed(0)}`)
            .join(', ')} MB; lag ${JSON.stringify(tick.lag)}`,
        );
      }
    })();
    // The load in windows of a minute (the worker reports per job), back to back until the deadline.
    while (nowMs() < deadline) {
      const windowMs = Math.min(60_000, deadline - nowMs());
      if (windowMs < 1000) break;
      const results = await Promise.all(
        loads.map((load, index) =>
          clients[index]!.run(
            { url: `${gateway.url}${load.path}`, method: 'POST', headers: headers(), body: JSON.stringify(load.body), expectStatus: 201, concurrency: 1, warmup: 0, ratePerSecond: load.ratePerSecond, durationMs: windowMs },
            windowMs + 120_000,
          ),
        ),
      );
      results.forEach((result, index) => {
        const name = loads[index]!.name;
        for (const [status, count] of Object.entries(result.statuses)) statuses[`${name} ${status}`] = (statuses[`${name} ${status}`] ?? 0) + count;
        if (result.firstFailure) errors.push(`${name} failed: ${result.firstFailure}`);
      });
    }
    await sampler;
  } catch (error) {
    errors.push((error as Error).stack ?? String(error));
  }
  const logErrors = Object.fromEntries((cluster?.processes ?? []).map((processInfo) => [processInfo.name, errorLines(processInfo.logFile)]));
  progress('cleaning up');
  const cleanupFailures = await cleanup.run();

  const names = cluster?.processes.map((processInfo) => processInfo.name) ?? [];
  // Memory is judged on the heap after each full collection (what is live); the heap in use and the RSS are
  // reported with the slope of each minute's lows, not judged.
  const series = (values: (tick: Tick) => Record<string, number>, name: string) => ticks.map((tick): Sample => ({ atMin: tick.atMin, value: values(tick)[name] ?? NaN }));
  const lows = (values: (tick: Tick) => Record<string, number>): Record<string, Trend> =>
    Object.fromEntries(names.map((name) => [name, { ...trendOf(series(values, name)), slopePerMin: trendOf(troughs(series(values, name))).slopePerMin }]));
  const memory: Record<string, Trend> = Object.fromEntries(names.map((name) => [name, trendOf(series((tick) => tick.liveMb, name))]));
  const heap = lows((tick) => tick.heapMb);
  const rss = lows((tick) => tick.rssMb);
  const groups = [...new Set(ticks.flatMap((tick) => Object.keys(tick.lag)))];
  const lag: Record<string, Trend> = Object.fromEntries(groups.map((group) => [group, trendOf(ticks.map((tick): Sample => ({ atMin: tick.atMin, value: tick.lag[group] ?? NaN })))]));
  const growing = [
    ...Object.entries(memory)
      .filter(([, trend]) => memoryGrows(trend, soak.allowedMbPerHour))
      .map(([name, trend]) => `live heap of ${name} grows ${(trend.slopePerMin * 60).toFixed(1)} MB/h`),
    ...Object.entries(lag)
      .filter(([, trend]) => lagGrows(trend, soak.allowedLagPerMin))
      .map(([group, trend]) => `lag of ${group} grows ${trend.slopePerMin.toFixed(1)} events/min`),
  ];
  const unexpected = Object.entries(statuses).filter(([key]) => !/ (200|201)$/.test(key));
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg().map((value) => value.toFixed(2)).join(' / ')} at the end`;
  const report = { startedAt, machine, soak, ticks, statuses, memory, heap, rss, lag, logErrors, growing, unexpected, errors, cleanupFailures };

  const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
  const lines = [
    `# Soak — ${startedAt}`,
    '',
    `${soak.minutes} min, ${soak.ratePerSecond} repair requests/s, ${soak.ratePerSecond / 4} trip requests/s and ${soak.ratePerSecond / 4} requisitions/s through the gateway (open loops) and the manager's lists once every ${soak.sampleSeconds} s. ${machine}.`,
    '',
    '| process | live heap (after a full collection) first → last | its settled slope (MB/h) | samples | heap in use first → last (max) | slope of its minute lows (MB/h) | RSS first → last (max) | slope of its minute lows (MB/h) | error lines in its log |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...Object.entries(memory).map(([name, trend]) => {
      const inUse = heap[name]!;
      const resident = rss[name]!;
      return `| ${name} | ${fmt(trend.first)} → ${fmt(trend.last)} MB | ${fmt(trend.slopePerMin * 60, 1)} | ${trend.samples} | ${fmt(inUse.first)} → ${fmt(inUse.last)} MB (${fmt(inUse.max)}) | ${fmt(inUse.slopePerMin * 60, 1)} | ${fmt(resident.first)} → ${fmt(resident.last)} MB (${fmt(resident.max)}) | ${fmt(resident.slopePerMin * 60, 1)} | ${logErrors[name] ?? 0} |`;
    }),
    '',
    '| consumer group on maintenance’s topic | lag first | lag last | lag max | settled slope (events/min) |',
    '|---|--:|--:|--:|--:|',
    ...Object.entries(lag).map(([group, trend]) => `| ${group} | ${fmt(trend.first)} | ${fmt(trend.last)} | ${fmt(trend.max)} | ${fmt(trend.slopePerMin, 2)} |`),
    '',
    `Answers: ${Object.entries(statuses)
      .map(([key, count]) => `${key}: ${count}`)
      .join('; ')}.`,
    '',
    growing.length === 0 ? `No growth trend: live heap within ${soak.allowedMbPerHour} MB/h and lag within ${soak.allowedLagPerMin} events/min over the settled half.` : `GROWING: ${growing.join('; ')}.`,
    ...(unexpected.length > 0 ? ['', `UNEXPECTED ANSWERS: ${unexpected.map(([key, count]) => `${key}: ${count}`).join('; ')}.`] : []),
    ...errors.map((error) => `\nERROR ${error}`),
    '',
    '## Samples',
    '',
    `| min | ${names.map((name) => `${name} RSS / heap / live heap / CPU`).join(' | ')} | ${groups.map((group) => `lag ${group}`).join(' | ')} |`,
    `|--:|${names.map(() => '--:').join('|')}|${groups.map(() => '--:').join('|')}|`,
    ...ticks.map((tick) => `| ${tick.atMin.toFixed(1)} | ${names.map((name) => `${fmt(tick.rssMb[name] ?? NaN)} MB / ${fmt(tick.heapMb[name] ?? NaN)} MB / ${fmt(tick.liveMb[name] ?? NaN)} MB / ${fmt(tick.cpuPercent[name] ?? NaN)} %`).join(' | ')} | ${groups.map((group) => fmt(tick.lag[group] ?? NaN)).join(' | ')} |`),
    '',
  ];
  writeFileSync(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'report.md'), lines.join('\n'));
  copyFileSync(path.join(outDir, 'report.json'), path.join(outputRoot, 'latest.json'));
  copyFileSync(path.join(outDir, 'report.md'), path.join(outputRoot, 'latest.md'));
  process.stdout.write(`${lines.join('\n')}\nJSON: ${path.join(outDir, 'report.json')}\nMarkdown: ${path.join(outDir, 'report.md')}\n`);
  for (const failure of cleanupFailures) process.stdout.write(`cleanup failed: ${failure}\n`);
  return errors.length > 0 || growing.length > 0 || unexpected.length > 0 || cleanupFailures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
