import { parentPort } from 'node:worker_threads';
import { nowMs } from './stats';

/**
 * The HTTP load generator, run in a worker thread so that the client's own work (fetch, undici)
 * does not share an event loop with the servers under test. `concurrency` clients each send one
 * request at a time (closed loop) until `requests` have been sent, after `warmup` unmeasured ones.
 */
export interface LoadJob {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  expectStatus: number;
  concurrency: number;
  warmup: number;
  requests: number;
}

export interface LoadResult {
  elapsedMs: number;
  latencies: number[];
  failures: number;
  firstFailure?: string;
}

export async function load(job: LoadJob, count: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let issued = 0;
  const client = async () => {
    while (issued < count) {
      issued += 1;
      const started = nowMs();
      try {
        const response = await fetch(job.url, { method: job.method, headers: job.headers, body: job.body });
        const text = await response.text();
        if (response.status === job.expectStatus) latencies.push(nowMs() - started);
        else {
          failures += 1;
          firstFailure ??= `HTTP ${response.status}: ${text.slice(0, 300)}`;
        }
      } catch (error) {
        failures += 1;
        firstFailure ??= (error as Error).message;
      }
    }
  };
  const started = nowMs();
  await Promise.all(Array.from({ length: job.concurrency }, client));
  return { elapsedMs: nowMs() - started, latencies, failures, ...(firstFailure ? { firstFailure } : {}) };
}

async function runJob(job: LoadJob): Promise<LoadResult> {
  if (job.warmup > 0) {
    const warm = await load(job, job.warmup);
    if (warm.failures > 0) return { ...warm, latencies: [] };
  }
  return load(job, job.requests);
}

// One worker serves every job of a run, so the client's code is warm (JIT, undici) for all targets.
parentPort?.on('message', (job: LoadJob) => {
  runJob(job).then(
    (result) => parentPort!.postMessage(result),
    (error: unknown) => parentPort!.postMessage({ elapsedMs: 0, latencies: [], failures: 1, firstFailure: (error as Error).stack ?? String(error) } satisfies LoadResult),
  );
});
