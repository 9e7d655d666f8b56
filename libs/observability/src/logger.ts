import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { requestContext } from './request-context';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Properties never written to a log line, at the top of it or up to three levels down: credentials
 * (authorization headers, cookies, API keys, tokens), passwords and their hashes, secrets and key
 * material (signing and sealing keys, sealed webhook secrets), connection strings with passwords,
 * and database query parameters (which carry all of these).
 */
export const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-internal-token',
  'password',
  'passwordHash',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'apiKey',
  'keyHash',
  'secret',
  'secretSealed',
  'previousSecretSealed',
  'clientSecret',
  'privateKey',
  'secretKey',
  'signingKey',
  'sealingKey',
  'parameters',
  'ACCESS_TOKEN_SECRET',
  'INTERNAL_TOKEN_SECRET',
  'WEBHOOK_SECRET_KEY',
  'BID_SEALING_KEY',
  'GATEWAY_BOOTSTRAP_ADMIN_PASSWORD',
  'GATEWAY_DEMO_ADMIN_PASSWORD',
  'KAFKA_SASL_PASSWORD',
  'DATABASE_URL',
  'REDIS_URL',
] as const;

export const REDACTED = '[redacted]';

const REDACTED_KEY_SET: ReadonlySet<string> = new Set(REDACTED_KEYS);

/** The top of a log line and three levels down, as far as redaction looks. */
const REDACTED_LEVELS = 4;

/**
 * `value` with every property named in REDACTED_KEYS censored, at its top and up to three levels
 * down (arrays count as a level, as their indices do in a path). Copy on write: a line without such a
 * property is not copied at all. One pass with a set lookup per property — pino's own `redact` parsed
 * each of its ~150 wildcard paths again for every object-valued property of every line (about 120 µs
 * a request line). Errors are left to the `err` serializer, which censors what it keeps.
 */
export function censored(value: unknown, level = 0): unknown {
  if (level >= REDACTED_LEVELS || value === null || typeof value !== 'object' || value instanceof Error || ArrayBuffer.isView(value)) return value;
  let copy: Record<string, unknown> | unknown[] | undefined;
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const inner = source[key];
    const next = REDACTED_KEY_SET.has(key) ? REDACTED : censored(inner, level + 1);
    if (next === inner) continue;
    copy ??= Array.isArray(value) ? [...(value as unknown[])] : { ...source };
    (copy as Record<string, unknown>)[key] = next;
  }
  return copy ?? value;
}

/**
 * An error as logged: PostgreSQL's `detail` ("Key (key_hash)=(…) already exists", "Failing row
 * contains (…)") and `where` quote the row's values, and TypeORM's errors carry the query's
 * parameters and the driver's error with the same detail; only the kind of failure is logged.
 */
const VALUE_BEARING_ERROR_FIELDS = ['detail', 'where', 'parameters', 'driverError', 'query'] as const;

function errorWithoutValues(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  const copy = { ...(serialized as Record<string, unknown>) };
  for (const field of VALUE_BEARING_ERROR_FIELDS) delete copy[field];
  // The error sits one level down in the line (`err`).
  return censored(copy, 1);
}

/** JSON logs on stdout; every line carries the service and, inside a request or handler, its correlation id. */
export function createLogger(service: string, level: LogLevel, destination?: DestinationStream): Logger {
  const logger = destination ? pino(loggerOptions(service, level), destination) : pino(loggerOptions(service, level));
  // pino applies `formatters.bindings` to the root only; children (which inherit this method) censor theirs here.
  const pinoChild = logger.child;
  logger.child = function child(this: Logger, bindings: Record<string, unknown>, options?: Parameters<Logger['child']>[1]) {
    return pinoChild.call(this, censored(bindings) as Record<string, unknown>, options);
  } as Logger['child'];
  return logger;
}

function loggerOptions(service: string, level: LogLevel): LoggerOptions {
  return {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      bindings: (bindings) => censored(bindings) as Record<string, unknown>,
      log: (object) => censored(object) as Record<string, unknown>,
    },
    serializers: { err: errorWithoutValues },
    mixin() {
      const context = requestContext.current();
      if (!context) return {};
      return {
        correlationId: context.correlationId,
        ...(context.causationId ? { causationId: context.causationId } : {}),
        ...(context.caller ? { agencyId: context.caller.agencyId, userId: context.caller.userId } : {}),
      };
    },
  };
}

/** Nest's logger interface over pino, so framework messages are structured too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  private write(requested: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, optional: unknown[]): void {
    const context = typeof optional[optional.length - 1] === 'string' ? (optional[optional.length - 1] as string) : undefined;
    // @nestjs/typeorm keeps one process-wide list of data source names; in the single-process
    // platform each service's own Nest application registers "default", which is correct there.
    const level = context === 'DataSourceNameRegistry' && requested === 'warn' ? 'debug' : requested;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...(message as Record<string, unknown>) });
    } else {
      const stack = level === 'error' && typeof optional[0] === 'string' && optional.length > 1 ? optional[0] : undefined;
      this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}
