import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { IncomingMessage, Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { RunningService } from '@houqin/service-kit';
import { TEST_REDIS_URL, TestDatabase, createTestDatabase, uniqueSuffix } from '@houqin/testing';
import { GatewayAnswer, StubUpstream, startGateway, viaGateway } from './gateway-fixture';

/**
 * The console's sign-in at the agency's identity provider (authorization code + PKCE), against a
 * fake provider on loopback (discovery, token endpoint, JWKS): the gateway exchanges the code,
 * verifies the id token (issuer, audience = the console's client id, nonce, signature, expiry) and
 * answers what a password login answers, with a session of its own; an unknown subject, a token for
 * another audience, a refused code and an unreachable provider are clear 401 / 502 problems.
 */
const BOOTSTRAP_PASSWORD = 'bootstrap-admin-password-0123';
const CLIENT_ID = 'houqin-console';
const CLIENT_SECRET = 'console-client-secret';
const REDIRECT_URI = 'https://houqin.example.gov.cn/login/callback';
const KID = 'provider-key-1';
const run = uniqueSuffix();
const providerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** What the fake provider's token endpoint does with the next code it is given. */
interface Grant {
  subject: string;
  codeChallenge: string;
  nonce?: string;
  audience?: string;
  /** Answer this status and body instead of tokens. */
  fail?: { status: number; body: unknown };
}

let database: TestDatabase;
let gateway: RunningService;
let upstream: StubUpstream;
let provider: Server;
let issuer: string;
const grants = new Map<string, Grant>();
const tokenRequests: { authorization: string | undefined; form: URLSearchParams }[] = [];
let lastSignInSession: string | undefined;

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(response: import('node:http').ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** A PKCE pair (RFC 7636, S256). */
function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** What the provider's /authorize would have done: a code for this person, bound to the challenge. */
function authorize(grant: Grant): string {
  const code = randomBytes(16).toString('hex');
  grants.set(code, grant);
  return code;
}

async function call(method: string, path: string, body?: unknown): Promise<GatewayAnswer> {
  return viaGateway(gateway, method, path, { caller: null, headers: { 'user-agent': 'Console test browser' }, ...(body !== undefined ? { body } : {}) });
}

function expectProblem(answer: GatewayAnswer, status: number, type: string, detail?: RegExp): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  expect(answer.body).toMatchObject({ type: `urn:houqin:problem:${type}` });
  if (detail) expect(String(answer.body?.['detail'])).toMatch(detail);
}

beforeAll(async () => {
  provider = createServer((request, response) => {
    void (async () => {
      if (request.url === '/.well-known/openid-configuration') {
        return json(response, 200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` });
      }
      if (request.url === '/jwks') return json(response, 200, { keys: [{ ...providerKey.publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' }] });
      if (request.url === '/token' && request.method === 'POST') {
        const form = new URLSearchParams(await bodyOf(request));
        tokenRequests.push({ authorization: request.headers.authorization, form });
        const grant = grants.get(form.get('code') ?? '');
        grants.delete(form.get('code') ?? '');
        if (!grant) return json(response, 400, { error: 'invalid_grant', error_description: 'unknown or used code' });
        if (grant.fail) return json(response, grant.fail.status, grant.fail.body);
        const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
        if (challenge !== grant.codeChallenge) return json(response, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        const idToken = jwt.sign({ sub: grant.subject, ...(grant.nonce ? { nonce: grant.nonce } : {}) }, providerKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), {
          algorithm: 'RS256',
          keyid: KID,
          expiresIn: 300,
          audience: grant.audience ?? CLIENT_ID,
          issuer,
        });
        return json(response, 200, { access_token: 'provider-access-token', token_type: 'Bearer', expires_in: 300, id_token: idToken });
      }
      response.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;

  database = await createTestDatabase('gateway_oidc_login');
  upstream = await StubUpstream.start({ status: 200, body: {} });
  gateway = await startGateway({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    MAINTENANCE_URL: upstream.url,
    PROCUREMENT_URL: upstream.url,
    GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD,
    OIDC_ISSUER: issuer,
    OIDC_CONSOLE_CLIENT_ID: CLIENT_ID,
    OIDC_CONSOLE_CLIENT_SECRET: CLIENT_SECRET,
    // Ten sign-ins from one address in a few seconds, on the Redis other files' gateways share: the
    // default limit (a burst of 10 per address) is gateway-rate-limit.int-spec.ts's to test, not this file's.
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    LOGIN_RATE_LIMIT_BURST: '1000',
  });
  const admin = await call('POST', '/auth/login', { username: 'admin', password: BOOTSTRAP_PASSWORD });
  const authorization = { authorization: `Bearer ${String(admin.body?.['accessToken'])}` };
  const agency = await viaGateway(gateway, 'POST', '/identity/agencies', { caller: null, headers: authorization, body: { name: 'Civil Affairs Bureau', code: `civil-${run}` } });
  const created = await viaGateway(gateway, 'POST', '/identity/users', {
    caller: null,
    headers: authorization,
    body: { agencyId: String(agency.body?.['id']), username: `zhou-${run}`, displayName: '周敏', roles: ['logistics-manager'], password: 'a password nobody types', externalSubject: `idp|zhou-${run}` },
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await gateway?.shutdown();
  await upstream?.close();
  await database?.drop();
  await new Promise<void>((resolve) => provider?.close(() => resolve()));
});

describe("signing in to the console at the agency's identity provider", () => {
  it('tells the console where to send the person: the provider’s authorization endpoint and the console’s client id', async () => {
    const providers = await call('GET', '/auth/providers');
    expect(providers.status).toBe(200);
    expect(providers.body).toEqual({ oidc: { authorizationUrl: `${issuer}/authorize`, clientId: CLIENT_ID, scope: 'openid' } });
  });

  it('exchanges the code for the same tokens as a password login, with a session of its own', async () => {
    const { verifier, challenge } = pkce();
    const code = authorize({ subject: `idp|zhou-${run}`, codeChallenge: challenge, nonce: 'nonce-1' });
    const signedIn = await call('POST', '/auth/oidc', { code, codeVerifier: verifier, redirectUri: REDIRECT_URI, nonce: 'nonce-1' });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, accessToken: expect.any(String) as unknown, refreshToken: expect.any(String) as unknown });

    // The provider was asked as the console's confidential client, with the code's verifier and redirect.
    const asked = tokenRequests.at(-1)!;
    expect(asked.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`);
    expect(Object.fromEntries(asked.form)).toMatchObject({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID });

    const bearer = { authorization: `Bearer ${String(signedIn.body?.['accessToken'])}` };
    const me = await viaGateway(gateway, 'GET', '/auth/me', { caller: null, headers: bearer });
    expect(me.body).toMatchObject({ roles: ['logistics-manager'] });
    const sessions = await viaGateway(gateway, 'GET', '/auth/sessions', { caller: null, headers: bearer });
    expect(sessions.body).toEqual([expect.objectContaining({ current: true, userAgent: 'Console test browser' })]);
    lastSignInSession = String((sessions.body as unknown as Record<string, unknown>[])[0]!['id']);
    const refreshed = await call('POST', '/auth/refresh', { refreshToken: String(signedIn.body?.['refreshToken']) });
    expect(refreshed.status).toBe(200);
  });

  it("gives the provider's own bearer token no session list: it belongs to no login session", async () => {
    const providerToken = jwt.sign({ sub: `idp|zhou-${run}` }, providerKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { algorithm: 'RS256', keyid: KID, expiresIn: 300, audience: 'houqin-api', issuer });
    const bearer = { authorization: `Bearer ${providerToken}` };
    expect((await viaGateway(gateway, 'GET', '/auth/me', { caller: null, headers: bearer })).status).toBe(200);
    const listed = await viaGateway(gateway, 'GET', '/auth/sessions', { caller: null, headers: bearer });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([]);
    // The console sign-in above began a session of this person's; the provider's token cannot end it.
    expect((await viaGateway(gateway, 'POST', `/auth/sessions/${lastSignInSession!}/revoke`, { caller: null, headers: bearer })).status).toBe(404);
  });

  it('refuses a subject linked to no account (401)', async () => {
    const { verifier, challenge } = pkce();
    const code = authorize({ subject: 'idp|nobody', codeChallenge: challenge });
    expectProblem(await call('POST', '/auth/oidc', { code, codeVerifier: verifier, redirectUri: REDIRECT_URI }), 401, 'unknown-subject', /no platform account/);
  });

  it('refuses an id token for another audience, or without the login’s nonce (401)', async () => {
    const other = pkce();
    const forAnotherApp = authorize({ subject: `idp|zhou-${run}`, codeChallenge: other.challenge, audience: 'another-app' });
    expectProblem(await call('POST', '/auth/oidc', { code: forAnotherApp, codeVerifier: other.verifier, redirectUri: REDIRECT_URI }), 401, 'invalid-id-token', /audience/);
    const replayed = pkce();
    const withOtherNonce = authorize({ subject: `idp|zhou-${run}`, codeChallenge: replayed.challenge, nonce: 'an earlier login' });
    expectProblem(await call('POST', '/auth/oidc', { code: withOtherNonce, codeVerifier: replayed.verifier, redirectUri: REDIRECT_URI, nonce: 'this login' }), 401, 'invalid-id-token', /nonce/);
  });

  it('answers 401 when the provider refuses the code, and 502 when the provider fails — never a 500', async () => {
    const wrongVerifier = pkce();
    const code = authorize({ subject: `idp|zhou-${run}`, codeChallenge: wrongVerifier.challenge });
    expectProblem(await call('POST', '/auth/oidc', { code, codeVerifier: pkce().verifier, redirectUri: REDIRECT_URI }), 401, 'oidc-code-refused', /PKCE verification failed/);
    expectProblem(await call('POST', '/auth/oidc', { code: 'already-used', codeVerifier: pkce().verifier, redirectUri: REDIRECT_URI }), 401, 'oidc-code-refused', /invalid_grant/);

    const failing = pkce();
    const broken = authorize({ subject: `idp|zhou-${run}`, codeChallenge: failing.challenge, fail: { status: 503, body: { error: 'temporarily_unavailable' } } });
    expectProblem(await call('POST', '/auth/oidc', { code: broken, codeVerifier: failing.verifier, redirectUri: REDIRECT_URI }), 502, 'identity-provider-unavailable', /503/);
    const noIdToken = pkce();
    const withoutIdToken = authorize({ subject: `idp|zhou-${run}`, codeChallenge: noIdToken.challenge, fail: { status: 200, body: { access_token: 'x', token_type: 'Bearer' } } });
    expectProblem(await call('POST', '/auth/oidc', { code: withoutIdToken, codeVerifier: noIdToken.verifier, redirectUri: REDIRECT_URI }), 502, 'identity-provider-unavailable', /id_token/);
  });

  it('names the field of a malformed request (400)', async () => {
    const answer = await call('POST', '/auth/oidc', { code: 'c', codeVerifier: 'short', redirectUri: 'javascript:alert(1)' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ field: 'codeVerifier' }), expect.objectContaining({ field: 'redirectUri' })]) as unknown });
  });
});

describe('the identity provider sign-in configuration', () => {
  it('is refused at start when the console client id has no provider, naming the variable', async () => {
    await expect(startGateway({ DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, MAINTENANCE_URL: upstream.url, PROCUREMENT_URL: upstream.url, OIDC_CONSOLE_CLIENT_ID: CLIENT_ID })).rejects.toThrow(
      /OIDC_CONSOLE_CLIENT_ID needs OIDC_ISSUER/,
    );
  });
});
