import { KeyObject, createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Caller } from '@houqin/observability';
import { isRole } from './roles';

export const INTERNAL_TOKEN_ISSUER = 'houqin-gateway';
export const INTERNAL_TOKEN_AUDIENCE = 'houqin-services';
export const INTERNAL_TOKEN_HEADER = 'authorization';
const ALGORITHM = 'HS256';

export class InvalidInternalTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidInternalTokenError';
  }
}

interface InternalClaims {
  sub: string;
  agency: string;
  roles: string[];
  supervised?: string[];
  vendor?: string;
}

/**
 * The secret as a key built once. Handed a string, jsonwebtoken first tries to parse it as a PEM
 * key on every sign and verify (about 50 times the cost of the HMAC itself); a secret KeyObject
 * goes straight to HMAC, with the same bytes and so the same tokens.
 */
function hmacKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

/**
 * The gateway vouches for a caller by signing a short-lived token; services accept calls only with
 * one. HS256 with a shared secret: the secret never leaves the platform's own pods.
 */
/**
 * Signs the tokens the gateway forwards. A caller's token is reused while more than half its
 * lifetime remains (so every token a service receives still has at least ttl/2 seconds to live):
 * one signature per caller and half-lifetime instead of one per request.
 */
export class InternalTokenIssuer {
  private readonly key: KeyObject;
  private readonly issued = new Map<string, { token: string; reuseUntilMs: number }>();

  constructor(
    secret: string,
    private readonly ttlSeconds = 60,
    private readonly issuer = INTERNAL_TOKEN_ISSUER,
    private readonly audience = INTERNAL_TOKEN_AUDIENCE,
  ) {
    this.key = hmacKey(secret);
  }

  issue(caller: Caller): string {
    const claims: InternalClaims = { sub: caller.userId, agency: caller.agencyId, roles: caller.roles };
    if (caller.supervisedAgencyIds?.length) claims.supervised = caller.supervisedAgencyIds;
    if (caller.vendorId) claims.vendor = caller.vendorId;
    const key = JSON.stringify(claims);
    const now = Date.now();
    const reusable = this.issued.get(key);
    if (reusable && reusable.reuseUntilMs > now) return reusable.token;
    const token = jwt.sign(claims, this.key, {
      algorithm: ALGORITHM,
      expiresIn: this.ttlSeconds,
      issuer: this.issuer,
      audience: this.audience,
    });
    this.issued.delete(key);
    if (this.issued.size >= MAX_REUSABLE_TOKENS) this.issued.delete(this.issued.keys().next().value!);
    this.issued.set(key, { token, reuseUntilMs: now + (this.ttlSeconds * 1000) / 2 });
    return token;
  }
}

/** Callers whose token is kept for reuse; the longest unused is forgotten first. */
const MAX_REUSABLE_TOKENS = 10_000;

export class InternalTokenVerifier {
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly issuer = INTERNAL_TOKEN_ISSUER,
    private readonly audience = INTERNAL_TOKEN_AUDIENCE,
  ) {
    this.key = hmacKey(secret);
  }

  verify(token: string): Caller {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: 5,
      });
    } catch (error) {
      throw new InvalidInternalTokenError((error as Error).message);
    }
    if (typeof payload === 'string' || typeof payload.exp !== 'number') throw new InvalidInternalTokenError('token without expiry');
    const { sub, agency, roles, supervised, vendor } = payload as jwt.JwtPayload & Partial<InternalClaims>;
    if (typeof sub !== 'string' || !sub) throw new InvalidInternalTokenError('token without subject');
    if (typeof agency !== 'string' || !agency) throw new InvalidInternalTokenError('token without agency');
    if (!Array.isArray(roles) || !roles.every(isRole)) throw new InvalidInternalTokenError('token with unknown roles');
    const caller: Caller = { userId: sub, agencyId: agency, roles };
    if (Array.isArray(supervised) && supervised.every((a) => typeof a === 'string')) caller.supervisedAgencyIds = supervised;
    if (typeof vendor === 'string') caller.vendorId = vendor;
    return caller;
  }
}

/** Extracts the token from `Authorization: Bearer <token>`. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
  return match?.[1];
}

export const ACCESS_TOKEN_ISSUER = 'houqin';
export const ACCESS_TOKEN_AUDIENCE = 'houqin-api';

/** Access tokens people and the console present to the gateway (same claims, own secret and audience). */
export function accessTokenIssuer(secret: string, ttlSeconds = 900): InternalTokenIssuer {
  return new InternalTokenIssuer(secret, ttlSeconds, ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_AUDIENCE);
}

export function accessTokenVerifier(secret: string): InternalTokenVerifier {
  return new InternalTokenVerifier(secret, ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_AUDIENCE);
}
