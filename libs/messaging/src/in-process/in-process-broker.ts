import { DeadLetter, DeliveryMetadata } from '../transport';

/** One message handed to a consumer group. */
export interface InProcessMessage {
  value: Buffer;
  delivery: DeliveryMetadata;
}

/** Hands a consumer group one message. */
export type InProcessDelivery = (value: Buffer, delivery: DeliveryMetadata) => Promise<void>;
/** Hands a consumer group the messages of one publication, in order. */
export type InProcessBatchDelivery = (messages: InProcessMessage[]) => Promise<void>;

interface Subscription {
  topics: Set<string>;
  deliver: InProcessBatchDelivery;
}

/**
 * The message bus of the single-process mode. It keeps no log of its own: the producing service's
 * outbox is the log. `publish` resolves only after every subscribed consumer group has handled the
 * event (committed it with its inbox record, or dead-lettered it), so the relay marks an outbox row
 * published only once it is safely consumed — at-least-once across crashes, like Kafka.
 */
export class InProcessBroker {
  private readonly subscriptions = new Map<string, Subscription>();
  /** Topics of every group that ever subscribed: a group that is down holds up delivery instead of missing events. */
  private readonly durableTopics = new Map<string, Set<string>>();
  private readonly offsets = new Map<string, bigint>();
  private readonly letters: DeadLetter[] = [];
  private opened: Promise<void>;
  private open!: () => void;

  constructor(options: { startOpen?: boolean } = {}) {
    this.opened = new Promise((resolve) => {
      this.open = resolve;
    });
    if (options.startOpen ?? true) this.open();
  }

  /** Releases publishing once every consumer of the process has subscribed. */
  openForDelivery(): void {
    this.open();
  }

  /** A consumer that takes one message at a time. */
  subscribe(consumerGroup: string, topics: string[], deliver: InProcessDelivery): void {
    this.subscribeBatches(consumerGroup, topics, async (messages) => {
      for (const message of messages) await deliver(message.value, message.delivery);
    });
  }

  subscribeBatches(consumerGroup: string, topics: string[], deliver: InProcessBatchDelivery): void {
    if (this.subscriptions.has(consumerGroup)) throw new Error(`consumer group ${consumerGroup} already subscribed`);
    this.subscriptions.set(consumerGroup, { topics: new Set(topics), deliver });
    this.durableTopics.set(consumerGroup, new Set(topics));
  }

  unsubscribe(consumerGroup: string): void {
    this.subscriptions.delete(consumerGroup);
  }

  async publish(topic: string, key: string, value: Buffer): Promise<void> {
    await this.publishAll([{ topic, key, value }]);
  }

  /** Delivers messages in the order given: each consumer group receives those of its topics at once, as one batch. */
  async publishAll(messages: Array<{ topic: string; key: string; value: Buffer }>): Promise<void> {
    await this.opened;
    const delivered: InProcessMessage[] = messages.map(({ topic, key, value }) => {
      const offset = this.offsets.get(topic) ?? 0n;
      this.offsets.set(topic, offset + 1n);
      return { value, delivery: { topic, partition: 0, offset: offset.toString(), key } };
    });
    for (const [group, topics] of this.durableTopics) {
      const mine = delivered.filter((message) => topics.has(message.delivery.topic));
      if (mine.length === 0) continue;
      const subscription = this.subscriptions.get(group);
      // The relay keeps the events and retries; the group receives them once it is back.
      if (!subscription) throw new Error(`consumer group ${group} is not running; ${mine[0]!.delivery.topic} delivery postponed`);
      await subscription.deliver(mine);
    }
  }

  deadLetter(letter: DeadLetter): void {
    this.letters.push(letter);
  }

  deadLetters(topic?: string): DeadLetter[] {
    return this.letters.filter((letter) => !topic || letter.topic === topic);
  }
}

let processBroker: InProcessBroker | undefined;

/** The broker shared by every service composed into this process. */
export function sharedInProcessBroker(): InProcessBroker {
  processBroker ??= new InProcessBroker();
  return processBroker;
}
