import { cateringService } from '@houqin/catering';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_INTERNAL_TOKEN_SECRET, TestDatabase, createTestDatabase, freePort, testCaller, uniqueSuffix, waitFor } from '@houqin/testing';
import { StubUpstream, circuitOf, metricValue, startGateway, viaGateway } from './gateway-fixture';

const FAILURE_THRESHOLD = 3;
const OPEN_MS = 3000;

function serviceEnv(database: TestDatabase, port: number): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'fatal',
    DATABASE_URL: database.url,
    INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
    MESSAGING_TRANSPORT: 'in-process',
  };
}

/**
 * A service process dies behind the gateway: its routes answer 503 problem+json — at once, without
 * calling it, once its circuit is open — while the other services answer as before; when it comes
 * back, a probe finds it and its routes work again.
 */
describe('a service that dies behind the gateway', () => {
  const caller = testCaller({ agencyId: `agency-circuit-${uniqueSuffix()}`, roles: ['staff', 'logistics-manager'] });
  let maintenanceDatabase: TestDatabase;
  let cateringDatabase: TestDatabase;
  let maintenancePort: number;
  let maintenance: RunningService | undefined;
  let catering: RunningService;
  let gateway: RunningService;

  const startMaintenance = () => startService(maintenanceService, { env: serviceEnv(maintenanceDatabase, maintenancePort), broker: new InProcessBroker() });
  const listRepairs = () => viaGateway(gateway, 'GET', '/maintenance/repair-requests', { caller });
  const listCanteens = () => viaGateway(gateway, 'GET', '/catering/canteens', { caller });
  const calls = (outcome: string) => metricValue(gateway, 'houqin_gateway_upstream_requests_total', { upstream: 'maintenance', outcome });

  beforeAll(async () => {
    maintenanceDatabase = await createTestDatabase('gateway_circuit_maintenance');
    cateringDatabase = await createTestDatabase('gateway_circuit_catering');
    maintenancePort = await freePort();
    maintenance = await startMaintenance();
    catering = await startService(cateringService, { env: serviceEnv(cateringDatabase, 0), broker: new InProcessBroker() });
    gateway = await startGateway({
      MAINTENANCE_URL: maintenance.url,
      CATERING_URL: catering.url,
      CIRCUIT_FAILURE_THRESHOLD: String(FAILURE_THRESHOLD),
      CIRCUIT_OPEN_MS: String(OPEN_MS),
      UPSTREAM_RETRIES: '2',
      UPSTREAM_TIMEOUT_MS: '5000',
    });
  });

  afterAll(async () => {
    await gateway?.shutdown();
    await maintenance?.shutdown();
    await catering?.shutdown();
    await maintenanceDatabase?.drop();
    await cateringDatabase?.drop();
  });

  it('routes to both services while they are up', async () => {
    const reported = await viaGateway(gateway, 'POST', '/maintenance/repair-requests', { caller, body: { location: { building: 'East Wing' }, description: 'Heating off on floor 3' } });
    expect(reported.status).toBe(201);
    expect((await listRepairs()).status).toBe(200);
    expect((await listCanteens()).status).toBe(200);
    expect(await circuitOf(gateway, 'maintenance')).toBe('closed');
  });

  it('answers 503 problem+json for the dead service’s routes and opens its circuit after the threshold of failures', async () => {
    await maintenance!.shutdown();
    maintenance = undefined;
    const answer = await listRepairs();
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    // The GET was retried; the three failed attempts reached the threshold.
    expect(answer.body).toMatchObject({ type: 'urn:houqin:problem:service-unavailable', status: 503, detail: 'maintenance is unavailable', service: 'maintenance', attempts: 3, circuit: 'open' });
    expect(await circuitOf(gateway, 'maintenance')).toBe('open');
  });

  it('refuses the dead service’s routes at once while its circuit is open, without calling it, with Retry-After', async () => {
    const unreachableBefore = await calls('unreachable');
    const refusedBefore = await calls('circuit-open');
    for (const path of ['/maintenance/repair-requests', '/maintenance/repair-requests/00000000-0000-4000-8000-000000000000']) {
      const answer = await viaGateway(gateway, 'GET', path, { caller });
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ detail: 'maintenance is unavailable', circuit: 'open' });
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(OPEN_MS / 1000);
    }
    expect(await calls('unreachable')).toBe(unreachableBefore);
    expect(await calls('circuit-open')).toBe(refusedBefore + 2);
  });

  it('keeps routing to the other services through the same gateway', async () => {
    const answer = await listCanteens();
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.body)).toBe(true);
    expect(await circuitOf(gateway, 'catering')).toBe('closed');
  });

  it('lets one probe through after the cool-down; the service still being dead opens the circuit again', async () => {
    await waitFor(async () => (await circuitOf(gateway, 'maintenance')) === 'half-open', { timeoutMs: OPEN_MS + 2000, description: 'the circuit to turn half-open' });
    const unreachableBefore = await calls('unreachable');
    const probe = await listRepairs();
    expect(probe.status).toBe(503);
    // One call, and no retry: the failed probe reopened the circuit.
    expect(probe.body).toMatchObject({ attempts: 1, circuit: 'open' });
    expect(await calls('unreachable')).toBe(unreachableBefore + 1);
    expect(await circuitOf(gateway, 'maintenance')).toBe('open');
  });

  it('closes the circuit once the service is back, and its routes answer again with their data', async () => {
    maintenance = await startMaintenance();
    const recovered = await waitFor(
      async () => {
        const answer = await listRepairs();
        return answer.status === 200 && answer;
      },
      { timeoutMs: OPEN_MS + 5000, intervalMs: 200, description: 'maintenance to answer through the gateway again' },
    );
    expect(recovered.body).toEqual([expect.objectContaining({ description: 'Heating off on floor 3' })]);
    expect(await circuitOf(gateway, 'maintenance')).toBe('closed');
    expect((await listRepairs()).status).toBe(200);
    expect((await listCanteens()).status).toBe(200);
  });
});

/**
 * A service that hangs (accepts connections, never answers) costs each request the timeout — 504 —
 * only until its circuit opens; from then on the gateway answers 503 without waiting for it.
 */
describe('a service that hangs behind the gateway', () => {
  const TIMEOUT_MS = 400;
  let upstream: StubUpstream;
  let gateway: RunningService;

  beforeAll(async () => {
    upstream = await StubUpstream.start('hang');
    gateway = await startGateway({ TRANSPORT_URL: upstream.url, UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS), CIRCUIT_FAILURE_THRESHOLD: '2', CIRCUIT_OPEN_MS: '60000' });
  });

  afterAll(async () => {
    await gateway?.shutdown();
    await upstream?.close();
  });

  it('answers 504 within the timeout, then 503 without calling it once the timeouts opened its circuit', async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const answer = await viaGateway(gateway, 'GET', '/transport/vehicles');
      expect(answer.status).toBe(504);
      expect(answer.body).toMatchObject({ type: 'urn:houqin:problem:upstream-timeout', detail: `transport did not answer within ${TIMEOUT_MS} ms`, service: 'transport' });
    }
    expect(await circuitOf(gateway, 'transport')).toBe('open');
    const refused = await viaGateway(gateway, 'GET', '/transport/vehicles');
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ detail: 'transport is unavailable', circuit: 'open' });
    expect(Number(refused.headers.get('retry-after'))).toBe(60);
    expect(upstream.hits).toHaveLength(2);
  });
});
