import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ServiceMetrics, acceptableId, continueTrace, newCorrelationId, requestContext } from '@houqin/observability';

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
