import { CompressionTypes, Kafka, Message } from 'kafkajs';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import { deadLetterTopic } from '@houqin/messaging';
import { serviceDataSourceOptions } from '@houqin/persistence';
import { TestDatabase, createTestDatabase, uniqueSuffix } from '@houqin/testing';
import { BenchEventContract, benchDefinition, benchEventContract } from './bench-fixture';
import { BenchConfig, Cleanup, benchKafka, progress } from './context';

/**
 * What the publish and consume scenarios share: one throwaway database, the benchmark's event type
 * on a fresh topic, a kafkajs client for the baselines, and the list of topics and consumer groups
 * to delete at the end.
 */
export interface MessagingBench {
  readonly config: BenchConfig;
  readonly run: string;
  readonly contract: BenchEventContract;
  /** The topic Houqin's relay publishes to and Houqin's consumer reads. */
  readonly topic: string;
  readonly database: TestDatabase;
  readonly kafka: Kafka;
  readonly cleanup: Cleanup;
  /** Events known to be on `topic`. */
  eventsOnTopic: number;
  createTopic(topic: string): Promise<void>;
  /** Remembers a consumer group so that it is deleted at the end. */
  group(name: string): string;
  serviceEnv(extra: Record<string, string>): Record<string, string>;
}

export async function prepareMessagingBench(config: BenchConfig, cleanup: Cleanup): Promise<MessagingBench> {
  const run = uniqueSuffix();
  const contract = benchEventContract(run);
  const kafka = benchKafka(config);
  const topics = new Set<string>([contract.topic, deadLetterTopic(contract.topic)]);
  const groups = new Set<string>();

  const database = await createTestDatabase('bench');
  cleanup.push(`drop database ${database.url}`, () => database.drop());
  // The schema up front (services would migrate on start too), so the hand-rolled baseline can run first.
  const schema = new DataSource({
    ...serviceDataSourceOptions({ service: 'maintenance', url: database.url, entities: [], migrations: benchDefinition(contract).definition.persistence!.migrations, runMigrations: false }),
    logging: ['error'],
  });
  await schema.initialize();
  try {
    await schema.runMigrations();
  } finally {
    await schema.destroy();
  }
  cleanup.push('delete Kafka topics and consumer groups', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      if (groups.size > 0) await admin.deleteGroups([...groups]).catch(() => undefined);
      const existing = new Set(await admin.listTopics());
      const mine = [...topics].filter((topic) => existing.has(topic));
      if (mine.length > 0) await admin.deleteTopics({ topics: mine, timeout: 10_000 });
      progress(`deleted topics ${mine.join(', ') || '(none)'} and ${groups.size} consumer groups`);
    } finally {
      await admin.disconnect();
    }
  });

  return {
    config,
    run,
    contract,
    topic: contract.topic,
    database,
    kafka,
    cleanup,
    eventsOnTopic: 0,
    async createTopic(topic) {
      topics.add(topic);
      const admin = kafka.admin();
      await admin.connect();
      try {
        await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: config.topicPartitions, replicationFactor: 1 }] });
      } finally {
        await admin.disconnect();
      }
    },
    group(name) {
      const groupId = `houqin-bench-${name}-${run}`;
      groups.add(groupId);
      return groupId;
    },
    serviceEnv(extra) {
      return {
        MESSAGING_TRANSPORT: 'kafka',
        KAFKA_BROKERS: config.brokers.join(','),
        KAFKA_TOPIC_PARTITIONS: String(config.topicPartitions),
        KAFKA_REPLICATION_FACTOR: '1',
        KAFKA_SESSION_TIMEOUT_MS: '10000',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: config.inProcessLogLevel,
        DATABASE_URL: database.url,
        INTERNAL_TOKEN_SECRET: config.internalTokenSecret,
        OUTBOX_BATCH_SIZE: String(config.batchSize),
        OUTBOX_RETENTION_HOURS: '0',
        ...extra,
      };
    },
  };
}

/** The Kafka message Houqin's KafkaEventTransport makes of an envelope (same key, value and headers). */
export function toKafkaMessage(envelope: EventEnvelope): Message {
  return {
    key: envelope.partitionkey,
    value: JSON.stringify(envelope),
    headers: { 'content-type': 'application/cloudevents+json; charset=utf-8', ce_type: envelope.type, ce_id: envelope.id },
  };
}

export const NO_COMPRESSION = CompressionTypes.None;
