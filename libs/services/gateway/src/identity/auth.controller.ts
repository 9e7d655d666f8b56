import { Body, Controller, Get, HttpCode, HttpException, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiResponse, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Caller } from '@houqin/observability';
import { CurrentCaller, PublicRoute, UuidParam, problemType } from '@houqin/service-kit';
import { CallerAuthenticator } from '../access/caller-authenticator';
import { GatewayAccessGuard } from '../access/gateway-access.guard';
import { AuthService, LoginClient, SessionCredential } from './auth.service';
import { CallerView, LoginDto, LoginProvidersView, LoginSessionView, LogoutDto, OidcLoginDto, RefreshDto, TokenPairView } from './identity.dto';
import { IdentityProvider } from './oidc/identity-provider';
import { OidcSignIn } from './oidc/oidc-sign-in';
import { unauthenticated } from './identity-records';

/**
 * Password login and the token lifecycle. Failed logins never lock an account: they delay further
 * attempts at it from the same client address (429 with Retry-After), so nobody can lock its owner out.
 */
@ApiTags('authentication')
@PublicRoute()
@UseGuards(GatewayAccessGuard)
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly authenticator: CallerAuthenticator,
    private readonly identityProvider: IdentityProvider,
    private readonly oidcSignIn: OidcSignIn,
  ) {}

  @Get('providers')
  @ApiSecurity({})
  @ApiOkResponse({ type: LoginProvidersView, description: "How the console may sign people in besides their password: the agency's identity provider (OIDC), when configured" })
  @ApiResponse({ status: 502, description: "The identity provider's discovery document could not be read" })
  async providers(): Promise<LoginProvidersView> {
    const client = this.identityProvider.consoleClient;
    const verifier = this.identityProvider.verifier;
    if (!client || !verifier) return { oidc: null };
    let authorizationUrl: string | undefined;
    try {
      authorizationUrl = (await verifier.discovery()).authorizationEndpoint;
    } catch (error) {
      throw providerUnavailable(`the identity provider's discovery document could not be read: ${(error as Error).message}`);
    }
    if (!authorizationUrl) throw providerUnavailable(`${verifier.discoveryUrl()} names no authorization_endpoint`);
    return { oidc: { authorizationUrl, clientId: client.id, scope: client.scope } };
  }

  @Post('oidc')
  @HttpCode(200)
  @ApiSecurity({})
  @ApiOkResponse({ type: TokenPairView, description: "Signed in through the agency's identity provider: the same tokens (and a login session) as a password login" })
  @ApiUnauthorizedResponse({ description: 'The provider refused the code, its id token did not verify (issuer, audience = the console client id, signature, expiry, nonce), or no account is linked to its subject' })
  @ApiResponse({ status: 403, description: 'The linked account (or its agency) is disabled' })
  @ApiResponse({ status: 404, description: 'No identity provider sign-in is configured (OIDC_CONSOLE_CLIENT_ID)' })
  @ApiResponse({ status: 502, description: 'The identity provider could not be reached or answered something unusable' })
  async oidc(@Body() body: OidcLoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<TokenPairView> {
    const exchange = await this.oidcSignIn.exchange(body);
    switch (exchange.outcome) {
      case 'not-configured':
        throw new HttpException({ type: problemType('oidc-not-configured'), title: 'Not Found', status: 404, detail: 'signing in through an identity provider is not configured' }, 404);
      case 'refused':
        throw unauthenticated('oidc-code-refused', exchange.detail);
      case 'invalid-id-token':
        throw unauthenticated('invalid-id-token', exchange.detail);
      case 'unavailable':
        throw providerUnavailable(exchange.detail);
      case 'verified':
        break;
    }
    const result = await this.auth.loginWithIdentityProvider(exchange.subject, clientOf(request));
    switch (result.outcome) {
      case 'succeeded':
        response.setHeader('Cache-Control', 'no-store');
        return result.tokens;
      case 'unknown-subject':
        throw unauthenticated('unknown-subject', 'no platform account is linked to this identity provider subject: ask your agency admin to link it');
      case 'disabled':
        throw new HttpException({ type: problemType('account-disabled'), title: 'Forbidden', status: 403, detail: 'the account is disabled' }, 403);
    }
  }

  @Post('login')
  @HttpCode(200)
  @ApiSecurity({})
  @ApiOkResponse({ type: TokenPairView })
  @ApiUnauthorizedResponse({ description: 'Unknown user, wrong password, or agency code not the user’s (one answer for all)' })
  @ApiResponse({ status: 403, description: 'Right password, but the user (or their agency) is disabled' })
  @ApiResponse({ status: 429, description: 'Too many failed logins for this account from this address: wait Retry-After seconds (the delay doubles per failure, up to 15 minutes); also the per-address login rate limit' })
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<TokenPairView> {
    const result = await this.auth.login(body, clientOf(request));
    switch (result.outcome) {
      case 'succeeded':
        response.setHeader('Cache-Control', 'no-store');
        return result.tokens;
      case 'invalid-credentials':
        throw unauthenticated('invalid-credentials', 'wrong username or password');
      case 'disabled':
        throw new HttpException({ type: problemType('account-disabled'), title: 'Forbidden', status: 403, detail: 'the account is disabled' }, 403);
      case 'delayed': {
        const retryAfterSeconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
        response.setHeader('Retry-After', String(retryAfterSeconds));
        throw new HttpException(
          {
            type: problemType('login-delayed'),
            title: 'Too Many Requests',
            status: 429,
            detail: `too many failed logins for this account from your address: try again in ${retryAfterSeconds} s`,
            retryAfterSeconds,
          },
          429,
        );
      }
    }
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiSecurity({})
  @ApiOkResponse({ type: TokenPairView, description: 'A new pair; the refresh token presented is used up' })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired or revoked refresh token; a reused one revokes its whole family' })
  async refresh(@Body() body: RefreshDto, @Res({ passthrough: true }) response: Response): Promise<TokenPairView> {
    const result = await this.auth.refresh(body.refreshToken);
    if (result.outcome === 'rotated') {
      response.setHeader('Cache-Control', 'no-store');
      return result.tokens;
    }
    if (result.reason === 'reused') throw unauthenticated('refresh-token-reused', 'refresh token already used: every session of this login is revoked');
    throw unauthenticated('invalid-refresh-token', `refresh token ${result.reason === 'unknown' ? 'not recognised' : result.reason}`);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth('access-token')
  @ApiNoContentResponse({ description: 'Every access token of the user is refused from now on; every refresh token family is revoked' })
  async logout(@CurrentCaller() caller: Caller, @Body() body: LogoutDto): Promise<void> {
    await this.auth.logout(caller, body.refreshToken);
  }

  @Get('sessions')
  @ApiBearerAuth('access-token')
  @ApiOkResponse({
    type: [LoginSessionView],
    description:
      "The caller's own live login sessions, newest first, the one of the calling access token marked current. A caller authenticated by the identity provider's own token has no session of ours: the list is empty",
  })
  async sessions(@CurrentCaller() caller: Caller, @Req() request: Request): Promise<LoginSessionView[]> {
    const sessions = await this.auth.listSessions(caller, await this.credentialOf(request));
    return sessions.map(({ session, current }) => LoginSessionView.of(session, current));
  }

  @Post('sessions/:id/revoke')
  @HttpCode(204)
  @ApiBearerAuth('access-token')
  @ApiNoContentResponse({ description: 'Its refresh tokens can no longer be exchanged; its access tokens are refused from the next request on, on every replica' })
  @ApiNotFoundResponse({ description: "No such session of the caller's (another person's answers the same, and any for an identity provider's token)" })
  @ApiConflictResponse({ description: 'The session is already revoked or has ended (logged out, expired)' })
  async revokeSession(@CurrentCaller() caller: Caller, @Req() request: Request, @Param('id', UuidParam) id: string): Promise<void> {
    await this.auth.revokeSession(caller, await this.credentialOf(request), id);
  }

  /** Only an access token of ours belongs to a login session (the authentication is the guard's, kept per request). */
  private async credentialOf(request: Request): Promise<SessionCredential> {
    const authentication = await this.authenticator.authenticate(request);
    if (authentication.method !== 'access-token') return { holdsSessions: false };
    return { holdsSessions: true, ...(authentication.sessionId ? { sessionId: authentication.sessionId } : {}) };
  }

  @Get('me')
  @ApiBearerAuth('access-token')
  @ApiOkResponse({ type: CallerView, description: 'Who the credentials stand for: agency, roles, vendor, supervised agencies' })
  me(@CurrentCaller() caller: Caller): CallerView {
    return CallerView.of(caller);
  }
}

/** The client as the gateway sees it (the address after TRUSTED_PROXIES), recorded with its session. */
function clientOf(request: Request): LoginClient {
  const userAgent = request.headers['user-agent'];
  return { address: request.ip ?? request.socket.remoteAddress ?? 'unknown', ...(userAgent ? { userAgent } : {}) };
}

function providerUnavailable(detail: string): HttpException {
  return new HttpException({ type: problemType('identity-provider-unavailable'), title: 'Bad Gateway', status: 502, detail }, 502);
}
