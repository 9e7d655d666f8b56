import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HouqinClient, ProblemError } from '@houqin/api-client';
import { freePort, waitFor } from '@houqin/testing';

/**
 * The walking skeleton through the typed client generated from the platform's merged OpenAPI
 * document, against the single-process platform (`npm start`), which serves that document.
 */
const root = path.resolve(__dirname, '../..');

interface Started {
  child: ChildProcess;
  gatewayUrl: string;
  token: string;
  exited: Promise<number | null>;
}

async function startPlatform(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/platform/src/main.js')], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/root', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const banner = await waitFor(
    () => {
      if (exitCode !== undefined) throw new Error(`platform exited with ${exitCode}:\n${output}`);
      return /Gateway:\s+(\S+)\n[\s\S]*valid 12 h\):\n(\S+)/.exec(output) ?? undefined;
    },
    { timeoutMs: 120_000, intervalMs: 200, description: 'the platform banner' },
  ).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${output.slice(-4000)}`);
  });
  return { child, gatewayUrl: banner[1]!, token: banner[2]!, exited };
}

describe('the typed API client against the platform', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'houqin-client-'));
  chmodSync(dataDir, 0o755); // embedded PostgreSQL runs as the postgres user when started as root
  let platform: Started;
  let client: HouqinClient;

  beforeAll(async () => {
    platform = await startPlatform({ HOUQIN_DATA_DIR: path.join(dataDir, 'data'), EMBEDDED_POSTGRES_PORT: String(await freePort()), PORT: String(await freePort()) });
    client = new HouqinClient({ baseUrl: platform.gatewayUrl, accessToken: platform.token });
  });

  afterAll(async () => {
    if (platform && platform.child.exitCode === null) {
      platform.child.kill('SIGTERM');
      await platform.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves one merged OpenAPI document with every service and Swagger UI over it', async () => {
    const response = await fetch(`${platform.gatewayUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> }; 'x-houqin-unavailable'?: string[] };
    for (const service of ['procurement', 'maintenance', 'catering', 'transport', 'evaluation']) {
      expect({ service, present: Object.keys(document.paths).some((p) => p.startsWith(`/api/v1/${service}/`)) }).toEqual({ service, present: true });
    }
    expect(document['x-houqin-unavailable']).toBeUndefined();
    expect(Object.keys(document.components.securitySchemes)).toEqual(['access-token']);
    const page = await fetch(`${platform.gatewayUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/api/docs/swagger-ui-init.js');
  });

  it('runs the walking skeleton: a repair request reported, its audit entry recorded', async () => {
    const reported = await client.maintenance.repairRequestsReport({
      body: { location: { building: 'Office Block A', room: '105' }, description: 'Printer jams on every page', priority: 'normal' },
    });
    expect(reported).toMatchObject({ status: 'reported', priority: 'normal', location: { building: 'Office Block A', room: '105' } });

    const entries = await waitFor(
      async () => {
        const found = await client.evaluation.auditTrailEntries({ subject: reported.id });
        return found.length > 0 && found;
      },
      { description: 'the audit entry' },
    );
    expect(entries.map((entry) => entry.eventType)).toEqual(['houqin.maintenance.repair-request.reported.v1']);
    expect((await client.maintenance.repairRequestsGet({ id: reported.id })).id).toBe(reported.id);
  });

  it('throws the problem+json of a refused request as ProblemError', async () => {
    const failure = await client.maintenance
      .repairRequestsReport({ body: { description: 42 } as unknown as Parameters<HouqinClient['maintenance']['repairRequestsReport']>[0]['body'] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProblemError);
    expect((failure as ProblemError).status).toBe(400);
    expect((failure as ProblemError).problem.title).toBeTruthy();

    const anonymous = await new HouqinClient({ baseUrl: platform.gatewayUrl }).maintenance.repairRequestsList({ limit: 5 }).catch((error: unknown) => error);
    expect(anonymous).toMatchObject({ status: 401 });
  });
});
