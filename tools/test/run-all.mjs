#!/usr/bin/env node
// The whole test suite, as `npm test` runs it: starts the Kafka broker it needs (unless KAFKA_BROKERS
// points at one), checks PostgreSQL and Redis, then lint, typecheck, build, unit, integration,
// end-to-end and fault-injection tests. Stops what it started. Prints "N passed, N failed" last.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsDir = path.join(root, '.cache', 'test-results');
mkdirSync(resultsDir, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
const wanted = (step) => only.length === 0 || only.includes(step);

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  process.stdout.write(`=== ${label} ${result.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return result.status === 0;
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const needsInfrastructure = wanted('integration') || wanted('e2e') || wanted('fault');
let startedKafka = false;
const failures = [];
const counts = { passed: 0, failed: 0 };
// Each failed test by name, printed again at the very end: a CI log is often read from its tail only.
const failedTests = [];

/** The first line of a failure message, without colours, short enough to read in a log's tail. */
function firstLine(text) {
  const line = String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((candidate) => candidate.trim()) ?? '';
  return line.trim().slice(0, 240);
}

function jest(tier, extra = []) {
  const output = path.join(resultsDir, `${tier}.json`);
  const ok = run(`${tier} tests`, process.execPath, [path.join(root, 'node_modules/jest/bin/jest.js'), '--selectProjects', tier, '--json', `--outputFile=${output}`, ...extra]);
  if (existsSync(output)) {
    const report = JSON.parse(readFileSync(output, 'utf8'));
    counts.passed += report.numPassedTests;
    counts.failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    if (report.numTotalTests === 0) failures.push(`${tier}: no tests ran`);
    for (const suite of report.testResults ?? []) {
      const file = path.relative(root, suite.name);
      const failed = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
      for (const test of failed) failedTests.push(`${tier}  ${file} › ${test.fullName}\n      ${firstLine(test.failureMessages?.[0])}`);
      // A file that failed to run at all (it did not compile, or a hook threw) has no failed test of its own.
      if (failed.length === 0 && suite.status === 'failed') failedTests.push(`${tier}  ${file}: ${firstLine(suite.message) || 'did not run'}`);
    }
  }
  if (!ok) failures.push(`${tier} tests`);
}

try {
  if (needsInfrastructure) {
    if (!(await reachable('127.0.0.1', 5432)) && !process.env.TEST_POSTGRES_URL) throw new Error('PostgreSQL is not reachable on 127.0.0.1:5432 (set TEST_POSTGRES_URL to use another server)');
    if (!(await reachable('127.0.0.1', 6379)) && !process.env.TEST_REDIS_URL) throw new Error('Redis is not reachable on 127.0.0.1:6379 (set TEST_REDIS_URL to use another server)');
    if (!process.env.KAFKA_BROKERS) {
      process.env.KAFKA_BROKERS = `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;
      const alreadyRunning = await reachable('127.0.0.1', Number(process.env.KAFKA_PORT ?? 9092));
      // A broker already listening (this checkout's, or another checkout's on the same machine) is used as it is.
      if (alreadyRunning) process.stdout.write(`\n=== kafka: a broker already listens on ${process.env.KAFKA_BROKERS}; using it\n`);
      else if (!run('kafka', 'bash', [path.join(root, 'tools/kafka/kafka-local.sh'), 'start'])) throw new Error('could not start the local Kafka broker');
      startedKafka = !alreadyRunning;
    }
  }
  if (wanted('lint') && !run('lint', 'npm', ['run', '--silent', 'lint'])) failures.push('lint');
  if (wanted('typecheck') && !run('typecheck', 'npm', ['run', '--silent', 'typecheck'])) failures.push('typecheck');
  if ((wanted('e2e') || wanted('fault') || wanted('build')) && !run('build', 'npm', ['run', '--silent', 'build'])) failures.push('build');
  if (wanted('unit')) jest('unit');
  if (wanted('integration')) jest('integration', ['--runInBand']);
  if (wanted('e2e')) jest('e2e', ['--runInBand']);
  // Processes killed under load, then the reconciler (test/fault, docs/reliability.md).
  if (wanted('fault')) jest('fault', ['--runInBand']);
} catch (error) {
  failures.push(error.message);
} finally {
  if (startedKafka && !process.env.HOUQIN_KEEP_KAFKA) run('kafka stop', 'bash', [path.join(root, 'tools/kafka/kafka-local.sh'), 'stop']);
}

if (failedTests.length) process.stdout.write(`\nFailed tests:\n${failedTests.map((line) => `  ${line}`).join('\n')}\n`);
if (failures.length) process.stdout.write(`\nFailed: ${failures.join(', ')}\n`);
process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed\n`);
process.exit(failures.length ? 1 : 0);
