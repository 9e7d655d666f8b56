import {
  ServiceProcess,
  TEST_ACCESS_TOKEN_SECRET,
  TEST_BID_SEALING_KEY,
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_KAFKA_BROKERS,
  TestDatabase,
  accessToken,
  createTestDatabase,
  freePort,
  startServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@houqin/testing';

/**
 * A service process killed outright (SIGKILL) behind the gateway, every service and the gateway
 * being its own OS process on real Kafka and PostgreSQL: its routes answer 503 problem+json within
 * UPSTREAM_TIMEOUT_MS, the dashboard still answers with that section marked unavailable, the other
 * services are unaffected — and all of it recovers once the process is back on its port.
 */
const SERVICES = ['procurement', 'maintenance', 'catering', 'transport', 'evaluation'] as const;
type Service = (typeof SERVICES)[number];

const UPSTREAM_TIMEOUT_MS = 3000;
const VIEW_SECTION_TIMEOUT_MS = 2000;
const CIRCUIT_OPEN_MS = 1000;
/** Scheduling slack of a shared machine on top of a time bound under test. */
const MARGIN_MS = 1000;

const run = uniqueSuffix();
const agencyId = `agency-killed-${run}`;
const manager = { agencyId, userId: 'manager-li', roles: ['staff', 'logistics-manager'] };

const databases = {} as Record<Service | 'gateway', TestDatabase>;
const ports = {} as Record<Service | 'gateway', number>;
const processes: ServiceProcess[] = [];
let gateway: ServiceProcess;
let maintenance: ServiceProcess;

function launch(service: Service, label: string = service): ServiceProcess {
  const child = startServiceProcess({
    app: service,
    port: ports[service],
    label,
    env: {
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      ...(service === 'procurement' ? { BID_SEALING_KEY: TEST_BID_SEALING_KEY } : {}),
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      KAFKA_CONSUMER_GROUP: `${service}-killed-${run}`,
      DATABASE_URL: databases[service].url,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_INTERVAL_MS: '100',
      KAFKA_SESSION_TIMEOUT_MS: '10000',
      SHUTDOWN_TIMEOUT_MS: '10000',
    },
  });
  processes.push(child);
  return child;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | undefined;
  elapsedMs: number;
}

async function viaGateway(method: string, path: string, body?: unknown): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${gateway.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken(manager, TEST_ACCESS_TOKEN_SECRET)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined, elapsedMs: Date.now() - started };
}

type Sections = Record<Service, { status: string; reason?: string; detail?: string; data?: Record<string, unknown> }>;
const sectionsOf = (answer: Answer) => (answer.body as { sections: Sections }).sections;

beforeAll(async () => {
  for (const name of [...SERVICES, 'gateway'] as const) databases[name] = await createTestDatabase(`killed_${name}`);
  for (const name of [...SERVICES, 'gateway'] as const) ports[name] = await freePort();
  for (const service of SERVICES) {
    const child = launch(service);
    if (service === 'maintenance') maintenance = child;
  }
  gateway = startServiceProcess({
    app: 'gateway',
    port: ports.gateway,
    label: 'gateway',
    env: {
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
      WEBHOOK_SECRET_KEY: 'e2e-webhook-secret-key-0123456789abcdef',
      DATABASE_URL: databases.gateway.url,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      KAFKA_CONSUMER_GROUP: `gateway-killed-${run}`,
      LOG_LEVEL: 'warn',
      UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
      UPSTREAM_RETRIES: '2',
      CIRCUIT_FAILURE_THRESHOLD: '3',
      CIRCUIT_OPEN_MS: String(CIRCUIT_OPEN_MS),
      VIEW_SECTION_TIMEOUT_MS: String(VIEW_SECTION_TIMEOUT_MS),
      ...Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_URL`, `http://127.0.0.1:${ports[service]}`])),
    },
  });
  processes.push(gateway);
  await Promise.all(processes.map((child) => child.waitUntilReady(90_000)));
});

afterAll(async () => {
  await Promise.all(processes.map((child) => child.stop()));
  await Promise.all(Object.values(databases).map((database) => database.drop()));
});

describe('a service process killed behind the gateway', () => {
  let repairRequestId: string;

  it('is routed to, and its section is on the dashboard, while it runs', async () => {
    const reported = await viaGateway('POST', '/maintenance/repair-requests', { location: { building: 'Main Building' }, description: 'Heating off on floor 3', priority: 'high' });
    expect(reported.status).toBe(201);
    repairRequestId = (reported.body as { id: string }).id;
    const dashboard = await viaGateway('GET', '/dashboard');
    expect(dashboard.status).toBe(200);
    for (const service of SERVICES) expect(sectionsOf(dashboard)[service].status).toBe('available');
    expect(sectionsOf(dashboard).maintenance.data).toMatchObject({ openRepairRequests: { total: 1, byPriority: { high: 1 } } });
  });

  it('answers 503 problem+json for its routes, within UPSTREAM_TIMEOUT_MS', async () => {
    await maintenance.kill();
    for (const [method, path, body] of [
      ['GET', '/maintenance/repair-requests', undefined],
      ['GET', `/maintenance/repair-requests/${repairRequestId}`, undefined],
      ['POST', '/maintenance/repair-requests', { location: { building: 'Main Building' }, description: 'Door jammed' }],
      ['GET', '/maintenance/dashboard', undefined],
    ] as const) {
      const answer = await viaGateway(method, path, body);
      expect({ path, status: answer.status }).toEqual({ path, status: 503 });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ type: 'urn:houqin:problem:service-unavailable', status: 503, service: 'maintenance', detail: 'maintenance is unavailable' });
      // The bound under test: a dead service costs a caller at most the configured timeout.
      expect(answer.elapsedMs).toBeLessThan(UPSTREAM_TIMEOUT_MS + MARGIN_MS);
    }
  });

  it('leaves the dashboard answering 200 with its section unavailable and the others available', async () => {
    const dashboard = await viaGateway('GET', '/dashboard');
    expect(dashboard.status).toBe(200);
    const sections = sectionsOf(dashboard);
    expect(sections.maintenance).toEqual({ status: 'unavailable', reason: expect.stringMatching(/^(unreachable|circuit-open)$/), detail: expect.stringContaining('maintenance') });
    for (const service of SERVICES.filter((name) => name !== 'maintenance')) expect(sections[service].status).toBe('available');
    expect(dashboard.elapsedMs).toBeLessThan(VIEW_SECTION_TIMEOUT_MS + MARGIN_MS);
  });

  it('leaves the other services’ routes unaffected', async () => {
    const opened = await viaGateway('POST', '/catering/canteens', { name: 'Staff canteen', location: { building: 'Building 2' }, capacity: 120, mealPeriods: ['lunch'] });
    expect(opened.status).toBe(201);
    expect((await viaGateway('GET', '/catering/canteens')).status).toBe(200);
    expect((await viaGateway('GET', '/procurement/vendors')).status).toBe(200);
    expect((await viaGateway('GET', '/transport/vehicles')).status).toBe(200);
    const catering = await viaGateway('GET', '/catering/dashboard');
    expect(catering.status).toBe(200);
    expect(catering.body).toMatchObject({ canteens: { total: 1, byStatus: { open: 1 } } });
  });

  it('recovers once the process is back on the same port and database: its routes and its dashboard section', async () => {
    maintenance = launch('maintenance', 'maintenance-restarted');
    await maintenance.waitUntilReady(90_000);
    const listed = await waitFor(
      async () => {
        const answer = await viaGateway('GET', '/maintenance/repair-requests');
        return answer.status === 200 && answer;
      },
      { timeoutMs: CIRCUIT_OPEN_MS + 10_000, intervalMs: 200, description: 'maintenance to answer through the gateway again' },
    );
    expect(listed.body).toEqual([expect.objectContaining({ id: repairRequestId, description: 'Heating off on floor 3' })]);
    const dashboard = await waitFor(
      async () => {
        const answer = await viaGateway('GET', '/dashboard');
        return answer.status === 200 && sectionsOf(answer).maintenance.status === 'available' && answer;
      },
      { timeoutMs: CIRCUIT_OPEN_MS + 10_000, intervalMs: 200, description: 'the maintenance section of the dashboard to be available again' },
    );
    expect(sectionsOf(dashboard).maintenance.data).toMatchObject({ openRepairRequests: { total: 1 } });
    for (const service of SERVICES) expect(sectionsOf(dashboard)[service].status).toBe('available');
  });
});
