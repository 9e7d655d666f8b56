import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { HouqinClient } from '@houqin/api-client';
import { PlatformProcess, freePort, startPlatformProcess, waitFor } from '@houqin/testing';

/**
 * The web console in a real browser (Debian's chromium, driven by playwright-core) against `npm
 * start`'s single-process platform: a repair from report to 验收 and survey across three roles, the
 * manager's live list and dashboard chart, English, a field error from the API beside its field,
 * deep links after reload. Screenshots of the main pages go to .cache/screenshots.
 */

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(__dirname, '../../.cache/screenshots');
const PASSWORD = 'console-e2e-password';
const DESKTOP = { width: 1366, height: 860 };
const PHONE = { width: 390, height: 844 };

describe('the web console (npm start, in chromium)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'houqin-console-'));
  chmodSync(dataDir, 0o755); // embedded PostgreSQL runs as the postgres user when started as root
  let platform: PlatformProcess | undefined;
  let browser: Browser | undefined;
  let admin: HouqinClient;
  const run = Date.now().toString(36);
  const people = { staff: `wang.staff.${run}`, manager: `li.manager.${run}`, vendor: `chen.vendor.${run}` };
  const contexts: BrowserContext[] = [];
  let tests = 0;

  const pageAs = async (username: string, viewport: { width: number; height: number }, at = '/', password = PASSWORD): Promise<Page> => {
    const context = await browser!.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Europe/Berlin' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${platform!.gatewayUrl}${at}`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.locator('button[type=submit]').click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    return page;
  };
  const shoot = async (page: Page, name: string) => {
    // Not 'networkidle': the manager's live stream keeps a request open. What shows is what was read.
    await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const env = { HOUQIN_DATA_DIR: path.join(dataDir, 'data'), EMBEDDED_POSTGRES_PORT: String(await freePort()), PORT: String(await freePort()) };
    // The browser starts while the platform does; kept as soon as it runs, so afterAll closes it
    // even when the platform fails to start (an open browser would keep Jest from exiting).
    const launching = chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] }).then((launched) => (browser = launched));
    try {
      platform = await startPlatformProcess(env);
    } finally {
      await launching;
    }
    // The demo agency's admin (printed by the banner) opens the three people's accounts through the typed client.
    const [, username, password] = /username (\S+) {2}password (\S+)/.exec(platform.output())!;
    const anonymous = new HouqinClient({ baseUrl: platform.gatewayUrl });
    const { accessToken } = await anonymous.gateway.authLogin({ body: { username: username!, password: password! } });
    admin = new HouqinClient({ baseUrl: platform.gatewayUrl, accessToken });
    const contracted = await waitFor(async () => (await admin.maintenance.vendorContractsList()).find((contract) => contract.assignable), { description: "the demo's contracted vendor" });
    await admin.gateway.identityCreateUser({ body: { username: people.staff, displayName: '王芳', roles: ['staff'], password: PASSWORD } });
    await admin.gateway.identityCreateUser({ body: { username: people.manager, displayName: '李强', roles: ['logistics-manager'], password: PASSWORD } });
    await admin.gateway.identityCreateUser({ body: { username: people.vendor, displayName: '陈师傅', roles: ['vendor'], vendorId: contracted.vendorId, password: PASSWORD } });
  }, 240_000);

  afterEach(async () => {
    // What each page showed at the end of a test: the first thing to look at when one fails.
    const name = String((tests += 1));
    for (const [index, context] of contexts.entries()) {
      for (const page of context.pages()) await page.screenshot({ path: path.join(SCREENSHOTS, `last-page-of-test-${name}-${index}.png`), fullPage: true }).catch(() => undefined);
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    if (platform && platform.child.exitCode === null) {
      platform.child.kill('SIGTERM');
      await platform.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

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
    await staff.goto(`${platform!.gatewayUrl}/repairs`);
    await staff.locator('.ant-card').filter({ hasText: description }).getByRole('link', { name: '去验收' }).click();
    await staff.getByRole('button', { name: '验收通过' }).click();
    await staff.locator('.ant-tag').filter({ hasText: '已验收' }).first().waitFor();
    await staff.goto(`${platform!.gatewayUrl}/surveys`);
    const survey = staff.locator('.ant-card').filter({ has: staff.locator('.ant-rate') }).first();
    await waitFor(async () => (await survey.count()) > 0 || (await staff.reload(), false), { timeoutMs: 30_000, intervalMs: 1000, description: 'the survey of the verified work' });
    for (const rate of await survey.locator('.ant-rate').all()) await rate.locator('.ant-rate-star').nth(4).click();
    await shoot(staff, 'survey.zh-CN.phone');
    await survey.getByRole('button', { name: '提交评价' }).click();
    await staff.getByText('感谢您的评价').waitFor();

    // The staff member files a complaint about the work; the manager takes it up for investigation.
    await staff.goto(`${platform!.gatewayUrl}/complaints`);
    await staff.getByLabel('投诉的工单').click();
    await staff.locator('.ant-select-item-option').filter({ hasText: description }).click();
    await staff.getByLabel('投诉类别').click();
    await staff.locator('.ant-select-item-option').filter({ hasText: '及时性' }).click();
    const grievance = `维修人员迟到两小时 ${run}`;
    await staff.getByLabel('投诉内容').fill(grievance);
    await staff.getByRole('button', { name: '提交投诉' }).click();
    await staff.locator('.ant-table-row').filter({ hasText: grievance }).waitFor();
    await manager.goto(`${platform!.gatewayUrl}/complaints`);
    const complaint = manager.locator('.ant-table-row').filter({ hasText: grievance });
    await complaint.getByRole('button', { name: '受理调查' }).click();
    await complaint.locator('.ant-tag').filter({ hasText: '调查中' }).waitFor();

    // The dashboard's chart counts the verified work.
    await manager.goto(`${platform!.gatewayUrl}/dashboard`);
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
      await manager.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: entry }).click();
      await manager.getByRole('heading', { level: 3 }).first().waitFor();
      await manager.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
      expect({ entry, errors: await manager.locator('.ant-alert-error').allInnerTexts() }).toEqual({ entry, errors: [] });
    }
    await manager.goto(`${platform!.gatewayUrl}/tenders`);
    await manager.locator('.ant-table-row').first().click();
    await manager.locator('.ant-drawer').getByText('投标').first().waitFor();
    await shoot(manager, 'tender.zh-CN.desktop');

    // The agency admin opens an account in the console; its owner signs in with it.
    const [, adminName, adminPassword] = /username (\S+) {2}password (\S+)/.exec(platform!.output())!;
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
});
