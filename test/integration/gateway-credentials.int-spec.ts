import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { RunningService } from '@houqin/service-kit';
import { TEST_ACCESS_TOKEN_SECRET, TEST_REDIS_URL, TestDatabase, accessToken, createTestDatabase, testCaller, uniqueSuffix } from '@houqin/testing';
import { GatewayAnswer, StubUpstream, startGateway, viaGateway } from './gateway-fixture';

/**
 * Every credential the gateway accepts, attacked: forged access tokens (alg none, wrong key,
 * expired, tampered claims), a reused refresh token, tokens of an agency's identity provider (OIDC,
 * verified against its JWKS: wrong issuer or audience, a symmetric token signed with the provider's
 * public key, an unlinked subject), and integrators' API keys (scopes, revocation on every replica).
 */
const BOOTSTRAP_PASSWORD = 'bootstrap-admin-password-0123';
const PASSWORD = 'correct horse battery staple';
const run = uniqueSuffix();
const provider = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'provider-key-1';

let database: TestDatabase;
let gateway: RunningService;
let replica: RunningService;
let upstream: StubUpstream;
let identityProvider: Server;
let issuer: string;
let jwksRequests = 0;
let agencyId: string;
let agencyAdmin: string;

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function call(target: RunningService, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<GatewayAnswer> {
  return viaGateway(target, method, path, { caller: null, headers, ...(body !== undefined ? { body } : {}) });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function expectUnauthorized(answer: GatewayAnswer, detail?: RegExp): void {
  expect(answer.status).toBe(401);
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  if (detail) expect(String(answer.body?.['detail'])).toMatch(detail);
}

function providerToken(claims: Record<string, unknown>, options: { key?: string; kid?: string; expiresIn?: number; audience?: string; issuer?: string } = {}): string {
  return jwt.sign(claims, options.key ?? provider.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), {
    algorithm: 'RS256',
    keyid: options.kid ?? KID,
    expiresIn: options.expiresIn ?? 300,
    audience: options.audience ?? 'houqin-api',
    issuer: options.issuer ?? issuer,
  });
}

beforeAll(async () => {
  identityProvider = createServer((request, response) => {
    if (request.url === '/.well-known/openid-configuration') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      return;
    }
    if (request.url === '/jwks') {
      jwksRequests += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [{ ...provider.publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' }] }));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => identityProvider.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(identityProvider.address() as AddressInfo).port}`;

  database = await createTestDatabase('gateway_credentials');
  upstream = await StubUpstream.start({ status: 200, body: { forwarded: true } });
  const env = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, MAINTENANCE_URL: upstream.url, PROCUREMENT_URL: upstream.url, GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD, OIDC_ISSUER: issuer };
  gateway = await startGateway(env);
  replica = await startGateway(env);

  const admin = await call(gateway, 'POST', '/auth/login', {}, { username: 'admin', password: BOOTSTRAP_PASSWORD });
  const adminToken = String(admin.body?.['accessToken']);
  const agency = await call(gateway, 'POST', '/identity/agencies', bearer(adminToken), { name: 'Water Resources Bureau', code: `water-${run}` });
  agencyId = String(agency.body?.['id']);
  agencyAdmin = accessToken(testCaller({ userId: randomUUID(), agencyId, roles: ['agency-admin'] }));
  for (const [username, extra] of [
    [`zhang-${run}`, {}],
    [`idp-user-${run}`, { externalSubject: `idp|${run}`, roles: ['logistics-manager'] }],
  ] as const) {
    const created = await call(gateway, 'POST', '/identity/users', bearer(adminToken), { agencyId, username, displayName: 'Someone', roles: ['staff'], password: PASSWORD, ...extra });
    expect(created.status).toBe(201);
  }
});

afterAll(async () => {
  await replica?.shutdown();
  await gateway?.shutdown();
  await upstream?.close();
  await database?.drop();
  await new Promise<void>((resolve) => identityProvider?.close(() => resolve()));
});

describe('forged access tokens', () => {
  const caller = testCaller({ roles: ['platform-admin'] });
  const claims = { sub: caller.userId, agency: caller.agencyId, roles: caller.roles };

  it('refuses alg none, whatever the claims', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: 'houqin', aud: 'houqin-api', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(token)));
    expectUnauthorized(await call(gateway, 'GET', '/maintenance/repair-requests', bearer(token)));
    expect(upstream.hits).toHaveLength(0);
  });

  it('refuses a token signed with another key', async () => {
    const token = jwt.sign(claims, 'not-the-gateway-secret-0123456789abcdef', { algorithm: 'HS256', expiresIn: 600, issuer: 'houqin', audience: 'houqin-api' });
    expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(token)), /invalid signature/);
  });

  it('refuses an expired token', async () => {
    const token = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_ACCESS_TOKEN_SECRET, { algorithm: 'HS256', issuer: 'houqin', audience: 'houqin-api' });
    expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(token)), /expired/);
  });

  it('refuses tampered claims: another agency or role under the original signature', async () => {
    const genuine = accessToken(testCaller({ agencyId: 'agency-genuine', roles: ['staff'] }));
    const [header, payload, signature] = genuine.split('.');
    const claimsOf = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const tampered of [{ ...claimsOf, agency: 'agency-victim' }, { ...claimsOf, roles: ['platform-admin'] }]) {
      expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(`${header}.${base64url(tampered)}.${signature}`)), /invalid signature/);
    }
    expect((await call(gateway, 'GET', '/auth/me', bearer(genuine))).status).toBe(200);
  });

  it('refuses a token meant for the services (internal audience) presented at the door', async () => {
    const token = jwt.sign(claims, TEST_ACCESS_TOKEN_SECRET, { algorithm: 'HS256', expiresIn: 600, issuer: 'houqin-gateway', audience: 'houqin-services' });
    expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(token)));
  });
});

describe('refresh tokens', () => {
  it('a reused refresh token is refused and revokes the session family', async () => {
    const login = await call(gateway, 'POST', '/auth/login', {}, { username: `zhang-${run}`, password: PASSWORD });
    const first = String(login.body?.['refreshToken']);
    const rotated = await call(gateway, 'POST', '/auth/refresh', {}, { refreshToken: first });
    expect(rotated.status).toBe(200);
    const reused = await call(replica, 'POST', '/auth/refresh', {}, { refreshToken: first });
    expectUnauthorized(reused);
    expect(reused.body).toMatchObject({ type: 'urn:houqin:problem:refresh-token-reused' });
    expectUnauthorized(await call(gateway, 'POST', '/auth/refresh', {}, { refreshToken: String(rotated.body?.['refreshToken']) }));
  });
});

describe('tokens of the agency’s identity provider (OIDC)', () => {
  it('act as the platform account linked to their subject, with that account’s agency and roles', async () => {
    const me = await call(gateway, 'GET', '/auth/me', bearer(providerToken({ sub: `idp|${run}` })));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ agencyId, roles: ['logistics-manager'] });
    // A role claim in the provider's token grants nothing: roles are the platform's.
    expect((await call(gateway, 'GET', '/auth/me', bearer(providerToken({ sub: `idp|${run}`, roles: ['platform-admin'] })))).body).toMatchObject({ roles: ['logistics-manager'] });
    expect(jwksRequests).toBe(1);
  });

  it('refuses a subject linked to no account', async () => {
    expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(providerToken({ sub: 'idp|nobody' }))), /no platform account/);
  });

  it('refuses another audience, an expired token, and a key the provider does not publish', async () => {
    expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(providerToken({ sub: `idp|${run}` }, { audience: 'another-app' }))), /audience/);
    expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(providerToken({ sub: `idp|${run}` }, { expiresIn: -60 }))), /expired/);
    const forged = providerToken({ sub: `idp|${run}` }, { key: stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(forged)), /invalid signature/);
    const unknownKey = providerToken({ sub: `idp|${run}` }, { kid: 'rotated-away' });
    expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(unknownKey)), /no key rotated-away/);
  });

  it('refuses the key-confusion attack: HS256 signed with the provider’s public key', async () => {
    const publicPem = provider.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const header = { alg: 'HS256', typ: 'JWT', kid: KID };
    const payload = { sub: `idp|${run}`, iss: issuer, aud: 'houqin-api', exp: Math.floor(Date.now() / 1000) + 300 };
    const { createHmac } = await import('node:crypto');
    const unsigned = `${base64url(header)}.${base64url(payload)}`;
    const token = `${unsigned}.${createHmac('sha256', publicPem).update(unsigned).digest('base64url')}`;
    expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(token)), /algorithm HS256 is not accepted/);
  });

  it('refuses alg none claiming the provider as issuer', async () => {
    const token = `${base64url({ alg: 'none', kid: KID })}.${base64url({ sub: `idp|${run}`, iss: issuer, aud: 'houqin-api', exp: Math.floor(Date.now() / 1000) + 300 })}.`;
    expectUnauthorized(await call(gateway, 'GET', '/auth/me', bearer(token)), /algorithm none is not accepted/);
  });
});

describe('API keys', () => {
  let key: string;
  let keyId: string;

  it('are issued once by an agency admin, scoped, and listed without the key', async () => {
    const issued = await call(gateway, 'POST', '/identity/api-keys', bearer(agencyAdmin), {
      name: 'Bureau ERP',
      actions: ['maintenance.repair-requests.read'],
      eventTypes: ['houqin.maintenance.repair-request.reported.v1'],
    });
    expect(issued.status).toBe(201);
    key = String(issued.body?.['key']);
    keyId = String(issued.body?.['id']);
    expect(key).toMatch(/^hqk_/);
    const listed = await call(gateway, 'GET', '/identity/api-keys', bearer(agencyAdmin));
    expect(listed.body).toEqual([expect.objectContaining({ id: keyId, prefix: key.slice(0, 10), status: 'usable', actions: ['maintenance.repair-requests.read'] })]);
    expect(JSON.stringify(listed.body)).not.toContain(key);
  });

  it('refuse scopes an integrator may not have, naming the field', async () => {
    const refused = await call(gateway, 'POST', '/identity/api-keys', bearer(agencyAdmin), { name: 'Greedy', actions: ['identity.users.create'] });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ errors: [expect.objectContaining({ field: 'actions' })] });
  });

  it('call the routes they are scoped to, in their agency, and nothing else', async () => {
    upstream.reset();
    const allowed = await call(gateway, 'GET', '/maintenance/repair-requests', { authorization: `ApiKey ${key}` });
    expect(allowed.status).toBe(200);
    const vouched = jwt.decode(String(upstream.hits[0]!.headers.authorization).slice('Bearer '.length)) as jwt.JwtPayload;
    expect(vouched).toMatchObject({ sub: keyId, agency: agencyId, roles: ['integrator'] });
    const outOfScope = await call(gateway, 'GET', '/procurement/vendors', { 'x-api-key': key });
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body).toMatchObject({ action: 'procurement.vendors.read' });
    expect((await call(gateway, 'GET', '/maintenance/repair-requests', { 'x-api-key': key, 'x-agency-id': randomUUID() })).status).toBe(404);
  });

  it('are rate-limited per key, apart from the people of the agency', async () => {
    const first = await call(gateway, 'GET', '/maintenance/repair-requests', { 'x-api-key': key });
    const second = await call(replica, 'GET', '/maintenance/repair-requests', { authorization: `ApiKey ${key}` });
    expect(Number(second.headers.get('ratelimit-remaining'))).toBe(Number(first.headers.get('ratelimit-remaining')) - 1);
    // A person of the same agency has a bucket of their own: full but for this request.
    const person = await call(gateway, 'GET', '/maintenance/repair-requests', bearer(accessToken(testCaller({ userId: randomUUID(), agencyId, roles: ['staff'] }))));
    expect(Number(person.headers.get('ratelimit-remaining'))).toBe(Number(person.headers.get('ratelimit-limit')) - 1);
    expect(Number(second.headers.get('ratelimit-remaining'))).toBeLessThan(Number(person.headers.get('ratelimit-remaining')));
  });

  it('refuse a made-up key', async () => {
    expectUnauthorized(await call(gateway, 'GET', '/maintenance/repair-requests', { 'x-api-key': `hqk_${'A'.repeat(43)}` }), /unknown, revoked or expired/);
  });

  it('are refused on every replica from the request after their revocation; revoking twice is a 409', async () => {
    expect((await call(replica, 'GET', '/maintenance/repair-requests', { 'x-api-key': key })).status).toBe(200);
    const revoked = await call(gateway, 'POST', `/identity/api-keys/${keyId}/revoke`, bearer(agencyAdmin));
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked' });
    for (const target of [gateway, replica]) expectUnauthorized(await call(target, 'GET', '/maintenance/repair-requests', { 'x-api-key': key }), /revoked/);
    expect((await call(gateway, 'POST', `/identity/api-keys/${keyId}/revoke`, bearer(agencyAdmin))).status).toBe(409);
  });

  it('of another agency are invisible to an agency admin', async () => {
    const otherAdmin = accessToken(testCaller({ userId: randomUUID(), agencyId: randomUUID(), roles: ['agency-admin'] }));
    expect((await call(gateway, 'POST', `/identity/api-keys/${keyId}/revoke`, bearer(otherAdmin))).status).toBe(404);
    expect((await call(gateway, 'GET', '/identity/api-keys', bearer(otherAdmin))).body).toEqual([]);
  });
});
