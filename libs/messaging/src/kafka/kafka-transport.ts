import { Admin, CompressionTypes, Kafka, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { DeadLetter, EventTransport, OutgoingEvent, TransportHealth } from '../transport';
import { KafkaConnection, createKafka, ensureTopics } from './kafka-config';

/**
 * Kafka producer for the outbox relay: idempotent (no duplicates from producer retries), acks from
 * all in-sync replicas, one request in flight so order per partition holds, key = aggregate id.
 *
 * A failed publish retires its producer and the next one starts a new producer (a new producer id).
 * kafkajs rolls its sequence numbers back when a request fails, also when the broker did append the
 * batch (a request kafkajs gave up on by its timeout, whose retry was then refused): its sequence and
 * the broker's part, and every later batch of another size is refused with
 * OUT_OF_ORDER_SEQUENCE_NUMBER, for ever. A new producer id has no history; the batch in doubt is
 * published again by the relay, and consumers apply an event id once.
 */
export class KafkaEventTransport implements EventTransport {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Producer;
  /** The next producer, while it connects (one for every caller). */
  private replacing?: Promise<Producer>;
  private started = false;
  private closed = false;
  private connected = false;
  private lastError?: string;
  private admin?: Admin;
  private lastProbe?: { at: number; result: TransportHealth };

  constructor(private readonly connection: KafkaConnection, logger: Logger, private readonly producedTopics: string[] = []) {
    this.kafka = createKafka(connection, logger);
  }

  get client(): Kafka {
    return this.kafka;
  }

  async connect(): Promise<void> {
    if (this.started) return;
    await ensureTopics(this.kafka, this.producedTopics, this.connection);
    this.producer = await this.newProducer();
    this.started = true;
    this.closed = false;
  }

  async publish(events: OutgoingEvent[]): Promise<void> {
    const producer = await this.currentProducer();
    const byTopic = new Map<string, OutgoingEvent[]>();
    for (const event of events) byTopic.set(event.topic, [...(byTopic.get(event.topic) ?? []), event]);
    try {
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic.entries()].map(([topic, list]) => ({
          topic,
          messages: list.map(({ key, envelope }) => ({
            key,
            value: JSON.stringify(envelope),
            headers: { 'content-type': 'application/cloudevents+json; charset=utf-8', ce_type: envelope.type, ce_id: envelope.id },
          })),
        })),
      });
      this.lastError = undefined;
    } catch (error) {
      this.lastError = (error as Error).message;
      this.retire(producer);
      throw error;
    }
  }

  async sendDeadLetter(letter: DeadLetter): Promise<void> {
    const producer = await this.currentProducer();
    try {
      await producer.send({
        topic: letter.topic,
        acks: -1,
        messages: [{ key: letter.key ?? null, value: letter.value, headers: letter.headers }],
      });
    } catch (error) {
      this.retire(producer);
      throw error;
    }
  }

  private async newProducer(): Promise<Producer> {
    // The default (murmur2) partitioner, as Java clients use: integrators' producers and ours agree on key → partition.
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    producer.on(producer.events.CONNECT, () => {
      if (this.producer === producer || this.producer === undefined) this.connected = true;
    });
    producer.on(producer.events.DISCONNECT, () => {
      if (this.producer === producer) this.connected = false;
    });
    await producer.connect();
    this.connected = true;
    return producer;
  }

  private currentProducer(): Promise<Producer> {
    if (this.closed) return Promise.reject(new Error('Kafka producer not connected'));
    if (this.producer) return Promise.resolve(this.producer);
    if (!this.started) return Promise.reject(new Error('Kafka producer not connected'));
    this.replacing ??= this.newProducer()
      .then((producer) => {
        if (this.closed) {
          void producer.disconnect().catch(() => undefined);
          throw new Error('Kafka producer not connected');
        }
        this.producer = producer;
        return producer;
      })
      .catch((error: unknown) => {
        this.connected = false;
        this.lastError = (error as Error).message;
        throw error;
      })
      .finally(() => {
        this.replacing = undefined;
      });
    return this.replacing;
  }

  /** A producer whose state the broker may not share: the next call starts another. */
  private retire(producer: Producer): void {
    if (this.producer !== producer) return;
    this.producer = undefined;
    void producer.disconnect().catch(() => undefined);
  }

  health(): TransportHealth {
    return { connected: this.connected && this.started && !this.closed, ...(this.lastError ? { detail: this.lastError } : {}) };
  }

  async probe(): Promise<TransportHealth> {
    if (this.lastProbe && Date.now() - this.lastProbe.at < 5000) return this.lastProbe.result;
    let result: TransportHealth;
    try {
      this.admin ??= this.kafka.admin();
      const admin = this.admin;
      const cluster = await withTimeout(
        admin.connect().then(() => admin.describeCluster()),
        2000,
      );
      result = this.started && !this.closed ? { connected: true, detail: `${cluster.brokers.length} broker(s)` } : { connected: false, detail: 'producer not connected' };
    } catch (error) {
      result = { connected: false, detail: `broker unreachable: ${(error as Error).message}` };
    }
    this.lastProbe = { at: Date.now(), result };
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.started = false;
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
    await this.replacing?.catch(() => undefined);
    const producer = this.producer;
    this.producer = undefined;
    this.connected = false;
    await producer?.disconnect();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
