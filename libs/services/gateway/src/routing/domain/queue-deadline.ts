/** What a request may wait for a free slot unless UPSTREAM_QUEUE_TIMEOUT_MS says otherwise. */
export const DEFAULT_QUEUE_TIMEOUT_MS = 1_000;

/**
 * A request admitted from a service's queue is sent with what is left of UPSTREAM_TIMEOUT_MS: a queue
 * deadline close to that timeout calls the service with milliseconds to go, so it answers too late
 * (504, the command perhaps applied) and its circuit opens. At most half the upstream deadline may be
 * spent waiting for a slot: the default keeps to that by itself (1 s, or half a shorter upstream
 * deadline); a value set beyond it is refused.
 */
export function queueDeadline(configuredMs: number | undefined, upstreamTimeoutMs: number): { ms: number } | { problem: string } {
  const half = Math.floor(upstreamTimeoutMs / 2);
  if (configuredMs === undefined) return { ms: Math.min(DEFAULT_QUEUE_TIMEOUT_MS, half) };
  if (configuredMs <= half) return { ms: configuredMs };
  return { problem: `must be at most half of UPSTREAM_TIMEOUT_MS (${upstreamTimeoutMs} ms), so that a request admitted from the queue keeps time for the service to answer; it is ${configuredMs} ms` };
}
