import type { OidcProviderView } from '@houqin/api-client';

/**
 * Signing in at the agency's identity provider (统一身份认证) with the authorization-code flow and
 * PKCE (RFC 7636, S256). The browser keeps the login's secrets (state, nonce, code verifier) in
 * sessionStorage across the trip to the provider; the gateway exchanges the code.
 */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  /** Where the person was going (a deep link), once signed in. */
  next: string;
}

/** What the console keeps between leaving for the provider and coming back: sessionStorage, or a stand-in in tests. */
export type SignInStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PENDING_KEY = 'houqin.console.oidc-sign-in';
const NEXT_KEY = 'houqin.console.oidc-next';

export const CALLBACK_PATH = '/login/callback';

/** 256 random bits, base64url: a state, a nonce or a code verifier (43 characters). */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return base64url(bytes);
}

/** The S256 code challenge of a verifier. */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Only a path of this console, never back to the login or elsewhere. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** Starts a sign-in: remembers its secrets and answers the provider's authorization URL to go to. */
export async function beginSignIn(provider: OidcProviderView, origin: string, next: string | null, storage: SignInStorage): Promise<string> {
  const pending: PendingSignIn = { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken(), redirectUri: `${origin}${CALLBACK_PATH}`, next: safeNext(next) };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(provider.authorizationUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', provider.clientId);
  url.searchParams.set('redirect_uri', pending.redirectUri);
  url.searchParams.set('scope', provider.scope);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await codeChallenge(pending.codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/**
 * The sign-in the provider sent the person back from, once: only when the `state` it brought back is
 * the one this browser sent (otherwise someone else's code is being slipped in). Forgotten either way.
 */
export function takePendingSignIn(state: string | null, storage: SignInStorage): PendingSignIn | undefined {
  const raw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  if (!raw || !state) return undefined;
  try {
    const pending = JSON.parse(raw) as PendingSignIn;
    return pending.state === state ? pending : undefined;
  } catch {
    return undefined;
  }
}

/** Where to go once the session is there (the callback page is shown again, signed in). */
export function rememberNext(next: string, storage: SignInStorage): void {
  storage.setItem(NEXT_KEY, safeNext(next));
}

export function takeNext(storage: SignInStorage): string {
  const next = safeNext(storage.getItem(NEXT_KEY));
  storage.removeItem(NEXT_KEY);
  return next;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
