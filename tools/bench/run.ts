import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchConfig, Cleanup, ScenarioName, checkInfrastructure, loadBenchConfig, progress } from './context';
import { consumeScenario } from './consume';
import { httpScenario } from './http';
import { kpiRecomputeScenario } from './kpi-recompute';
import { MessagingBench, prepareMessagingBench } from './messaging-bench';
import { publishScenario } from './publish';
import { BASELINE_ROUNDS, Comparison, formatMarkdown, formatTable, nowMs } from './stats';

/**
 * `npm run bench`: Houqin's messaging path (and, last, its HTTP edge) against raw baselines measured
 * in the same run on the same machine. Figures are reported as ratios Houqin/baseline; nothing
 * passes or fails on a number — the exit code is non-zero only when the benchmark itself broke.
 *
 *   BENCH_EVENTS=5000 BENCH_REQUESTS=500 BENCH_SCENARIOS=publish,consume,http,kpis npm run bench
 *   BENCH_KPI_EVENTS=20000 (a year of a 50-vendor agency replayed into KPIs; kpi-recompute.ts)
 *
 * Needs PostgreSQL (TEST_POSTGRES_URL, default 127.0.0.1:5432) and Kafka (KAFKA_BROKERS, default
 * 127.0.0.1:9092: bash tools/kafka/kafka-local.sh start). Everything it creates — databases,
 * topics, consumer groups — is removed at the end. Results: stdout table + .cache/bench/latest.json.
 */

const REPO_ROOT = path.resolve(__dirname, '../../..');

interface BenchReport {
  startedAt: string;
  durationMs: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; platform: string; node: string };
  config: Omit<BenchConfig, 'scenarios' | 'internalTokenSecret'> & { scenarios: ScenarioName[] };
  results: Comparison[];
  errors: string[];
  cleanupFailures: string[];
}

async function main(): Promise<number> {
  const started = nowMs();
  const startedAt = new Date().toISOString();
  const config = loadBenchConfig(process.env);
  const cleanup = new Cleanup();
  const results: Comparison[] = [];
  const errors: string[] = [];

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

  const wantsMessaging = config.scenarios.has('publish') || config.scenarios.has('consume');
  progress(`events=${config.events} (warm-up ${config.warmupEvents}), requests=${config.requests} (warm-up ${config.warmupRequests}), scenarios=${[...config.scenarios].join(',')}`);
  try {
    await checkInfrastructure(config, wantsMessaging);
    let bench: MessagingBench | undefined;
    if (wantsMessaging) bench = await prepareMessagingBench(config, cleanup);
    const steps: Array<[ScenarioName, () => Promise<Comparison[]>]> = [
      ['publish', () => publishScenario(bench!)],
      ['consume', () => consumeScenario(bench!)],
      ['http', () => httpScenario(config, cleanup)],
      ['kpis', () => kpiRecomputeScenario(config, cleanup)],
    ];
    for (const [name, step] of steps) {
      if (!config.scenarios.has(name)) continue;
      const stepStarted = nowMs();
      try {
        results.push(...(await step()));
        progress(`${name}: done in ${((nowMs() - stepStarted) / 1000).toFixed(1)} s`);
      } catch (error) {
        errors.push(`${name}: ${(error as Error).stack ?? String(error)}`);
        progress(`${name}: FAILED: ${(error as Error).message}`);
        // Consuming needs what publishing produced; the HTTP scenario stands on its own.
        if (name === 'publish' && config.scenarios.has('consume')) {
          errors.push('consume: skipped because publish failed');
          config.scenarios.delete('consume');
        }
      }
    }
  } catch (error) {
    errors.push((error as Error).stack ?? String(error));
  }

  progress('cleaning up');
  const cleanupFailures = await cleanup.run();
  clearTimeout(watchdog);

  const report: BenchReport = {
    startedAt,
    durationMs: nowMs() - started,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
    },
    config: reportedConfig(config),
    results,
    errors,
    cleanupFailures,
  };
  const outputDir = path.join(REPO_ROOT, '.cache', 'bench');
  mkdirSync(outputDir, { recursive: true });
  const outputFile = path.join(outputDir, 'latest.json');
  writeFileSync(outputFile, `${JSON.stringify(report, null, 2)}\n`);

  const out = process.stdout;
  out.write('\n');
  out.write(`Houqin benchmark — ${report.machine.cpus} CPUs, ${report.machine.node}, ${(report.durationMs / 1000).toFixed(1)} s, ${startedAt}\n`);
  out.write('houqin/baseline: 1.00× = as fast as the baseline; < 1 for a rate or > 1 for a latency means slower.\n');
  out.write('slowdown: how many times slower Houqin is than the baseline (rates and latencies alike).\n');
  out.write(`*: median of ${BASELINE_ROUNDS} rounds (fast baselines only; every round is in the JSON).\n\n`);
  if (results.length > 0) out.write(`${formatTable(results)}\n\n`);
  if (process.env['BENCH_MARKDOWN']) out.write(`${formatMarkdown(results)}\n\n`);
  out.write(`JSON: ${path.relative(process.cwd(), outputFile) || outputFile}\n`);
  for (const failure of cleanupFailures) out.write(`cleanup failed: ${failure}\n`);
  for (const error of errors) process.stderr.write(`\nERROR ${error}\n`);
  return errors.length > 0 || cleanupFailures.length > 0 ? 1 : 0;
}

function reportedConfig(config: BenchConfig): BenchReport['config'] {
  const { scenarios, internalTokenSecret: _secret, ...rest } = config;
  return { ...rest, scenarios: [...scenarios] };
}

main().then(
  // Exit explicitly: metrics timers and client sockets of the services must not keep the run alive.
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
