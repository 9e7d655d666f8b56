import { PerformanceEntry, PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The V8 heap in use right after the last full (mark-sweep-compact) collection: what survives it is
 * live, so this rising over hours is a leak, where the heap in use or the RSS also hold garbage not
 * yet collected (an idle process collects its old generation rarely, and both creep meanwhile).
 * One observer per process, whichever services share it.
 */
let heapAfterMajorCollection: number | undefined;
let collectionObserver: PerformanceObserver | undefined;

export function heapUsedAfterMajorCollection(): number | undefined {
  return heapAfterMajorCollection;
}

/** The figure after these collections: the heap in use now if one of them was full, else the one before. */
export function afterCollections(entries: readonly PerformanceEntry[], before: number | undefined, heapInUse: () => number): number | undefined {
  const full = entries.some((entry) => (entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
  return full ? heapInUse() : before;
}

function observeMajorCollections(): void {
  if (collectionObserver) return;
  collectionObserver = new PerformanceObserver((list) => {
    heapAfterMajorCollection = afterCollections(list.getEntries(), heapAfterMajorCollection, () => getHeapStatistics().used_heap_size);
  });
  collectionObserver.observe({ entryTypes: ['gc'] });
}

/**
 * One Prometheus registry per service. In the single-process mode several services share the
 * process, so each keeps its own registry (and its own /metrics) labelled with its name.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly eventsPublished: Counter<'topic'>;
  readonly eventsConsumed: Counter<'type' | 'outcome'>;
  readonly handlerFailures: Counter<'type'>;
  readonly deadLettered: Counter<'topic' | 'reason'>;
  readonly outboxBacklog: Gauge;
  readonly consumerLag: Gauge<'topic' | 'partition'>;
  readonly consumerUp: Gauge;
  readonly heapAfterMajorCollection: Gauge;

  private readonly collectors: Array<() => Promise<void>> = [];

  constructor(readonly service: string, options: { defaultMetrics?: boolean; messaging?: boolean } = {}) {
    this.registry.setDefaultLabels({ service });
    // A process without outbox and consumer (the gateway) does not export their metrics at all.
    const messaging = (options.messaging ?? true) ? [this.registry] : [];
    const processMetrics = options.defaultMetrics ?? true;
    if (processMetrics) {
      collectDefaultMetrics({ register: this.registry });
      observeMajorCollections();
    }
    this.heapAfterMajorCollection = new Gauge({
      name: 'houqin_heap_used_after_major_gc_bytes',
      help: 'V8 heap in use right after the last full collection (0 until the first): its rise over hours is a leak',
      registers: processMetrics ? [this.registry] : [],
      collect() {
        this.set(heapUsedAfterMajorCollection() ?? 0);
      },
    });
    this.httpDuration = new Histogram({
      name: 'houqin_http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.eventsPublished = new Counter({
      name: 'houqin_events_published_total',
      help: 'Events the outbox relay handed to the transport',
      labelNames: ['topic'],
      registers: messaging,
    });
    this.eventsConsumed = new Counter({
      name: 'houqin_events_consumed_total',
      help: 'Events consumed, by outcome (processed, duplicate, ignored, dead-lettered)',
      labelNames: ['type', 'outcome'],
      registers: messaging,
    });
    this.handlerFailures = new Counter({
      name: 'houqin_event_handler_failures_total',
      help: 'Failed attempts of event handlers (each retry counts)',
      labelNames: ['type'],
      registers: messaging,
    });
    this.deadLettered = new Counter({
      name: 'houqin_dlq_events_total',
      help: 'Events sent to a dead-letter topic',
      labelNames: ['topic', 'reason'],
      registers: messaging,
    });
    this.outboxBacklog = new Gauge({
      name: 'houqin_outbox_backlog',
      help: 'Outbox events committed but not yet published',
      registers: messaging,
    });
    this.consumerLag = new Gauge({
      name: 'houqin_consumer_lag',
      help: 'Messages between the committed offset of this service\'s consumer group and the end of each partition',
      labelNames: ['topic', 'partition'],
      registers: messaging,
    });
    this.consumerUp = new Gauge({
      name: 'houqin_consumer_up',
      help: '1 while the event consumer is running, 0 when stopped or crashed',
      registers: messaging,
    });
  }

  /** Registers work to refresh gauges (backlog, lag) right before a scrape. */
  onScrape(collector: () => Promise<void>): void {
    this.collectors.push(collector);
  }

  async render(): Promise<string> {
    await Promise.allSettled(this.collectors.map((collect) => collect()));
    return this.registry.metrics();
  }
}
