import { randomUUID } from 'node:crypto';
import { RunningService } from '@houqin/service-kit';
import { TEST_REDIS_URL, TestDatabase, createTestDatabase, uniqueSuffix } from '@houqin/testing';
import { GatewayAnswer, StubUpstream, startGateway, viaGateway } from './gateway-fixture';

/**
 * A person's own login sessions (登录会话): each login is one, listed with the client it began on
 * and the one in use marked; revoking another ends it everywhere — its refresh token is refused, and
 * so is its access token, on every replica, from the next request on. Nobody sees or revokes
 * another person's sessions.
 */
const BOOTSTRAP_PASSWORD = 'bootstrap-admin-password-0123';
const PASSWORD = 'correct horse battery staple';
const run = uniqueSuffix();
const LAPTOP = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0';
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1';

let database: TestDatabase;
let gateway: RunningService;
let replica: RunningService;
let upstream: StubUpstream;

interface Login {
  accessToken: string;
  refreshToken: string;
}

async function call(target: RunningService, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<GatewayAnswer> {
  return viaGateway(target, method, path, { caller: null, headers, ...(body !== undefined ? { body } : {}) });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function login(username: string, userAgent: string): Promise<Login> {
  const answer = await call(gateway, 'POST', '/auth/login', { 'user-agent': userAgent }, { username, password: PASSWORD });
  expect(answer.status).toBe(200);
  return { accessToken: String(answer.body?.['accessToken']), refreshToken: String(answer.body?.['refreshToken']) };
}

async function sessionsOf(session: Login, target = gateway): Promise<Record<string, unknown>[]> {
  const answer = await call(target, 'GET', '/auth/sessions', bearer(session.accessToken));
  expect(answer.status).toBe(200);
  return answer.body as unknown as Record<string, unknown>[];
}

beforeAll(async () => {
  database = await createTestDatabase('gateway_sessions');
  upstream = await StubUpstream.start({ status: 200, body: { forwarded: true } });
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    MAINTENANCE_URL: upstream.url,
    PROCUREMENT_URL: upstream.url,
    GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD,
    // Every login here comes from 127.0.0.1, as do other suites' on this machine.
    LOGIN_RATE_LIMIT_BURST: '1000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  };
  gateway = await startGateway(env);
  replica = await startGateway(env);
  const admin = await call(gateway, 'POST', '/auth/login', {}, { username: 'admin', password: BOOTSTRAP_PASSWORD });
  const adminToken = String(admin.body?.['accessToken']);
  const agency = await call(gateway, 'POST', '/identity/agencies', bearer(adminToken), { name: 'Housing Bureau', code: `housing-${run}` });
  for (const username of [`li-${run}`, `wang-${run}`]) {
    const created = await call(gateway, 'POST', '/identity/users', bearer(adminToken), { agencyId: String(agency.body?.['id']), username, displayName: username, roles: ['staff'], password: PASSWORD });
    expect(created.status).toBe(201);
  }
});

afterAll(async () => {
  await replica?.shutdown();
  await gateway?.shutdown();
  await upstream?.close();
  await database?.drop();
});

describe("a person's login sessions", () => {
  let laptop: Login;
  let phone: Login;

  it('lists each login as a session, newest first, with its client, the one in use marked', async () => {
    laptop = await login(`li-${run}`, LAPTOP);
    phone = await login(`li-${run}`, PHONE);
    const listed = await sessionsOf(laptop);
    expect(listed).toEqual([
      expect.objectContaining({ userAgent: PHONE, current: false }),
      expect.objectContaining({ userAgent: LAPTOP, current: true, clientAddress: expect.any(String) as unknown }),
    ]);
    const [newer, older] = listed as [Record<string, string>, Record<string, string>];
    expect(Date.parse(newer['beganAt']!)).toBeGreaterThanOrEqual(Date.parse(older['beganAt']!));
    expect(Date.parse(older['expiresAt']!)).toBeGreaterThan(Date.parse(older['lastActiveAt']!));
    expect((await sessionsOf(phone)).map((session) => session['current'])).toEqual([true, false]);
  });

  it('keeps a session through a refresh: same session, last active moved on, still the current one', async () => {
    const before = (await sessionsOf(laptop)).find((session) => session['current'])!;
    const refreshed = await call(gateway, 'POST', '/auth/refresh', {}, { refreshToken: laptop.refreshToken });
    expect(refreshed.status).toBe(200);
    laptop = { accessToken: String(refreshed.body?.['accessToken']), refreshToken: String(refreshed.body?.['refreshToken']) };
    const listed = await sessionsOf(laptop);
    expect(listed).toHaveLength(2);
    const after = listed.find((session) => session['current'])!;
    expect(after).toMatchObject({ id: before['id'], beganAt: before['beganAt'], userAgent: LAPTOP });
    expect(Date.parse(String(after['lastActiveAt']))).toBeGreaterThan(Date.parse(String(before['lastActiveAt'])));
    expect(Date.parse(String(after['expiresAt']))).toBeGreaterThanOrEqual(Date.parse(String(before['expiresAt'])));
  });

  it('revokes another session: its refresh token and its access token are refused on every replica; this one goes on', async () => {
    // Both replicas have read the person's standing before the revocation (and cached it).
    for (const target of [gateway, replica]) expect((await call(target, 'GET', '/auth/me', bearer(phone.accessToken))).status).toBe(200);
    const phoneSession = (await sessionsOf(laptop)).find((session) => session['userAgent'] === PHONE)!;
    const revoked = await call(gateway, 'POST', `/auth/sessions/${String(phoneSession['id'])}/revoke`, bearer(laptop.accessToken));
    expect(revoked.status).toBe(204);

    for (const target of [gateway, replica]) {
      const refused = await call(target, 'GET', '/auth/me', bearer(phone.accessToken));
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ type: 'urn:houqin:problem:session-revoked' });
      expect((await call(target, 'GET', '/auth/me', bearer(laptop.accessToken))).status).toBe(200);
    }
    const refresh = await call(replica, 'POST', '/auth/refresh', {}, { refreshToken: phone.refreshToken });
    expect(refresh.status).toBe(401);
    expect(refresh.body).toMatchObject({ type: 'urn:houqin:problem:invalid-refresh-token', detail: expect.stringContaining('revoked') as unknown });
    expect((await sessionsOf(laptop, replica)).map((session) => session['userAgent'])).toEqual([LAPTOP]);
  });

  it('answers 409 for a session already revoked, 404 for one that does not exist', async () => {
    const phoneId = await (async () => {
      const again = await login(`li-${run}`, PHONE);
      const id = String((await sessionsOf(again)).find((session) => session['current'])!['id']);
      expect((await call(gateway, 'POST', `/auth/sessions/${id}/revoke`, bearer(laptop.accessToken))).status).toBe(204);
      return id;
    })();
    const twice = await call(gateway, 'POST', `/auth/sessions/${phoneId}/revoke`, bearer(laptop.accessToken));
    expect(twice.status).toBe(409);
    expect(twice.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(gateway, 'POST', `/auth/sessions/${randomUUID()}/revoke`, bearer(laptop.accessToken))).status).toBe(404);
    expect((await call(gateway, 'POST', '/auth/sessions/not-a-session/revoke', bearer(laptop.accessToken))).status).toBe(400);
  });

  it("shows nobody another person's sessions, and lets nobody revoke them", async () => {
    const wang = await login(`wang-${run}`, PHONE);
    const his = await sessionsOf(wang);
    expect(his).toEqual([expect.objectContaining({ current: true, userAgent: PHONE })]);
    const liSession = String((await sessionsOf(laptop)).find((session) => session['current'])!['id']);
    expect(his.map((session) => session['id'])).not.toContain(liSession);
    const refused = await call(gateway, 'POST', `/auth/sessions/${liSession}/revoke`, bearer(wang.accessToken));
    expect(refused.status).toBe(404);
    expect((await call(gateway, 'GET', '/auth/me', bearer(laptop.accessToken))).status).toBe(200);
    expect((await sessionsOf(laptop)).map((session) => session['id'])).toEqual([liSession]);
  });

  it('revokes a session whose refresh token came back after use (stolen): its access tokens are refused too', async () => {
    const stolen = await login(`wang-${run}`, LAPTOP);
    const rotated = await call(gateway, 'POST', '/auth/refresh', {}, { refreshToken: stolen.refreshToken });
    expect(rotated.status).toBe(200);
    const accessToken = String(rotated.body?.['accessToken']);
    expect((await call(replica, 'GET', '/auth/me', bearer(accessToken))).status).toBe(200);
    expect((await call(gateway, 'POST', '/auth/refresh', {}, { refreshToken: stolen.refreshToken })).body).toMatchObject({ type: 'urn:houqin:problem:refresh-token-reused' });
    expect((await call(replica, 'GET', '/auth/me', bearer(accessToken))).body).toMatchObject({ status: 401, type: 'urn:houqin:problem:session-revoked' });
  });

  it('ends with logout: a logged-out person has no session left', async () => {
    const other = await login(`wang-${run}`, LAPTOP);
    expect((await call(gateway, 'POST', '/auth/logout', bearer(other.accessToken), {})).status).toBe(204);
    const again = await login(`wang-${run}`, LAPTOP);
    expect(await sessionsOf(again)).toEqual([expect.objectContaining({ current: true })]);
  });
});
