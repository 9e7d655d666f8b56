import { All, Controller, HttpException, Inject, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InternalTokenIssuer } from '@houqin/auth';
import { requestContext } from '@houqin/observability';
import { PublicRoute, SERVICE_CONFIG, problemType } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { AccessTokenGuard, GatewayRequest } from '../identity/access-token.guard';
import { ROUTED_SERVICES, isRoutedService, upstreamUrl } from './service-routes';

const FORWARDED_RESPONSE_HEADERS = ['content-type', 'location', 'retry-after', 'etag', 'last-modified', 'cache-control'];
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * /api/v1/<service>/… goes to the owning service with the caller vouched for by a short-lived
 * signed internal token, the correlation id and the trace context. A service that does not answer
 * in time is a 504, one that cannot be reached a 503, both as problem+json.
 */
@ApiTags('routing')
@ApiBearerAuth('access-token')
@PublicRoute()
@UseGuards(AccessTokenGuard)
@Controller('api/v1')
export class ServiceProxyController {
  private readonly issuer: InternalTokenIssuer;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: GatewayEnvironment & { INTERNAL_TOKEN_SECRET: string }) {
    this.issuer = new InternalTokenIssuer(config.INTERNAL_TOKEN_SECRET, 60);
  }

  @All([':service', ':service/*path'])
  @ApiOperation({ summary: `Forwarded to the owning service (${ROUTED_SERVICES.join(', ')}); see each service's API` })
  async forward(@Param('service') service: string, @Req() request: GatewayRequest, @Res() response: Response): Promise<void> {
    if (!isRoutedService(service)) {
      throw new HttpException({ type: problemType('not-found'), title: 'Not Found', status: 404, detail: `no service named ${service}` }, 404);
    }
    const caller = request.caller!;
    const prefix = `/api/v1/${service}`;
    const rest = request.originalUrl.slice(prefix.length) || '/';
    const target = `${upstreamUrl(this.config, service)}${rest.startsWith('/') ? rest : `/${rest}`}`;
    const context = requestContext.current();
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.issuer.issue(caller)}`,
      accept: typeof request.headers.accept === 'string' ? request.headers.accept : 'application/json',
    };
    if (context?.correlationId) headers['x-correlation-id'] = context.correlationId;
    if (context?.traceparent) headers['traceparent'] = context.traceparent;
    let body: string | undefined;
    if (!BODYLESS.has(request.method) && request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(target, {
        method: request.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.UPSTREAM_TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new HttpException(
        {
          type: problemType(timedOut ? 'upstream-timeout' : 'service-unavailable'),
          title: timedOut ? 'Gateway Timeout' : 'Service Unavailable',
          status: timedOut ? 504 : 503,
          detail: timedOut ? `${service} did not answer within ${this.config.UPSTREAM_TIMEOUT_MS} ms` : `${service} is unavailable`,
          service,
        },
        timedOut ? 504 : 503,
      );
    }
    response.status(upstream.status);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) response.setHeader(name, value);
    }
    response.send(Buffer.from(await upstream.arrayBuffer()));
  }
}
