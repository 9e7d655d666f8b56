import { MessageHandler, Server } from '@nestjs/microservices';
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
  /** Every handler of an event type, in the order the modules registered them. */
  private readonly handlersByType = new Map<string, MessageHandler[]>();

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

  /**
   * Several handlers of one event type (the audit trail, KPIs and surveys all read
   * work-order.verified) share the event's inbox transaction, that is one database connection:
   * Nest would chain them to run at once, so each is kept apart here and they run one after the
   * other, the next only once the previous succeeded.
   */
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    if (!isEventHandler) return super.addHandler(pattern, callback, isEventHandler, extras);
    const type = this.normalizePattern(pattern as string);
    callback.isEventHandler = true;
    callback.extras = extras;
    const handlers = this.handlersByType.get(type) ?? [];
    handlers.push(callback);
    this.handlersByType.set(type, handlers);
    if (!this.messageHandlers.has(type)) this.messageHandlers.set(type, callback);
  }

  protected resolveHandler = (type: string): EventHandlerFn | undefined => {
    const handlers = this.handlersByType.get(this.normalizePattern(type));
    if (!handlers || handlers.length === 0) return undefined;
    return async (envelope, context) => {
      for (const handler of handlers) {
        const result: unknown = await handler(envelope, context);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      }
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
