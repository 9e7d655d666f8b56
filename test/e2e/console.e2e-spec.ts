import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { HouqinClient } from '@houqin/api-client';
import { waitFor } from '@houqin/testing';
import { DESKTOP, PASSWORD, PHONE, useConsoleBrowser } from './console-browser';

const CONSOLE_CLIENT_ID = 'houqin-console';

/**
 * The agency's identity provider, faked on loopback: discovery, a JWKS, an /authorize that signs in
 * `subject` at once and sends the browser straight back with a code (or, with `refusing` set, with
 * that OAuth error instead), and a /token that checks the PKCE verifier and answers an id token for
 * the console's client carrying the login's nonce.
 */
function useFakeIdentityProvider(): { readonly issuer: string; subject: string; refusing?: { error: string; description: string } } {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const codes = new Map<string, { subject: string; challenge: string; nonce: string }>();
  let server: Server | undefined;
  const state: { issuer: string; subject: string; refusing?: { error: string; description: string } } = { issuer: '', subject: '' };
  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const formOf = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  };
  beforeAll(async () => {
    server = createServer((request, response) => {
      void (async () => {
        const url = new URL(request.url ?? '/', state.issuer);
        if (url.pathname === '/.well-known/openid-configuration') return send(response, 200, { issuer: state.issuer, authorization_endpoint: `${state.issuer}/authorize`, token_endpoint: `${state.issuer}/token`, jwks_uri: `${state.issuer}/jwks` });
        if (url.pathname === '/jwks') return send(response, 200, { keys: [{ ...key.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] });
        if (url.pathname === '/authorize' && state.refusing) {
          const back = new URL(url.searchParams.get('redirect_uri')!);
          back.searchParams.set('error', state.refusing.error);
          back.searchParams.set('error_description', state.refusing.description);
          back.searchParams.set('state', url.searchParams.get('state') ?? '');
          response.writeHead(302, { location: back.toString() }).end();
          return;
        }
        if (url.pathname === '/authorize') {
          const code = randomBytes(16).toString('hex');
          codes.set(code, { subject: state.subject, challenge: url.searchParams.get('code_challenge') ?? '', nonce: url.searchParams.get('nonce') ?? '' });
          const back = new URL(url.searchParams.get('redirect_uri')!);
          back.searchParams.set('code', code);
          back.searchParams.set('state', url.searchParams.get('state') ?? '');
          response.writeHead(302, { location: back.toString() }).end();
          return;
        }
        if (url.pathname === '/token' && request.method === 'POST') {
          const form = await formOf(request);
          const grant = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          if (!grant || createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') !== grant.challenge) return send(response, 400, { error: 'invalid_grant' });
          const idToken = jwt.sign({ sub: grant.subject, nonce: grant.nonce }, key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { algorithm: 'RS256', keyid: 'k1', expiresIn: 300, audience: CONSOLE_CLIENT_ID, issuer: state.issuer });
          return send(response, 200, { access_token: 'provider-token', token_type: 'Bearer', id_token: idToken });
        }
        response.writeHead(404).end();
      })();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    state.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return state;
}

/**
 * The web console in a real browser (Debian's chromium, driven by playwright-core) against `npm
 * start`'s single-process platform: a repair from report to 验收 and survey across three roles, the
 * manager's live list and dashboard chart, English, a field error from the API beside its field,
 * deep links after reload. Screenshots of the main pages go to .cache/screenshots.
 */

describe('the web console (npm start, in chromium)', () => {
  // Started before the platform, which is started with it as the agency's identity provider.
  const identityProvider = useFakeIdentityProvider();
  const session = useConsoleBrowser('console', { env: () => ({ OIDC_ISSUER: identityProvider.issuer, OIDC_CONSOLE_CLIENT_ID: CONSOLE_CLIENT_ID }) });
  const { pageAs, shoot } = session;
  let admin: HouqinClient;
  const run = Date.now().toString(36);
  const people = { staff: `wang.staff.${run}`, manager: `li.manager.${run}`, vendor: `chen.vendor.${run}` };
  let staffId: string;

  beforeAll(async () => {
    // The demo agency's admin (printed by the banner) opens the three people's accounts through the typed client.
    admin = session.admin;
    const contracted = await waitFor(async () => (await admin.maintenance.vendorContractsList()).find((contract) => contract.assignable), { description: "the demo's contracted vendor" });
    staffId = (await admin.gateway.identityCreateUser({ body: { username: people.staff, displayName: '王芳', roles: ['staff'], password: PASSWORD } })).id;
    await admin.gateway.identityCreateUser({ body: { username: people.manager, displayName: '李强', roles: ['logistics-manager'], password: PASSWORD } });
    await admin.gateway.identityCreateUser({ body: { username: people.vendor, displayName: '陈师傅', roles: ['vendor'], vendorId: contracted.vendorId, password: PASSWORD } });
  }, 60_000);

  it('takes a repair from the staff member’s phone through triage, the vendor’s queue and 验收 to the survey and the dashboard chart', async () => {
    const description = `三楼会议室空调不制冷 ${run}`;
    const verifiedBefore = (await admin.maintenance.dashboardFigures()).workOrders.thisMonth.verified;

    // The manager's desk is open before the repair is reported: the new request arrives live.
    const manager = await pageAs(people.manager, DESKTOP, '/work-orders');
    await manager.getByRole('tab', { name: /待分诊报修/ }).waitFor();
    await manager.getByText('实时更新中').waitFor();

    // Staff, at phone width: the API's refusal of the photo's address shows beside that field.
    const staff = await pageAs(people.staff, PHONE, '/repairs/new');
    await staff.getByLabel('楼栋').fill('办公楼 A座');
    await staff.getByLabel('楼层').fill('3');
    await staff.getByLabel('故障描述').fill(description);
    await staff.locator('input[type=file]').setInputFiles({ name: 'aircon.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('a photo of the air conditioner') });
    await staff.getByLabel('文件名').waitFor();
    expect(await staff.getByLabel('大小（字节）').inputValue()).toBe('30');
    await staff.getByLabel('文件地址').fill('ftp://files.example.gov.cn/aircon.jpg');
    await staff.getByRole('button', { name: '提交报修' }).click();
    const urlItem = staff.locator('.ant-form-item').filter({ has: staff.getByLabel('文件地址') });
    await urlItem.locator('.ant-form-item-explain-error').filter({ hasText: 'https://' }).waitFor();
    await shoot(staff, 'report-field-error.zh-CN.phone');
    await staff.getByLabel('文件地址').fill('https://files.example.gov.cn/repairs/aircon.jpg');
    await staff.getByRole('button', { name: '提交报修' }).click();
    await staff.waitForURL(/\/repairs\?highlight=/);
    await staff.getByText(description).waitFor();
    await shoot(staff, 'my-repairs.zh-CN.phone');

    // The manager sees it without reloading, triages it and assigns the contracted vendor.
    const row = manager.locator('tr').filter({ hasText: description });
    await row.waitFor();
    await row.getByLabel('类别').click();
    await manager.locator('.ant-select-item-option').filter({ hasText: '空调暖通' }).click();
    await row.getByRole('button', { name: '分 诊' }).or(row.getByRole('button', { name: '分诊' })).click();
    await manager.waitForURL(/\/work-orders\/[0-9a-f-]{36}$/);
    const workOrderUrl = manager.url();
    await manager.getByTestId('assign-vendor').click();
    await manager.locator('.ant-select-item-option').filter({ hasNotText: '内部维修班组' }).first().click();
    await manager.getByRole('button', { name: '派 工' }).or(manager.getByRole('button', { name: '派工' })).click();
    await manager.locator('.ant-tag').filter({ hasText: '已派工' }).waitFor();
    // A deep link survives a reload.
    await manager.reload();
    await manager.getByText(description).first().waitFor();
    expect(manager.url()).toBe(workOrderUrl);
    await shoot(manager, 'work-order.zh-CN.desktop');

    // The vendor accepts, starts and completes the work from its queue.
    const vendor = await pageAs(people.vendor, DESKTOP, '/queue');
    const card = vendor.locator('.ant-card').filter({ hasText: description });
    await card.getByRole('button', { name: '接单' }).or(card.getByRole('button', { name: '接 单' })).click();
    await card.getByRole('button', { name: '开始维修' }).click();
    await card.getByLabel('处理说明').fill('更换压缩机启动电容，制冷恢复');
    await card.getByRole('button', { name: '完工' }).or(card.getByRole('button', { name: '完 工' })).click();
    await vendor.getByText('已完成的工单', { exact: true }).click();
    await vendor.locator('.ant-card').filter({ hasText: description }).locator('.ant-tag').filter({ hasText: '待验收' }).waitFor();
    await shoot(vendor, 'vendor-queue.zh-CN.desktop');

    // The staff member verifies the repair (验收) and answers the survey it brings.
    await staff.goto(`${session.url}/repairs`);
    await staff.locator('.ant-card').filter({ hasText: description }).getByRole('link', { name: '去验收' }).click();
    await staff.getByRole('button', { name: '验收通过' }).click();
    await staff.locator('.ant-tag').filter({ hasText: '已验收' }).first().waitFor();
    await staff.goto(`${session.url}/surveys`);
    const survey = staff.locator('.ant-card').filter({ has: staff.locator('.ant-rate') }).first();
    await waitFor(async () => (await survey.count()) > 0 || (await staff.reload(), false), { timeoutMs: 30_000, intervalMs: 1000, description: 'the survey of the verified work' });
    for (const rate of await survey.locator('.ant-rate').all()) await rate.locator('.ant-rate-star').nth(4).click();
    await shoot(staff, 'survey.zh-CN.phone');
    await survey.getByRole('button', { name: '提交评价' }).click();
    await staff.getByText('感谢您的评价').waitFor();

    // The staff member files a complaint about the work; the manager takes it up for investigation.
    await staff.goto(`${session.url}/complaints`);
    await staff.getByLabel('投诉的工单').click();
    await staff.locator('.ant-select-item-option').filter({ hasText: description }).click();
    await staff.getByLabel('投诉类别').click();
    await staff.locator('.ant-select-item-option').filter({ hasText: '及时性' }).click();
    const grievance = `维修人员迟到两小时 ${run}`;
    await staff.getByLabel('投诉内容').fill(grievance);
    await staff.getByRole('button', { name: '提交投诉' }).click();
    await staff.locator('.ant-table-row').filter({ hasText: grievance }).waitFor();
    await manager.goto(`${session.url}/complaints`);
    const complaint = manager.locator('.ant-table-row').filter({ hasText: grievance });
    await complaint.getByRole('button', { name: '受理调查' }).click();
    await complaint.locator('.ant-tag').filter({ hasText: '调查中' }).waitFor();

    // The dashboard's chart counts the verified work.
    await manager.goto(`${session.url}/dashboard`);
    const chart = manager.getByTestId('chart-work-by-status');
    const described = await waitFor(
      async () => {
        const label = (await chart.locator('[aria-label]').last().getAttribute('aria-label')) ?? '';
        return label.includes(`本月已验收 ${verifiedBefore + 1}`) && label;
      },
      { description: 'the chart with the verified work' },
    );
    expect(described).toContain('工单状态分布');
    await manager.getByTestId('chart-standings').waitFor();
    await shoot(manager, 'dashboard.zh-CN.desktop');

    // English: the labels change, the chart's description too.
    await manager.getByText('English', { exact: true }).click();
    await manager.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await manager.getByRole('menuitem', { name: 'Triage & assign' }).waitFor();
    await waitFor(async () => ((await chart.locator('[aria-label]').last().getAttribute('aria-label')) ?? '').includes(`Verified this month ${verifiedBefore + 1}`), { description: 'the English chart' });
    await shoot(manager, 'dashboard.en.desktop');
    await manager.goto(workOrderUrl);
    await manager.getByText('Verified', { exact: true }).first().waitFor();
    await shoot(manager, 'work-order.en.desktop');
  }, 180_000);

  it('shows each role only what the policy table lets it do, at phone width as on the desktop', async () => {
    const staff = await pageAs(people.staff, PHONE, '/dashboard');
    // The staff member cannot read the dashboard's analytics: the deep link lands on their first page.
    await staff.waitForURL(/\/repairs$/);
    await staff.getByRole('button', { name: '打开菜单' }).click();
    const menu = staff.locator('.ant-drawer .ant-menu');
    await menu.getByText('我要报修').waitFor();
    expect(await menu.getByText('运行看板').count()).toBe(0);
    expect(await menu.getByText('工单分诊与派工').count()).toBe(0);
    await shoot(staff, 'menu.zh-CN.phone');
    await staff.keyboard.press('Escape');
    await staff.getByText('English', { exact: true }).click();
    await staff.getByRole('heading', { name: 'My repairs' }).waitFor();
    await shoot(staff, 'my-repairs.en.phone');

    const vendor = await pageAs(people.vendor, PHONE, '/repairs/new');
    await vendor.waitForURL(/\/queue$/);
    expect(await vendor.getByText('我要报修').count()).toBe(0);

    // Every page of the manager's menu reads its data without an error (the demo agency's records).
    const manager = await pageAs(people.manager, DESKTOP, '/dashboard');
    const entries = await manager.locator('.ant-layout-sider .ant-menu-item').allInnerTexts();
    expect(entries).toEqual(expect.arrayContaining(['运行看板', '工单分诊与派工', '采购申请审批', '招标', '合同', '库存', '供应商', '整改通知', '考核评分', '违规记录', '审计链校验']));
    for (const entry of entries) {
      // By the whole entry: 投诉 is also the start of 投诉处理.
      await manager.locator('.ant-layout-sider').getByRole('menuitem', { name: entry, exact: true }).click();
      await manager.getByRole('heading', { level: 3 }).first().waitFor();
      await manager.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
      expect({ entry, errors: await manager.locator('.ant-alert-error').allInnerTexts() }).toEqual({ entry, errors: [] });
    }
    await manager.goto(`${session.url}/tenders`);
    await manager.locator('.ant-table-row').first().click();
    await manager.locator('.ant-drawer').getByText('投标').first().waitFor();
    await shoot(manager, 'tender.zh-CN.desktop');

    // The agency admin opens an account in the console; its owner signs in with it.
    const { username: adminName, password: adminPassword } = session.adminLogin;
    const adminPage = await pageAs(adminName!, DESKTOP, '/people', adminPassword);
    await adminPage.getByLabel('姓名').fill('赵敏');
    await adminPage.getByLabel('用户名').fill(`zhao.approver.${run}`);
    await adminPage.getByLabel('角色').click();
    await adminPage.locator('.ant-select-item-option').filter({ hasText: '审批人' }).click();
    await adminPage.keyboard.press('Escape');
    await adminPage.getByLabel('初始密码').fill(PASSWORD);
    await adminPage.getByRole('button', { name: '创 建' }).or(adminPage.getByRole('button', { name: '创建' })).click();
    await adminPage.locator('.ant-table-row').filter({ hasText: `zhao.approver.${run}` }).waitFor();
    const approver = await pageAs(`zhao.approver.${run}`, DESKTOP, '/requisitions');
    await approver.getByRole('heading', { name: '采购申请审批' }).waitFor();
  }, 120_000);

  it('lets a person sign out another device of theirs from the profile page: that device’s next step lands on the login page', async () => {
    const username = `sun.staff.${run}`;
    await admin.gateway.identityCreateUser({ body: { username, displayName: '孙丽', roles: ['staff'], password: PASSWORD } });
    const other = await pageAs(username, DESKTOP, '/repairs');
    const here = await pageAs(username, DESKTOP, '/profile');
    const sessions = here.getByTestId('login-sessions');
    const rows = sessions.locator('.ant-table-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    // The newest session (this page's) comes first, marked; only the other one can be signed out.
    await rows.nth(0).locator('.ant-tag').filter({ hasText: '本设备' }).waitFor();
    expect(await rows.nth(0).getByRole('button').count()).toBe(0);
    await shoot(here, 'profile-sessions.zh-CN.desktop');
    await rows.nth(1).getByRole('button', { name: /^下\s?线$/ }).click();
    await here.locator('.ant-popconfirm').getByRole('button', { name: /^确\s?定$/ }).click();
    await here.getByText('该设备已下线').waitFor();
    await waitFor(async () => ((await rows.count()) === 1 ? true : undefined), { description: 'one session left' });

    // The signed-out device opens its profile: its token is refused, and it is asked to sign in.
    await other.locator('.ant-layout-header .ant-btn-link').click();
    await other.waitForURL(/\/login/);
    await other.getByLabel('用户名').waitFor();
    // This device goes on.
    await here.reload();
    await rows.first().locator('.ant-tag').filter({ hasText: '本设备' }).waitFor();
  }, 60_000);

  it('signs a person in at the agency’s identity provider and lands them where they were going', async () => {
    const username = `qian.manager.${run}`;
    identityProvider.subject = `idp|qian-${run}`;
    await admin.gateway.identityCreateUser({ body: { username, displayName: '钱进', roles: ['logistics-manager'], password: PASSWORD, externalSubject: identityProvider.subject } });
    const page = await session.openPage(DESKTOP, '/work-orders');
    await page.waitForURL(/\/login\?next=/);
    await page.getByTestId('oidc-sign-in').filter({ hasText: '使用统一身份认证登录' }).waitFor();
    await shoot(page, 'login-identity-provider.zh-CN.desktop');
    await page.getByTestId('oidc-sign-in').click();
    // Out to the provider, back to /login/callback with a code, exchanged by the gateway, and on.
    await page.waitForURL(/\/work-orders$/);
    await page.getByRole('heading', { name: '工单分诊与派工' }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    // The platform's own tokens, for the linked account (its roles, not the provider's).
    const stored = JSON.parse(String(await page.evaluate("localStorage.getItem('houqin.console.session')"))) as { accessToken: string };
    expect(JSON.parse(Buffer.from(stored.accessToken.split('.')[1]!, 'base64url').toString('utf8'))).toMatchObject({ roles: ['logistics-manager'] });

    // A subject linked to no account: the callback says so, and offers the way back.
    identityProvider.subject = 'idp|nobody';
    const stranger = await session.openPage(DESKTOP, '/login');
    await stranger.getByTestId('oidc-sign-in').click();
    await stranger.getByRole('alert').filter({ hasText: 'no platform account is linked' }).waitFor();
    await stranger.getByRole('button', { name: '返回登录页' }).click();
    await stranger.getByLabel('用户名').waitFor();

    // The provider refuses (the person declined, or may not use this client): its error comes back
    // on the callback and is shown with the provider's own words; no code is exchanged.
    identityProvider.refusing = { error: 'access_denied', description: '用户拒绝授权' };
    await stranger.getByTestId('oidc-sign-in').click();
    await stranger.getByRole('alert').filter({ hasText: '身份认证服务拒绝了登录: 用户拒绝授权' }).waitFor();
    expect(await stranger.evaluate("localStorage.getItem('houqin.console.session')")).toBeNull();
    delete identityProvider.refusing;
  }, 60_000);

  it('lets a member of staff book tomorrow’s lunch at the demo canteen from the phone, its price held on their meal card', async () => {
    await admin.catering.accountsOpen({ body: { staffId, staffCategory: '在编', overdraftLimitFen: 20_00 } });
    await admin.catering.accountsTopUp({ staffId, body: { amountFen: 50_00, idempotencyKey: `console-e2e-${run}` } });
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);

    const staff = await pageAs(people.staff, PHONE, '/meals');
    await staff.getByTestId('meal-balance').getByText('¥50.00').waitFor();
    await staff.getByLabel('日期（北京时间）').click();
    await staff.locator('.ant-select-item-option').filter({ hasText: tomorrow }).click();
    const dishes = staff.locator('.ant-checkbox-wrapper');
    await dishes.first().waitFor();
    await dishes.nth(0).click();
    await dishes.nth(1).click();
    await staff.getByRole('button', { name: /^订\s?餐$/ }).click();
    const booked = staff.locator('[data-testid^="meal-"]').filter({ hasText: `${tomorrow} · 午餐` });
    await booked.locator('.ant-tag').filter({ hasText: '已预订' }).waitFor();
    const [booking] = (await (await session.clientAs(people.staff)).catering.reservationsMine()).filter((known) => known.serviceDate === tomorrow && known.period === 'lunch');
    expect(booking?.dishes).toHaveLength(2);
    // The price is held (预授权冻结), not charged: the balance shows it gone, the hold names it.
    const account = await admin.catering.accountsGet({ staffId });
    expect(account).toMatchObject({ balanceFen: 50_00 - booking!.amountFen, heldFen: booking!.amountFen });
    await staff.getByTestId('meal-balance').getByText(`¥${((50_00 - booking!.amountFen) / 100).toFixed(2)}`).waitFor();
    await shoot(staff, 'meals.zh-CN.phone');
  }, 60_000);
});
