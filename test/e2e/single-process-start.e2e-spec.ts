import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { Server, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PlatformProcess, freePort, startPlatformProcess } from '@houqin/testing';

/**
 * `npm start` where something else already runs (issue 12, item 1): with EMBEDDED_POSTGRES_PORT
 * unset the embedded PostgreSQL takes a free port, so two checkouts run side by side; a port that
 * is set and taken stops the start with exit 78, naming the variable, the port and PostgreSQL's
 * own message.
 */

const REPO_ROOT = path.resolve(__dirname, '../..');
const BOOTSTRAP_PASSWORD = 'platform-admin-password-1';
const dataDir = mkdtempSync(path.join(tmpdir(), 'houqin-start-'));
chmodSync(dataDir, 0o755); // embedded PostgreSQL runs as the postgres user when started as root
const platforms: PlatformProcess[] = [];

afterAll(async () => {
  for (const platform of platforms) {
    if (platform.child.exitCode !== null) continue;
    platform.child.kill('SIGTERM');
    await platform.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Holds a port on every local address, as another PostgreSQL (or anything else) would. */
async function holdPort(port: number): Promise<Server> {
  const holder = createServer();
  await new Promise<void>((resolve, reject) => holder.once('error', reject).listen(port, '::', resolve));
  return holder;
}

describe('npm start next to another Houqin', () => {
  it('runs twice at once on one machine (two data dirs, no port set): both serve', async () => {
    const started = await Promise.all(
      ['one', 'two'].map(async (name) => {
        const env = { HOUQIN_DATA_DIR: path.join(dataDir, name), PORT: String(await freePort()), DEMO_DATA: 'false', GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD };
        const platform = await startPlatformProcess(env);
        platforms.push(platform); // stopped after the tests even if the other one fails to start
        return platform;
      }),
    );
    for (const platform of started) {
      const response = await fetch(`${platform.gatewayUrl}/api/v1/maintenance/repair-requests`, { headers: { authorization: `Bearer ${platform.token}` } });
      expect(response.status).toBe(200);
      // GATEWAY_BOOTSTRAP_ADMIN_PASSWORD reaches the gateway: the platform admin logs in.
      const login = await fetch(`${platform.gatewayUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: BOOTSTRAP_PASSWORD }),
      });
      expect(login.status).toBe(200);
    }
    // Two platforms starting together on a busy machine: let the launcher's own timeout speak first.
  }, 240_000);

  it('exits 78 naming EMBEDDED_POSTGRES_PORT, the port and what PostgreSQL said when the port is taken', async () => {
    const port = await freePort();
    const holder = await holdPort(port);
    try {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/apps/platform/src/main.js')], {
        cwd: REPO_ROOT,
        env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/root', LOG_LEVEL: 'warn', HOUQIN_DATA_DIR: path.join(dataDir, 'taken'), EMBEDDED_POSTGRES_PORT: String(port), PORT: String(await freePort()) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(78);
      expect(stderr).toContain(`EMBEDDED_POSTGRES_PORT ${port} is taken`);
      expect(stderr).toMatch(/PostgreSQL: .*could not create any TCP\/IP sockets/);
      expect(stderr).not.toContain("reading 'stack'");
    } finally {
      holder.close();
    }
  });

  it('starts after a first start that failed on a taken port left its data dir behind', async () => {
    const platform = await startPlatformProcess({ HOUQIN_DATA_DIR: path.join(dataDir, 'taken'), PORT: String(await freePort()), DEMO_DATA: 'false' });
    platforms.push(platform);
    const response = await fetch(`${platform.gatewayUrl}/api/v1/procurement/vendors`, { headers: { authorization: `Bearer ${platform.token}` } });
    expect(response.status).toBe(200);
  });
});
