import { Admin, Kafka, KafkaConfig, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { fixKafkajsRequestQueueTimer } from './request-queue-timer';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this service creates (its own topics, their DLQs). */
  topicPartitions: number;
  replicationFactor: number;
  ssl?: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
}

/**
 * Broker answers kafkajs logs as errors although it retries them and succeeds once the cluster has
 * settled: leaders and group coordinators being elected, metadata of a topic just created not yet
 * everywhere — what every clean start on a fresh broker goes through.
 */
const SETTLING_ERRORS = new Set([
  'This server is not the leader for that topic-partition',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'This server does not host this topic-partition',
  'The group coordinator is not available',
  'This is not the correct coordinator for this group',
  "The coordinator is loading and hence can't process requests for this group",
  'The preferred leader was not available',
]);

/** The same, as the producer and the consumer group say it before they refresh metadata and retry. */
const SETTLING_NOTICES = [/^Consumer is not aware of all assigned partitions, refreshing metadata$/, /, resync group$/];

/**
 * Notices that describe a deliberate choice: the producer's retries are bounded because the outbox
 * relay retries whatever was not acknowledged (and consumers skip duplicates).
 */
const DELIBERATE = [/^Limiting retries for the idempotent producer/];

const FAILED_SEND = 'Failed to send messages: ';

export type KafkaLogTarget = 'error' | 'warn' | 'debug';

/** Where a kafkajs log line goes: settling-time retries and deliberate notices to debug, not to an operator. */
export function kafkaLogTarget(level: logLevel, entry: { message: string; error?: unknown; [field: string]: unknown }): KafkaLogTarget {
  if (level !== logLevel.ERROR && level !== logLevel.WARN) return 'debug';
  if (typeof entry.error === 'string' && SETTLING_ERRORS.has(entry.error)) return 'debug';
  if (entry.message.startsWith(FAILED_SEND) && SETTLING_ERRORS.has(entry.message.slice(FAILED_SEND.length))) return 'debug';
  if ([...SETTLING_NOTICES, ...DELIBERATE].some((pattern) => pattern.test(entry.message))) return 'debug';
  return level === logLevel.ERROR ? 'error' : 'warn';
}

/** A kafkajs client whose log lines go to the service's JSON logger. */
export function createKafka(connection: KafkaConnection, logger: Logger): Kafka {
  fixKafkajsRequestQueueTimer();
  const config: KafkaConfig = {
    clientId: connection.clientId,
    brokers: connection.brokers,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 300, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }) => {
        const { message, ...extra } = log;
        logger[kafkaLogTarget(level, log)]({ kafka: extra }, `kafka: ${message}`);
      },
  };
  if (connection.ssl) config.ssl = true;
  if (connection.sasl) config.sasl = connection.sasl as KafkaConfig['sasl'];
  return new Kafka(config);
}

/** How long a start waits for topics (created by it or by another process) to have leaders. */
const TOPIC_READY_TIMEOUT_MS = 30_000;

/**
 * Creates missing topics (and leaves existing ones alone), then waits until every topic has a
 * leader for each partition. Processes starting together race to create the same topics (every
 * service creates what it produces, the gateway what it consumes): a topic another process created
 * first is not a failure.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], connection: KafkaConnection): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      try {
        // Leaders are awaited below: kafkajs's own wait gives up when another process's creation of
        // the same topic is still spreading through the cluster (UNKNOWN_TOPIC_OR_PARTITION).
        await admin.createTopics({
          waitForLeaders: false,
          topics: missing.map((topic) => ({ topic, numPartitions: connection.topicPartitions, replicationFactor: connection.replicationFactor })),
        });
      } catch (error) {
        if (!createdByAnother(error)) throw error;
      }
    }
    await untilLed(admin, [...new Set(topics)]);
  } finally {
    await admin.disconnect();
  }
}

/** Whether creating topics failed only because they exist already. */
export function createdByAnother(error: unknown): boolean {
  const causes = (error as { errors?: unknown[] }).errors;
  const all = Array.isArray(causes) && causes.length > 0 ? causes : [error];
  return all.every((cause) => (cause as { type?: string }).type === 'TOPIC_ALREADY_EXISTS');
}

async function untilLed(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + TOPIC_READY_TIMEOUT_MS;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const led = metadata.topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0));
      if (led) return;
    } catch (error) {
      // A topic just created elsewhere may not be known to this broker's metadata yet.
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics without a leader after ${TOPIC_READY_TIMEOUT_MS} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
