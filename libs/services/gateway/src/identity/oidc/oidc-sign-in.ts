import { Injectable } from '@nestjs/common';
import { IdentityProvider } from './identity-provider';
import { InvalidOidcTokenError } from './oidc-verifier';

/** How long the provider's token endpoint has to answer. */
const TOKEN_ENDPOINT_TIMEOUT_MS = 10_000;

export interface AuthorizationCode {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  nonce?: string;
}

export type CodeExchange =
  /** The provider's id token, verified: the person it names. */
  | { outcome: 'verified'; subject: string }
  | { outcome: 'not-configured' }
  /** The provider refused the code (used, expired, wrong verifier or redirect): the person signs in again. */
  | { outcome: 'refused'; detail: string }
  /** The provider's id token did not verify (issuer, audience, signature, expiry, nonce). */
  | { outcome: 'invalid-id-token'; detail: string }
  /** The provider could not be reached or answered something unusable. */
  | { outcome: 'unavailable'; detail: string };

/**
 * The console's sign-in at the agency's identity provider (authorization code + PKCE): the gateway
 * exchanges the code at the provider's token endpoint (from its discovery document) and verifies
 * the id token with the same key set as the provider's bearer tokens, for the console's client id.
 */
@Injectable()
export class OidcSignIn {
  constructor(private readonly provider: IdentityProvider) {}

  async exchange(input: AuthorizationCode): Promise<CodeExchange> {
    const verifier = this.provider.verifier;
    const client = this.provider.consoleClient;
    if (!verifier || !client) return { outcome: 'not-configured' };
    let tokenEndpoint: string | undefined;
    try {
      tokenEndpoint = (await verifier.discovery()).tokenEndpoint;
    } catch (error) {
      return { outcome: 'unavailable', detail: `the identity provider's discovery document could not be read: ${(error as Error).message}` };
    }
    if (!tokenEndpoint) return { outcome: 'unavailable', detail: `${verifier.discoveryUrl()} names no token_endpoint` };

    const form = new URLSearchParams({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier, client_id: client.id });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (client.secret) headers['authorization'] = `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`;
    let status: number;
    let body: Record<string, unknown> | undefined;
    try {
      const response = await fetch(tokenEndpoint, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(TOKEN_ENDPOINT_TIMEOUT_MS) });
      status = response.status;
      body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    } catch (error) {
      return { outcome: 'unavailable', detail: `the identity provider's token endpoint could not be reached: ${(error as Error).message}` };
    }
    if (status >= 400 && status < 500) {
      const reason = [body?.['error'], body?.['error_description']].filter((part) => typeof part === 'string' && part).join(': ');
      return { outcome: 'refused', detail: `the identity provider refused the sign-in${reason ? ` (${reason})` : ` (${status})`}: sign in again` };
    }
    if (status !== 200) return { outcome: 'unavailable', detail: `the identity provider's token endpoint answered ${status}` };
    const idToken = body?.['id_token'];
    if (typeof idToken !== 'string' || !idToken) return { outcome: 'unavailable', detail: "the identity provider's answer has no id_token" };
    try {
      const { subject } = await verifier.verify(idToken, { audience: client.id, ...(input.nonce !== undefined ? { nonce: input.nonce } : {}) });
      return { outcome: 'verified', subject };
    } catch (error) {
      if (error instanceof InvalidOidcTokenError) return { outcome: 'invalid-id-token', detail: `the identity provider's id token was refused: ${error.message}` };
      throw error;
    }
  }
}
