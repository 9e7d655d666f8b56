import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';

export interface IntervalSweepOptions {
  /** What the sweep does, as the logs name it (e.g. 'SLA clocks'). */
  name: string;
  /** How often a replica sweeps. */
  intervalMs: number;
}

/**
 * A durable timer: every intervalMs the replica runs `sweep()`, which claims the rows that fell due
 * (FOR UPDATE SKIP LOCKED, so replicas sweeping at once take different rows) and acts on them in
 * the claim's transaction. The timer never keeps the process alive, at most one sweep is in flight
 * per replica, and a failed sweep is logged and left to the next one. Shutdown stops the timer and
 * waits for the sweep in flight, before the database closes.
 */
export abstract class IntervalSweep<Result = unknown> implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;

  protected constructor(
    protected readonly logger: Logger,
    private readonly options: IntervalSweepOptions,
  ) {}

  /** One pass over what fell due. Public so that tests (and tools) can run one on demand. */
  abstract sweep(): Promise<Result>;

  onApplicationBootstrap(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /**
   * Claims batches until one comes back short of batchSize (nothing more is due) and returns
   * everything claimed. Each `claimBatch` call is expected to commit its own transaction.
   */
  protected async sweepInBatches<Item>(batchSize: number, claimBatch: () => Promise<readonly Item[]>): Promise<Item[]> {
    const claimed: Item[] = [];
    for (;;) {
      const batch = await claimBatch();
      claimed.push(...batch);
      if (batch.length < batchSize) return claimed;
    }
  }

  private tick(): void {
    this.inFlight ??= this.runOnce().finally(() => (this.inFlight = undefined));
  }

  private async runOnce(): Promise<void> {
    try {
      await this.sweep();
    } catch (error) {
      const { name } = this.options;
      this.logger.warn({ err: error, sweep: name }, `the ${name} sweep failed; the next sweep tries again`);
    }
  }
}
