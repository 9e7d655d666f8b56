import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { SERVICE_CONFIG } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { CorsPolicy } from './domain/cors-policy';
import { securityHeaders } from './domain/security-headers';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The gateway's edge: security headers and CORS on every response it sends. Applied at the HTTP
 * server, in front of the whole Express application, because some answers are given before any
 * Nest middleware runs — a body over HTTP_BODY_LIMIT (413) or one that is not JSON (400) is refused
 * by the body parser — and those must carry the headers too (a browser cannot even read a 413 or
 * 429 without Access-Control-Allow-Origin). A CORS preflight is answered here, without reaching
 * authentication or the rate limit.
 */
@Injectable()
export class HttpEdge implements OnApplicationBootstrap {
  private readonly cors: CorsPolicy;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SERVICE_CONFIG) config: GatewayEnvironment,
  ) {
    this.cors = new CorsPolicy(config.CORS_ORIGINS ?? []);
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    const application = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (this.answeredAtTheEdge(request, response)) return;
      for (const listener of application) listener.call(server, request, response);
    });
  }

  /** Decorates the response; true when it was a preflight, answered here. */
  private answeredAtTheEdge(request: IncomingMessage, response: ServerResponse): boolean {
    const path = (request.url ?? '/').split('?')[0]!;
    for (const [name, value] of securityHeaders(path)) response.setHeader(name, value);
    const answer = this.cors.answer({
      method: request.method ?? 'GET',
      origin: single(request.headers.origin),
      requestedMethod: single(request.headers['access-control-request-method']),
    });
    switch (answer.kind) {
      case 'pass':
        return false;
      case 'decorate':
        for (const [name, value] of answer.headers) response.setHeader(name, value);
        return false;
      case 'preflight':
        for (const [name, value] of answer.headers) response.setHeader(name, value);
        response.writeHead(204, { 'Content-Length': '0' }).end();
        return true;
    }
  }
}
