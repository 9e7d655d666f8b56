/**
 * Load shedding per service (舱壁隔离): at most `maxConcurrent` forwarded requests in flight to a service
 * from this gateway, at most `maxQueued` more waiting for a slot, none waiting longer than
 * `queueTimeoutMs`. Beyond that a request is refused at once (503 with Retry-After) instead of joining a
 * queue it would time out in: under twice the load the service can take, the requests admitted keep a
 * bounded latency, the others learn within the queue deadline to come back, and when the load falls the
 * queue empties by itself — nothing to restart.
 */
export interface BulkheadOptions {
  maxConcurrent: number;
  maxQueued: number;
  queueTimeoutMs: number;
}

export type ShedReason = 'queue-full' | 'queue-timeout';

export type Admission = { admitted: true; waitedMs: number; release: () => void } | { admitted: false; reason: ShedReason; retryAfterMs: number };

interface Waiter {
  enqueuedAt: number;
  admit: (admission: Admission) => void;
  timer: NodeJS.Timeout;
}

export class Bulkhead {
  private inFlight = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    readonly service: string,
    private readonly options: BulkheadOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get active(): number {
    return this.inFlight;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** A slot, at once or after waiting at most the queue deadline (or `budgetMs`, the request's own deadline, if shorter). */
  acquire(budgetMs = Number.POSITIVE_INFINITY): Promise<Admission> | Admission {
    if (this.inFlight < this.options.maxConcurrent && this.queue.length === 0) return this.admit(0);
    if (this.queue.length >= this.options.maxQueued) return this.shed('queue-full');
    const waitMs = Math.max(0, Math.min(this.options.queueTimeoutMs, budgetMs));
    return new Promise<Admission>((resolve) => {
      const waiter: Waiter = {
        enqueuedAt: this.now(),
        admit: resolve,
        timer: setTimeout(() => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          resolve(this.shed('queue-timeout'));
        }, waitMs),
      };
      this.queue.push(waiter);
    });
  }

  private admit(waitedMs: number): Admission {
    this.inFlight += 1;
    let released = false;
    return {
      admitted: true,
      waitedMs,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        this.next();
      },
    };
  }

  /** A freed slot goes to the longest waiting request (first in, first out). */
  private next(): void {
    while (this.inFlight < this.options.maxConcurrent && this.queue.length > 0) {
      const waiter = this.queue.shift()!;
      clearTimeout(waiter.timer);
      waiter.admit(this.admit(this.now() - waiter.enqueuedAt));
    }
  }

  private shed(reason: ShedReason): Admission {
    // Come back once the queue has had time to turn over: at least a second (Retry-After counts seconds).
    return { admitted: false, reason, retryAfterMs: Math.max(1000, this.options.queueTimeoutMs) };
  }
}
