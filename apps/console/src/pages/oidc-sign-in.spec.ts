import { SignInStorage, beginSignIn, codeChallenge, rememberNext, safeNext, takeNext, takePendingSignIn } from './oidc-sign-in';

function memoryStorage(): SignInStorage {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value), removeItem: (key) => void values.delete(key) };
}

const provider = { authorizationUrl: 'https://idp.example.gov.cn/oauth2/authorize?tenant=finance', clientId: 'houqin-console', scope: 'openid' };

describe("signing in at the agency's identity provider", () => {
  it('derives the S256 code challenge of RFC 7636’s example verifier', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('sends the person to the provider with the client, the callback, state, nonce and the challenge of a verifier it keeps', async () => {
    const storage = memoryStorage();
    const url = new URL(await beginSignIn(provider, 'https://houqin.example.gov.cn', '/work-orders/42', storage));
    expect(url.origin + url.pathname).toBe('https://idp.example.gov.cn/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      tenant: 'finance',
      response_type: 'code',
      client_id: 'houqin-console',
      redirect_uri: 'https://houqin.example.gov.cn/login/callback',
      scope: 'openid',
      code_challenge_method: 'S256',
    });
    const pending = takePendingSignIn(url.searchParams.get('state'), storage)!;
    expect(pending).toMatchObject({ nonce: url.searchParams.get('nonce'), next: '/work-orders/42', redirectUri: 'https://houqin.example.gov.cn/login/callback' });
    expect(pending.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await codeChallenge(pending.codeVerifier)).toBe(url.searchParams.get('code_challenge'));
  });

  it('refuses a callback whose state is not the one sent, and takes a sign-in back only once', async () => {
    const storage = memoryStorage();
    const state = new URL(await beginSignIn(provider, 'https://houqin.example.gov.cn', null, storage)).searchParams.get('state');
    expect(takePendingSignIn('forged-state', storage)).toBeUndefined();
    expect(takePendingSignIn(state, storage)).toBeUndefined();
    const again = new URL(await beginSignIn(provider, 'https://houqin.example.gov.cn', null, storage)).searchParams.get('state');
    expect(takePendingSignIn(again, storage)).toMatchObject({ state: again, next: '/' });
    expect(takePendingSignIn(again, storage)).toBeUndefined();
  });

  it('goes on only to a page of the console', () => {
    expect(safeNext('/repairs?highlight=1')).toBe('/repairs?highlight=1');
    for (const elsewhere of ['//evil.example.com', 'https://evil.example.com', '/login?next=/x', '/login/callback', null, undefined]) expect(safeNext(elsewhere)).toBe('/');
    const storage = memoryStorage();
    rememberNext('/surveys', storage);
    expect(takeNext(storage)).toBe('/surveys');
    expect(takeNext(storage)).toBe('/');
  });
});
