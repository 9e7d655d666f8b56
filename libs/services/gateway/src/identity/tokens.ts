import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@houqin/auth';
import { Caller } from '@houqin/observability';

/** Access tokens the gateway issues at login: 15 minutes. */
export const ACCESS_TOKEN_TTL_SECONDS = 900;

/**
 * The existing access token format (HS256, issuer houqin, audience houqin-api; sub, agency, roles,
 * supervised, vendor) plus `ver`, the user's token version when it was issued, and `sid`, the login
 * session it belongs to. accessTokenVerifier ignores claims it does not know, so every verifier of
 * access tokens still accepts these.
 */
export function signAccessToken(secret: string, caller: Caller, tokenVersion: number, sessionId: string): string {
  const claims: Record<string, unknown> = { sub: caller.userId, agency: caller.agencyId, roles: caller.roles, ver: tokenVersion, sid: sessionId };
  if (caller.supervisedAgencyIds?.length) claims['supervised'] = caller.supervisedAgencyIds;
  if (caller.vendorId) claims['vendor'] = caller.vendorId;
  return jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECONDS, issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE });
}

/** The `ver` claim of a token whose signature was already verified; undefined when it has none. */
export function tokenVersionClaim(verifiedToken: string): number | undefined {
  const payload = jwt.decode(verifiedToken);
  if (typeof payload !== 'object' || payload === null) return undefined;
  const ver = (payload as Record<string, unknown>)['ver'];
  return typeof ver === 'number' && Number.isInteger(ver) ? ver : undefined;
}

/** The `sid` claim (login session) of a token whose signature was already verified; undefined when it has none. */
export function sessionClaim(verifiedToken: string): string | undefined {
  const payload = jwt.decode(verifiedToken);
  if (typeof payload !== 'object' || payload === null) return undefined;
  const sid = (payload as Record<string, unknown>)['sid'];
  return typeof sid === 'string' && sid ? sid : undefined;
}

/** An opaque refresh token: 256 random bits; only its SHA-256 is stored. */
export function newRefreshTokenValue(): string {
  return randomBytes(32).toString('base64url');
}

export function refreshTokenHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
