import { CustomTransportStrategy } from '@nestjs/microservices';
import { EventCatalog } from '@houqin/contracts';
import { ServiceMetrics } from '@houqin/observability';
import { HouqinEventServer } from '../event-server';
import { EventDispatcher, deadLetterHeaders } from '../inbox/event-dispatcher';
import { deadLetterTopic } from '../transport';
import { InProcessBroker } from './in-process-broker';

/** The same handlers, dispatcher, batches, inbox and dead-lettering as on Kafka, fed by the in-process broker. */
export class InProcessEventServer extends HouqinEventServer implements CustomTransportStrategy {
  private topics: string[] = [];
  private accepting = false;

  constructor(
    private readonly broker: InProcessBroker,
    private readonly consumerGroup: string,
    catalog: EventCatalog,
    private readonly dispatcher: EventDispatcher,
    private readonly metrics: ServiceMetrics,
    private readonly batchSize = 64,
  ) {
    super(catalog);
  }

  get subscribedTopics(): string[] {
    return this.topics;
  }

  listen(callback: (error?: unknown) => void): void {
    try {
      this.topics = this.topicsToSubscribe();
      this.accepting = true;
      if (this.topics.length > 0) {
        this.broker.subscribeBatches(this.consumerGroup, this.topics, (messages) =>
          this.track(async () => {
            for (let first = 0; first < messages.length; first += this.batchSize) {
              if (!this.accepting) throw new Error(`consumer ${this.consumerGroup} is shutting down`);
              const chunk = messages.slice(first, first + this.batchSize);
              const outcomes = await this.dispatcher.dispatchBatch(chunk, this.resolveHandler);
              for (const [index, outcome] of outcomes.entries()) {
                if (outcome.outcome !== 'dead-letter') continue;
                const { value, delivery } = chunk[index]!;
                this.broker.deadLetter({
                  topic: deadLetterTopic(delivery.topic),
                  ...(delivery.key ? { key: delivery.key } : {}),
                  value,
                  headers: deadLetterHeaders(outcome, this.consumerGroup, delivery),
                });
                this.metrics.deadLettered.inc({ topic: delivery.topic, reason: outcome.reason });
              }
            }
          }),
        );
      }
      this.consumerState = 'running';
      this.metrics.consumerUp.set(1);
      callback();
    } catch (error) {
      this.consumerState = 'crashed';
      callback(error);
    }
  }

  pause(): void {
    // Refusing deliveries makes the producer's relay keep its rows and retry: nothing is lost.
    this.accepting = false;
    if (this.consumerState === 'running') this.consumerState = 'paused';
  }

  async close(timeoutMs = 10_000): Promise<void> {
    this.pause();
    await this.drained(timeoutMs);
    this.broker.unsubscribe(this.consumerGroup);
    this.consumerState = 'stopped';
    this.metrics.consumerUp.set(0);
  }

  unwrap<T>(): T {
    return this.broker as T;
  }
}
