import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ServiceMetrics, acceptableId, continueTrace, newCorrelationId, requestContext } from '@houqin/observability';
import { forbiddenCharacterIn } from './input-characters';
import { FieldProblem, RequestValidationError } from './problem-details';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Runs each request inside its context: a correlation id (taken from the caller or new, echoed in
 * the response), a W3C trace continued from `traceparent`; records latency and writes one access
 * log line.
 */
export function requestContextMiddleware(logger: Logger, metrics: ServiceMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const correlationId = acceptableId(request.headers[CORRELATION_HEADER]) ?? acceptableId(request.headers['x-request-id']) ?? newCorrelationId();
    const incomingTrace = request.headers['traceparent'];
    const traceparent = continueTrace(typeof incomingTrace === 'string' ? incomingTrace : undefined);
    response.setHeader(CORRELATION_HEADER, correlationId);
    response.setHeader('traceparent', traceparent);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
      metrics.httpDuration.observe({ method: request.method, route, status: String(response.statusCode) }, seconds);
      if (route === '/metrics' || route.startsWith('/health')) return;
      requestContext.run({ correlationId }, () =>
        logger.info(
          { http: { method: request.method, path: request.originalUrl, route, status: response.statusCode, durationMs: Math.round(seconds * 1000) } },
          'request completed',
        ),
      );
    });
    requestContext.run({ correlationId, traceparent }, () => next());
  };
}

/** What the edge refuses in a query string; the names are `query.<parameter>`. */
export function queryProblems(query: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(query)) {
    const bracket = key.indexOf('[');
    const name = bracket > 0 ? key.slice(0, bracket) : key;
    const field = `query.${/^[\w.-]+$/.test(name) ? name : JSON.stringify(name)}`;
    const inName = forbiddenCharacterIn(key, { singleLine: true });
    if (inName) problems.push({ field, rule: 'noControlCharacters', message: `a query parameter name must not contain ${inName}` });
    else if (bracket >= 0 || key.includes(']') || Array.isArray(value) || typeof value !== 'string') {
      problems.push({ field, rule: 'singleValue', message: `${field} must be given once, as a single value (lists are comma-separated)` });
    } else {
      const found = forbiddenCharacterIn(value, { singleLine: true });
      if (found) problems.push({ field, rule: 'noControlCharacters', message: `${field} must not contain ${found}` });
    }
  }
  return problems;
}

/**
 * Every query parameter of every route is one single-line value: `?limit[]=1`, `?status=a&status=b`
 * and control characters (U+0000 above all) are a 400 naming the parameter, before any route reads it.
 * Relies on Express's "simple" query parser, which keeps `limit[]` as the parameter's name.
 */
export function queryParametersMiddleware() {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const problems = queryProblems(request.query as Record<string, unknown>);
    next(problems.length > 0 ? new RequestValidationError(problems) : undefined);
  };
}
