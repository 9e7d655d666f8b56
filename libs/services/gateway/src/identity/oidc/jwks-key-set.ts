import { KeyObject, createPublicKey } from 'node:crypto';

/** Signature algorithms accepted from an external identity provider: asymmetric only, never HS* or none. */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;

interface Jwk {
  kid?: string;
  kty?: string;
  use?: string;
  alg?: string;
}

/**
 * The provider's public signing keys, fetched from its JWKS and kept by key id. An unknown key id
 * (the provider rotated its keys) fetches the set again, at most once per `refetchAfterMs`, so a
 * stream of tokens with made-up key ids cannot hammer the provider.
 */
export class JwksKeySet {
  private keys = new Map<string, KeyObject>();
  private lastFetch = 0;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly jwksUrl: () => Promise<string>,
    private readonly refetchAfterMs = 30_000,
    private readonly timeoutMs = 5_000,
  ) {}

  async key(kid: string | undefined): Promise<KeyObject | undefined> {
    const known = this.pick(kid);
    if (known) return known;
    if (Date.now() - this.lastFetch >= this.refetchAfterMs || this.lastFetch === 0) await this.refresh();
    return this.pick(kid);
  }

  private pick(kid: string | undefined): KeyObject | undefined {
    if (kid !== undefined) return this.keys.get(kid);
    // A token without a key id is acceptable only when the provider publishes exactly one key.
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.fetchKeys().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetchKeys(): Promise<void> {
    this.lastFetch = Date.now();
    const response = await fetch(await this.jwksUrl(), { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    const body = (await response.json()) as { keys?: Jwk[] };
    const keys = new Map<string, KeyObject>();
    for (const [index, jwk] of (body.keys ?? []).entries()) {
      if (jwk.use !== undefined && jwk.use !== 'sig') continue;
      if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') continue;
      try {
        keys.set(jwk.kid ?? `#${index}`, createPublicKey({ key: jwk as Record<string, unknown> & { kty: string }, format: 'jwk' }));
      } catch {
        // A key this platform cannot read is skipped; tokens signed with it are refused.
      }
    }
    this.keys = keys;
  }
}
