import { EventEnvelope } from '@houqin/contracts';

/** An event on its way out: the topic and key come from its contract and aggregate. */
export interface OutgoingEvent {
  topic: string;
  key: string;
  envelope: EventEnvelope;
}

export interface TransportHealth {
  connected: boolean;
  detail?: string;
}

/**
 * The producing side of the messaging port. `publish` resolves only once the transport has durably
 * accepted every event (Kafka: acks from all in-sync replicas), in the order given.
 */
export interface EventTransport {
  readonly kind: 'kafka' | 'in-process';
  connect(): Promise<void>;
  publish(events: OutgoingEvent[]): Promise<void>;
  close(): Promise<void>;
  health(): TransportHealth;
  /** Asks the broker itself (bounded by a timeout); used by the readiness probe. */
  probe(): Promise<TransportHealth>;
}

/** Where an event came from, as the consumer sees it. */
export interface DeliveryMetadata {
  topic: string;
  partition: number;
  offset: string;
  key?: string;
}

export const DLQ_SUFFIX = '.dlq';
export function deadLetterTopic(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

/** Headers carried by a dead letter; the value is the original message, unchanged. */
export interface DeadLetter {
  topic: string;
  key?: string;
  value: Buffer;
  headers: Record<string, string>;
}

export const DLQ_HEADERS = {
  reason: 'houqin-dlq-reason',
  error: 'houqin-dlq-error',
  attempts: 'houqin-dlq-attempts',
  consumerGroup: 'houqin-dlq-consumer-group',
  originalTopic: 'houqin-dlq-original-topic',
  originalPartition: 'houqin-dlq-original-partition',
  originalOffset: 'houqin-dlq-original-offset',
  failedAt: 'houqin-dlq-failed-at',
} as const;
