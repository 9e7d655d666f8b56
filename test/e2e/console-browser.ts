import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { HouqinClient } from '@houqin/api-client';
import { PlatformProcess, freePort, startPlatformProcess } from '@houqin/testing';

/**
 * What the console's browser tests share: `npm start`'s single-process platform started as a process
 * (from dist/, so `npm run build` first), Debian's chromium driven by playwright-core (no browser
 * download), the demo agency's admin signed in through the typed client, a page per person signed
 * in through the login form, and screenshots to .cache/screenshots.
 */

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(__dirname, '../../.cache/screenshots');
export const PASSWORD = 'console-e2e-password';
export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

export interface ConsoleBrowser {
  /** The gateway's address (the console at `/`, the API under `/api`). */
  readonly url: string;
  readonly platform: PlatformProcess;
  /** The demo agency's admin, through the typed client. */
  readonly admin: HouqinClient;
  /** The demo admin's sign-in, as the banner prints it. */
  readonly adminLogin: { username: string; password: string };
  /** A new browser context at `viewport`, signed in as nobody, at `at`. */
  openPage(viewport: { width: number; height: number }, at?: string): Promise<Page>;
  /** A new browser context at `viewport`, signed in as `username` through the login form, at `at`. */
  pageAs(username: string, viewport: { width: number; height: number }, at?: string, password?: string): Promise<Page>;
  /** A full-page screenshot once the page has read what it shows. */
  shoot(page: Page, name: string): Promise<void>;
  /** The typed client signed in as `username`. */
  clientAs(username: string, password?: string): Promise<HouqinClient>;
}

/**
 * Registers the hooks (inside a `describe`) that start the platform and the browser before the
 * tests, keep each page's last view after each test, and close everything after them. The answer's
 * fields are there once `beforeAll` has run.
 */
export function useConsoleBrowser(name: string, options: { env?: () => Record<string, string> } = {}): ConsoleBrowser {
  const dataDir = mkdtempSync(path.join(tmpdir(), `houqin-${name}-`));
  chmodSync(dataDir, 0o755); // embedded PostgreSQL runs as the postgres user when started as root
  let platform: PlatformProcess | undefined;
  let browser: Browser | undefined;
  let admin: HouqinClient | undefined;
  let adminLogin: { username: string; password: string } | undefined;
  const contexts: BrowserContext[] = [];
  let tests = 0;

  const clientAs = async (username: string, password = PASSWORD): Promise<HouqinClient> => {
    const anonymous = new HouqinClient({ baseUrl: platform!.gatewayUrl });
    const { accessToken } = await anonymous.gateway.authLogin({ body: { username, password } });
    return new HouqinClient({ baseUrl: platform!.gatewayUrl, accessToken });
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Extra variables (an identity provider the suite started) are read once the suite's earlier hooks ran.
    const env = { ...options.env?.(), HOUQIN_DATA_DIR: path.join(dataDir, 'data'), EMBEDDED_POSTGRES_PORT: String(await freePort()), PORT: String(await freePort()) };
    // The browser starts while the platform does; kept as soon as it runs, so afterAll closes it
    // even when the platform fails to start (an open browser would keep Jest from exiting).
    const launching = chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] }).then((launched) => (browser = launched));
    try {
      platform = await startPlatformProcess(env);
    } finally {
      await launching;
    }
    const [, username, password] = /username (\S+) {2}password (\S+)/.exec(platform.output())!;
    adminLogin = { username: username!, password: password! };
    admin = await clientAs(adminLogin.username, adminLogin.password);
  }, 240_000);

  afterEach(async () => {
    // What each page showed at the end of a test: the first thing to look at when one fails.
    const test = String((tests += 1));
    for (const [index, context] of contexts.entries()) {
      for (const page of context.pages()) await page.screenshot({ path: path.join(SCREENSHOTS, `last-page-of-test-${name}-${test}-${index}.png`), fullPage: true }).catch(() => undefined);
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

  const openPage = async (viewport: { width: number; height: number }, at = '/'): Promise<Page> => {
    // Reduced motion, as a person may ask their system: no fading loading spinner keeps a button named "loading" after its request.
    const context = await browser!.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Europe/Berlin', reducedMotion: 'reduce' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${platform!.gatewayUrl}${at}`);
    return page;
  };

  return {
    get url() {
      return platform!.gatewayUrl;
    },
    get platform() {
      return platform!;
    },
    get admin() {
      return admin!;
    },
    get adminLogin() {
      return adminLogin!;
    },
    clientAs,
    openPage,
    pageAs: async (username, viewport, at = '/', password = PASSWORD) => {
      const page = await openPage(viewport, at);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.locator('button[type=submit]').click();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
      return page;
    },
    shoot: async (page, shot) => {
      // Not 'networkidle': the manager's live stream keeps a request open. What shows is what was read.
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${shot}.png`), fullPage: true });
    },
  };
}
