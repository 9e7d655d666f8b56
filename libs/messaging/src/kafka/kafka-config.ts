import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import type { Logger } from 'pino';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this service creates (its own topics, their DLQs). */
  topicPartitions: number;
  replicationFactor: number;
  ssl?: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
}

/** A kafkajs client whose log lines go to the service's JSON logger. */
export function createKafka(connection: KafkaConnection, logger: Logger): Kafka {
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
        const target = level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'debug';
        logger[target]({ kafka: extra }, `kafka: ${message}`);
      },
  };
  if (connection.ssl) config.ssl = true;
  if (connection.sasl) config.sasl = connection.sasl as KafkaConfig['sasl'];
  return new Kafka(config);
}

/** Creates missing topics (and leaves existing ones alone). */
export async function ensureTopics(kafka: Kafka, topics: string[], connection: KafkaConnection): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: connection.topicPartitions, replicationFactor: connection.replicationFactor })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
