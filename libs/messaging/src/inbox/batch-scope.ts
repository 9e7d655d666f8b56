import { EntityManager } from 'typeorm';

type Flush = (manager: EntityManager) => Promise<void>;

/** What a batch had shared before one event's handlers ran: restored when that event is rolled back. */
export interface BatchScopeSnapshot {
  readonly values: ReadonlyMap<string, unknown>;
  readonly flushes: ReadonlyMap<string, Flush>;
}

/**
 * What the handlers of one inbox transaction share: the events of a batch are applied in one
 * transaction, so work that only needs doing once per batch — taking an agency's lock, extending its
 * audit chain, reading its webhook subscriptions — can be done once. A handler keeps what it learned
 * under a key (values are replaced, never mutated, so rolling back one event's savepoint restores the
 * scope as it was before that event) and registers writes to run once just before the commit.
 */
export class BatchScope {
  private values = new Map<string, unknown>();
  private flushes = new Map<string, Flush>();

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  set<T>(key: string, value: T): void {
    this.values.set(key, value);
  }

  /** Runs `flush` once, inside the transaction, after the batch's last event (see `flush` for the order); a second registration under the same key is ignored. */
  beforeCommit(key: string, flush: Flush): void {
    if (!this.flushes.has(key)) this.flushes.set(key, flush);
  }

  snapshot(): BatchScopeSnapshot {
    return { values: new Map(this.values), flushes: new Map(this.flushes) };
  }

  restore(snapshot: BatchScopeSnapshot): void {
    this.values = new Map(snapshot.values);
    this.flushes = new Map(snapshot.flushes);
  }

  /**
   * Runs the registered writes in the order of their keys, not of registration: batches applied at the
   * same time (other partitions, other replicas) that write for the same agencies then take those
   * agencies' locks in the same order, so they wait for each other instead of deadlocking.
   */
  async flush(manager: EntityManager): Promise<void> {
    const ordered = [...this.flushes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, flush] of ordered) await flush(manager);
    this.flushes.clear();
  }
}
