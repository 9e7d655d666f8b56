import { Kafka, Producer } from 'kafkajs';
import { DLQ_HEADERS } from '@houqin/messaging';
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
  internalToken,
  startServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@houqin/testing';

/**
 * The backbone end to end: every service its own OS process, real Kafka, real PostgreSQL, one
 * database per service, requests through the gateway.
 */
const SERVICES = ['procurement', 'maintenance', 'catering', 'transport', 'evaluation'] as const;
type Service = (typeof SERVICES)[number];

const run = uniqueSuffix();
const agencyId = `agency-e2e-${run}`;
const staff = { agencyId, userId: 'staff-wang', roles: ['staff'] };
const manager = { agencyId, userId: 'manager-li', roles: ['staff', 'logistics-manager'] };
const REPAIR_TOPIC = 'houqin.maintenance.repair-request';

const databases = {} as Record<Service, TestDatabase>;
const ports = {} as Record<Service | 'gateway', number>;
const processes: ServiceProcess[] = [];
let gateway: ServiceProcess;
let kafka: Kafka;
let producer: Producer;

function serviceEnv(service: Service, extra: Record<string, string> = {}): Record<string, string> {
  return {
    INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
    ...(service === 'procurement' ? { BID_SEALING_KEY: TEST_BID_SEALING_KEY } : {}),
    KAFKA_BROKERS: TEST_KAFKA_BROKERS,
    KAFKA_CONSUMER_GROUP: `${service}-e2e-${run}`,
    DATABASE_URL: databases[service].url,
    LOG_LEVEL: 'info',
    EVENT_MAX_ATTEMPTS: '3',
    EVENT_RETRY_BACKOFF_MS: '50',
    OUTBOX_POLL_INTERVAL_MS: '100',
    KAFKA_SESSION_TIMEOUT_MS: '10000',
    SHUTDOWN_TIMEOUT_MS: '10000',
    ...extra,
  };
}

function launch(service: Service, options: { port?: number; label?: string; env?: Record<string, string> } = {}): ServiceProcess {
  const child = startServiceProcess({ app: service, port: options.port ?? ports[service], env: serviceEnv(service, options.env), label: options.label ?? service });
  processes.push(child);
  return child;
}

async function viaGateway(method: string, path: string, body?: unknown, caller = staff) {
  const response = await fetch(`${gateway.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken(caller, TEST_ACCESS_TOKEN_SECRET)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

async function reportRepair(description: string) {
  const response = await viaGateway('POST', '/maintenance/repair-requests', { location: { building: 'Main Building', floor: '2', room: '201' }, description, priority: 'high' });
  expect(response.status).toBe(201);
  return response.body as { id: string };
}

/** Read as the logistics manager: staff report repairs but do not read the audit trail. */
async function auditTrail(subject: string) {
  const response = await viaGateway('GET', `/evaluation/audit-trail?subject=${subject}`, undefined, manager);
  expect(response.status).toBe(200);
  return response.body as unknown as Array<{ eventId: string; eventType: string; correlationId: string }>;
}

let gatewayDatabase: TestDatabase;

beforeAll(async () => {
  for (const service of SERVICES) databases[service] = await createTestDatabase(`e2e_${service}`);
  gatewayDatabase = await createTestDatabase('e2e_gateway');
  for (const name of [...SERVICES, 'gateway'] as const) ports[name] = await freePort();
  for (const service of SERVICES) launch(service);
  gateway = startServiceProcess({
    app: 'gateway',
    port: ports.gateway,
    env: {
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
      WEBHOOK_SECRET_KEY: 'e2e-webhook-secret-key-0123456789abcdef',
      DATABASE_URL: gatewayDatabase.url,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      KAFKA_CONSUMER_GROUP: `gateway-e2e-${run}`,
      UPSTREAM_TIMEOUT_MS: '5000',
      ...Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_URL`, `http://127.0.0.1:${ports[service]}`])),
    },
  });
  processes.push(gateway);
  await Promise.all(processes.map((child) => child.waitUntilReady(90_000)));
  kafka = new Kafka({ clientId: `e2e-${run}`, brokers: TEST_KAFKA_BROKERS.split(','), logLevel: 0 });
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await Promise.all(processes.map((child) => child.stop()));
  await Promise.all([...Object.values(databases), gatewayDatabase].filter(Boolean).map((database) => database.drop()));
});

describe('the walking skeleton', () => {
  it('carries a repair request reported through the gateway into the evaluation audit trail', async () => {
    const response = await viaGateway('POST', '/maintenance/repair-requests', { location: { building: 'Main Building' }, description: 'Projector in meeting room 5 will not switch on' });
    expect(response.status).toBe(201);
    const request = response.body as { id: string; status: string; agencyId: string; reportedBy: string };
    expect(request).toMatchObject({ status: 'reported', agencyId, reportedBy: 'staff-wang' });
    const correlationId = response.headers.get('x-correlation-id');
    expect(correlationId).toBeTruthy();

    const entries = await waitFor(async () => {
      const found = await auditTrail(request.id);
      return found.length > 0 && found;
    }, { description: 'audit entry in evaluation' });
    expect(entries).toEqual([expect.objectContaining({ eventType: 'houqin.maintenance.repair-request.reported.v1', correlationId })]);
    expect((await viaGateway('GET', `/maintenance/repair-requests/${request.id}`)).body).toMatchObject({ id: request.id, status: 'reported' });
    expect((await viaGateway('GET', '/evaluation/audit-trail/verification', undefined, manager)).body).toMatchObject({ intact: true });
  });

  it('keeps one agency’s requests invisible to another', async () => {
    const request = await reportRepair('Door lock of the archive room is jammed');
    const stranger = { agencyId: `other-${run}`, userId: 'someone', roles: ['staff'] };
    expect((await viaGateway('GET', `/maintenance/repair-requests/${request.id}`, undefined, stranger)).status).toBe(404);
  });

  it('refuses a caller without an access token at the gateway', async () => {
    const response = await fetch(`${gateway.url}/api/v1/maintenance/repair-requests`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('a service process', () => {
  it('refuses to start with a bad configuration, naming the variable, with exit code 78', async () => {
    const misconfigured = startServiceProcess({
      app: 'maintenance',
      port: await freePort(),
      env: { INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET, KAFKA_BROKERS: TEST_KAFKA_BROKERS, DATABASE_URL: 'mysql://127.0.0.1/houqin' },
      label: 'misconfigured',
    });
    const code = await new Promise<number | null>((resolve) => misconfigured.process.once('exit', resolve));
    expect(code).toBe(78);
    expect(misconfigured.output()).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
  });
});

describe('delivery guarantees between OS processes on Kafka', () => {
  it('applies a redelivered event once', async () => {
    const request = await reportRepair('Water leaking from the ceiling of corridor B');
    const [original] = await waitFor(async () => {
      const found = await auditTrail(request.id);
      return found.length > 0 && found;
    }, { description: 'first delivery' });
    const [row] = await databases.maintenance.query<{ envelope: unknown }>(`SELECT envelope FROM outbox_event WHERE event_id = $1`, [original!.eventId]);
    const bytes = JSON.stringify(row!.envelope);
    await producer.send({ topic: REPAIR_TOPIC, acks: -1, messages: [{ key: request.id, value: bytes }, { key: request.id, value: bytes }] });
    // A later event of the same aggregate (same key, same partition) proves the redeliveries were consumed.
    expect((await viaGateway('POST', `/maintenance/repair-requests/${request.id}/cancel`, { reason: 'reported twice' })).status).toBe(200);
    const entries = await waitFor(async () => {
      const found = await auditTrail(request.id);
      return found.length >= 2 && found;
    }, { description: 'cancellation after the redeliveries' });
    expect(entries.map((entry) => entry.eventType).sort()).toEqual([
      'houqin.maintenance.repair-request.cancelled.v1',
      'houqin.maintenance.repair-request.reported.v1',
    ]);
  });

  it('sends an event whose handler keeps failing to the DLQ after the configured tries, while later events of the partition still flow', async () => {
    const poison = `poison-${run}`;
    // The evaluation database refuses this one entry: its handler fails on every try.
    await databases.evaluation.query(`ALTER TABLE audit_entry ADD CONSTRAINT e2e_refuses_poison CHECK (payload->>'description' IS DISTINCT FROM '${poison}')`);
    const dlq = kafka.consumer({ groupId: `dlq-reader-${run}` });
    const letters: Array<{ value: string; headers: Record<string, string> }> = [];
    await dlq.connect();
    await dlq.subscribe({ topic: `${REPAIR_TOPIC}.dlq`, fromBeginning: true });
    await dlq.run({
      eachMessage: async ({ message }) => {
        letters.push({ value: message.value?.toString() ?? '', headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])) });
      },
    });
    try {
      const request = await reportRepair(poison);
      expect((await viaGateway('POST', `/maintenance/repair-requests/${request.id}/cancel`, { reason: 'test of the dead-letter topic' })).status).toBe(200);
      const entries = await waitFor(async () => {
        const found = await auditTrail(request.id);
        return found.length > 0 && found;
      }, { description: 'the later event of the same repair request' });
      expect(entries.map((entry) => entry.eventType)).toEqual(['houqin.maintenance.repair-request.cancelled.v1']);
      const [letter] = await waitFor(() => {
        const mine = letters.filter((candidate) => candidate.value.includes(request.id) && candidate.headers[DLQ_HEADERS.consumerGroup] === `evaluation-e2e-${run}`);
        return mine.length > 0 && mine;
      }, { description: 'dead letter' });
      expect(letter!.headers).toMatchObject({ [DLQ_HEADERS.reason]: 'handler-failed', [DLQ_HEADERS.attempts]: '3', [DLQ_HEADERS.originalTopic]: REPAIR_TOPIC });
      expect(letter!.headers[DLQ_HEADERS.error]).toContain('e2e_refuses_poison');
      const metrics = await (await fetch(`http://127.0.0.1:${ports.evaluation}/metrics`)).text();
      expect(metrics).toMatch(/houqin_dlq_events_total\{[^}]*reason="handler-failed"[^}]*\} [1-9]/);
    } finally {
      await dlq.disconnect();
      await databases.evaluation.query(`ALTER TABLE audit_entry DROP CONSTRAINT e2e_refuses_poison`);
    }
  });

  it('publishes an event committed just before the service was SIGKILLed, once it restarts', async () => {
    const running = processes.find((child) => child.name === 'maintenance')!;
    expect(await running.stop()).toBe(0);
    // This replica commits requests and their events but does not publish them.
    const committing = launch('maintenance', { label: 'maintenance-no-relay', env: { OUTBOX_RELAY_ENABLED: 'false' } });
    await committing.waitUntilReady();
    const request = await reportRepair('Heating in the east wing is off');
    const pending = await databases.maintenance.query<{ published_at: Date | null }>(`SELECT published_at FROM outbox_event WHERE message_key = $1`, [request.id]);
    expect(pending).toEqual([{ published_at: null }]);
    await committing.kill();
    expect(await auditTrail(request.id)).toEqual([]);

    const restarted = launch('maintenance', { label: 'maintenance-restarted' });
    await restarted.waitUntilReady();
    const entries = await waitFor(async () => {
      const found = await auditTrail(request.id);
      return found.length > 0 && found;
    }, { description: 'event published after restart' });
    expect(entries).toHaveLength(1);
  });

  it('runs two replicas of a service without duplicate effects', async () => {
    const secondMaintenance = launch('maintenance', { port: await freePort(), label: 'maintenance-replica-2' });
    const secondEvaluation = launch('evaluation', { port: await freePort(), label: 'evaluation-replica-2' });
    await Promise.all([secondMaintenance.waitUntilReady(), secondEvaluation.waitUntilReady()]);
    const replicas = [`http://127.0.0.1:${ports.maintenance}`, secondMaintenance.url];
    const ids: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      const response = await fetch(`${replicas[index % 2]}/repair-requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${internalToken(manager)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ location: { building: 'Annex' }, description: `Light fitting ${index} flickers`, priority: 'low' }),
      });
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
    const counts = await waitFor(async () => {
      const [row] = await databases.evaluation.query<{ entries: number; events: number; subjects: number }>(
        `SELECT count(*)::int AS entries, count(DISTINCT event_id)::int AS events, count(DISTINCT subject)::int AS subjects FROM audit_entry WHERE subject = ANY($1)`,
        [ids],
      );
      return row && row.subjects === 20 && row;
    }, { description: 'all 20 requests in the audit trail' });
    expect(counts).toEqual({ entries: 20, events: 20, subjects: 20 });
    const [published] = await databases.maintenance.query<{ events: number }>(`SELECT count(*)::int AS events FROM outbox_event WHERE message_key = ANY($1) AND published_at IS NOT NULL`, [ids]);
    expect(published!.events).toBe(20);
    expect((await viaGateway('GET', '/evaluation/audit-trail/verification', undefined, manager)).body).toMatchObject({ intact: true });
    expect(await secondMaintenance.stop()).toBe(0);
    expect(await secondEvaluation.stop()).toBe(0);
  });
});
