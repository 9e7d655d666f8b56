import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { systemClock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { SERVICE_CONFIG } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { normaliseUsername } from './domain/identity';
import { RefreshToken, issueRefreshToken, rotateRefreshToken } from './domain/refresh-token';
import { AgencyRecord, RefreshTokenRecord, UserRecord } from './identity.entities';
import { TokenPairView } from './identity.dto';
import { callerOfUser } from './identity-records';
import { LoginThrottle } from './login-throttle';
import { verifyAgainstNothing, verifyPassword } from './passwords';
import { TokenVersions } from './token-versions';
import { ACCESS_TOKEN_TTL_SECONDS, isUuid, newRefreshTokenValue, refreshTokenHash, signAccessToken } from './tokens';

export type LoginResult =
  | { outcome: 'succeeded'; tokens: TokenPairView }
  | { outcome: 'invalid-credentials' }
  | { outcome: 'delayed'; retryAfterMs: number }
  | { outcome: 'disabled' };

export type RefreshResult = { outcome: 'rotated'; tokens: TokenPairView } | { outcome: 'refused'; reason: 'unknown' | 'revoked' | 'expired' | 'reused' | 'user-disabled' };

/**
 * Password login, refresh-token rotation and logout. Outcomes that change state (a failed attempt
 * counted, a family revoked on reuse) are recorded before the refusal is answered.
 */
@Injectable()
export class AuthService {
  private readonly clock = systemClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayEnvironment,
    private readonly versions: TokenVersions,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * One password login from `clientAddress`. Failures slow further attempts at this account from
   * this address (LoginThrottle): a 'delayed' outcome checks no password and touches no account.
   */
  async login(input: { agencyCode?: string; username: string; password: string }, clientAddress: string): Promise<LoginResult> {
    const username = normaliseUsername(input.username);
    const claim = await this.throttle.claim(username, clientAddress);
    if (!claim.allowed) return { outcome: 'delayed', retryAfterMs: claim.retryAfterMs };
    const found = await this.dataSource.manager.findOneBy(UserRecord, { username });
    const agency = found ? await this.dataSource.manager.findOneBy(AgencyRecord, { id: found.agencyId }) : null;
    if (!found || !agency || (input.agencyCode !== undefined && agency.code !== input.agencyCode.trim().toLowerCase())) {
      await verifyAgainstNothing(input.password);
      return { outcome: 'invalid-credentials' };
    }
    if (!(await verifyPassword(found.passwordHash, input.password))) return { outcome: 'invalid-credentials' };
    await this.throttle.succeeded(username, clientAddress);
    if (found.status !== 'active' || agency.status !== 'active') return { outcome: 'disabled' };
    return this.dataSource.transaction(async (manager): Promise<LoginResult> => {
      const user = await manager.findOne(UserRecord, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (!user || user.status !== 'active') return { outcome: 'disabled' };
      return { outcome: 'succeeded', tokens: await this.issue(manager, user, randomUUID()) };
    });
  }

  async refresh(value: string): Promise<RefreshResult> {
    const result = await this.dataSource.transaction(async (manager): Promise<RefreshResult> => {
      const record = await manager.findOne(RefreshTokenRecord, { where: { tokenHash: refreshTokenHash(value) }, lock: { mode: 'pessimistic_write' } });
      if (!record) return { outcome: 'refused', reason: 'unknown' };
      const decision = rotateRefreshToken(refreshTokenOf(record), randomUUID(), this.clock);
      switch (decision.outcome) {
        case 'reuse-detected':
          await manager.update(RefreshTokenRecord, { familyId: decision.revokeFamily }, { status: 'revoked' });
          return { outcome: 'refused', reason: 'reused' };
        case 'refused':
          return { outcome: 'refused', reason: decision.reason };
        case 'rotated': {
          const user = await manager.findOneBy(UserRecord, { id: record.userId });
          if (!user || user.status !== 'active') {
            await manager.update(RefreshTokenRecord, { familyId: record.familyId }, { status: 'revoked' });
            return { outcome: 'refused', reason: 'user-disabled' };
          }
          await manager.update(RefreshTokenRecord, { id: record.id }, { status: 'used', usedAt: decision.used.usedAt ?? this.clock.now() });
          return { outcome: 'rotated', tokens: await this.issue(manager, user, record.familyId, decision.next) };
        }
      }
    });
    return result;
  }

  /**
   * Ends every session of the caller: the token version moves on (every access token issued so far
   * is refused from now on) and every refresh token family of the user is revoked — the presented
   * one included.
   */
  async logout(caller: Caller, refreshToken?: string): Promise<void> {
    if (!isUuid(caller.userId)) return;
    const bumped = await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(UserRecord, { where: { id: caller.userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) return undefined;
      if (refreshToken) {
        const presented = await manager.findOneBy(RefreshTokenRecord, { tokenHash: refreshTokenHash(refreshToken), userId: user.id });
        if (presented) await manager.update(RefreshTokenRecord, { familyId: presented.familyId }, { status: 'revoked' });
      }
      await manager.update(RefreshTokenRecord, { userId: user.id, status: 'active' }, { status: 'revoked' });
      const tokenVersion = user.tokenVersion + 1;
      await manager.update(UserRecord, { id: user.id }, { tokenVersion });
      return { version: tokenVersion, status: user.status };
    });
    if (bumped) await this.versions.publish(caller.userId, bumped);
  }

  private async issue(manager: EntityManager, user: UserRecord, familyId: string, next?: RefreshToken): Promise<TokenPairView> {
    const token = next ?? issueRefreshToken({ id: randomUUID(), familyId, userId: user.id }, this.clock);
    const value = newRefreshTokenValue();
    await manager.insert(RefreshTokenRecord, {
      id: token.id,
      familyId: token.familyId,
      userId: user.id,
      tokenHash: refreshTokenHash(value),
      status: token.status,
      issuedAt: token.issuedAt,
      expiresAt: token.expiresAt,
      usedAt: null,
    });
    const caller = await callerOfUser(manager, user);
    return {
      accessToken: signAccessToken(this.config.ACCESS_TOKEN_SECRET, caller, user.tokenVersion),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: value,
      refreshTokenExpiresAt: token.expiresAt.toISOString(),
    };
  }
}

function refreshTokenOf(record: RefreshTokenRecord): RefreshToken {
  return {
    id: record.id,
    familyId: record.familyId,
    userId: record.userId,
    status: record.status,
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    ...(record.usedAt ? { usedAt: record.usedAt } : {}),
  };
}
