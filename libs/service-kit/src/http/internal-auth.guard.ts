import { CanActivate, ExecutionContext, HttpException, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { InternalTokenVerifier, bearerToken } from '@houqin/auth';
import { Caller, requestContext } from '@houqin/observability';
import { problemType } from './problem-details';

const PUBLIC_ROUTE = 'houqin:public-route';
/** Marks probes and metrics, the only routes a service answers without the gateway's token. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

interface AuthenticatedRequest extends Request {
  caller?: Caller;
}

function unauthenticated(detail: string): HttpException {
  return new HttpException({ type: problemType('unauthenticated'), title: 'Unauthorized', status: 401, detail }, 401);
}

/**
 * Services trust only the gateway: every request must carry its short-lived signed internal token.
 * The caller it names (agency, user, roles) scopes every query and travels into every event.
 */
@Injectable()
export class InternalAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly verifier: InternalTokenVerifier) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthenticated('missing internal token: requests reach services only through the gateway');
    try {
      const caller = this.verifier.verify(token);
      request.caller = caller;
      requestContext.setCaller(caller);
      return true;
    } catch (error) {
      throw unauthenticated(`invalid internal token: ${(error as Error).message}`);
    }
  }
}

/** The authenticated caller of the current request. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw unauthenticated('no authenticated caller');
  return caller;
});
