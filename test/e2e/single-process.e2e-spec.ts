import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PlatformProcess, freePort, startPlatformProcess, waitFor } from '@houqin/testing';

/**
 * `npm start` on a machine with nothing but Node: the platform in one process on embedded
 * PostgreSQL and the in-process transport. No database, broker or Redis URL is given to it.
 */

describe('the single-process platform (npm start)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'houqin-single-'));
  chmodSync(dataDir, 0o755); // embedded PostgreSQL runs as the postgres user when started as root
  let platform: PlatformProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = { HOUQIN_DATA_DIR: path.join(dataDir, 'data'), EMBEDDED_POSTGRES_PORT: String(await freePort()), PORT: String(await freePort()) };
  });

  afterAll(async () => {
    if (platform && platform.child.exitCode === null) {
      platform.child.kill('SIGTERM');
      await platform.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on embedded PostgreSQL, prints the gateway and API docs URLs, and runs the walking skeleton', async () => {
    platform = await startPlatformProcess(env);
    expect(platform.gatewayUrl).toBe(`http://127.0.0.1:${env['PORT']}`);
    expect((await fetch(platform.docsUrl)).status).toBe(200);
    const headers = { authorization: `Bearer ${platform.token}`, 'content-type': 'application/json' };

    const reported = await fetch(`${platform.gatewayUrl}/api/v1/maintenance/repair-requests`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ location: { building: 'Office Block A', room: '105' }, description: 'Printer jams on every page', priority: 'normal' }),
    });
    expect(reported.status).toBe(201);
    const request = (await reported.json()) as { id: string };

    const entries = await waitFor(async () => {
      const response = await fetch(`${platform!.gatewayUrl}/api/v1/evaluation/audit-trail?subject=${request.id}`, { headers });
      const found = (await response.json()) as Array<{ eventType: string }>;
      return found.length > 0 && found;
    }, { description: 'the audit entry' });
    expect(entries.map((entry) => entry.eventType)).toEqual(['houqin.maintenance.repair-request.reported.v1']);

    const bad = await fetch(`${platform.gatewayUrl}/api/v1/maintenance/repair-requests`, { method: 'POST', headers, body: JSON.stringify({ description: 42 }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it("prints a login for the demo agency's admin: the demo agency is a real agency, administered like any other", async () => {
    const gatewayUrl = platform!.gatewayUrl;
    const printed = /username (\S+) {2}password (\S+)/.exec(platform!.output());
    expect(printed).not.toBeNull();
    const [, username, password] = printed!;
    const login = await fetch(`${gatewayUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect(login.status).toBe(200);
    const admin = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`, 'content-type': 'application/json' };
    const me = (await (await fetch(`${gatewayUrl}/api/v1/auth/me`, { headers: admin })).json()) as { agencyId: string; roles: string[] };
    expect(me.roles).toEqual(['agency-admin']);
    // The agency of the demo token and demo data, with an id like every agency's.
    expect(me.agencyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(platform!.output()).toContain(`Demo access token (agency ${me.agencyId},`);

    // An integrator's account for the demo agency, named by its id as a platform admin would.
    const created = await fetch(`${gatewayUrl}/api/v1/identity/users`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ agencyId: me.agencyId, username: 'demo-integrator', displayName: '对接工程师', roles: ['integrator'], password: 'integrator-password-1' }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual(expect.objectContaining({ agencyId: me.agencyId, roles: ['integrator'] }));

    // What the demo token (staff + logistics manager) may not do, the admin may: read the live event stream.
    const stream = new AbortController();
    const live = await fetch(`${gatewayUrl}/api/v1/events/stream`, { headers: admin, signal: stream.signal });
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toContain('text/event-stream');
    stream.abort();
  });

  it('seeds the demo agency once: vendors with permits, budgets, an approved requisition, an open tender with sealed bids', async () => {
    expect(platform!.output()).not.toContain('demo data could not be seeded');
    const get = async <T>(path: string) => (await (await fetch(`${platform!.gatewayUrl}/api/v1/procurement${path}`, { headers: { authorization: `Bearer ${platform!.token}` } })).json()) as T;
    const vendors = await get<Array<{ name: string; qualifications?: unknown[] }>>('/vendors');
    expect(vendors.map((vendor) => vendor.name).sort()).toEqual(['北京华信物业管理有限公司', '深圳市美食餐饮管理有限公司', '福州市公务用车租赁有限公司', '福州市鼓楼区后勤服务有限公司']);
    const requisitions = await get<Array<{ status: string; category: string; procurementMethod?: string }>>('/requisitions');
    expect(requisitions.filter((requisition) => requisition.category === 'supplies')).toEqual([expect.objectContaining({ status: 'approved', procurementMethod: 'request-for-quotation' })]);
    // The maintenance contract's direct purchase (see the maintenance seed).
    expect(requisitions.filter((requisition) => requisition.category === 'maintenance')).toEqual([expect.objectContaining({ status: 'approved', procurementMethod: 'direct-purchase' })]);
    const budgets = await get<Array<{ category: string; committed: number }>>(`/budgets?fiscalYear=${new Date().getUTCFullYear()}`);
    expect(budgets.find((budget) => budget.category === 'supplies')?.committed).toBe(120_000_00);
    const tenders = await get<Array<{ id: string; status: string; category: string }>>('/tenders');
    expect(tenders).toEqual([expect.objectContaining({ status: 'published', category: 'maintenance' })]);
    const bids = await get<Array<{ contentVisible: boolean; price?: number }>>(`/tenders/${tenders[0]!.id}/bids`);
    expect(bids).toHaveLength(2);
    expect(bids.every((bid) => bid.contentVisible === false && bid.price === undefined)).toBe(true);
  });

  it('seeds maintenance: a signed maintenance contract maintenance knows, the equipment register, repairs at every stage', async () => {
    const get = async <T>(path: string) => (await (await fetch(`${platform!.gatewayUrl}/api/v1/maintenance${path}`, { headers: { authorization: `Bearer ${platform!.token}` } })).json()) as T;
    const contracts = await get<Array<{ vendorId: string; buildings?: string[] }>>('/vendor-contracts');
    expect(contracts).toHaveLength(1);
    const assets = await get<Array<{ code: string; meters?: Record<string, unknown> }>>('/assets');
    expect(assets.map((asset) => asset.code).sort()).toEqual(['ELC-B-001', 'ELV-A-001', 'ELV-B-001', 'HVAC-A-001', 'PLB-A-014']);
    // Repairs only: the lifts' preventive plan may have raised its work order by now.
    const workOrders = await get<Array<{ status: string; vendorId?: string; origin: string }>>('/work-orders?origin=repair-request');
    expect(workOrders.map((order) => order.status).sort()).toEqual(['assigned', 'in-progress', 'verified']);
    expect(workOrders.every((order) => order.vendorId === contracts[0]!.vendorId)).toBe(true);
    const verified = (await get<Array<{ id: string; status: string }>>('/work-orders?status=verified&origin=repair-request'))[0]!;
    const costs = await waitFor(async () => {
      const found = await get<{ totals: { partsFen: number } }>(`/work-orders/${verified.id}/costs`);
      return found.totals.partsFen > 0 && found;
    }, { description: 'the parts issued for the verified work order' });
    // Two bearings at 86 yuan, 150 minutes at 120 yuan an hour, a 200 yuan call-out.
    expect(costs.totals).toEqual({ labourFen: 300_00, partsFen: 172_00, extraFen: 200_00, totalFen: 672_00 });
    const plans = await get<Array<{ name: string; status: string }>>('/preventive-plans');
    expect(plans).toHaveLength(3);
    expect(plans.every((plan) => plan.status === 'active')).toBe(true);
    const requests = await get<Array<{ status: string }>>('/repair-requests');
    expect(requests.filter((request) => request.status === 'reported').length).toBeGreaterThanOrEqual(1);
  });

  it('stops gracefully and keeps its data for the next start', async () => {
    const first = platform!;
    const before = (await (await fetch(`${first.gatewayUrl}/api/v1/maintenance/repair-requests`, { headers: { authorization: `Bearer ${first.token}` } })).json()) as unknown[];
    expect(before).toHaveLength(5); // four seeded, one reported by the first test
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    platform = await startPlatformProcess(env);
    // The demo admin's password is kept with the data: the login printed at the first start still works.
    const [, username, password] = /username (\S+) {2}password (\S+)/.exec(first.output())!;
    expect(platform.output()).toContain(`username ${username}  password ${password}`);
    const login = await fetch(`${platform.gatewayUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect(login.status).toBe(200);
    const after = (await (await fetch(`${platform.gatewayUrl}/api/v1/maintenance/repair-requests`, { headers: { authorization: `Bearer ${platform.token}` } })).json()) as unknown[];
    expect(after).toEqual(before);
    // The demo data was seeded on the first start only.
    const vendors = (await (await fetch(`${platform.gatewayUrl}/api/v1/procurement/vendors`, { headers: { authorization: `Bearer ${platform.token}` } })).json()) as unknown[];
    expect(vendors).toHaveLength(4);
  });
});
