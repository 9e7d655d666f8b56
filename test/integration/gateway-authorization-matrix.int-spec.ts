import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ROLES, Role } from '@houqin/auth';
import { PLATFORM_POLICIES, RoutePolicy } from '@houqin/gateway';
import { procurementService } from '@houqin/procurement';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TEST_INTERNAL_TOKEN_SECRET, TEST_REDIS_URL, TestDatabase, accessToken, createTestDatabase, testCaller, uniqueSuffix } from '@houqin/testing';
import { StubUpstream, startGateway, viaGateway } from './gateway-fixture';

/**
 * The authorisation matrix, generated from the gateway's policy table: every route × every role ×
 * the caller's own agency, another agency and an agency the caller's supervising body oversees.
 * What the test expects is stated here from the table's rows, independently of the gateway's code:
 * a role outside the row is refused 403 wherever it aims; an allowed role acts in its own agency;
 * another agency answers 404 — except a supervised read by the supervisor overseeing it. A request
 * the policy lets through reaches its service vouched for in the agency it acts in.
 */
const BOOTSTRAP_PASSWORD = 'bootstrap-admin-password-0123';
const run = uniqueSuffix();
const ROUTED = ['procurement', 'maintenance', 'catering', 'transport', 'evaluation'];

type Target = 'own' | 'other' | 'supervised';

interface Agencies {
  own: string;
  other: string;
  supervised: string;
}

let database: TestDatabase;
let gateway: RunningService;
let upstream: StubUpstream;
let agencies: Agencies;
let integratorKey: string;

async function call(method: string, path: string, options: { token?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  return viaGateway(gateway, method, path, { caller: null, ...(options.body !== undefined ? { body: options.body } : {}), headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers } });
}

function credentialsOf(role: Role): Record<string, string> {
  if (role === 'integrator') return { 'x-api-key': integratorKey };
  const caller: Caller = testCaller({
    userId: `matrix-${role}-${run}`,
    agencyId: agencies.own,
    roles: [role],
    ...(role === 'supervisor' ? { supervisedAgencyIds: [agencies.supervised] } : {}),
    ...(role === 'vendor' ? { vendorId: randomUUID() } : {}),
  });
  return { authorization: `Bearer ${accessToken(caller)}` };
}

/** What the table says about one cell, stated without the gateway's code. */
function expected(policy: RoutePolicy, role: Role, target: Target): 'allowed' | 403 | 404 {
  if (!(policy.roles as readonly string[]).includes(role)) return 403;
  if (policy.scope === 'self' || policy.scope === 'platform' || target === 'own') return 'allowed';
  if (policy.scope === 'supervised-read' && role === 'supervisor' && target === 'supervised') return 'allowed';
  return 404;
}

function concretePath(policy: RoutePolicy, cell: number): string {
  const path = policy.path.replace(/:[A-Za-z]+/g, () => randomUUID()).replace(/^\/api\/v1/, '');
  return `${path}?matrix=${cell}`;
}

beforeAll(async () => {
  database = await createTestDatabase('gateway_matrix');
  upstream = await StubUpstream.start({ status: 200, body: [] });
  gateway = await startGateway({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD,
    RATE_LIMIT_PER_MINUTE: '1000000',
    PROCUREMENT_URL: upstream.url,
    MAINTENANCE_URL: upstream.url,
    CATERING_URL: upstream.url,
    TRANSPORT_URL: upstream.url,
    EVALUATION_URL: upstream.url,
  });
  const admin = await call('POST', '/auth/login', { body: { username: 'admin', password: BOOTSTRAP_PASSWORD } });
  const adminToken = String(admin.body?.['accessToken']);
  const body = await call('POST', '/identity/supervising-bodies', { token: adminToken, body: { name: 'Offices Administration', code: `offices-${run}` } });
  expect(body.status).toBe(201);
  const agency = async (code: string, supervisingBodyId?: string) => {
    const created = await call('POST', '/identity/agencies', { token: adminToken, body: { name: code, code: `${code}-${run}`, ...(supervisingBodyId ? { supervisingBodyId } : {}) } });
    expect(created.status).toBe(201);
    return String(created.body?.['id']);
  };
  agencies = { own: await agency('own'), other: await agency('other'), supervised: await agency('supervised', String(body.body?.['id'])) };
  const agencyAdmin = accessToken(testCaller({ userId: randomUUID(), agencyId: agencies.own, roles: ['agency-admin'] }));
  const key = await call('POST', '/identity/api-keys', {
    token: agencyAdmin,
    body: { name: 'Matrix integrator', actions: [...new Set(PLATFORM_POLICIES.filter((p) => (p.roles as readonly string[]).includes('integrator')).map((p) => p.action))] },
  });
  expect(key.status).toBe(201);
  integratorKey = String(key.body?.['key']);
});

afterAll(async () => {
  await gateway?.shutdown();
  await upstream?.close();
  await database?.drop();
});

describe('the authorisation matrix', () => {
  const rows = PLATFORM_POLICIES.filter((policy) => policy.scope !== 'public');
  const cells = rows.flatMap((policy) => ROLES.flatMap((role) => (['own', 'other', 'supervised'] as const).map((target) => ({ policy, role, target }))));

  it('covers every non-public route of the table for every role and target', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(cells).toHaveLength(rows.length * ROLES.length * 3);
  });

  it.each(rows.map((policy) => [`${policy.method} ${policy.path}`, policy] as const))('%s', async (_name, policy) => {
    const mismatches: string[] = [];
    for (const role of ROLES) {
      for (const target of ['own', 'other', 'supervised'] as const) {
        const cell = cells.findIndex((candidate) => candidate.policy === policy && candidate.role === role && candidate.target === target);
        const path = concretePath(policy, cell);
        const abort = new AbortController();
        const response = await fetch(`${gateway.url}/api/v1${path}`, {
          method: policy.method,
          headers: { ...credentialsOf(role), 'x-agency-id': agencies[target], ...(policy.method !== 'GET' ? { 'content-type': 'application/json' } : {}) },
          ...(policy.method !== 'GET' ? { body: '{}' } : {}),
          signal: abort.signal,
        });
        const streaming = (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
        const text = streaming ? '' : await response.text();
        abort.abort();
        const body = text && (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as Record<string, unknown>) : undefined;
        const refusedByPolicy = body?.['action'] === policy.action && [403, 404].includes(response.status);
        const want = expected(policy, role, target);
        const got = refusedByPolicy ? response.status : response.status === 401 ? 401 : 'allowed';
        if (got !== want) {
          mismatches.push(`${role} → ${target}: expected ${want}, got ${response.status} ${text.slice(0, 160)}`);
          continue;
        }
        const service = policy.path.split('/')[3]!;
        if (want === 'allowed' && ROUTED.includes(service)) {
          const hit = upstream.hits.find((candidate) => candidate.path.endsWith(`matrix=${cell}`));
          const vouched = hit ? (jwt.verify(String(hit.headers.authorization).slice('Bearer '.length), TEST_INTERNAL_TOKEN_SECRET) as jwt.JwtPayload) : undefined;
          const actingIn = target === 'other' ? undefined : agencies[target];
          if (!vouched || vouched['agency'] !== actingIn) mismatches.push(`${role} → ${target}: forwarded as ${JSON.stringify(vouched)} instead of acting in ${actingIn}`);
          else if (target === 'supervised' && JSON.stringify(vouched['roles']) !== '["supervisor"]') mismatches.push(`${role} → supervised: forwarded with roles ${JSON.stringify(vouched['roles'])}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses a route the table does not declare (deny by default) before any authentication, and a wrong method with 405', async () => {
    const unknown = await call('GET', '/procurement/secret-admin-backdoor');
    expect(unknown.status).toBe(404);
    expect(upstream.hits.some((hit) => hit.path.startsWith('/secret-admin-backdoor'))).toBe(false);
    const wrongMethod = await call('DELETE', '/procurement/vendors', { token: accessToken(testCaller({ agencyId: agencies.own, roles: ['agency-admin'] })) });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, GET');
  });

  it('refuses an X-Agency-Id that is not an agency id, naming the header', async () => {
    const answer = await call('GET', '/procurement/vendors', { token: accessToken(testCaller({ agencyId: agencies.own, roles: ['staff'] })), headers: { 'x-agency-id': '../../etc' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ header: 'X-Agency-Id' });
  });
});

describe('a supervisor logged in with a password', () => {
  it('carries the agencies of their supervising body and reads exactly those', async () => {
    const admin = await call('POST', '/auth/login', { body: { username: 'admin', password: BOOTSTRAP_PASSWORD } });
    const adminToken = String(admin.body?.['accessToken']);
    const bodies = await call('GET', '/identity/supervising-bodies', { token: adminToken });
    const body = (bodies.body as unknown as Array<{ id: string; code: string; agencyIds: string[] }>).find((candidate) => candidate.code === `offices-${run}`)!;
    expect(body.agencyIds).toEqual([agencies.supervised]);
    const password = 'supervisor-password-0123';
    const created = await call('POST', '/identity/users', {
      token: adminToken,
      body: { agencyId: agencies.own, username: `inspector-${run}`, displayName: 'Inspector Zhao', roles: ['supervisor'], supervisingBodyId: body.id, password },
    });
    expect(created.status).toBe(201);
    const login = await call('POST', '/auth/login', { body: { username: `inspector-${run}`, password } });
    const token = String(login.body?.['accessToken']);
    expect((await call('GET', '/auth/me', { token })).body).toMatchObject({ agencyId: agencies.own, roles: ['supervisor'], supervisedAgencyIds: [agencies.supervised] });
    upstream.reset();
    expect((await call('GET', '/maintenance/repair-requests', { token, headers: { 'x-agency-id': agencies.supervised } })).status).toBe(200);
    const vouched = jwt.decode(String(upstream.hits[0]!.headers.authorization).slice('Bearer '.length)) as jwt.JwtPayload;
    expect(vouched['agency']).toBe(agencies.supervised);
    expect((await call('GET', '/maintenance/repair-requests', { token, headers: { 'x-agency-id': agencies.other } })).status).toBe(404);
    expect((await call('POST', '/maintenance/repair-requests', { token, headers: { 'x-agency-id': agencies.supervised }, body: {} })).status).toBe(403);
  });

  it('cannot be made by an agency admin', async () => {
    const agencyAdmin = accessToken(testCaller({ userId: randomUUID(), agencyId: agencies.own, roles: ['agency-admin'] }));
    const refused = await call('POST', '/identity/users', {
      token: agencyAdmin,
      body: { username: `self-made-${run}`, displayName: 'Self Made', roles: ['supervisor'], supervisingBodyId: randomUUID(), password: 'supervisor-password-0123' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'urn:houqin:problem:role-not-grantable', errors: [expect.objectContaining({ field: 'roles' })] });
  });
});

describe('vendor accounts against the real procurement service', () => {
  let procurementDatabase: TestDatabase;
  let procurement: RunningService;
  let vendorGateway: RunningService;

  beforeAll(async () => {
    procurementDatabase = await createTestDatabase('gateway_matrix_procurement');
    procurement = await startService(procurementService, {
      env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'fatal', DATABASE_URL: procurementDatabase.url, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET, BID_SEALING_KEY: TEST_BID_SEALING_KEY, MESSAGING_TRANSPORT: 'in-process' },
      broker: new InProcessBroker(),
    });
    vendorGateway = await startGateway({ PROCUREMENT_URL: procurement.url });
  });

  afterAll(async () => {
    await vendorGateway?.shutdown();
    await procurement?.shutdown();
    await procurementDatabase?.drop();
  });

  it('never see another vendor: the list holds their own vendor only, another one answers 404', async () => {
    const agencyId = `agency-vendors-${run}`;
    const manager = testCaller({ agencyId, roles: ['logistics-manager'] });
    const register = async (name: string, unifiedSocialCreditCode: string) => {
      const answer = await viaGateway(vendorGateway, 'POST', '/procurement/vendors', {
        caller: manager,
        body: { name, unifiedSocialCreditCode, categories: ['maintenance'], contact: { name: '王经理', phone: '13800138000' } },
      });
      expect(answer.status).toBe(201);
      return String(answer.body?.['id']);
    };
    const mine = await register('Huaxin Facilities', '91350100M000100Y43');
    const theirs = await register('Jinghua Property', '91350100M000200Y4T');
    const vendorUser = testCaller({ agencyId, roles: ['vendor'], vendorId: mine });
    const list = await viaGateway(vendorGateway, 'GET', '/procurement/vendors', { caller: vendorUser });
    expect(list.status).toBe(200);
    expect((list.body as unknown as Array<{ id: string }>).map((vendor) => vendor.id)).toEqual([mine]);
    expect((await viaGateway(vendorGateway, 'GET', `/procurement/vendors/${mine}`, { caller: vendorUser })).status).toBe(200);
    const other = await viaGateway(vendorGateway, 'GET', `/procurement/vendors/${theirs}`, { caller: vendorUser });
    expect(other.status).toBe(404);
    expect((await viaGateway(vendorGateway, 'POST', `/procurement/vendors/${mine}/suspend`, { caller: vendorUser, body: { reason: 'x' } })).status).toBe(403);
    // The manager sees both.
    expect(((await viaGateway(vendorGateway, 'GET', '/procurement/vendors', { caller: manager })).body as unknown as unknown[]).length).toBe(2);
  });
});
