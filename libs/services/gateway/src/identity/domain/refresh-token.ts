import { Clock } from '@houqin/domain';

/** Refresh tokens live 30 days; each use replaces the token by a new one of the same family. */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * active → used (rotated: exchanged once for a new token) | revoked (logout, reuse, disabled user).
 * A family is the chain of tokens that descend from one login.
 */
export type RefreshTokenStatus = 'active' | 'used' | 'revoked';

export interface RefreshToken {
  id: string;
  familyId: string;
  userId: string;
  status: RefreshTokenStatus;
  issuedAt: Date;
  expiresAt: Date;
  usedAt?: Date;
}

export function issueRefreshToken(input: { id: string; familyId: string; userId: string }, clock: Clock): RefreshToken {
  const issuedAt = clock.now();
  return { ...input, status: 'active', issuedAt, expiresAt: new Date(issuedAt.getTime() + REFRESH_TOKEN_TTL_MS) };
}

export type RotationDecision =
  /** The token is marked used; `next` (same family) replaces it. */
  | { outcome: 'rotated'; used: RefreshToken; next: RefreshToken }
  /** A used token came back: it was stolen or replayed. The whole family is revoked. */
  | { outcome: 'reuse-detected'; revokeFamily: string }
  | { outcome: 'refused'; reason: 'revoked' | 'expired' };

/** Exchanging a refresh token for a new one: once only, before it expires, unless revoked. */
export function rotateRefreshToken(token: RefreshToken, nextId: string, clock: Clock): RotationDecision {
  const now = clock.now();
  switch (token.status) {
    case 'used':
      return { outcome: 'reuse-detected', revokeFamily: token.familyId };
    case 'revoked':
      return { outcome: 'refused', reason: 'revoked' };
    case 'active':
      if (token.expiresAt.getTime() <= now.getTime()) return { outcome: 'refused', reason: 'expired' };
      return {
        outcome: 'rotated',
        used: { ...token, status: 'used', usedAt: now },
        next: issueRefreshToken({ id: nextId, familyId: token.familyId, userId: token.userId }, clock),
      };
  }
}
