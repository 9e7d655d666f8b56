import { Clock, IllegalTransitionError } from '@houqin/domain';

/**
 * A login session (登录会话): one refresh-token family, from the login that began it to its end.
 * Its person sees it in their profile and may revoke it from another device.
 * - active: a refresh token of the family can still be exchanged;
 * - revoked: its person revoked it (or its refresh token was reused): the family's refresh tokens
 *   are refused, and so is every access token carrying its id (`sid`);
 * - ended: logged out, expired, or its person disabled — nothing of it is usable any more.
 */
export type LoginSessionStatus = 'active' | 'revoked' | 'ended';

export interface LoginSession {
  /** The refresh-token family's id, carried by its access tokens as `sid`. */
  id: string;
  userId: string;
  beganAt: Date;
  lastActiveAt: Date;
  /** When its current refresh token expires: the session ends then unless refreshed. */
  expiresAt?: Date;
  /** The client as the gateway saw it at login: its User-Agent and address. */
  userAgent?: string;
  clientAddress?: string;
  revokedAt?: Date;
  status: LoginSessionStatus;
}

/** How long a revoked session's id must be checked: as long as an access token of it may live. */
export function stillCheckedAfterRevocation(revokedAt: Date, now: Date, accessTokenTtlSeconds: number): boolean {
  return now.getTime() - revokedAt.getTime() < accessTokenTtlSeconds * 1000;
}

/** Only a live session can be revoked; revoking one already revoked or ended is a 409. */
export function revokeLoginSession(session: LoginSession, clock: Clock): LoginSession {
  if (session.status !== 'active') throw new IllegalTransitionError('login-session', session.status, 'revoke');
  return { ...session, status: 'revoked', revokedAt: clock.now() };
}

/** The user agent as recorded: trimmed, at most 512 characters, absent when blank. */
export function recordedUserAgent(header: string | undefined): string | undefined {
  const value = header?.trim();
  return value ? value.slice(0, 512) : undefined;
}
