import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { gatewayService } from '@houqin/gateway';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { startService } from '@houqin/service-kit';
import { TEST_ACCESS_TOKEN_SECRET, accessToken, createTestDatabase, internalToken, testCaller } from '@houqin/testing';
import { BenchConfig, Cleanup, progress, withTimeout } from './context';
import type { LoadJob, LoadResult } from './http-load';
import { BASELINE_ROUNDS, Comparison, compare, medianBy, perSecond, summarize } from './stats';

const REPORT_REPAIR = {
  location: { building: 'Main Building', floor: '3', room: '301' },
  description: 'The air conditioner in room 301 leaks water onto the floor.',
  priority: 'normal',
  assetCode: 'AC-0042',
};

const CLIENT_WARMUP_REQUESTS = 1000;

interface TargetRun {
  label: string;
  requestsPerSecond: number;
  roundsRequestsPerSecond?: number[];
  latency: ReturnType<typeof summarize>;
  elapsedMs: number;
}

/**
 * Scenario 3, HTTP: POST /repair-requests with `httpConcurrency` concurrent clients (fetch, in a
 * worker thread). Baseline: a bare node:http server that parses the JSON body and answers 201
 * with the body maintenance answers. Houqin: the maintenance service started with startService
 * (in-process transport, so no Kafka in the way: validation, internal-token auth, one transaction
 * with the row and its outbox event, the relay), directly and through the gateway (access token
 * verified, internal token issued, one more HTTP hop).
 */
export async function httpScenario(config: BenchConfig, cleanup: Cleanup): Promise<Comparison[]> {
  const scenario = `http POST, ${config.httpConcurrency} clients`;
  const database = await createTestDatabase('bench_http');
  cleanup.push(`drop database ${database.url}`, () => database.drop());
  const common = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: config.logLevel, INTERNAL_TOKEN_SECRET: config.internalTokenSecret };

  const broker = new InProcessBroker();
  const maintenance = await startService(maintenanceService, { env: { ...common, MESSAGING_TRANSPORT: 'in-process', DATABASE_URL: database.url }, broker });
  cleanup.push('shut down maintenance', () => maintenance.shutdown());
  const unused = 'http://127.0.0.1:9';
  const gatewayDatabase = await createTestDatabase('bench_gateway');
  cleanup.push(`drop database ${gatewayDatabase.url}`, () => gatewayDatabase.drop());
  const gateway = await startService(gatewayService, {
    broker,
    env: {
      ...common,
      MESSAGING_TRANSPORT: 'in-process',
      DATABASE_URL: gatewayDatabase.url,
      ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
      WEBHOOK_SECRET_KEY: 'bench-webhook-secret-key-0123456789abcdef',
      MAINTENANCE_URL: maintenance.url,
      PROCUREMENT_URL: unused,
      CATERING_URL: unused,
      TRANSPORT_URL: unused,
      EVALUATION_URL: unused,
      // One benchmark client is one user: the per-user limit (default 600/min) would throttle the run.
      // The limiter still runs (in memory: no REDIS_URL), it just never refuses.
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_BURST: '1000000',
    },
  });
  cleanup.push('shut down gateway', () => gateway.shutdown());

  const body = JSON.stringify(REPORT_REPAIR);
  const caller = testCaller({ roles: ['staff'] });
  const serviceHeaders = { 'content-type': 'application/json', authorization: `Bearer ${internalToken(caller)}` };
  const gatewayHeaders = { 'content-type': 'application/json', authorization: `Bearer ${accessToken(caller)}` };

  // What maintenance answers is what the bare server answers, byte for byte in size.
  const sample = await fetch(`${maintenance.url}/repair-requests`, { method: 'POST', headers: serviceHeaders, body });
  const sampleBody = await sample.text();
  if (sample.status !== 201) throw new Error(`maintenance refused the benchmark request: ${sample.status} ${sampleBody.slice(0, 500)}`);

  const bare = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        response.writeHead(400).end();
        return;
      }
      response.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(sampleBody) });
      response.end(sampleBody);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  cleanup.push('close the bare HTTP server', () => new Promise<void>((resolve) => bare.close(() => resolve())));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

  const client = new LoadClient();
  cleanup.push('stop the load worker', () => client.close());
  const job = (url: string, headers: Record<string, string>): LoadJob => ({
    url,
    method: 'POST',
    headers,
    body,
    expectStatus: 201,
    concurrency: config.httpConcurrency,
    warmup: config.warmupRequests,
    requests: config.requests,
  });
  // The client's own warm-up (JIT, undici, connections), against the cheapest server.
  const clientWarmup = await client.run({ ...job(`${bareUrl}/repair-requests`, serviceHeaders), warmup: 0, requests: CLIENT_WARMUP_REQUESTS });
  if (clientWarmup.failures > 0) throw new Error(`client warm-up failed: ${clientWarmup.firstFailure}`);

  const measure = async (label: string, url: string, headers: Record<string, string>, rounds = 1): Promise<TargetRun> => {
    progress(`http: ${label}, ${config.httpConcurrency} clients, warm-up ${config.warmupRequests} + ${rounds > 1 ? `${rounds} × ` : ''}${config.requests} requests`);
    const runs: TargetRun[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const result = await client.run({ ...job(url, headers), ...(round > 0 ? { warmup: 0 } : {}) });
      if (result.failures > 0) throw new Error(`${label}: ${result.failures} failed requests; first: ${result.firstFailure}`);
      runs.push({ label, requestsPerSecond: perSecond(result.latencies.length, result.elapsedMs), latency: summarize(result.latencies), elapsedMs: result.elapsedMs });
    }
    const chosen = medianBy(runs, (run) => run.requestsPerSecond);
    return rounds > 1 ? { ...chosen, roundsRequestsPerSecond: runs.map((run) => run.requestsPerSecond) } : chosen;
  };

  const baseline = await measure('bare node:http', `${bareUrl}/repair-requests`, serviceHeaders, BASELINE_ROUNDS);
  const direct = await measure('maintenance (direct)', `${maintenance.url}/repair-requests`, serviceHeaders);
  const viaGateway = await measure('gateway → maintenance', `${gateway.url}/api/v1/maintenance/repair-requests`, gatewayHeaders);

  const detail = { requests: config.requests, warmup: config.warmupRequests, concurrency: config.httpConcurrency, runs: [baseline, direct, viaGateway] };
  const rows: Comparison[] = [];
  const throughput = (base: TargetRun, baseLabel: string, target: TargetRun, label: string) =>
    compare({ scenario, measure: 'throughput', unit: 'requests/s', higherIsBetter: true, baselineLabel: baseLabel, baseline: base.requestsPerSecond, houqinLabel: label, houqin: target.requestsPerSecond, detail });
  rows.push(throughput(baseline, 'bare node:http*', direct, 'maintenance direct'));
  rows.push(throughput(baseline, 'bare node:http*', viaGateway, 'gateway → maintenance'));
  rows.push(throughput(direct, 'maintenance direct', viaGateway, 'gateway → maintenance'));
  for (const [target, label] of [
    [direct, 'maintenance direct'],
    [viaGateway, 'gateway → maintenance'],
  ] as const) {
    for (const percentile of ['p50', 'p95'] as const) {
      rows.push(
        compare({
          scenario,
          measure: `latency ${percentile}`,
          unit: 'ms',
          higherIsBetter: false,
          baselineLabel: 'bare node:http*',
          baseline: baseline.latency[percentile],
          houqinLabel: label,
          houqin: target.latency[percentile],
          detail,
        }),
      );
    }
  }

  await client.close();
  await gateway.shutdown();
  await maintenance.shutdown();
  return rows;
}

/** The load generator's worker thread (http-load.ts), one job at a time. */
class LoadClient {
  private readonly worker = new Worker(path.join(__dirname, 'http-load.js'));

  run(job: LoadJob): Promise<LoadResult> {
    const result = new Promise<LoadResult>((resolve, reject) => {
      const settle = () => {
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
        this.worker.off('exit', onExit);
      };
      const onMessage = (message: LoadResult) => {
        settle();
        resolve(message);
      };
      const onError = (error: Error) => {
        settle();
        reject(error);
      };
      const onExit = (code: number) => {
        settle();
        reject(new Error(`the load worker exited with code ${code} before reporting`));
      };
      this.worker.on('message', onMessage);
      this.worker.on('error', onError);
      this.worker.on('exit', onExit);
      this.worker.postMessage(job);
    });
    return withTimeout(result, 120_000, `the HTTP load on ${job.url}`);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
