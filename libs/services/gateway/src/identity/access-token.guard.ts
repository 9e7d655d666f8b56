import { CanActivate, ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { InternalTokenVerifier, accessTokenVerifier, bearerToken } from '@houqin/auth';
import { Caller, requestContext } from '@houqin/observability';
import { SERVICE_CONFIG, problemType } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { TokenVersions } from './token-versions';
import { tokenVersionClaim } from './tokens';

export interface GatewayRequest extends Request {
  caller?: Caller;
}

/**
 * People and the console present an access token; the gateway establishes the caller from it.
 * A token the gateway issued at login carries the user's token version (`ver`): once the user
 * logs out or is disabled the version moves on and the token is refused at once, before it expires.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  private readonly verifier: InternalTokenVerifier;

  constructor(
    @Inject(SERVICE_CONFIG) config: GatewayEnvironment,
    private readonly versions: TokenVersions,
  ) {
    this.verifier = accessTokenVerifier(config.ACCESS_TOKEN_SECRET);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw this.refuse('missing access token (Authorization: Bearer <token>)');
    let caller: Caller;
    try {
      caller = this.verifier.verify(token);
    } catch (error) {
      throw this.refuse(`invalid access token: ${(error as Error).message}`);
    }
    const version = tokenVersionClaim(token);
    if (version !== undefined) {
      const standing = await this.versions.standing(caller.userId);
      if (!standing || standing.status !== 'active' || standing.version !== version) throw this.refuse('access token revoked (logged out or user disabled)');
    }
    request.caller = caller;
    requestContext.setCaller(caller);
    return true;
  }

  private refuse(detail: string): HttpException {
    return new HttpException({ type: problemType('unauthenticated'), title: 'Unauthorized', status: 401, detail }, 401, {});
  }
}
