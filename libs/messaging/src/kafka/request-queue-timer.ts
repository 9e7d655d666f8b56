/**
 * kafkajs 2.2.4 (its last release) re-arms a timer on every broker connection after each answer, even
 * with nothing queued and no throttling: `setTimeout(check, throttledUntil - now)` with a negative delay
 * fires after 1 ms and re-arms itself, so every connection wakes its process about a thousand times a
 * second for as long as it is open (tulios/kafkajs#1556, fix proposed in #1667, never released). Idle
 * services burnt a few percent of a core each on it. The fix here arms the timer only when a request is
 * waiting or the broker asked the client to throttle: `push` and every answer, timeout or throttle end
 * check the queue themselves, so nothing waits on the timer otherwise.
 */

interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs' own interval for a queued request when no throttle applies. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

export function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId) return;
  const throttledForMs = this.throttledUntil - Date.now();
  if (this.pending.length === 0 && throttledForMs <= 0) return;
  const delayMs = throttledForMs > 0 ? throttledForMs : CHECK_PENDING_REQUESTS_INTERVAL_MS;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delayMs);
}

let applied = false;

/** Replaces kafkajs' RequestQueue#scheduleCheckPendingRequests (the module kafkajs itself loads); idempotent. */
export function fixKafkajsRequestQueueTimer(): void {
  if (applied) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  applied = true;
}
