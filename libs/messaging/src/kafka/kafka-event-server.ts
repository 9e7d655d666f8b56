import { CustomTransportStrategy } from '@nestjs/microservices';
import { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { EventCatalog } from '@houqin/contracts';
import { ServiceMetrics } from '@houqin/observability';
import { HouqinEventServer } from '../event-server';
import { EventDispatcher, deadLetterHeaders } from '../inbox/event-dispatcher';
import { deadLetterTopic } from '../transport';
import { KafkaConnection, ensureTopics } from './kafka-config';
import { KafkaEventTransport } from './kafka-transport';

export interface KafkaConsumerOptions {
  consumerGroup: string;
  /** Partitions handled in parallel; within a partition events are handled one at a time, in order. */
  partitionsConsumedConcurrently: number;
  sessionTimeoutMs: number;
  /** Most events applied in one transaction (one partition's fetched messages are split into runs of this size). */
  batchSize: number;
}

/**
 * A Nest transport strategy over kafkajs. The built-in Kafka server cannot give Houqin's guarantees
 * (it handles one message at a time across all partitions, commits offsets on its own schedule, has
 * no dead-letter topic and re-runs a failing handler forever), so this one: applies each fetched
 * batch of a partition in transactions of up to `batchSize` events (with their inbox records),
 * commits offsets only after that transaction committed and its poison events were dead-lettered;
 * retries a bounded number of times; routes poison and schema-invalid events to `<topic>.dlq` with
 * the error; consumes partitions concurrently; reports a crashed consumer to the health checks
 * instead of living on as a zombie.
 */
export class KafkaEventServer extends HouqinEventServer implements CustomTransportStrategy {
  private consumer?: Consumer;
  private closing = false;
  private rejoining?: Promise<void>;
  private admin?: Admin;
  private topics: string[] = [];
  private readonly kafka: Kafka;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly options: KafkaConsumerOptions,
    catalog: EventCatalog,
    private readonly dispatcher: EventDispatcher,
    private readonly producer: KafkaEventTransport,
    private readonly log: Logger,
    private readonly metrics: ServiceMetrics,
  ) {
    super(catalog);
    this.kafka = producer.client;
    metrics.consumerUp.set(0);
    metrics.onScrape(() => this.collectLag());
  }

  get subscribedTopics(): string[] {
    return this.topics;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      this.consumerState = 'crashed';
      this.consumerDetail = (error as Error).message;
      callback(error);
    }
  }

  /**
   * The coordinator dropped this member (a handler held the process past the session timeout, a
   * broker restarted mid-commit): kafkajs gives up on such a commit error, so a new consumer joins the
   * group again. What was applied and not committed is redelivered and skipped by the inbox. While it
   * rejoins the state is `starting`, so a rejoin that never succeeds fails liveness after
   * CONSUMER_STALL_TIMEOUT_MS.
   */
  private rejoin(cause: Error): void {
    if (this.rejoining) return;
    this.log.warn({ err: cause }, 'event consumer lost its group membership; it joins again');
    this.setState('starting', `rejoining its group after: ${cause.message}`);
    this.rejoining = (async () => {
      for (let delayMs = 500; !this.closing; delayMs = Math.min(delayMs * 2, 30_000)) {
        await this.consumer?.disconnect().catch(() => undefined);
        try {
          await this.start();
          return;
        } catch (error) {
          this.log.warn({ err: error }, `event consumer could not join again; next try in ${delayMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
      }
    })().finally(() => (this.rejoining = undefined));
  }

  private async start(): Promise<void> {
    this.topics = this.topicsToSubscribe();
    if (this.topics.length === 0) {
      this.consumerState = 'running';
      this.consumerDetail = 'no event handlers';
      this.metrics.consumerUp.set(1);
      return;
    }
    this.consumerState = 'starting';
    await ensureTopics(this.kafka, [...this.topics, ...this.topics.map(deadLetterTopic)], this.connection);
    const consumer = this.kafka.consumer({
      groupId: this.options.consumerGroup,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: Math.max(1000, Math.floor(this.options.sessionTimeoutMs / 10)),
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 300, retries: 10 },
    });
    const { GROUP_JOIN, REBALANCING, CRASH, STOP } = consumer.events;
    consumer.on(GROUP_JOIN, () => this.setState('running'));
    consumer.on(REBALANCING, () => this.setState('rebalancing'));
    consumer.on(STOP, () => {
      // Stopping is only legitimate during shutdown; otherwise the consumer died and the probes must say so.
      if (this.closing) this.setState('stopped');
      else if (this.consumerState !== 'crashed') this.setState('crashed', 'consumer stopped unexpectedly');
    });
    consumer.on(CRASH, (event) => {
      const { error, restart } = event.payload;
      if (restart) {
        this.log.warn({ err: error }, 'event consumer failed; kafkajs restarts it');
        this.setState('rebalancing', error.message);
      } else if (!this.closing && lostGroupMembership(error)) {
        this.rejoin(error);
      } else {
        this.log.error({ err: error }, 'event consumer crashed and will not restart');
        this.setState('crashed', error.message);
      }
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const { topic, partition } = batch;
        let applied: string | undefined;
        try {
          for (let first = 0; first < batch.messages.length; first += this.options.batchSize) {
            if (!isRunning() || isStale()) break;
            const chunk = batch.messages.slice(first, first + this.options.batchSize);
            await this.track(() => this.applyChunk(topic, partition, chunk));
            applied = chunk[chunk.length - 1]!.offset;
            resolveOffset(applied);
            await heartbeat();
          }
        } finally {
          // Past what committed (and was dead-lettered): once per fetched batch, also when a later run failed.
          if (applied !== undefined) await consumer.commitOffsets([{ topic, partition, offset: (BigInt(applied) + 1n).toString() }]);
        }
      },
    });
  }

  /**
   * One transaction for a run of a partition's messages, then their dead letters; the offset past
   * them is committed after (a crash in between redelivers events the inbox already holds).
   */
  private async applyChunk(topic: string, partition: number, messages: KafkaMessage[]): Promise<void> {
    const incoming = messages.map((message) => {
      const key = message.key?.toString();
      return { value: message.value ?? Buffer.alloc(0), delivery: { topic, partition, offset: message.offset, ...(key ? { key } : {}) } };
    });
    const outcomes = await this.dispatcher.dispatchBatch(incoming, this.resolveHandler);
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.outcome !== 'dead-letter') continue;
      const { value, delivery } = incoming[index]!;
      await this.producer.sendDeadLetter({
        topic: deadLetterTopic(topic),
        ...(delivery.key ? { key: delivery.key } : {}),
        value,
        headers: deadLetterHeaders(outcome, this.options.consumerGroup, delivery),
      });
      this.metrics.deadLettered.inc({ topic, reason: outcome.reason });
    }
  }

  private setState(state: typeof this.consumerState, detail?: string): void {
    if (state !== this.consumerState) this.stateSince = Date.now();
    this.consumerState = state;
    this.consumerDetail = detail;
    this.metrics.consumerUp.set(state === 'running' || state === 'rebalancing' ? 1 : 0);
  }

  /** Stops fetching new events; handlers in flight finish. */
  pause(): void {
    this.closing = true;
    try {
      if (this.consumer && this.topics.length > 0) this.consumer.pause(this.topics.map((topic) => ({ topic })));
    } catch (error) {
      // A consumer that already died cannot be paused; closing it is all that is left.
      this.log.debug({ err: error }, 'consumer could not be paused');
    }
    if (this.consumerState === 'running') this.setState('paused');
  }

  async close(timeoutMs = 10_000): Promise<void> {
    this.pause();
    // A rejoin under way ends first (it sees `closing`), so the consumer it made is the one closed here.
    await this.rejoining;
    await this.drained(timeoutMs);
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
    this.setState('stopped');
  }

  unwrap<T>(): T {
    if (!this.consumer) throw new Error('consumer not started');
    return this.consumer as T;
  }

  private async collectLag(): Promise<void> {
    if (this.topics.length === 0 || this.consumerState === 'stopped') return;
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    const committed = await this.admin.fetchOffsets({ groupId: this.options.consumerGroup, topics: this.topics });
    for (const { topic, partitions } of committed) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const done = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const high = BigInt(end.high);
        const lag = BigInt(done) < 0n ? high - BigInt(end.low) : high - BigInt(done);
        this.metrics.consumerLag.set({ topic, partition: String(end.partition) }, Number(lag < 0n ? 0n : lag));
      }
    }
  }
}

/** Kafka's answers that mean the member is no longer in its group (and can only join again). */
const MEMBERSHIP_LOST = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'FENCED_INSTANCE_ID']);

export function lostGroupMembership(error: unknown): boolean {
  for (let current = error as { type?: unknown; cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (typeof current.type === 'string' && MEMBERSHIP_LOST.has(current.type)) return true;
  }
  return false;
}
