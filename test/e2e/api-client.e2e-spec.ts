import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HouqinClient, ProblemError } from '@houqin/api-client';
import { PlatformProcess, freePort, startPlatformProcess, waitFor } from '@houqin/testing';

/**
 * The walking skeleton through the typed client generated from the platform's merged OpenAPI
 * document, against the single-process platform (`npm start`), which serves that document.
 */

describe('the typed API client against the platform', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'houqin-client-'));
  chmodSync(dataDir, 0o755); // embedded PostgreSQL runs as the postgres user when started as root
  let platform: PlatformProcess;
  let client: HouqinClient;

  beforeAll(async () => {
    // The client's calls need no demo data; without it the first start is quicker.
    platform = await startPlatformProcess({ HOUQIN_DATA_DIR: path.join(dataDir, 'data'), EMBEDDED_POSTGRES_PORT: String(await freePort()), PORT: String(await freePort()), DEMO_DATA: 'false' });
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
    expect(Object.keys(document.components.securitySchemes)).toEqual(['access-token', 'api-key']);
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
