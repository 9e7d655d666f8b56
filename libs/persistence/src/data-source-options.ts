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
    extra: { connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 },
  };
}

/** PostgreSQL error codes that mean "the database is unavailable", not "this write is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return false;
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
