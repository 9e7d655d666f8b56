import { All, Controller, HttpException, Inject, Next, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NextFunction, Response } from 'express';
import { InternalTokenIssuer } from '@houqin/auth';
import { requestContext } from '@houqin/observability';
import { IDEMPOTENCY_HEADER, PublicRoute, SERVICE_CONFIG, problemType } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { GatewayAccessGuard } from '../access/gateway-access.guard';
import { GatewayRequest } from '../access/gateway-request';
import { ROUTED_SERVICES, RoutedService, isRoutedService, upstreamUrl } from './service-routes';
import { UpstreamClient, UpstreamResult } from './upstream-client';

const FORWARDED_RESPONSE_HEADERS = ['content-type', 'location', 'retry-after', 'etag', 'last-modified', 'cache-control', 'idempotent-replayed'];
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * /api/v1/<service>/… goes to the owning service with the caller vouched for by a short-lived
 * signed internal token, the correlation id and the trace context. A service that does not answer
 * in time is a 504; one that cannot be reached, whose circuit is open, or that already has as many
 * requests as it may take (load shed, with Retry-After), a 503 — all as problem+json naming the service.
 */
@ApiTags('routing')
@ApiBearerAuth('access-token')
@PublicRoute()
@UseGuards(GatewayAccessGuard)
@Controller('api/v1')
export class ServiceProxyController {
  private readonly issuer: InternalTokenIssuer;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: GatewayEnvironment & { INTERNAL_TOKEN_SECRET: string },
    private readonly upstream: UpstreamClient,
  ) {
    this.issuer = new InternalTokenIssuer(config.INTERNAL_TOKEN_SECRET, 60);
  }

  @All([':service', ':service/*path'])
  @ApiOperation({ summary: `Forwarded to the owning service (${ROUTED_SERVICES.join(', ')}); see each service's API` })
  async forward(@Param('service') service: string, @Req() request: GatewayRequest, @Res() response: Response, @Next() next: NextFunction): Promise<void> {
    // Routes the gateway answers itself (dashboard, webhooks, …) are registered after the proxy:
    // anything that is not a service's name goes on to them, and to a 404 when nothing matches.
    if (!isRoutedService(service)) return next();
    const caller = request.caller!;
    const prefix = `/api/v1/${service}`;
    const rest = request.originalUrl.slice(prefix.length) || '/';
    const context = requestContext.current();
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.issuer.issue(caller)}`,
      accept: typeof request.headers.accept === 'string' ? request.headers.accept : 'application/json',
    };
    if (context?.correlationId) headers['x-correlation-id'] = context.correlationId;
    if (context?.traceparent) headers['traceparent'] = context.traceparent;
    const idempotencyKey = request.headers[IDEMPOTENCY_HEADER];
    if (typeof idempotencyKey === 'string') headers[IDEMPOTENCY_HEADER] = idempotencyKey;
    let body: string | undefined;
    if (!BODYLESS.has(request.method) && request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    const result = await this.upstream.call({
      service,
      method: request.method,
      url: `${upstreamUrl(this.config, service)}${rest.startsWith('/') ? rest : `/${rest}`}`,
      headers,
      ...(body !== undefined ? { body } : {}),
      hasIdempotencyKey: typeof idempotencyKey === 'string',
    });
    if (result.kind !== 'answered') throw this.unavailable(service, result, response);
    response.status(result.response.status);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = result.response.headers[name];
      if (value !== undefined) response.setHeader(name, value);
    }
    response.send(result.response.body);
  }

  private unavailable(service: RoutedService, result: Exclude<UpstreamResult, { kind: 'answered' }>, response: Response): HttpException {
    switch (result.kind) {
      case 'circuit-open': {
        const retryAfterSeconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
        response.setHeader('Retry-After', String(retryAfterSeconds));
        return problem(503, 'service-unavailable', `${service} is unavailable`, { service, circuit: result.circuit, retryAfterSeconds });
      }
      case 'shed': {
        const retryAfterSeconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
        response.setHeader('Retry-After', String(retryAfterSeconds));
        const why = result.reason === 'queue-full' ? 'its queue is full' : 'no slot came free in time';
        return problem(503, 'overloaded', `${service} is busy (${why}); try again in ${retryAfterSeconds} s`, { service, reason: result.reason, retryAfterSeconds });
      }
      case 'unreachable':
        return problem(503, 'service-unavailable', `${service} is unavailable`, { service, circuit: result.circuit, attempts: result.attempts });
      case 'timed-out':
        return problem(504, 'upstream-timeout', `${service} did not answer within ${this.config.UPSTREAM_TIMEOUT_MS} ms`, { service, circuit: result.circuit, attempts: result.attempts });
    }
  }
}

function problem(status: 503 | 504, code: string, detail: string, extensions: Record<string, unknown>): HttpException {
  return new HttpException({ type: problemType(code), title: status === 503 ? 'Service Unavailable' : 'Gateway Timeout', status, detail, ...extensions }, status);
}
