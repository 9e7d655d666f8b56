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
  /** Statuses besides `expectStatus` that are answers, not failures (their latency counts), e.g. 409 for a refused dispatch. */
  acceptStatuses?: number[];
  /**
   * One request each, in order (closed loop only): the n-th request sent, warm-up included, takes
   * the n-th variant's url, headers and body in place of the job's; the run ends when they are
   * used up (or the window ends), so no variant is sent twice.
   */
  variants?: RequestVariant[];
}

export interface RequestVariant {
  url?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  elapsedMs: number;
  latencies: number[];
  failures: number;
  firstFailure?: string;
  /** Open loop: the rate that was asked for. */
  scheduledPerSecond?: number;
  /** Every answer by HTTP status, and `error` for a request that got none. */
  statuses: Record<string, number>;
  /** Requests sent, warm-up included (with `variants`: how many of them were used). */
  sent: number;
}

interface Tally {
  latencies: number[];
  failures: number;
  firstFailure?: string;
  statuses: Record<string, number>;
}

function newTally(): Tally {
  return { latencies: [], failures: 0, statuses: {} };
}

async function send(job: LoadJob, since: number, tally: Tally, variant?: RequestVariant): Promise<void> {
  try {
    const response = await fetch(variant?.url ?? job.url, { method: job.method, headers: variant?.headers ?? job.headers, body: variant?.body ?? job.body });
    const text = await response.text();
    tally.statuses[String(response.status)] = (tally.statuses[String(response.status)] ?? 0) + 1;
    if (response.status === job.expectStatus || job.acceptStatuses?.includes(response.status)) tally.latencies.push(nowMs() - since);
    else {
      tally.failures += 1;
      tally.firstFailure ??= `HTTP ${response.status}: ${text.slice(0, 300)}`;
    }
  } catch (error) {
    tally.statuses['error'] = (tally.statuses['error'] ?? 0) + 1;
    tally.failures += 1;
    tally.firstFailure ??= (error as Error).message;
  }
}

function result(tally: Tally, elapsedMs: number, sent: number): LoadResult {
  return { elapsedMs, latencies: tally.latencies, failures: tally.failures, ...(tally.firstFailure ? { firstFailure: tally.firstFailure } : {}), statuses: tally.statuses, sent };
}

/**
 * Closed loop: until `count` requests were sent, or until `durationMs` has passed (requests in
 * flight then still count). With variants, request n takes variant `offset + n`.
 */
export async function closedLoop(job: LoadJob, limit: { count?: number; durationMs?: number; offset?: number }): Promise<LoadResult> {
  const tally = newTally();
  const offset = limit.offset ?? 0;
  const count = job.variants ? Math.min(limit.count ?? Infinity, Math.max(0, job.variants.length - offset)) : limit.count;
  let issued = 0;
  const started = nowMs();
  const deadline = limit.durationMs === undefined ? Infinity : started + limit.durationMs;
  const more = () => (count === undefined ? true : issued < count) && nowMs() < deadline;
  const client = async () => {
    while (more()) {
      const index = offset + issued;
      issued += 1;
      await send(job, nowMs(), tally, job.variants?.[index]);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, client));
  return result(tally, nowMs() - started, issued);
}

/** Open loop: one request every 1/rate seconds for `durationMs`; waits for the stragglers. */
export async function openLoop(job: LoadJob, ratePerSecond: number, durationMs: number): Promise<LoadResult> {
  const tally = newTally();
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
  return { ...result(tally, nowMs() - started, total), scheduledPerSecond: ratePerSecond };
}

async function runJob(job: LoadJob): Promise<LoadResult> {
  let warmed = 0;
  if (job.warmup > 0) {
    const warm = await closedLoop(job, { count: job.warmup });
    if (warm.failures > 0) return { ...warm, latencies: [] };
    warmed = warm.sent;
  }
  if (job.ratePerSecond !== undefined) return openLoop(job, job.ratePerSecond, job.durationMs ?? 10_000);
  const measured = await closedLoop(job, {
    ...(job.requests !== undefined ? { count: job.requests } : {}),
    ...(job.durationMs !== undefined ? { durationMs: job.durationMs } : {}),
    offset: warmed,
  });
  return { ...measured, sent: warmed + measured.sent };
}

// One worker serves every job of a run, so the client's code is warm (JIT, undici) for all targets.
parentPort?.on('message', (job: LoadJob) => {
  runJob(job).then(
    (outcome) => parentPort!.postMessage(outcome),
    (error: unknown) => parentPort!.postMessage({ elapsedMs: 0, latencies: [], failures: 1, firstFailure: (error as Error).stack ?? String(error), statuses: {}, sent: 0 } satisfies LoadResult),
  );
});
