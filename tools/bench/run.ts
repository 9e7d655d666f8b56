import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { BenchConfig, Cleanup, checkInfrastructure, loadBenchConfig, progress } from './context';
import { consumeScenario } from './consume';
import { kpiRecomputeScenario } from './kpi-recompute';
import { MessagingBench, prepareMessagingBench } from './messaging-bench';
import { platformBench } from './platform-bench';
import { repoRoot } from './processes';
import { publishScenario } from './publish';
import { platformFigures, reportMarkdown } from './report';
import { Comparison, formatMarkdown, formatTable, nowMs } from './stats';
import { figuresMarkdown, issue15Targets, targetsMarkdown } from './targets';

/**
 * `npm run bench`: the platform as deployed (each service and the gateway its own process, Kafka,
 * Redis, logging at info into files) against raw baselines measured in the same run on the same
 * machine, judged against the targets of issue 15. Nothing passes or fails on a number: the exit
 * code is non-zero only when the benchmark itself broke. docs/benchmarks.md says what each figure means.
 *
 *   BENCH_SCENARIOS=commands,projection,drain,lunch,dispatch,start (default; also publish, consume, kpis)
 *   BENCH_CLIENTS=16 BENCH_WINDOW_MS=10000 BENCH_BURST_EVENTS=10000 BENCH_LATENCY_EVENTS=200
 *   npm run bench -- --profile      (node --cpu-prof of every process, into the run's folder)
 *
 * Runs from whichever build holds it (dist/ for npm run bench, or a build of one's own such as
 * .cache/dist-bench/) and starts the apps of that same build. Results: .cache/bench/<time>/
 * (report.json, report.md, logs/, profiles/) and .cache/bench/latest.{json,md}.
 */

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

async function machine(config: BenchConfig): Promise<Record<string, string | number>> {
  const cpus = os.cpus();
  let postgres = 'unknown';
  const client = new Client({ connectionString: config.postgresUrl });
  try {
    await client.connect();
    const result = await client.query<{ version: string; fsync: string }>(`SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync`);
    postgres = `${result.rows[0]!.version} (fsync ${result.rows[0]!.fsync})`;
  } catch {
    // reported as unknown
  } finally {
    await client.end().catch(() => undefined);
  }
  const command = (file: string, args: string[]) => spawnSync(file, args, { encoding: 'utf8' }).stdout?.trim() ?? '';
  // The broker's version from its command line: tools/kafka keeps it in .cache/kafka/<version>/, a tarball install in kafka_<scala>-<version>/.
  const broker = /kafka\/(\d+\.\d+\.\d+)\/libs|kafka_[\d.]+-(\d+\.\d+\.\d+)/.exec(command('ps', ['-eo', 'args', '--width', '100000']));
  const kafka = broker?.[1] ?? broker?.[2] ?? 'unknown';
  const redis = /v=([\d.]+)/.exec(command('redis-server', ['--version']))?.[1] ?? 'unknown';
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres,
    kafka,
    redis,
  };
}

async function main(): Promise<number> {
  const started = nowMs();
  const startedAt = new Date().toISOString();
  const config = loadBenchConfig(process.env, process.argv.slice(2));
  const cleanup = new Cleanup();
  const legacy: Comparison[] = [];
  const errors: string[] = [];
  const loadAtStart = loadAverage();
  const outputRoot = path.join(repoRoot(), '.cache', 'bench');
  const outDir = path.join(outputRoot, startedAt.replace(/[:.]/g, '-'));
  mkdirSync(path.join(outDir, 'logs'), { recursive: true });
  if (config.profile) mkdirSync(path.join(outDir, 'profiles'), { recursive: true });

  const abort = (reason: string) => {
    progress(`${reason}: cleaning up`);
    const forceExit = setTimeout(() => process.exit(1), 30_000);
    forceExit.unref();
    void cleanup.run().finally(() => process.exit(1));
  };
  process.once('SIGINT', () => abort('interrupted'));
  process.once('SIGTERM', () => abort('terminated'));
  const watchdog = setTimeout(() => abort(`the run exceeded BENCH_TIMEOUT_MS=${config.timeoutMs}`), config.timeoutMs);
  watchdog.unref();

  const scenarios = config.scenarios;
  progress(`scenarios=${[...scenarios].join(',')}, ${config.httpConcurrency} clients, windows of ${config.windowMs} ms, burst of ${config.burstEvents}, load average ${loadAtStart}, output ${outDir}`);
  const info = await machine(config);
  let platform: Awaited<ReturnType<typeof platformBench>> = {};
  try {
    const wantsKafka = ['commands', 'projection', 'drain', 'lunch', 'dispatch', 'publish', 'consume'].some((name) => scenarios.has(name as never));
    await checkInfrastructure(config, wantsKafka);
    platform = await platformBench(config, cleanup, outDir, scenarios as Set<string>, errors);

    // The messaging library's own scenarios and the KPI replay (in this process, topics of their own).
    let bench: MessagingBench | undefined;
    if (scenarios.has('publish') || scenarios.has('consume')) bench = await prepareMessagingBench(config, cleanup);
    const steps: Array<['publish' | 'consume' | 'kpis', () => Promise<Comparison[]>]> = [
      ['publish', () => publishScenario(bench!)],
      ['consume', () => consumeScenario(bench!)],
      ['kpis', () => kpiRecomputeScenario(config, cleanup)],
    ];
    for (const [name, step] of steps) {
      if (!scenarios.has(name)) continue;
      const stepStarted = nowMs();
      try {
        legacy.push(...(await step()));
        progress(`${name}: done in ${((nowMs() - stepStarted) / 1000).toFixed(1)} s`);
      } catch (error) {
        errors.push(`${name}: ${(error as Error).stack ?? String(error)}`);
        progress(`${name}: FAILED: ${(error as Error).message}`);
      }
    }
  } catch (error) {
    errors.push((error as Error).stack ?? String(error));
  }

  progress('cleaning up');
  const cleanupFailures = await cleanup.run();
  clearTimeout(watchdog);

  const { figures, run } = platformFigures(platform);
  const targets = issue15Targets(run, scenarios as Set<string>);
  const loadAtEnd = loadAverage();
  const durationMs = nowMs() - started;
  const logging = `LOG_LEVEL=${config.logLevel}, each process writing to its own file in ${path.relative(repoRoot(), path.join(outDir, 'logs'))}`;
  const { scenarios: _scenarios, internalTokenSecret: _secret, ...reported } = config;
  const report = {
    startedAt,
    durationMs,
    machine: info,
    loadAverage: { atStart: loadAtStart, atEnd: loadAtEnd, note: '1 / 5 / 15-minute load averages (os.loadavg)' },
    logging,
    config: { ...reported, scenarios: [...scenarios] },
    targets,
    figures,
    platform,
    messaging: legacy,
    errors,
    cleanupFailures,
  };
  const markdown =
    reportMarkdown(
      {
        startedAt,
        durationMs,
        machine: `${info['cpus']} × ${info['cpuModel']}, ${info['memoryGiB']} GiB, ${info['platform']}, Node ${info['node']}, PostgreSQL ${info['postgres']}, Kafka ${info['kafka']}, Redis ${info['redis']}`,
        load: `${loadAtStart} at the start, ${loadAtEnd} at the end (1 / 5 / 15 min)`,
        logging,
      },
      figures,
      targets,
      errors,
    ) + (legacy.length > 0 ? `\n## Messaging library and KPI replay (in the bench's process)\n\n${formatMarkdown(legacy)}\n` : '');
  writeFileSync(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'report.md'), markdown);
  copyFileSync(path.join(outDir, 'report.json'), path.join(outputRoot, 'latest.json'));
  copyFileSync(path.join(outDir, 'report.md'), path.join(outputRoot, 'latest.md'));

  const out = process.stdout;
  out.write(`\nHouqin benchmark — ${startedAt}, ${(durationMs / 1000).toFixed(0)} s, load average ${loadAtStart} → ${loadAtEnd}\n\n`);
  if (targets.length > 0) out.write(`${targetsMarkdown(targets)}\n\n`);
  if (figures.length > 0) out.write(`${figuresMarkdown(figures)}\n\n`);
  if (legacy.length > 0) out.write(`${formatTable(legacy)}\n\n`);
  out.write(`JSON: ${path.join(outDir, 'report.json')}\nMarkdown: ${path.join(outDir, 'report.md')}\n`);
  if (config.profile) out.write(`CPU profiles: ${path.join(outDir, 'profiles')} (open in Chrome DevTools or speedscope)\n`);
  for (const failure of cleanupFailures) out.write(`cleanup failed: ${failure}\n`);
  for (const error of errors) process.stderr.write(`\nERROR ${error}\n`);
  return errors.length > 0 || cleanupFailures.length > 0 ? 1 : 0;
}

main().then(
  // Exit explicitly: client sockets must not keep the run alive.
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
