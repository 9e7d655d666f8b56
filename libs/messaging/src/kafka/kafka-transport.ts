import { Admin, CompressionTypes, Kafka, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { DeadLetter, EventTransport, OutgoingEvent, TransportHealth } from '../transport';
import { KafkaConnection, createKafka, ensureTopics } from './kafka-config';

/**
 * Kafka producer for the outbox relay: idempotent (no duplicates from producer retries), acks from
 * all in-sync replicas, one request in flight so order per partition holds, key = aggregate id.
 */
export class KafkaEventTransport implements EventTransport {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Producer;
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
    if (this.producer) return;
    await ensureTopics(this.kafka, this.producedTopics, this.connection);
    // The default (murmur2) partitioner, as Java clients use: integrators' producers and ours agree on key → partition.
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    producer.on(producer.events.CONNECT, () => {
      this.connected = true;
    });
    producer.on(producer.events.DISCONNECT, () => {
      this.connected = false;
    });
    await producer.connect();
    this.producer = producer;
    this.connected = true;
  }

  async publish(events: OutgoingEvent[]): Promise<void> {
    if (!this.producer) throw new Error('Kafka producer not connected');
    const byTopic = new Map<string, OutgoingEvent[]>();
    for (const event of events) byTopic.set(event.topic, [...(byTopic.get(event.topic) ?? []), event]);
    try {
      await this.producer.sendBatch({
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
      throw error;
    }
  }

  async sendDeadLetter(letter: DeadLetter): Promise<void> {
    if (!this.producer) throw new Error('Kafka producer not connected');
    await this.producer.send({
      topic: letter.topic,
      acks: -1,
      messages: [{ key: letter.key ?? null, value: letter.value, headers: letter.headers }],
    });
  }

  health(): TransportHealth {
    return { connected: this.connected && Boolean(this.producer), ...(this.lastError ? { detail: this.lastError } : {}) };
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
      result = this.producer ? { connected: true, detail: `${cluster.brokers.length} broker(s)` } : { connected: false, detail: 'producer not connected' };
    } catch (error) {
      result = { connected: false, detail: `broker unreachable: ${(error as Error).message}` };
    }
    this.lastProbe = { at: Date.now(), result };
    return result;
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
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
