import jwt from 'jsonwebtoken';
import { JwksKeySet, OIDC_ALGORITHMS } from './jwks-key-set';

export interface OidcSettings {
  issuer: string;
  audience: string;
  /** Where the keys are; by default found through the issuer's discovery document. */
  jwksUrl?: string;
  subjectClaim: string;
}

export class InvalidOidcTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidOidcTokenError';
  }
}

/**
 * Verifies tokens of the agency's own identity provider (OpenID Connect): signed with one of the
 * provider's published keys by an asymmetric algorithm, from the configured issuer, for the
 * configured audience, unexpired. The verified subject names the platform account it logs in as.
 */
export class OidcVerifier {
  private readonly keys: JwksKeySet;

  constructor(private readonly settings: OidcSettings) {
    this.keys = new JwksKeySet(() => this.jwksUrl());
  }

  /** Whether a (not yet verified) token claims to come from this provider. */
  claimsIssuer(token: string): boolean {
    const payload = jwt.decode(token);
    return typeof payload === 'object' && payload !== null && payload.iss === this.settings.issuer;
  }

  async verify(token: string): Promise<{ subject: string }> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new InvalidOidcTokenError('malformed token');
    const algorithm = decoded.header.alg;
    if (!(OIDC_ALGORITHMS as readonly string[]).includes(algorithm)) throw new InvalidOidcTokenError(`algorithm ${algorithm} is not accepted from the identity provider`);
    let key;
    try {
      key = await this.keys.key(decoded.header.kid);
    } catch (error) {
      throw new InvalidOidcTokenError(`the identity provider's keys could not be read: ${(error as Error).message}`);
    }
    if (!key) throw new InvalidOidcTokenError(`no key ${decoded.header.kid ?? '(without key id)'} among the identity provider's keys`);
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [...OIDC_ALGORITHMS],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: 5,
      });
    } catch (error) {
      throw new InvalidOidcTokenError((error as Error).message);
    }
    if (typeof payload === 'string' || typeof payload.exp !== 'number') throw new InvalidOidcTokenError('token without expiry');
    const subject = (payload as Record<string, unknown>)[this.settings.subjectClaim];
    if (typeof subject !== 'string' || !subject) throw new InvalidOidcTokenError(`token without ${this.settings.subjectClaim}`);
    return { subject };
  }

  private async jwksUrl(): Promise<string> {
    if (this.settings.jwksUrl) return this.settings.jwksUrl;
    const discovery = `${this.settings.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(discovery, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`${discovery} answered ${response.status}`);
    const document = (await response.json()) as { jwks_uri?: string };
    if (!document.jwks_uri) throw new Error(`${discovery} names no jwks_uri`);
    return document.jwks_uri;
  }
}
