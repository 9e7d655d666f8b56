import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RunningService } from '@houqin/service-kit';
import { startGateway } from './gateway-fixture';

/**
 * The gateway serves the web console's build at `/` beside the API: deep links get the app, files of
 * the build themselves, and the API, its docs and probes answer as before. The same gateway module
 * runs in `npm start` and in the distributed shape.
 */
describe('the web console served by the gateway', () => {
  const build = mkdtempSync(path.join(tmpdir(), 'houqin-console-build-'));
  let gateway: RunningService;

  beforeAll(async () => {
    mkdirSync(path.join(build, 'assets'));
    writeFileSync(path.join(build, 'index.html'), '<!doctype html><html lang="zh-CN"><body><div id="root"></div><script type="module" src="/assets/index-3f2a.js"></script></body></html>');
    writeFileSync(path.join(build, 'assets/index-3f2a.js'), 'console.log("后勤")');
    gateway = await startGateway({ CONSOLE_DIR: build });
  });

  afterAll(async () => {
    await gateway?.shutdown();
    rmSync(build, { recursive: true, force: true });
  });

  it('answers / and any deep link with the app, never cached, under the console’s content security policy', async () => {
    for (const page of ['/', '/work-orders/5c1d4f0e-0000-4000-8000-000000000000', '/repairs?highlight=1']) {
      const response = await fetch(`${gateway.url}${page}`);
      expect({ page, status: response.status, type: response.headers.get('content-type') }).toEqual({ page, status: 200, type: 'text/html; charset=utf-8' });
      expect(await response.text()).toContain('<div id="root"></div>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('serves the build’s assets, cached for good, and a 404 for one it does not have', async () => {
    const asset = await fetch(`${gateway.url}/assets/index-3f2a.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log("后勤")');
    expect((await fetch(`${gateway.url}/assets/index-old.js`)).status).toBe(404);
  });

  it('leaves the API, its docs and the probes as they were', async () => {
    const api = await fetch(`${gateway.url}/api/v1/auth/me`);
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await fetch(`${gateway.url}/api/v1/nowhere`)).headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${gateway.url}/docs`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/`, { method: 'POST' })).status).toBe(404);
  });

  it('serves no console where none was built: / is a 404', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'houqin-console-none-'));
    const bare = await startGateway({ CONSOLE_DIR: empty });
    try {
      expect((await fetch(`${bare.url}/`)).status).toBe(404);
      expect((await fetch(`${bare.url}/health/live`)).status).toBe(200);
    } finally {
      await bare.shutdown();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
