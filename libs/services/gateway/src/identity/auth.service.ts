import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK, SERVICE_CONFIG } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { normaliseUsername } from './domain/identity';
import { LoginSession, recordedUserAgent, revokeLoginSession } from './domain/login-session';
import { RefreshToken, issueRefreshToken, rotateRefreshToken } from './domain/refresh-token';
import { AgencyRecord, RefreshTokenRecord, UserRecord } from './identity.entities';
import { TokenPairView } from './identity.dto';
import { callerOfUser } from './identity-records';
import { LoginSessionsRepository } from './login-sessions.repository';
import { LoginThrottle } from './login-throttle';
import { verifyAgainstNothing, verifyPassword } from './passwords';
import { TokenStanding, TokenVersions } from './token-versions';
import { ACCESS_TOKEN_TTL_SECONDS, isUuid, newRefreshTokenValue, refreshTokenHash, signAccessToken } from './tokens';

export type LoginResult =
  | { outcome: 'succeeded'; tokens: TokenPairView }
  | { outcome: 'invalid-credentials' }
  | { outcome: 'delayed'; retryAfterMs: number }
  | { outcome: 'disabled' };

/** A sign-in at the agency's identity provider, its subject verified: the platform account linked to it. */
export type ProviderLoginResult = { outcome: 'succeeded'; tokens: TokenPairView } | { outcome: 'unknown-subject' } | { outcome: 'disabled' };

/**
 * What the calling credential has to do with login sessions: an access token of ours belongs to one
 * (its `sid`); an identity provider's own token or an API key to none, so it has no session list.
 */
export type SessionCredential = { holdsSessions: true; sessionId?: string } | { holdsSessions: false };

/** The client a login came from, as the gateway sees it. */
export interface LoginClient {
  address: string;
  userAgent?: string;
}

export type RefreshResult = { outcome: 'rotated'; tokens: TokenPairView } | { outcome: 'refused'; reason: 'unknown' | 'revoked' | 'expired' | 'reused' | 'user-disabled' };

/**
 * Password login, refresh-token rotation, logout and the person's own login sessions. Outcomes
 * that change state (a failed attempt counted, a family revoked on reuse) are recorded before the
 * refusal is answered.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayEnvironment,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly versions: TokenVersions,
    private readonly throttle: LoginThrottle,
    private readonly sessions: LoginSessionsRepository,
  ) {}

  /**
   * One password login from `clientAddress`. Failures slow further attempts at this account from
   * this address (LoginThrottle): a 'delayed' outcome checks no password and touches no account.
   */
  async login(input: { agencyCode?: string; username: string; password: string }, client: LoginClient): Promise<LoginResult> {
    const clientAddress = client.address;
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
      return { outcome: 'succeeded', tokens: await this.beginSession(manager, user, client) };
    });
  }

  /**
   * Signs in the account whose externalSubject the identity provider vouched for: the same session
   * and tokens as a password login. Roles are the platform's, never the provider's.
   */
  async loginWithIdentityProvider(subject: string, client: LoginClient): Promise<ProviderLoginResult> {
    const found = await this.dataSource.manager.findOneBy(UserRecord, { externalSubject: subject });
    if (!found) return { outcome: 'unknown-subject' };
    const agency = await this.dataSource.manager.findOneBy(AgencyRecord, { id: found.agencyId });
    if (found.status !== 'active' || agency?.status !== 'active') return { outcome: 'disabled' };
    return this.dataSource.transaction(async (manager): Promise<ProviderLoginResult> => {
      const user = await manager.findOne(UserRecord, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (!user || user.status !== 'active') return { outcome: 'disabled' };
      return { outcome: 'succeeded', tokens: await this.beginSession(manager, user, client) };
    });
  }

  async refresh(value: string): Promise<RefreshResult> {
    let revokedStanding: { userId: string; standing: TokenStanding } | undefined;
    const result = await this.dataSource.transaction(async (manager): Promise<RefreshResult> => {
      const record = await manager.findOne(RefreshTokenRecord, { where: { tokenHash: refreshTokenHash(value) }, lock: { mode: 'pessimistic_write' } });
      if (!record) return { outcome: 'refused', reason: 'unknown' };
      const decision = rotateRefreshToken(refreshTokenOf(record), randomUUID(), this.clock);
      switch (decision.outcome) {
        case 'reuse-detected': {
          // A stolen family: its access tokens are refused too, not only its refresh tokens.
          await manager.update(RefreshTokenRecord, { familyId: decision.revokeFamily }, { status: 'revoked' });
          const session = await this.sessions.find(manager, record.userId, decision.revokeFamily, this.clock.now(), { forUpdate: true });
          if (session && !session.revokedAt) {
            await this.sessions.saveRevoked(manager, { ...session, status: 'revoked', revokedAt: this.clock.now() });
            const standing = await this.versions.read(manager, record.userId);
            if (standing) revokedStanding = { userId: record.userId, standing };
          }
          return { outcome: 'refused', reason: 'reused' };
        }
        case 'refused':
          return { outcome: 'refused', reason: decision.reason };
        case 'rotated': {
          const user = await manager.findOneBy(UserRecord, { id: record.userId });
          if (!user || user.status !== 'active') {
            await manager.update(RefreshTokenRecord, { familyId: record.familyId }, { status: 'revoked' });
            return { outcome: 'refused', reason: 'user-disabled' };
          }
          await manager.update(RefreshTokenRecord, { id: record.id }, { status: 'used', usedAt: decision.used.usedAt ?? this.clock.now() });
          await this.sessions.touch(manager, record.familyId, decision.next.issuedAt);
          return { outcome: 'rotated', tokens: await this.issue(manager, user, record.familyId, decision.next) };
        }
      }
    });
    if (revokedStanding) await this.versions.publish(revokedStanding.userId, revokedStanding.standing);
    return result;
  }

  /** The caller's own live login sessions, newest first, the calling one marked; none for a credential that holds none. */
  async listSessions(caller: Caller, credential: SessionCredential): Promise<{ session: LoginSession; current: boolean }[]> {
    if (!credential.holdsSessions || !isUuid(caller.userId)) return [];
    const sessions = await this.sessions.listLive(this.dataSource.manager, caller.userId, this.clock.now());
    return sessions.map((session) => ({ session, current: session.id === credential.sessionId }));
  }

  /**
   * Revokes one of the caller's own sessions: its refresh tokens can no longer be exchanged and its
   * access tokens are refused from the next request on, on every replica. Another person's session
   * is a 404 (as is any for a credential that holds no sessions); one already revoked or ended a 409.
   */
  async revokeSession(caller: Caller, credential: SessionCredential, id: string): Promise<void> {
    if (!credential.holdsSessions) throw new NotFoundError('login-session', id);
    const userId = caller.userId;
    const standing = await this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.load(manager, isUuid(userId) ? userId : NO_USER, id, this.clock.now(), { forUpdate: true });
      await this.sessions.saveRevoked(manager, revokeLoginSession(session, this.clock));
      return this.versions.read(manager, userId);
    });
    if (standing) await this.versions.publish(userId, standing);
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

  /** A new login session (refresh-token family) and its first pair of tokens. */
  private async beginSession(manager: EntityManager, user: UserRecord, client: LoginClient): Promise<TokenPairView> {
    const userAgent = recordedUserAgent(client.userAgent);
    const id = randomUUID();
    await this.sessions.begin(manager, { id, userId: user.id, beganAt: this.clock.now(), clientAddress: client.address, ...(userAgent ? { userAgent } : {}) });
    return this.issue(manager, user, id);
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
      accessToken: signAccessToken(this.config.ACCESS_TOKEN_SECRET, caller, user.tokenVersion, token.familyId),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: value,
      refreshTokenExpiresAt: token.expiresAt.toISOString(),
    };
  }
}

/** Matches no session: for a caller that is no person (an API key's id). */
const NO_USER = '00000000-0000-0000-0000-000000000000';

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
