import { Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { EventCatalog } from '@houqin/contracts';
import { EventHandlerFn } from './inbox/event-dispatcher';

export type ConsumerState = 'idle' | 'starting' | 'running' | 'rebalancing' | 'paused' | 'stopped' | 'crashed';

/** The consumer's state as health checks and metrics see it. */
export interface ConsumerStatus {
  state: ConsumerState;
  /** Milliseconds spent in the current state. */
  stateForMs: number;
  detail?: string;
  subscribedTopics: string[];
  inFlight: number;
}

/**
 * Common ground of Houqin's transport strategies: handlers are ordinary `@EventPattern(<event type>)`
 * methods; patterns must name event types of the catalog, so a typo fails at start, not silently.
 */
export abstract class HouqinEventServer extends Server {
  protected consumerState: ConsumerState = 'idle';
  protected stateSince = Date.now();
  protected consumerDetail?: string;
  protected inFlight = 0;
  private readonly idleWaiters: Array<() => void> = [];

  protected constructor(protected readonly catalog: EventCatalog) {
    super();
  }

  abstract get subscribedTopics(): string[];

  consumerStatus(): ConsumerStatus {
    return { state: this.consumerState, stateForMs: Date.now() - this.stateSince, detail: this.consumerDetail, subscribedTopics: this.subscribedTopics, inFlight: this.inFlight };
  }

  /** Event types with a handler in this service. */
  protected handledTypes(): string[] {
    const types = [...this.messageHandlers.keys()];
    for (const type of types) {
      if (!this.catalog.find(type)) throw new Error(`@EventPattern('${type}') names no event type of the catalog`);
    }
    return types;
  }

  protected topicsToSubscribe(): string[] {
    return [...new Set(this.handledTypes().map((type) => this.catalog.get(type).topic))].sort();
  }

  protected resolveHandler = (type: string): EventHandlerFn | undefined => {
    const handler = this.getHandlerByPattern(type);
    if (!handler) return undefined;
    return async (envelope, context) => {
      const result: unknown = await handler(envelope, context);
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    };
  };

  protected async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Resolves when no handler is running (or the timeout passes). */
  protected async drained(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  // Houqin's servers expose no event emitter of their own; consumerStatus() reports state instead.
  on(): void {
    throw new Error('not supported: use consumerStatus()');
  }
}
