import jwt from 'jsonwebtoken';
import { JwksKeySet, OIDC_ALGORITHMS } from './jwks-key-set';

export interface OidcSettings {
  issuer: string;
  audience: string;
  /** Where the keys are; by default found through the issuer's discovery document. */
  jwksUrl?: string;
  subjectClaim: string;
}

/** What the console's login needs of the provider's discovery document (/.well-known/openid-configuration). */
export interface OidcDiscovery {
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  jwksUri?: string;
}

/** What a verification expects beyond the settings: the console's client id as audience, the login's nonce. */
export interface OidcExpectations {
  audience?: string;
  nonce?: string;
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
  private discovered: Promise<OidcDiscovery> | undefined;

  constructor(private readonly settings: OidcSettings) {
    this.keys = new JwksKeySet(() => this.jwksUrl());
  }

  /** Whether a (not yet verified) token claims to come from this provider. */
  claimsIssuer(token: string): boolean {
    const payload = jwt.decode(token);
    return typeof payload === 'object' && payload !== null && payload.iss === this.settings.issuer;
  }

  async verify(token: string, expected: OidcExpectations = {}): Promise<{ subject: string }> {
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
        audience: expected.audience ?? this.settings.audience,
        clockTolerance: 5,
      });
    } catch (error) {
      throw new InvalidOidcTokenError((error as Error).message);
    }
    if (typeof payload === 'string' || typeof payload.exp !== 'number') throw new InvalidOidcTokenError('token without expiry');
    if (expected.nonce !== undefined && payload['nonce'] !== expected.nonce) throw new InvalidOidcTokenError('nonce does not match the login');
    const subject = (payload as Record<string, unknown>)[this.settings.subjectClaim];
    if (typeof subject !== 'string' || !subject) throw new InvalidOidcTokenError(`token without ${this.settings.subjectClaim}`);
    return { subject };
  }

  /** The provider's discovery document, read once (again after a failure). */
  discovery(): Promise<OidcDiscovery> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private async discover(): Promise<OidcDiscovery> {
    const discovery = this.discoveryUrl();
    const response = await fetch(discovery, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`${discovery} answered ${response.status}`);
    const document = (await response.json()) as { authorization_endpoint?: unknown; token_endpoint?: unknown; jwks_uri?: unknown };
    const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
    const found = { authorizationEndpoint: text(document.authorization_endpoint), tokenEndpoint: text(document.token_endpoint), jwksUri: text(document.jwks_uri) };
    return Object.fromEntries(Object.entries(found).filter(([, value]) => value !== undefined)) as OidcDiscovery;
  }

  discoveryUrl(): string {
    return `${this.settings.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  }

  private async jwksUrl(): Promise<string> {
    if (this.settings.jwksUrl) return this.settings.jwksUrl;
    const { jwksUri } = await this.discovery();
    if (!jwksUri) throw new Error(`${this.discoveryUrl()} names no jwks_uri`);
    return jwksUri;
  }
}
