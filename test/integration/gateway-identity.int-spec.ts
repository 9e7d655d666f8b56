import { randomUUID } from 'node:crypto';
import { VendorRegistered, platformEvents } from '@houqin/contracts';
import { RunningService } from '@houqin/service-kit';
import { TEST_REDIS_URL, TestDatabase, accessToken, createTestDatabase, testCaller, uniqueSuffix, waitFor } from '@houqin/testing';
import { StubUpstream, startGateway } from './gateway-fixture';

/**
 * The gateway's own identities against real PostgreSQL and Redis: the bootstrap admin, agencies
 * and users administered by role, password login with lockout, refresh-token rotation and reuse
 * detection, logout and disabling taking effect at once on every replica, lifecycle events in the
 * outbox without secrets.
 */
const BOOTSTRAP_PASSWORD = 'bootstrap-admin-password-0123';
const PASSWORD = 'correct horse battery staple';
const run = uniqueSuffix();

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | undefined;
}

let database: TestDatabase;
let gateway: RunningService;
let replica: RunningService;
let upstream: StubUpstream;

async function call(target: RunningService, method: string, path: string, options: { token?: string; body?: unknown; from?: string } = {}): Promise<Answer> {
  const response = await fetch(`${target.url}/api/v1${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      // The client's address as the trusted proxy (the ingress) reports it.
      ...(options.from ? { 'x-forwarded-for': options.from } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

async function login(username: string, password = PASSWORD, agencyCode?: string, options: { from?: string; target?: RunningService } = {}): Promise<Answer> {
  return call(options.target ?? gateway, 'POST', '/auth/login', { body: { username, password, ...(agencyCode ? { agencyCode } : {}) }, ...(options.from ? { from: options.from } : {}) });
}

async function loggedIn(username: string, password = PASSWORD): Promise<Tokens> {
  const answer = await login(username, password);
  expect(answer.status).toBe(200);
  return answer.body as unknown as Tokens;
}

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

let platformAdmin: Tokens;
let agencyA: { id: string; code: string };
let agencyB: { id: string; code: string };
let adminA: Tokens;
let adminB: Tokens;

/** Procurement registers a vendor for the agency: the gateway consumes vendor.registered as from the bus. */
async function registerVendor(agencyId: string): Promise<string> {
  const vendorId = randomUUID();
  const event = VendorRegistered.create({
    subject: vendorId,
    origin: { agencyId, correlationId: randomUUID() },
    data: {
      vendorId,
      name: 'Huaxin Facilities',
      unifiedSocialCreditCode: '91350100M000100Y43',
      categories: ['maintenance'],
      contact: { name: 'Li Ming', phone: '010-12345678' },
      status: 'active',
      registeredBy: 'manager-1',
      registeredAt: new Date().toISOString(),
    },
  });
  await gateway.runtime.transport!.publish([{ topic: platformEvents.get(event.type).topic, key: event.partitionkey, envelope: event }]);
  await waitFor(async () => (await database.query('SELECT 1 FROM registered_vendor WHERE vendor_id = $1', [vendorId])).length === 1);
  return vendorId;
}

async function createUser(token: string, body: Record<string, unknown>): Promise<Answer> {
  return call(gateway, 'POST', '/identity/users', { token, body: { displayName: 'Someone', roles: ['staff'], password: PASSWORD, ...body } });
}

beforeAll(async () => {
  database = await createTestDatabase('gateway_identity');
  upstream = await StubUpstream.start({ status: 200, body: { forwarded: true } });
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    MAINTENANCE_URL: upstream.url,
    GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD,
    TRUSTED_PROXIES: '127.0.0.1',
    // The per-address login rate limit has its own test (gateway-rate-limit); this one logs in a lot.
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_BURST: '100000',
  };
  gateway = await startGateway(env);
  replica = await startGateway(env);

  platformAdmin = await loggedIn('admin', BOOTSTRAP_PASSWORD);
  const a = await call(gateway, 'POST', '/identity/agencies', { token: platformAdmin.accessToken, body: { name: 'Finance Bureau', code: `fin-${run}` } });
  const b = await call(gateway, 'POST', '/identity/agencies', { token: platformAdmin.accessToken, body: { name: 'Health Commission', code: `health-${run}` } });
  expect([a.status, b.status]).toEqual([201, 201]);
  agencyA = a.body as { id: string; code: string };
  agencyB = b.body as { id: string; code: string };
  expect((await createUser(platformAdmin.accessToken, { agencyId: agencyA.id, username: `admin-a-${run}`, roles: ['agency-admin'] })).status).toBe(201);
  expect((await createUser(platformAdmin.accessToken, { agencyId: agencyB.id, username: `admin-b-${run}`, roles: ['agency-admin'] })).status).toBe(201);
  adminA = await loggedIn(`admin-a-${run}`);
  adminB = await loggedIn(`admin-b-${run}`);
});

afterAll(async () => {
  await replica?.shutdown();
  await gateway?.shutdown();
  await upstream?.close();
  await database?.drop();
});

describe('routes the gateway answers itself', () => {
  it('takes /api/v1/auth and /api/v1/identity before the proxy, which still forwards services and refuses unknown names', async () => {
    const unknownLogin = await call(gateway, 'POST', '/auth/login', { body: { username: 'nobody', password: 'whatever-it-is' } });
    expect(unknownLogin.status).toBe(401);
    expect(unknownLogin.body).toMatchObject({ type: 'urn:houqin:problem:invalid-credentials' });
    const identity = await call(gateway, 'GET', '/identity/users/00000000-0000-4000-8000-000000000000', { token: adminA.accessToken });
    expect(identity.status).toBe(404);
    expect(identity.body?.['detail']).toMatch(/^user /);
    expect((await call(gateway, 'GET', '/maintenance/repair-requests', { token: accessToken(testCaller()) })).body).toEqual({ forwarded: true });
    expect((await call(gateway, 'GET', '/nothing-here', { token: accessToken(testCaller()) })).body).toMatchObject({ status: 404, detail: 'no route GET /api/v1/nothing-here' });
  });
});

describe('administering identities by role', () => {
  it('lets an agency admin create departments and users in their own agency', async () => {
    const department = await call(gateway, 'POST', `/identity/agencies/${agencyA.id}/departments`, { token: adminA.accessToken, body: { name: 'General Office' } });
    expect(department.status).toBe(201);
    const created = await createUser(adminA.accessToken, { username: `Clerk-${run}`, displayName: 'Clerk Zhang', departmentId: department.body?.['id'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ agencyId: agencyA.id, username: `clerk-${run}`, roles: ['staff'], status: 'active' });
    expect(JSON.stringify(created.body)).not.toMatch(/password|argon2|hash|tokenVersion/i);
    const read = await call(gateway, 'GET', `/identity/users/${String(created.body?.['id'])}`, { token: adminA.accessToken });
    expect(read.status).toBe(200);
  });

  it('hides another agency: creating users or departments there, reading or disabling its users answer 404', async () => {
    expect((await createUser(adminA.accessToken, { agencyId: agencyB.id, username: `intruder-${run}` })).status).toBe(404);
    expect((await call(gateway, 'POST', `/identity/agencies/${agencyB.id}/departments`, { token: adminA.accessToken, body: { name: 'X' } })).status).toBe(404);
    const userB = await createUser(adminB.accessToken, { username: `nurse-${run}` });
    expect(userB.status).toBe(201);
    const idB = String(userB.body?.['id']);
    expect((await call(gateway, 'GET', `/identity/users/${idB}`, { token: adminA.accessToken })).status).toBe(404);
    expect((await call(gateway, 'POST', `/identity/users/${idB}/disable`, { token: adminA.accessToken })).status).toBe(404);
  });

  it('forbids everyone else (403), and agency admins creating agencies or platform admins', async () => {
    expect((await createUser(adminA.accessToken, { username: `clerk2-${run}` })).status).toBe(201);
    const staff = await loggedIn(`clerk2-${run}`);
    expect((await createUser(staff.accessToken, { username: `nope-${run}` })).status).toBe(403);
    expect((await call(gateway, 'POST', '/identity/agencies', { token: adminA.accessToken, body: { name: 'Mine', code: `mine-${run}` } })).status).toBe(403);
    const escalate = await createUser(adminA.accessToken, { username: `boss-${run}`, roles: ['platform-admin'] });
    expect(escalate.status).toBe(422);
    expect(escalate.body).toMatchObject({ type: 'urn:houqin:problem:role-not-grantable' });
  });

  it("names the agency's own people to its staff for the screens that show who did what, never another agency's, and refuses ids that are not user ids naming the field", async () => {
    const colleague = await createUser(adminA.accessToken, { username: `wang-${run}`, displayName: '王建国' });
    const reader = await createUser(adminA.accessToken, { username: `reader-${run}`, displayName: '李明' });
    const elsewhere = await createUser(adminB.accessToken, { username: `zhao-${run}`, displayName: '赵敏' });
    const [colleagueId, readerId, elsewhereId] = [colleague, reader, elsewhere].map((answer) => String(answer.body?.['id']));
    const staff = await loggedIn(`reader-${run}`);
    const named = await call(gateway, 'GET', `/identity/people?ids=${[elsewhereId, colleagueId, readerId, randomUUID()].join(',')}`, { token: staff.accessToken });
    expect(named.status).toBe(200);
    // Display names only, by name; the other agency's person and an id of no one are left out.
    expect(named.body).toEqual([
      { id: readerId, displayName: '李明' },
      { id: colleagueId, displayName: '王建国' },
    ]);
    const seenFromB = await call(gateway, 'GET', `/identity/people?ids=${colleagueId}`, { token: adminB.accessToken });
    expect(seenFromB.body).toEqual([]);
    const malformed = await call(gateway, 'GET', `/identity/people?ids=${colleagueId},not-an-id`, { token: staff.accessToken });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('ids');
    expect((await call(gateway, 'GET', `/identity/people?ids=${Array.from({ length: 101 }, () => randomUUID()).join(',')}`, { token: staff.accessToken })).status).toBe(400);
  });

  it('keeps usernames unique on the platform and vendor accounts tied to a vendor', async () => {
    const vendorA = await registerVendor(agencyA.id);
    expect((await createUser(adminB.accessToken, { username: `admin-a-${run}` })).status).toBe(409);
    expect((await createUser(adminA.accessToken, { username: `vendor-${run}`, roles: ['vendor'], vendorId: vendorA })).body).toMatchObject({ vendorId: vendorA, roles: ['vendor'] });
    expect((await createUser(adminA.accessToken, { username: `vendor2-${run}`, roles: ['vendor'] })).status).toBe(422);
  });

  it("refuses a vendor account bound to another agency's vendor, or to no registered vendor (422 naming vendorId)", async () => {
    const vendorA = await registerVendor(agencyA.id);
    const vendorB = await registerVendor(agencyB.id);
    for (const vendorId of [vendorA, randomUUID(), 'vendor-42']) {
      const refused = await createUser(adminB.accessToken, { username: `vendor-of-a-${run}`, roles: ['vendor'], vendorId });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ type: 'urn:houqin:problem:vendor-not-registered', errors: [{ field: 'vendorId' }] });
    }
    // A platform admin creating the account for agency B is held to the same rule.
    expect((await createUser(platformAdmin.accessToken, { agencyId: agencyB.id, username: `vendor-of-a-${run}`, roles: ['vendor'], vendorId: vendorA })).status).toBe(422);
    const own = await createUser(adminB.accessToken, { username: `vendor-of-b-${run}`, roles: ['vendor'], vendorId: vendorB });
    expect(own.status).toBe(201);
    // Re-binding an existing account to another agency's vendor is refused the same way.
    const rebound = await call(gateway, 'PATCH', `/identity/users/${String(own.body?.['id'])}`, { token: adminB.accessToken, body: { vendorId: vendorA } });
    expect(rebound.status).toBe(422);
    expect(rebound.body).toMatchObject({ errors: [{ field: 'vendorId' }] });
  });
});

describe('login', () => {
  it('issues a 15-minute access token with the user, agency, roles and token version, and a refresh token', async () => {
    const answer = await login(`admin-a-${run}`, PASSWORD, agencyA.code);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const tokens = answer.body as unknown as Tokens & { expiresIn: number };
    expect(tokens.expiresIn).toBe(900);
    const payload = claims(tokens.accessToken);
    expect(payload).toMatchObject({ agency: agencyA.id, roles: ['agency-admin'], ver: 1, iss: 'houqin', aud: 'houqin-api' });
    expect(Number(payload['exp']) - Number(payload['iat'])).toBe(900);
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses the wrong agency code like a wrong password', async () => {
    expect((await login(`admin-a-${run}`, PASSWORD, agencyB.code)).status).toBe(401);
  });

  it('never locks the account: failures delay further attempts from the same address only (429 with Retry-After), on every replica', async () => {
    const username = `guessed-${run}`;
    expect((await createUser(adminA.accessToken, { username })).status).toBe(201);
    const attacker = `203.0.113.${Math.floor(Math.random() * 254) + 1}`;
    const owner = '198.51.100.20';
    for (let attempt = 1; attempt <= 3; attempt += 1) expect((await login(username, 'wrong password!', undefined, { from: attacker })).status).toBe(401);
    // The delay has begun: even the right password is not checked, on either replica.
    for (const target of [gateway, replica]) {
      const delayed = await login(username, PASSWORD, undefined, { from: attacker, target });
      expect(delayed.status).toBe(429);
      expect(delayed.headers.get('content-type')).toContain('application/problem+json');
      expect(delayed.body).toMatchObject({ type: 'urn:houqin:problem:login-delayed', status: 429 });
      expect(Number(delayed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(delayed.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    }
    // Meanwhile the owner, from their own address, logs in: no lock-out.
    expect((await login(username, PASSWORD, undefined, { from: owner })).status).toBe(200);

    // Once the delay has passed, one more wrong guess doubles it.
    const fourth = await waitFor(async () => {
      const answer = await login(username, 'wrong password!', undefined, { from: attacker });
      return answer.status === 429 ? undefined : answer;
    });
    expect(fourth.status).toBe(401);
    const longer = await login(username, PASSWORD, undefined, { from: attacker });
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get('retry-after'))).toBe(2);
    // After waiting, the right password gets in and the count starts again.
    await waitFor(async () => (await login(username, PASSWORD, undefined, { from: attacker })).status === 200, { timeoutMs: 10_000 });
    for (let attempt = 1; attempt <= 3; attempt += 1) expect((await login(username, 'wrong password!', undefined, { from: attacker })).status).toBe(401);
  });

  it('slows guesses at unknown user names alike, so a delay tells nothing about who exists', async () => {
    const from = `203.0.113.${Math.floor(Math.random() * 254) + 1}`;
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) statuses.push((await login(`nobody-${run}`, 'whatever-it-is', undefined, { from })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe('refresh tokens', () => {
  it('rotates: the new pair works, the old refresh token is used up', async () => {
    const first = await loggedIn(`admin-a-${run}`);
    const rotated = await call(gateway, 'POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(rotated.status).toBe(200);
    const second = rotated.body as unknown as Tokens;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await call(gateway, 'GET', `/identity/users/${String(claims(second.accessToken)['sub'])}`, { token: second.accessToken })).status).toBe(200);
    const [stored] = await database.query<{ n: string }>('SELECT count(*) AS n FROM refresh_token WHERE token_hash = $1 OR token_hash = $2', [first.refreshToken, second.refreshToken]);
    expect(stored!.n).toBe('0');
  });

  it('revokes the whole family when a used refresh token comes back', async () => {
    const first = await loggedIn(`admin-a-${run}`);
    const second = (await call(gateway, 'POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } })).body as unknown as Tokens;
    const reuse = await call(gateway, 'POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body).toMatchObject({ type: 'urn:houqin:problem:refresh-token-reused' });
    expect((await call(gateway, 'POST', '/auth/refresh', { body: { refreshToken: second.refreshToken } })).status).toBe(401);
  });
});

describe('logout and disabling', () => {
  it('logout makes the old access token fail at once, on every replica, and revokes the refresh tokens', async () => {
    const username = `leaver-${run}`;
    const created = await createUser(adminA.accessToken, { username });
    const id = String(created.body?.['id']);
    const session = await loggedIn(username);
    expect((await call(replica, 'GET', `/identity/users/${id}`, { token: session.accessToken })).status).toBe(200);
    expect((await call(gateway, 'POST', '/auth/logout', { token: session.accessToken, body: { refreshToken: session.refreshToken } })).status).toBe(204);
    for (const target of [gateway, replica]) {
      const refused = await call(target, 'GET', `/identity/users/${id}`, { token: session.accessToken });
      expect(refused.status).toBe(401);
      expect(String(refused.body?.['detail'])).toContain('revoked');
    }
    expect((await call(gateway, 'GET', '/maintenance/repair-requests', { token: session.accessToken })).status).toBe(401);
    expect((await call(gateway, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    const again = await loggedIn(username);
    expect(claims(again.accessToken)['ver']).toBe(2);
    expect((await call(replica, 'GET', `/identity/users/${id}`, { token: again.accessToken })).status).toBe(200);
  });

  it('a disabled user cannot log in, and their tokens stop working at once', async () => {
    const username = `disabled-${run}`;
    const id = String((await createUser(adminA.accessToken, { username })).body?.['id']);
    const session = await loggedIn(username);
    const disabled = await call(gateway, 'POST', `/identity/users/${id}/disable`, { token: adminA.accessToken });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled' });
    expect((await call(replica, 'GET', `/identity/users/${id}`, { token: session.accessToken })).status).toBe(401);
    const refused = await login(username);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: 'urn:houqin:problem:account-disabled' });
    expect((await call(gateway, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await call(gateway, 'POST', `/identity/users/${id}/disable`, { token: adminA.accessToken })).status).toBe(409);
  });
});
describe('changing people and agencies', () => {
  it('a change of roles ends the person’s sessions at once; a new name does not', async () => {
    const username = `promoted-${run}`;
    const id = String((await createUser(adminA.accessToken, { username })).body?.['id']);
    const session = await loggedIn(username);
    const renamed = await call(gateway, 'PATCH', `/identity/users/${id}`, { token: adminA.accessToken, body: { displayName: 'Promoted Person' } });
    expect(renamed.status).toBe(200);
    expect((await call(replica, 'GET', '/auth/me', { token: session.accessToken })).status).toBe(200);
    const promoted = await call(gateway, 'PATCH', `/identity/users/${id}`, { token: adminA.accessToken, body: { roles: ['staff', 'approver'] } });
    expect(promoted.body).toMatchObject({ roles: ['staff', 'approver'], displayName: 'Promoted Person' });
    for (const target of [gateway, replica]) expect((await call(target, 'GET', '/auth/me', { token: session.accessToken })).status).toBe(401);
    expect((await call(gateway, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    const again = await loggedIn(username);
    expect(claims(again.accessToken)['roles']).toEqual(['staff', 'approver']);
    expect((await call(gateway, 'PATCH', `/identity/users/${id}`, { token: adminB.accessToken, body: { displayName: 'X' } })).status).toBe(404);
    expect((await call(gateway, 'PATCH', `/identity/users/${id}`, { token: adminA.accessToken, body: { roles: ['platform-admin'] } })).status).toBe(422);
  });

  it('disabling an agency ends every session of its people at once and refuses their logins', async () => {
    const agency = await call(gateway, 'POST', '/identity/agencies', { token: platformAdmin.accessToken, body: { name: 'Closing Office', code: `closing-${run}` } });
    const agencyId = String(agency.body?.['id']);
    expect((await createUser(platformAdmin.accessToken, { agencyId, username: `closing-staff-${run}` })).status).toBe(201);
    const session = await loggedIn(`closing-staff-${run}`);
    expect((await call(gateway, 'POST', `/identity/agencies/${agencyId}/disable`, { token: adminA.accessToken, body: { reason: 'x' } })).status).toBe(403);
    const disabled = await call(gateway, 'POST', `/identity/agencies/${agencyId}/disable`, { token: platformAdmin.accessToken, body: { reason: 'Merged into the audit bureau' } });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled' });
    for (const target of [gateway, replica]) expect((await call(target, 'GET', '/auth/me', { token: session.accessToken })).status).toBe(401);
    expect((await login(`closing-staff-${run}`)).status).toBe(403);
    const twice = await call(gateway, 'POST', `/identity/agencies/${agencyId}/disable`, { token: platformAdmin.accessToken, body: { reason: 'again' } });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ currentState: 'disabled' });
  });
});

describe('lifecycle events', () => {
  it('go through the outbox for agencies, departments and users, without any secret', async () => {
    const rows = await database.query<{ event_type: string; envelope: Record<string, unknown> }>('SELECT event_type, envelope FROM outbox_event ORDER BY position');
    const types = new Set(rows.map((row) => row.event_type));
    expect(types).toEqual(
      new Set([
        'houqin.gateway.agency.created.v1',
        'houqin.gateway.agency.disabled.v1',
        'houqin.gateway.department.created.v1',
        'houqin.gateway.user.created.v1',
        'houqin.gateway.user.changed.v1',
        'houqin.gateway.user.disabled.v1',
      ]),
    );
    const changed = rows.filter((row) => row.event_type === 'houqin.gateway.user.changed.v1').map((row) => (row.envelope['data'] as { changedFields: string[] }).changedFields);
    expect(changed).toEqual([['displayName'], ['roles']]);
    const agencyCreated = rows.find((row) => row.event_type === 'houqin.gateway.agency.created.v1' && (row.envelope['data'] as { code: string }).code === agencyA.code);
    expect(agencyCreated?.envelope).toMatchObject({ subject: agencyA.id, agencyid: agencyA.id, source: '/houqin/gateway' });
    const userCreated = rows.find((row) => row.event_type === 'houqin.gateway.user.created.v1' && (row.envelope['data'] as { username: string }).username === `admin-a-${run}`);
    expect(userCreated?.envelope).toMatchObject({ agencyid: agencyA.id, data: { roles: ['agency-admin'], status: 'active' } });
    const everything = JSON.stringify(rows);
    expect(everything).not.toMatch(/argon2|password|hash|refresh|tokenVersion/i);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(BOOTSTRAP_PASSWORD);
  });
});
