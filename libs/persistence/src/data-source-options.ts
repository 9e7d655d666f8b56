import { Client } from 'pg';
import type { Logger } from 'pino';
import { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { createLogger } from '@houqin/observability';
import { PinoTypeOrmLogger } from './typeorm-logger';

export interface ServiceDatabaseOptions {
  service: string;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  runMigrations: boolean;
  poolSize?: number;
  /** The service's JSON logger; TypeORM logs through it (a logger of its own when absent). */
  logger?: Logger;
}

/**
 * The one way a service connects to its own database: migrations only, never `synchronize`.
 * The migrations table is per service database, so services never share schema history. TypeORM
 * logs through the JSON logger, without query parameters (PinoTypeOrmLogger).
 */
export function serviceDataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: options.runMigrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    logger: new PinoTypeOrmLogger(options.logger ?? createLogger(options.service, 'info')),
    applicationName: `houqin-${options.service}`,
    poolSize: options.poolSize ?? 10,
    extra: { connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000, Client: PooledClient },
  };
}

/**
 * The pool's connections. pg-pool listens for a connection's errors only while it is idle: a
 * connection checked out between two queries of a transaction (the relay waiting for Kafka, a handler
 * computing) whose server process is terminated emitted an 'error' nobody listened to, and the
 * process died. Here it is always listened to: the connection is then unusable, its next query fails
 * as the database being unavailable (503 for a request, a retry for an event), and the pool drops it.
 */
class PooledClient extends Client {
  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** pg's own errors for a connection lost mid-use carry no SQLSTATE; they say so in words. */
const CONNECTION_LOST = [/Connection terminated/i, /not queryable/i, /Connection ended/i];

const RELEASED_RUNNER = ['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError'];

/** PostgreSQL error codes that mean "the database is unavailable", not "this write is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM wraps the driver's error.
  const driverError = (error as { driverError?: unknown })?.driverError;
  if (driverError !== undefined && driverError !== error && isDatabaseUnavailable(driverError)) return true;
  // TypeORM's query runner lets go of a connection whose server process ended (it listens for the
  // connection's error); the statement sent next meets one of these: through the runner itself, or
  // through a transaction's entity manager (a use case appending its events to the outbox).
  if (RELEASED_RUNNER.includes(String((error as { name?: unknown })?.name))) return true;
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') {
    const message = (error as { message?: unknown })?.message;
    return error instanceof Error && typeof message === 'string' && CONNECTION_LOST.some((pattern) => pattern.test(message));
  }
  return (
    code.startsWith('08') || // connection exception
    code.startsWith('57P') || // operator intervention: shutdown, crash
    code === '53300' || // too many connections
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)
  );
}

/** True when `error` is PostgreSQL's unique violation of the named constraint (or index). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = ((error as { driverError?: unknown })?.driverError ?? error) as { code?: unknown; constraint?: unknown };
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
