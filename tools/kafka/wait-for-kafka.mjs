#!/usr/bin/env node
// Waits until a Kafka broker answers a kafkajs admin describeCluster, or times out.
//
// Usage: node tools/kafka/wait-for-kafka.mjs [--brokers 127.0.0.1:9092] [--timeout 90] [--warm] [--quiet]
//   --warm  once ready, also make the group coordinator (__consumer_offsets), the transaction
//           coordinator (__transaction_state) and the producer-id manager ready, so the first
//           consumer group / idempotent or transactional producer of a fresh broker does not log
//           transient "coordinator not available / loading" errors.
// Exit codes: 0 ready, 1 timed out / error, 3 kafkajs not installed (run `npm ci`).
//
// kafkajs is resolved from the repository's node_modules (tools/kafka/../../node_modules),
// so this works from any working directory without its own package.json.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(repoRoot, 'package.json'));

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i !== -1 && i + 1 < process.argv.length) return process.argv[i + 1];
  return fallback;
}

const brokers = arg('brokers', process.env.KAFKA_BROKERS || '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
const timeoutMs = Number(arg('timeout', process.env.KAFKA_WAIT_TIMEOUT || '90')) * 1000;
const quiet = process.argv.includes('--quiet');
const warm = process.argv.includes('--warm');

let kafkajs;
try {
  kafkajs = require('kafkajs');
} catch (err) {
  console.error(`wait-for-kafka: cannot load kafkajs from ${repoRoot}/node_modules (${err.code || err.message}); run npm ci`);
  process.exit(3);
}
const { Kafka, logLevel } = kafkajs;

const kafka = new Kafka({
  clientId: 'houqin-wait-for-kafka',
  brokers,
  logLevel: logLevel.NOTHING,
  connectionTimeout: 2000,
  requestTimeout: 5000,
  retry: { retries: 0 },
});

async function warmUp() {
  // Separate client with kafkajs' default retries: these calls retry while the coordinators load.
  // Each step is retried until it succeeds or the overall deadline passes: right after the
  // internal topics are created (or reloaded after a restart) the broker briefly answers
  // COORDINATOR_NOT_AVAILABLE / NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS.
  const client = new Kafka({ clientId: 'houqin-kafka-warmup', brokers, logLevel: logLevel.NOTHING });
  const t0 = Date.now();
  const steps = [
    // FindCoordinator + OffsetFetch for a group: creates __consumer_offsets on first use.
    ['group coordinator', async () => {
      const admin = client.admin();
      try {
        await admin.connect();
        await admin.fetchOffsets({ groupId: 'houqin-kafka-local-warmup' });
      } finally {
        await admin.disconnect().catch(() => {});
      }
    }],
    // An idempotent producer's connect runs InitProducerId (producer-id block from the controller).
    ['producer ids', async () => {
      const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 });
      try {
        await producer.connect();
      } finally {
        await producer.disconnect().catch(() => {});
      }
    }],
    // A transactional producer's connect finds the transaction coordinator (creates __transaction_state).
    ['transaction coordinator', async () => {
      const producer = client.producer({
        transactionalId: 'houqin-kafka-local-warmup',
        idempotent: true,
        maxInFlightRequests: 1,
      });
      try {
        await producer.connect();
      } finally {
        await producer.disconnect().catch(() => {});
      }
    }],
  ];
  for (const [name, step] of steps) {
    for (;;) {
      try {
        await step();
        break;
      } catch (err) {
        if (Date.now() >= deadline) {
          console.error(`wait-for-kafka: warm-up of ${name} failed (broker is up, continuing): ${err.message}`);
          return;
        }
        await sleep(500);
      }
    }
  }
  if (!quiet) console.log(`kafka warm: group + transaction coordinators and producer ids ready in ${Date.now() - t0}ms`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const deadline = Date.now() + timeoutMs;
let lastError = 'no attempt made';

while (Date.now() < deadline) {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    if (cluster.brokers.length > 0 && cluster.controller !== null && cluster.controller !== -1) {
      if (!quiet) {
        const list = cluster.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(',');
        console.log(`kafka ready: clusterId=${cluster.clusterId} controller=${cluster.controller} brokers=${list}`);
      }
      if (warm) await warmUp();
      process.exit(0);
    }
    lastError = `cluster not ready yet (brokers=${cluster.brokers.length}, controller=${cluster.controller})`;
  } catch (err) {
    lastError = err && err.message ? err.message : String(err);
    await admin.disconnect().catch(() => {});
  }
  await sleep(Math.min(1000, Math.max(0, deadline - Date.now())));
}

console.error(`wait-for-kafka: ${brokers.join(',')} not ready after ${timeoutMs / 1000}s: ${lastError}`);
process.exit(1);
