import type { Logger as PinoLogger } from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** What a failed query's error may show: never its parameters, nor PostgreSQL's `detail` (which quotes values). */
const KEPT_ERROR_FIELDS = ['code', 'constraint', 'table', 'column', 'schema', 'routine', 'severity'] as const;

function safeError(error: string | Error): Record<string, unknown> {
  if (typeof error === 'string') return { message: error };
  const kept: Record<string, unknown> = { type: error.name, message: error.message };
  for (const field of KEPT_ERROR_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (value !== undefined) kept[field] = value;
  }
  if (error.stack) kept['stack'] = error.stack;
  return kept;
}

/**
 * TypeORM's messages as JSON lines of the service's logger (with the correlation id of the request
 * or event in progress), instead of TypeORM's own console output. Query parameters are never
 * logged: they carry password and key hashes, sealed secrets and personal data.
 */
export class PinoTypeOrmLogger implements TypeOrmLogger {
  constructor(private readonly logger: PinoLogger) {}

  logQuery(query: string): void {
    this.logger.debug({ query }, 'query');
  }

  logQueryError(error: string | Error, query: string): void {
    const code = typeof error === 'string' ? undefined : (error as { code?: unknown }).code;
    // A unique or exclusion constraint is how some rules are kept (a double booking, a second
    // rating): the use case answers 409, and one it does not expect still reaches the error log as
    // the request's failure. Not every race a client loses is an error of the service.
    if (code === '23505' || code === '23P01') this.logger.info({ err: safeError(error), query }, 'query refused by a constraint');
    else this.logger.error({ err: safeError(error), query }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query, durationMs: time }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug({ typeorm: 'schema' }, message);
  }

  logMigration(message: string): void {
    this.logger.info({ typeorm: 'migration' }, message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    if (level === 'warn') this.logger.warn({ typeorm: 'warning' }, text);
    else this.logger.info({ typeorm: level }, text);
  }
}
