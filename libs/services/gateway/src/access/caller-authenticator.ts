import { HttpException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { InternalTokenVerifier, accessTokenVerifier, bearerToken } from '@houqin/auth';
import { Caller } from '@houqin/observability';
import { SERVICE_CONFIG, problemType } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { ApiKeysService } from '../identity/api-keys/api-keys.service';
import { AgencyRecord, UserRecord } from '../identity/identity.entities';
import { callerOfUser } from '../identity/identity-records';
import { IdentityProvider } from '../identity/oidc/identity-provider';
import { OidcVerifier } from '../identity/oidc/oidc-verifier';
import { TokenVersions } from '../identity/token-versions';
import { sessionClaim, tokenVersionClaim } from '../identity/tokens';
import { ApiKeyGrant } from './gateway-request';

export interface Authentication {
  caller: Caller;
  /** How the caller proved who they are. */
  method: 'access-token' | 'oidc' | 'api-key';
  grant?: ApiKeyGrant;
  /** The login session an access token belongs to (its `sid`); none for the other credentials. */
  sessionId?: string;
}

const API_KEY_AUTHORIZATION = /^ApiKey (\S+)$/;

/**
 * Establishes who is calling, from one of three credentials:
 * - an access token the gateway issued at login (HS256; its token version must still be current and
 *   its login session not revoked, so logout, disabling and revoking a session take effect at once);
 * - a token of the agency's identity provider (OIDC: verified against the provider's JWKS with an
 *   asymmetric algorithm, configured issuer and audience), standing for the platform account linked
 *   to its subject;
 * - an integrator's API key (`Authorization: ApiKey <key>` or `X-Api-Key`), looked up by its hash on
 *   every request, so a revoked key is refused at once.
 * The outcome is kept per request: the rate limiter and the access guard ask once between them.
 */
@Injectable()
export class CallerAuthenticator {
  private readonly accessTokens: InternalTokenVerifier;
  private readonly oidc: OidcVerifier | undefined;
  private readonly outcomes = new WeakMap<Request, Promise<Authentication>>();

  constructor(
    @Inject(SERVICE_CONFIG) config: GatewayEnvironment,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: TokenVersions,
    private readonly apiKeys: ApiKeysService,
    identityProvider: IdentityProvider,
  ) {
    this.accessTokens = accessTokenVerifier(config.ACCESS_TOKEN_SECRET);
    this.oidc = identityProvider.verifier;
  }

  authenticate(request: Request): Promise<Authentication> {
    let outcome = this.outcomes.get(request);
    if (!outcome) {
      outcome = this.establish(request);
      this.outcomes.set(request, outcome);
    }
    return outcome;
  }

  /**
   * Whose signed access token the request carries, before its revocation is checked: what the rate
   * limiter counts against while the check runs (a revoked token still counts against its user, and
   * is refused by the access guard). Undefined for API keys, identity-provider tokens and anything
   * that does not verify.
   */
  signedUser(request: Request): string | undefined {
    if (presentedApiKey(request) !== undefined) return undefined;
    const token = bearerToken(request.headers.authorization);
    if (!token || this.oidc?.claimsIssuer(token)) return undefined;
    try {
      return this.accessTokens.verify(token).userId;
    } catch {
      return undefined;
    }
  }

  private async establish(request: Request): Promise<Authentication> {
    const key = presentedApiKey(request);
    if (key !== undefined) {
      const authenticated = await this.apiKeys.authenticate(key);
      if (!authenticated) throw unauthenticated('invalid-api-key', 'unknown, revoked or expired API key');
      return { caller: authenticated.caller, method: 'api-key', grant: authenticated.grant };
    }
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthenticated('unauthenticated', 'missing credentials: Authorization: Bearer <access token>, or an API key');
    if (this.oidc?.claimsIssuer(token)) return this.viaIdentityProvider(this.oidc, token);
    let caller: Caller;
    try {
      caller = this.accessTokens.verify(token);
    } catch (error) {
      throw unauthenticated('unauthenticated', `invalid access token: ${(error as Error).message}`);
    }
    const version = tokenVersionClaim(token);
    const sessionId = sessionClaim(token);
    if (version !== undefined) {
      const standing = await this.versions.standing(caller.userId);
      if (!standing || standing.status !== 'active' || standing.version !== version) throw unauthenticated('unauthenticated', 'access token revoked (logged out or user disabled)');
      if (sessionId !== undefined && standing.revokedSessions?.includes(sessionId)) throw unauthenticated('session-revoked', 'access token revoked: its login session was revoked');
    }
    return { caller, method: 'access-token', ...(sessionId !== undefined ? { sessionId } : {}) };
  }

  private async viaIdentityProvider(oidc: OidcVerifier, token: string): Promise<Authentication> {
    let subject: string;
    try {
      ({ subject } = await oidc.verify(token));
    } catch (error) {
      throw unauthenticated('unauthenticated', `invalid identity provider token: ${(error as Error).message}`);
    }
    const user = await this.dataSource.manager.findOneBy(UserRecord, { externalSubject: subject });
    if (!user) throw unauthenticated('unknown-subject', 'no platform account is linked to this identity provider subject');
    const agency = await this.dataSource.manager.findOne(AgencyRecord, { where: { id: user.agencyId }, select: { id: true, status: true } });
    if (user.status !== 'active' || agency?.status !== 'active') throw unauthenticated('account-disabled', 'the platform account linked to this subject is disabled');
    return { caller: await callerOfUser(this.dataSource.manager, user), method: 'oidc' };
  }
}

function presentedApiKey(request: Request): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const authorization = request.headers.authorization;
  if (typeof authorization !== 'string') return undefined;
  return API_KEY_AUTHORIZATION.exec(authorization.trim())?.[1];
}

export function unauthenticated(code: string, detail: string): HttpException {
  return new HttpException({ type: problemType(code), title: 'Unauthorized', status: 401, detail }, 401, {});
}
