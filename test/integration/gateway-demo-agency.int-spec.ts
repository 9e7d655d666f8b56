import { DEMO_ADMIN_USERNAME, DEMO_AGENCY } from '@houqin/gateway';
import { RunningService } from '@houqin/service-kit';
import { TestDatabase, createTestDatabase } from '@houqin/testing';
import { startGateway, viaGateway } from './gateway-fixture';

/**
 * The demo agency of the launchers (issue 12): an agency like any other in the gateway's identity
 * store, with a fixed UUID, and an agency admin whose login the launchers print
 * (GATEWAY_DEMO_ADMIN_PASSWORD) — created once however many replicas start together.
 */
const BOOTSTRAP_PASSWORD = 'bootstrap-admin-password-0123';
const FIRST_PASSWORD = 'demo-admin-password-first';
const NEXT_PASSWORD = 'demo-admin-password-next-run';

let database: TestDatabase;
let gateways: RunningService[] = [];

async function start(demoPassword: string): Promise<void> {
  const env = { DATABASE_URL: database.url, GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD, GATEWAY_DEMO_ADMIN_PASSWORD: demoPassword };
  gateways = await Promise.all([startGateway(env), startGateway(env)]);
}

async function stop(): Promise<void> {
  for (const gateway of gateways) await gateway.shutdown();
  gateways = [];
}

async function login(username: string, password: string): Promise<{ status: number; token?: string }> {
  const answer = await viaGateway(gateways[0]!, 'POST', '/auth/login', { caller: null, body: { username, password } });
  return { status: answer.status, ...(answer.status === 200 ? { token: String(answer.body?.['accessToken']) } : {}) };
}

beforeAll(async () => {
  database = await createTestDatabase('gateway_demo_agency');
  // The schema first, so the two replicas below race only for the demo agency and its admin.
  await (await startGateway({ DATABASE_URL: database.url })).shutdown();
  await start(FIRST_PASSWORD);
});

afterAll(async () => {
  await stop();
  await database?.drop();
});

describe('the demo agency', () => {
  it("is opened with its fixed id and gets its agency admin, once, though two replicas start together", async () => {
    const admin = await login(DEMO_ADMIN_USERNAME, FIRST_PASSWORD);
    expect(admin.status).toBe(200);
    const me = await viaGateway(gateways[1]!, 'GET', '/auth/me', { caller: null, headers: { authorization: `Bearer ${admin.token}` } });
    expect(me.body).toMatchObject({ agencyId: DEMO_AGENCY.id, roles: ['agency-admin'] });
    expect(await database.query(`SELECT id, code, status FROM agency WHERE code = $1`, [DEMO_AGENCY.code])).toEqual([{ id: DEMO_AGENCY.id, code: 'demo', status: 'active' }]);
    expect(await database.query(`SELECT agency_id FROM platform_user WHERE username = $1`, [DEMO_ADMIN_USERNAME])).toEqual([{ agency_id: DEMO_AGENCY.id }]);
  });

  it('takes people like any agency: a platform admin names it by its id, its admin without naming it', async () => {
    const platformAdmin = await login('admin', BOOTSTRAP_PASSWORD);
    const byPlatformAdmin = await viaGateway(gateways[0]!, 'POST', '/identity/users', {
      caller: null,
      headers: { authorization: `Bearer ${platformAdmin.token}` },
      body: { agencyId: DEMO_AGENCY.id, username: 'demo-deputy-admin', displayName: '副管理员', roles: ['agency-admin'], password: 'deputy-admin-password-1' },
    });
    expect(byPlatformAdmin.status).toBe(201);
    expect(byPlatformAdmin.body).toMatchObject({ agencyId: DEMO_AGENCY.id });

    const demoAdmin = await login(DEMO_ADMIN_USERNAME, FIRST_PASSWORD);
    const integrator = await viaGateway(gateways[0]!, 'POST', '/identity/users', {
      caller: null,
      headers: { authorization: `Bearer ${demoAdmin.token}` },
      body: { username: 'demo-erp-integrator', displayName: 'ERP 对接', roles: ['integrator'], password: 'integrator-password-1' },
    });
    expect(integrator.status).toBe(201);
    expect(integrator.body).toMatchObject({ agencyId: DEMO_AGENCY.id, roles: ['integrator'] });
  });

  it("takes the password of the next start, as the launcher prints a new one: the old one no longer logs in", async () => {
    await stop();
    await start(NEXT_PASSWORD);
    expect((await login(DEMO_ADMIN_USERNAME, NEXT_PASSWORD)).status).toBe(200);
    expect((await login(DEMO_ADMIN_USERNAME, FIRST_PASSWORD)).status).toBe(401);
    expect(await database.query(`SELECT count(*)::int AS admins FROM platform_user WHERE username = $1`, [DEMO_ADMIN_USERNAME])).toEqual([{ admins: 1 }]);
  });
});
