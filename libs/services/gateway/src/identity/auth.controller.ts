import { Body, Controller, Get, HttpCode, HttpException, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Caller } from '@houqin/observability';
import { CurrentCaller, PublicRoute, problemType } from '@houqin/service-kit';
import { GatewayAccessGuard } from '../access/gateway-access.guard';
import { AuthService } from './auth.service';
import { CallerView, LoginDto, LogoutDto, RefreshDto, TokenPairView } from './identity.dto';
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
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiSecurity({})
  @ApiOkResponse({ type: TokenPairView })
  @ApiUnauthorizedResponse({ description: 'Unknown user, wrong password, or agency code not the user’s (one answer for all)' })
  @ApiResponse({ status: 403, description: 'Right password, but the user (or their agency) is disabled' })
  @ApiResponse({ status: 429, description: 'Too many failed logins for this account from this address: wait Retry-After seconds (the delay doubles per failure, up to 15 minutes); also the per-address login rate limit' })
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<TokenPairView> {
    const result = await this.auth.login(body, request.ip ?? request.socket.remoteAddress ?? 'unknown');
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

  @Get('me')
  @ApiBearerAuth('access-token')
  @ApiOkResponse({ type: CallerView, description: 'Who the credentials stand for: agency, roles, vendor, supervised agencies' })
  me(@CurrentCaller() caller: Caller): CallerView {
    return CallerView.of(caller);
  }
}
