import { CanActivate, ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { InternalTokenVerifier, accessTokenVerifier, bearerToken } from '@houqin/auth';
import { Caller, requestContext } from '@houqin/observability';
import { SERVICE_CONFIG, problemType } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';

export interface GatewayRequest extends Request {
  caller?: Caller;
}

/** People and the console present an access token; the gateway establishes the caller from it. */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  private readonly verifier: InternalTokenVerifier;

  constructor(@Inject(SERVICE_CONFIG) config: GatewayEnvironment) {
    this.verifier = accessTokenVerifier(config.ACCESS_TOKEN_SECRET);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw this.refuse('missing access token (Authorization: Bearer <token>)');
    try {
      const caller = this.verifier.verify(token);
      request.caller = caller;
      requestContext.setCaller(caller);
      return true;
    } catch (error) {
      throw this.refuse(`invalid access token: ${(error as Error).message}`);
    }
  }

  private refuse(detail: string): HttpException {
    return new HttpException({ type: problemType('unauthenticated'), title: 'Unauthorized', status: 401, detail }, 401, {});
  }
}
