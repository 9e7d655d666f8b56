import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const int = (min: number, max: number) => z.coerce.number({ message: 'must be a number' }).int('must be an integer').min(min).max(max);
const postgresUrl = z
  .string()
  .url('must be a URL')
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');
const redisUrl = z
  .string()
  .url('must be a URL')
  .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL');
const brokerList = z
  .string()
  .min(1)
  .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
  .refine((brokers) => brokers.length > 0 && brokers.every((b) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(b)), 'must be a comma-separated list of host:port');

/** Variables every process reads, the gateway included. Each has a description; docs/configuration.md lists them. */
export const coreEnvironment = z.object({
  PORT: int(0, 65535).default(3000).describe('HTTP port'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface to listen on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  INTERNAL_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').describe('Shared secret of the gateway-signed internal token (HS256)'),
  REDIS_URL: redisUrl.optional().describe('Redis for shared ephemeral state; in-memory fallback when unset'),
  HTTP_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'must look like 512kb or 1mb').default('1mb').describe('Largest accepted request body'),
  SHUTDOWN_TIMEOUT_MS: int(1000, 600000).default(15000).describe('Budget for each graceful shutdown step'),
});

/** Variables of a service that owns a database and takes part in messaging. */
export const serviceEnvironment = coreEnvironment.extend({
  DATABASE_URL: postgresUrl.describe("The service's own PostgreSQL database"),
  DATABASE_POOL_SIZE: int(1, 200).default(10).describe('Connections in the pool'),
  RUN_MIGRATIONS: bool.default(true).describe('Apply pending migrations at start (set false when a migration job runs them)'),
  MESSAGING_TRANSPORT: z.enum(['kafka', 'in-process']).default('kafka').describe('kafka for distributed mode; in-process only inside the single-process platform'),
  KAFKA_BROKERS: brokerList.optional().describe('Comma-separated host:port list; required when MESSAGING_TRANSPORT=kafka'),
  KAFKA_CLIENT_ID: z.string().min(1).optional().describe('Kafka client id (default houqin-<service>)'),
  KAFKA_TOPIC_PARTITIONS: int(1, 1000).default(3).describe('Partitions for topics the service creates'),
  KAFKA_REPLICATION_FACTOR: int(1, 10).default(1).describe('Replication factor for topics the service creates'),
  KAFKA_SSL: bool.default(false).describe('Use TLS to reach the brokers'),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional().describe('SASL mechanism, if the brokers require it'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional().describe('SASL user'),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional().describe('SASL password'),
  KAFKA_CONSUMER_GROUP: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be letters, digits, dot, dash or underscore').optional().describe('Consumer group (default: the service name); every replica of a service shares it'),
  KAFKA_CONSUMER_CONCURRENCY: int(1, 64).default(3).describe('Partitions consumed in parallel'),
  KAFKA_SESSION_TIMEOUT_MS: int(6000, 300000).default(30000).describe('Consumer group session timeout'),
  CONSUMER_STALL_TIMEOUT_MS: int(10000, 3600000).default(120000).describe('A consumer not running for this long fails the liveness probe'),
  EVENT_MAX_ATTEMPTS: int(1, 50).default(5).describe('Handler attempts per event before it is dead-lettered'),
  EVENT_RETRY_BACKOFF_MS: int(0, 60000).default(200).describe('First retry delay; doubles per attempt'),
  EVENT_BATCH_SIZE: int(1, 1000).default(64).describe('Most events a consumer applies in one transaction, each in its own savepoint (PostgreSQL caches 64 subtransactions per transaction)'),
  OUTBOX_RELAY_ENABLED: bool.default(true).describe('Run the outbox relay in this process'),
  OUTBOX_POLL_INTERVAL_MS: int(10, 60000).default(500).describe('Relay poll interval (LISTEN/NOTIFY wakes it sooner)'),
  OUTBOX_BATCH_SIZE: int(1, 5000).default(200).describe('Events per relay batch'),
  OUTBOX_RETENTION_HOURS: int(0, 8760).default(168).describe('Hours published outbox rows are kept (0 keeps them)'),
  INBOX_RETENTION_HOURS: int(0, 87600).default(720).describe('Hours processed-event records are kept for deduplication (0 keeps them); keep it above the Kafka topic retention'),
});

export type CoreEnvironment = z.infer<typeof coreEnvironment>;

export type ServiceEnvironment = z.infer<typeof serviceEnvironment>;

export class ConfigurationError extends Error {
  constructor(
    readonly service: string,
    readonly problems: Array<{ variable: string; message: string }>,
  ) {
    super(`Invalid configuration for ${service}: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Validates the environment at start. The error names each bad variable, so a misconfigured pod
 * fails its first second with a message an operator can act on.
 */
export function loadConfig<TShape extends z.ZodRawShape>(
  service: string,
  schema: z.ZodObject<TShape>,
  env: Record<string, string | undefined>,
): z.infer<z.ZodObject<TShape>> {
  const input = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigurationError(
      service,
      parsed.error.issues.map((issue) => ({ variable: issue.path.map(String).join('.') || '(environment)', message: issue.message })),
    );
  }
  return parsed.data;
}

/** Cross-variable rules the per-variable schema cannot express. */
export function checkServiceConfig(service: string, config: ServiceEnvironment): ServiceEnvironment {
  const problems: Array<{ variable: string; message: string }> = [];
  if (config.MESSAGING_TRANSPORT === 'kafka' && !config.KAFKA_BROKERS) {
    problems.push({ variable: 'KAFKA_BROKERS', message: 'is required when MESSAGING_TRANSPORT=kafka' });
  }
  if (config.KAFKA_SASL_MECHANISM && (!config.KAFKA_SASL_USERNAME || !config.KAFKA_SASL_PASSWORD)) {
    problems.push({ variable: 'KAFKA_SASL_USERNAME', message: 'and KAFKA_SASL_PASSWORD are required with KAFKA_SASL_MECHANISM' });
  }
  if (problems.length > 0) throw new ConfigurationError(service, problems);
  return config;
}

export { bool as booleanVariable, int as integerVariable, postgresUrl as postgresUrlVariable };
