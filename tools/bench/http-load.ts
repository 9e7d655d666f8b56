import { parentPort } from 'node:worker_threads';
import { nowMs } from './stats';

/**
 * The HTTP load generator, run in a worker thread so that the client's own work (fetch, undici)
 * does not share an event loop with the bench's bookkeeping. Two shapes of load:
 *
 * - closed loop (`concurrency` clients, each sending its next request when the previous answered),
 *   for `durationMs` (a window measured by time) or for `requests` requests;
 * - open loop (`ratePerSecond`): requests are sent on a fixed schedule whatever the answers, and
 *   each latency is taken from the request's scheduled time, so a stalled server is charged for the
 *   requests that queued behind the stall (no coordinated omission).
 */
export interface LoadJob {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  expectStatus: number;
  /** Closed loop: clients sending one request at a time. */
  concurrency: number;
  /** Unmeasured requests first (closed loop, `concurrency` clients). */
  warmup: number;
  /** Closed loop by count, when `durationMs` is not given. */
  requests?: number;
  /** Closed loop by time: the measured window. */
  durationMs?: number;
  /** Open loop: requests per second, sent on schedule for `durationMs`. */
  ratePerSecond?: number;
}

export interface LoadResult {
  elapsedMs: number;
  latencies: number[];
  failures: number;
  firstFailure?: string;
  /** Open loop: the rate that was asked for. */
  scheduledPerSecond?: number;
}

interface Tally {
  latencies: number[];
  failures: number;
  firstFailure?: string;
}

async function send(job: LoadJob, since: number, tally: Tally): Promise<void> {
  try {
    const response = await fetch(job.url, { method: job.method, headers: job.headers, body: job.body });
    const text = await response.text();
    if (response.status === job.expectStatus) tally.latencies.push(nowMs() - since);
    else {
      tally.failures += 1;
      tally.firstFailure ??= `HTTP ${response.status}: ${text.slice(0, 300)}`;
    }
  } catch (error) {
    tally.failures += 1;
    tally.firstFailure ??= (error as Error).message;
  }
}

function result(tally: Tally, elapsedMs: number): LoadResult {
  return { elapsedMs, latencies: tally.latencies, failures: tally.failures, ...(tally.firstFailure ? { firstFailure: tally.firstFailure } : {}) };
}

/** Closed loop: until `count` requests were sent, or until `durationMs` has passed (requests in flight then still count). */
export async function closedLoop(job: LoadJob, limit: { count?: number; durationMs?: number }): Promise<LoadResult> {
  const tally: Tally = { latencies: [], failures: 0 };
  let issued = 0;
  const started = nowMs();
  const deadline = limit.durationMs === undefined ? Infinity : started + limit.durationMs;
  const more = () => (limit.count === undefined ? true : issued < limit.count) && nowMs() < deadline;
  const client = async () => {
    while (more()) {
      issued += 1;
      await send(job, nowMs(), tally);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, client));
  return result(tally, nowMs() - started);
}

/** Open loop: one request every 1/rate seconds for `durationMs`; waits for the stragglers. */
export async function openLoop(job: LoadJob, ratePerSecond: number, durationMs: number): Promise<LoadResult> {
  const tally: Tally = { latencies: [], failures: 0 };
  const interval = 1000 / ratePerSecond;
  const total = Math.max(1, Math.floor((durationMs / 1000) * ratePerSecond));
  const inFlight: Array<Promise<void>> = [];
  const started = nowMs();
  for (let index = 0; index < total; index += 1) {
    const scheduled = started + index * interval;
    const wait = scheduled - nowMs();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(job, scheduled, tally));
  }
  await Promise.all(inFlight);
  return { ...result(tally, nowMs() - started), scheduledPerSecond: ratePerSecond };
}

async function runJob(job: LoadJob): Promise<LoadResult> {
  if (job.warmup > 0) {
    const warm = await closedLoop(job, { count: job.warmup });
    if (warm.failures > 0) return { ...warm, latencies: [] };
  }
  if (job.ratePerSecond !== undefined) return openLoop(job, job.ratePerSecond, job.durationMs ?? 10_000);
  return closedLoop(job, { ...(job.requests !== undefined ? { count: job.requests } : {}), ...(job.durationMs !== undefined ? { durationMs: job.durationMs } : {}) });
}

// One worker serves every job of a run, so the client's code is warm (JIT, undici) for all targets.
parentPort?.on('message', (job: LoadJob) => {
  runJob(job).then(
    (outcome) => parentPort!.postMessage(outcome),
    (error: unknown) => parentPort!.postMessage({ elapsedMs: 0, latencies: [], failures: 1, firstFailure: (error as Error).stack ?? String(error) } satisfies LoadResult),
  );
});
