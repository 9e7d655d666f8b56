import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { IncomingHttpHeaders, Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { EventEnvelope, RepairRequestCancelled, RepairRequestReported, VendorRegistered, platformEvents } from '@houqin/contracts';
import { Caller } from '@houqin/observability';
import { RunningService } from '@houqin/service-kit';
import { TestDatabase, accessToken, createTestDatabase, testCaller, uniqueSuffix, waitFor } from '@houqin/testing';
import { GatewayAnswer, startGateway, viaGateway } from './gateway-fixture';

/**
 * Webhooks and the live event stream of the gateway, against real PostgreSQL, two gateway replicas
 * on one database and a real HTTP receiver: signed deliveries, retries, no duplicates, nothing lost
 * across a restart, the delivery log and redelivery, agency isolation, and SSE with Last-Event-ID.
 * Events enter the way the platform's own do: through each replica's event transport, into its
 * consumer (dispatcher, inbox, handler).
 */
const BOOTSTRAP_PASSWORD = 'bootstrap-admin-password-0123';
const run = uniqueSuffix();
const REPORTED = RepairRequestReported.type;
const CANCELLED = RepairRequestCancelled.type;
const VENDOR_REGISTERED = VendorRegistered.type;

/** Fast retries, fast polling and heartbeats: the behaviour, not the production timings. */
const FAST = {
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_RETRY_MAX_DELAY_MS: '300',
  WEBHOOK_POLL_INTERVAL_MS: '50',
  WEBHOOK_DELIVERY_TIMEOUT_MS: '2000',
  EVENT_STREAM_HEARTBEAT_MS: '300',
};

/** The test receiver listens on loopback: an on-premises receiver the gateway must be told to allow. */
const RECEIVER_ALLOWED = { WEBHOOK_ALLOWED_TARGETS: '127.0.0.1' };

interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  answeredWith: number;
}

/** An integrator's endpoint: answers each path with its scripted statuses, then 200; records everything. */
class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  private readonly scripts = new Map<string, number[]>();
  private server?: Server;
  private port = 0;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.listen();
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  answer(path: string, ...statuses: number[]): void {
    this.scripts.set(path, [...(this.scripts.get(path) ?? []), ...statuses]);
  }

  at(path: string): ReceivedDelivery[] {
    return this.received.filter((delivery) => delivery.path === path);
  }

  /** Event ids the receiver acknowledged (2xx), in order, duplicates included. */
  acknowledged(path: string): string[] {
    return this.at(path)
      .filter((delivery) => delivery.answeredWith < 300)
      .map((delivery) => String(delivery.headers['houqin-event-id']));
  }

  /** Down: connections are refused until `listen` again (on the same port). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async listen(): Promise<void> {
    const server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const status = this.scripts.get(path)?.shift() ?? 200;
        this.received.push({ path, headers: request.headers, body, answeredWith: status });
        response.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(status < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }
}

/** A server-sent events client over fetch: frames as they arrive, comments included. */
class EventStreamClient {
  readonly events: Array<{ id: string; event: string; data: string }> = [];
  readonly comments: string[] = [];
  closed = false;
  private readonly abort = new AbortController();

  private constructor(readonly response: Response) {}

  static async open(gateway: RunningService, caller: Caller, options: { query?: string; lastEventId?: string } = {}): Promise<EventStreamClient> {
    const response = await fetch(`${gateway.url}/api/v1/events/stream${options.query ? `?${options.query}` : ''}`, {
      headers: { authorization: `Bearer ${accessToken(caller)}`, accept: 'text/event-stream', ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
    });
    const client = new EventStreamClient(response);
    if (response.ok) void client.read();
    return client;
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.response.body?.cancel().catch(() => undefined);
  }

  ids(): string[] {
    return this.events.map((event) => event.id);
  }

  eventIds(): string[] {
    return this.events.map((event) => (JSON.parse(event.data) as EventEnvelope).id);
  }

  private async read(): Promise<void> {
    const reader = this.response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.frame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Closed by the test.
    }
    this.closed = true;
  }

  private frame(text: string): void {
    const fields: Record<string, string[]> = {};
    for (const line of text.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      const colon = line.indexOf(': ');
      if (colon > 0) (fields[line.slice(0, colon)] ??= []).push(line.slice(colon + 2));
    }
    if (fields['id'] && fields['event']) this.events.push({ id: fields['id'][0]!, event: fields['event'][0]!, data: (fields['data'] ?? []).join('\n') });
  }
}

let database: TestDatabase;
let gateway: RunningService;
let replica: RunningService;
let receiver: WebhookReceiver;
let agencyA: string;
let agencyB: string;
let adminA: Caller;
let adminB: Caller;

function repairReported(agencyId: string): EventEnvelope {
  return RepairRequestReported.create({
    subject: randomUUID(),
    origin: { agencyId, correlationId: randomUUID() },
    data: { repairRequestId: randomUUID(), reportedBy: 'staff-1', location: { building: 'Main Building', room: '301' }, description: 'The radiator leaks', priority: 'high', reportedAt: new Date().toISOString() },
  });
}

function vendorRegistered(agencyId: string): EventEnvelope {
  const vendorId = randomUUID();
  return VendorRegistered.create({
    subject: vendorId,
    origin: { agencyId, correlationId: randomUUID() },
    data: {
      vendorId,
      name: 'Clean Co',
      unifiedSocialCreditCode: '91110000MA01A2B3C4',
      categories: ['cleaning'],
      contact: { name: 'Li Ming', phone: '010-12345678' },
      status: 'active',
      registeredBy: 'manager-1',
      registeredAt: new Date().toISOString(),
    },
  });
}

/** Hands the events to the replica's consumer, as the broker does; resolves once they are consumed. */
async function consume(target: RunningService, ...events: EventEnvelope[]): Promise<void> {
  await target.runtime.transport!.publish(events.map((envelope) => ({ topic: platformEvents.get(envelope.type).topic, key: envelope.partitionkey, envelope })));
}

async function subscribe(caller: Caller, path: string, eventTypes: string[], target: RunningService = gateway): Promise<{ id: string; secret: string }> {
  const created = await viaGateway(target, 'POST', '/webhooks', { caller, body: { url: receiver.url(path), eventTypes, description: `test ${path}` } });
  expect(created.status).toBe(201);
  return { id: String(created.body?.['id']), secret: String(created.body?.['secret']) };
}

async function deliveriesOf(caller: Caller, subscriptionId: string, query = ''): Promise<Array<Record<string, unknown>>> {
  const answer = await viaGateway(gateway, 'GET', `/webhooks/${subscriptionId}/deliveries${query}`, { caller });
  expect(answer.status).toBe(200);
  return answer.body as unknown as Array<Record<string, unknown>>;
}

/** GatewayAnswer types the body as an object; list answers are arrays. */
function list(answer: GatewayAnswer): Array<Record<string, unknown>> {
  return answer.body as unknown as Array<Record<string, unknown>>;
}

beforeAll(async () => {
  database = await createTestDatabase('gateway_webhooks');
  receiver = await WebhookReceiver.start();
  const env = { DATABASE_URL: database.url, GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD, ...FAST, ...RECEIVER_ALLOWED };
  gateway = await startGateway(env);
  replica = await startGateway(env);
  const login = await viaGateway(gateway, 'POST', '/auth/login', { caller: null, body: { username: 'admin', password: BOOTSTRAP_PASSWORD } });
  expect(login.status).toBe(200);
  const platformAdmin = { authorization: `Bearer ${String(login.body?.['accessToken'])}` };
  const agency = async (code: string) => {
    const created = await viaGateway(gateway, 'POST', '/identity/agencies', { caller: null, headers: platformAdmin, body: { name: code, code: `${code}-${run}` } });
    expect(created.status).toBe(201);
    return String(created.body?.['id']);
  };
  agencyA = await agency('webhooks-a');
  agencyB = await agency('webhooks-b');
  adminA = testCaller({ userId: randomUUID(), agencyId: agencyA, roles: ['agency-admin'] });
  adminB = testCaller({ userId: randomUUID(), agencyId: agencyB, roles: ['agency-admin'] });
});

afterAll(async () => {
  await replica?.shutdown();
  await gateway?.shutdown();
  await receiver?.stop();
  await database?.drop();
});

describe('managing webhook subscriptions', () => {
  it('subscribes an agency and shows the signing secret only in the creation answer', async () => {
    const created = await viaGateway(gateway, 'POST', '/webhooks', { caller: adminA, body: { url: receiver.url('/manage'), eventTypes: [REPORTED, CANCELLED], description: 'ERP sync' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ agencyId: agencyA, url: receiver.url('/manage'), eventTypes: [REPORTED, CANCELLED], description: 'ERP sync', status: 'active' });
    expect(String(created.body?.['secret'])).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const id = String(created.body?.['id']);

    const read = await viaGateway(gateway, 'GET', `/webhooks/${id}`, { caller: adminA });
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('secret');
    expect(list(await viaGateway(gateway, 'GET', '/webhooks', { caller: testCaller({ agencyId: agencyA, roles: ['auditor'] }) })).map((view) => view['id'])).toContain(id);

    // At rest the secret is sealed: the database never holds it in clear.
    const [row] = await database.query<{ secret_sealed: string }>(`SELECT secret_sealed FROM webhook_subscription WHERE id = $1`, [id]);
    expect(row!.secret_sealed).toMatch(/^v1\./);
    expect(row!.secret_sealed).not.toContain(String(created.body?.['secret']));
  });

  it('refuses unknown event types and bad URLs with problem+json naming the field', async () => {
    const unknownType = await viaGateway(gateway, 'POST', '/webhooks', { caller: adminA, body: { url: receiver.url('/x'), eventTypes: [REPORTED, 'houqin.maintenance.repair-request.exploded.v1'] } });
    expect(unknownType.status).toBe(422);
    expect(unknownType.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(unknownType.body).toMatchObject({ type: 'urn:houqin:problem:unknown-event-type', errors: [{ field: 'eventTypes' }] });

    const badUrl = await viaGateway(gateway, 'POST', '/webhooks', { caller: adminA, body: { url: 'ftp://files.example.cn/in', eventTypes: [REPORTED] } });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body).toMatchObject({ type: 'urn:houqin:problem:webhook-url-invalid', errors: [{ field: 'url' }] });

    const missing = await viaGateway(gateway, 'POST', '/webhooks', { caller: adminA, body: { url: receiver.url('/x') } });
    expect(missing.status).toBe(400);
    expect((missing.body?.['errors'] as Array<{ field: string }>).map((error) => error.field)).toContain('eventTypes');
  });

  it('lets agency admins and integrators manage, auditors only read, and nobody else in', async () => {
    const body = { url: receiver.url('/roles'), eventTypes: [REPORTED] };
    const auditor = await viaGateway(gateway, 'POST', '/webhooks', { caller: testCaller({ agencyId: agencyA, roles: ['auditor'] }), body });
    expect(auditor.status).toBe(403);
    expect(auditor.body).toMatchObject({ type: 'urn:houqin:problem:forbidden' });
    expect((await viaGateway(gateway, 'GET', '/webhooks', { caller: testCaller({ agencyId: agencyA, roles: ['staff'] }) })).status).toBe(403);
    expect((await viaGateway(gateway, 'GET', '/webhooks', { caller: null })).status).toBe(401);
  });

  it('keeps an API key within its event types', async () => {
    const key = await viaGateway(gateway, 'POST', '/identity/api-keys', {
      caller: adminA,
      body: { name: `ERP ${run}`, actions: ['integrations.webhooks.manage', 'integrations.webhooks.read', 'integrations.events.stream'], eventTypes: [REPORTED] },
    });
    expect(key.status).toBe(201);
    const headers = { 'x-api-key': String(key.body?.['key']) };
    const outside = await viaGateway(gateway, 'POST', '/webhooks', { caller: null, headers, body: { url: receiver.url('/key'), eventTypes: [REPORTED, VENDOR_REGISTERED] } });
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ type: 'urn:houqin:problem:event-type-not-granted', errors: [{ field: 'eventTypes' }] });
    const within = await viaGateway(gateway, 'POST', '/webhooks', { caller: null, headers, body: { url: receiver.url('/key'), eventTypes: [REPORTED] } });
    expect(within.status).toBe(201);
    const stream = await fetch(`${gateway.url}/api/v1/events/stream?types=${VENDOR_REGISTERED}`, { headers });
    expect(stream.status).toBe(422);
    expect(await stream.json()).toMatchObject({ errors: [{ field: 'types' }] });
  });

  it('disables and enables a subscription, refusing to repeat either', async () => {
    const { id } = await subscribe(adminA, '/toggle', [REPORTED]);
    const disabled = await viaGateway(gateway, 'POST', `/webhooks/${id}/disable`, { caller: adminA });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled' });
    expect((await viaGateway(gateway, 'POST', `/webhooks/${id}/disable`, { caller: adminA })).status).toBe(409);

    // A disabled subscription is owed nothing for events consumed meanwhile.
    await consume(gateway, repairReported(agencyA));
    expect(await deliveriesOf(adminA, id)).toEqual([]);

    expect((await viaGateway(gateway, 'POST', `/webhooks/${id}/enable`, { caller: adminA })).body).toMatchObject({ status: 'active' });
    expect((await viaGateway(gateway, 'POST', `/webhooks/${id}/enable`, { caller: adminA })).status).toBe(409);
    const event = repairReported(agencyA);
    await consume(gateway, event);
    await waitFor(() => receiver.acknowledged('/toggle').includes(event.id), { description: 'the delivery after enabling' });
    expect(receiver.at('/toggle')).toHaveLength(1);
  });
});

describe('webhook targets', () => {
  let strictDatabase: TestDatabase;
  let strict: RunningService;
  let strictAdmin: Caller;

  // A gateway as shipped: no WEBHOOK_ALLOWED_TARGETS, so public receivers only.
  beforeAll(async () => {
    strictDatabase = await createTestDatabase('gateway_webhooks_strict');
    strict = await startGateway({ DATABASE_URL: strictDatabase.url, GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD, ...FAST });
    const login = await viaGateway(strict, 'POST', '/auth/login', { caller: null, body: { username: 'admin', password: BOOTSTRAP_PASSWORD } });
    const created = await viaGateway(strict, 'POST', '/identity/agencies', {
      caller: null,
      headers: { authorization: `Bearer ${String(login.body?.['accessToken'])}` },
      body: { name: 'strict', code: `strict-${run}` },
    });
    expect(created.status).toBe(201);
    strictAdmin = testCaller({ userId: randomUUID(), agencyId: String(created.body?.['id']), roles: ['agency-admin'] });
  });

  afterAll(async () => {
    await strict?.shutdown();
    await strictDatabase?.drop();
  });

  it('refuses loopback, private, link-local and metadata targets by default with 400 naming url', async () => {
    const port = new URL(receiver.url('/')).port;
    const targets = [
      receiver.url('/strict'),
      `http://localhost:${port}/strict`,
      'http://169.254.169.254/latest/meta-data/iam/',
      'http://10.1.2.3/in',
      'http://192.168.0.10/in',
      'http://172.20.0.1/in',
      'http://[::1]:8080/in',
      'http://[::ffff:127.0.0.1]/in',
      'http://0.0.0.0/in',
      // 127.0.0.1 written as one decimal number: the URL is normalised before it is checked.
      'http://2130706433/in',
    ];
    for (const url of targets) {
      const refused = await viaGateway(strict, 'POST', '/webhooks', { caller: strictAdmin, body: { url, eventTypes: [REPORTED] } });
      expect({ url, status: refused.status }).toEqual({ url, status: 400 });
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ errors: [{ field: 'url' }] });
    }
    expect(await strictDatabase.query(`SELECT id FROM webhook_subscription`)).toEqual([]);
    const publicReceiver = await viaGateway(strict, 'POST', '/webhooks', { caller: strictAdmin, body: { url: 'https://93.184.216.34/houqin', eventTypes: [REPORTED] } });
    expect(publicReceiver.status).toBe(201);
  });

  it('allows only the addresses WEBHOOK_ALLOWED_TARGETS names', async () => {
    expect((await viaGateway(gateway, 'POST', '/webhooks', { caller: adminA, body: { url: receiver.url('/allowed'), eventTypes: [REPORTED] } })).status).toBe(201);
    for (const url of ['http://127.0.0.2/in', 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/in']) {
      const refused = await viaGateway(gateway, 'POST', '/webhooks', { caller: adminA, body: { url, eventTypes: [REPORTED] } });
      expect({ url, status: refused.status, body: refused.body }).toMatchObject({ url, status: 400, body: { errors: [{ field: 'url' }] } });
    }
  });

  it('checks the resolved address again on every delivery: a name that now resolves to loopback is never called', async () => {
    const port = new URL(receiver.url('/')).port;
    const subscribed = async () => {
      const created = await viaGateway(strict, 'POST', '/webhooks', { caller: strictAdmin, body: { url: 'https://93.184.216.34/houqin', eventTypes: [CANCELLED] } });
      expect(created.status).toBe(201);
      return String(created.body?.['id']);
    };
    // Accepted while public; then the name is rebound to loopback (DNS rebinding), or the stored
    // URL is one from before targets were checked.
    const rebound = await subscribed();
    const literal = await subscribed();
    await strictDatabase.query(`UPDATE webhook_subscription SET url = $2 WHERE id = $1`, [rebound, `http://localhost:${port}/rebound`]);
    await strictDatabase.query(`UPDATE webhook_subscription SET url = $2 WHERE id = $1`, [literal, `http://127.0.0.1:${port}/literal`]);
    const cancelled = RepairRequestCancelled.create({
      subject: randomUUID(),
      origin: { agencyId: strictAdmin.agencyId, correlationId: randomUUID() },
      data: { repairRequestId: randomUUID(), cancelledBy: 'staff-1', reason: 'Fixed by itself', cancelledAt: new Date().toISOString() },
    });
    await consume(strict, cancelled);
    for (const id of [rebound, literal]) {
      const attempts = await waitFor(
        async () => {
          const answer = await viaGateway(strict, 'GET', `/webhooks/${id}/deliveries`, { caller: strictAdmin });
          const first = (answer.body as unknown as Array<{ attempts: Array<Record<string, unknown>> }>)[0];
          return first && first.attempts.length > 0 ? first.attempts : undefined;
        },
        { description: 'an attempt of the delivery' },
      );
      expect(attempts[0]!['error']).toMatch(/^unreachable: ETARGETREFUSED .*loopback/);
    }
    expect(receiver.at('/rebound')).toEqual([]);
    expect(receiver.at('/literal')).toEqual([]);
  });
});

describe('delivering events', () => {
  it('POSTs the CloudEvent signed as documented: HMAC-SHA256 of "<t>.<body>" with the subscription secret', async () => {
    const { id, secret } = await subscribe(adminA, '/signed', [REPORTED]);
    const event = repairReported(agencyA);
    await consume(gateway, event);
    const [delivery] = await waitFor(() => (receiver.at('/signed').length > 0 ? receiver.at('/signed') : undefined), { description: 'the signed delivery' });

    expect(delivery!.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(delivery!.headers['houqin-event-id']).toBe(event.id);
    expect(JSON.parse(delivery!.body)).toEqual(event);
    const signature = String(delivery!.headers['houqin-signature']);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
    expect(match).not.toBeNull();
    const [, timestamp, mac] = match!;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const expected = createHmac('sha256', secret).update(`${timestamp}.${delivery!.body}`).digest();
    expect(timingSafeEqual(Buffer.from(mac!, 'hex'), expected)).toBe(true);
    // Any other secret (or body) does not verify.
    expect(createHmac('sha256', `${secret}x`).update(`${timestamp}.${delivery!.body}`).digest('hex')).not.toBe(mac);

    const [logged] = await waitFor(async () => {
      const deliveries = await deliveriesOf(adminA, id);
      return deliveries[0]?.['status'] === 'delivered' ? deliveries : undefined;
    });
    expect(logged).toMatchObject({ eventId: event.id, eventType: REPORTED, status: 'delivered', attemptCount: 1 });
    expect(delivery!.headers['houqin-delivery-id']).toBe(logged!['id']);
  });

  it('signs with the new secret after a rotation, and with the previous one too during the grace period', async () => {
    const { id, secret: before } = await subscribe(adminA, '/rotated', [REPORTED]);
    const rotated = await viaGateway(gateway, 'POST', `/webhooks/${id}/rotate-secret`, { caller: adminA });
    expect(rotated.status).toBe(200);
    const after = String(rotated.body?.['secret']);
    expect(after).not.toBe(before);
    await consume(gateway, repairReported(agencyA));
    const [delivery] = await waitFor(() => (receiver.at('/rotated').length > 0 ? receiver.at('/rotated') : undefined));
    const [t, ...macs] = String(delivery!.headers['houqin-signature']).split(',');
    const timestamp = t!.slice(2);
    const sign = (key: string) => `v1=${createHmac('sha256', key).update(`${timestamp}.${delivery!.body}`).digest('hex')}`;
    expect(macs).toEqual([sign(after), sign(before)]);
  });

  it('retries a receiver that failed: 500 twice, then 200 — one delivery, three attempts in the log', async () => {
    const { id } = await subscribe(adminA, '/flaky', [REPORTED]);
    receiver.answer('/flaky', 500, 500);
    const event = repairReported(agencyA);
    await consume(gateway, event);
    await waitFor(() => receiver.acknowledged('/flaky').includes(event.id), { description: 'the third attempt to succeed' });

    const attempts = receiver.at('/flaky');
    expect(attempts.map((attempt) => attempt.answeredWith)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((attempt) => attempt.headers['houqin-delivery-id'])).size).toBe(1);
    expect(attempts.map((attempt) => attempt.headers['houqin-event-id'])).toEqual([event.id, event.id, event.id]);
    const [logged] = await waitFor(async () => {
      const deliveries = await deliveriesOf(adminA, id);
      return deliveries[0]?.['status'] === 'delivered' ? deliveries : undefined;
    });
    expect(logged).toMatchObject({ status: 'delivered', attemptCount: 3 });
    const loggedAttempts = logged!['attempts'] as Array<Record<string, unknown>>;
    expect(loggedAttempts.map((attempt) => [attempt['attempt'], attempt['statusCode']])).toEqual([
      [3, 200],
      [2, 500],
      [1, 500],
    ]);
    expect(loggedAttempts[2]).toMatchObject({ error: 'answered 500' });
    expect(loggedAttempts.every((attempt) => typeof attempt['durationMs'] === 'number')).toBe(true);
  });

  it('delivers an event consumed twice only once, even after the inbox forgot it, with two replicas sending', async () => {
    const { id } = await subscribe(adminA, '/once', [REPORTED]);
    const event = repairReported(agencyA);
    await consume(gateway, event);
    await consume(gateway, event);
    await consume(replica, event);
    // The inbox's records expire (INBOX_RETENTION_HOURS): the delivery is still owed only once.
    await database.query(`DELETE FROM inbox_event WHERE event_id = $1`, [event.id]);
    await consume(gateway, event);
    const others = [repairReported(agencyA), repairReported(agencyA), repairReported(agencyA)];
    await consume(gateway, others[0]!, others[1]!);
    await consume(replica, others[2]!);

    const all = [event, ...others].map((candidate) => candidate.id);
    await waitFor(() => all.every((eventId) => receiver.acknowledged('/once').includes(eventId)), { description: 'every event at the receiver' });
    await waitFor(async () => (await deliveriesOf(adminA, id, '?status=pending')).length === 0, { description: 'no delivery still pending' });
    expect(receiver.acknowledged('/once').sort()).toEqual([...all].sort());
    expect(await deliveriesOf(adminA, id)).toHaveLength(4);
    expect(await database.query(`SELECT seq FROM agency_event WHERE event_id = $1`, [event.id])).toHaveLength(1);
  });

  it('loses nothing across a restart: deliveries pending while the receiver is down arrive once it is back', async () => {
    const { id } = await subscribe(adminA, '/restart', [REPORTED]);
    await receiver.stop();
    const events = [repairReported(agencyA), repairReported(agencyA), repairReported(agencyA)];
    await consume(gateway, ...events);
    await waitFor(
      async () => {
        const deliveries = await deliveriesOf(adminA, id);
        return deliveries.length === 3 && deliveries.every((delivery) => (delivery['attempts'] as unknown[]).length > 0);
      },
      { description: 'every delivery attempted against the receiver that is down' },
    );
    const failedAttempt = ((await deliveriesOf(adminA, id))[0]!['attempts'] as Array<Record<string, unknown>>)[0]!;
    expect(failedAttempt['error']).toMatch(/^unreachable: ECONNREFUSED/);
    expect(failedAttempt).not.toHaveProperty('statusCode');

    await replica.shutdown();
    await gateway.shutdown();
    const pending = await database.query<{ status: string }>(`SELECT status FROM webhook_delivery WHERE subscription_id = $1`, [id]);
    expect(pending.map((row) => row.status)).toEqual(['pending', 'pending', 'pending']);

    const env = { DATABASE_URL: database.url, ...FAST, ...RECEIVER_ALLOWED };
    gateway = await startGateway(env);
    replica = await startGateway(env);
    await receiver.listen();
    await waitFor(() => events.every((event) => receiver.acknowledged('/restart').includes(event.id)), { description: 'every pending delivery after the restart' });
    expect(receiver.acknowledged('/restart')).toHaveLength(3);
  });
});

describe('the delivery log and manual redelivery', () => {
  it('lists deliveries newest first, filters by status, and redelivers a delivered one now', async () => {
    const { id } = await subscribe(adminA, '/log', [REPORTED, CANCELLED]);
    const first = repairReported(agencyA);
    const second = repairReported(agencyA);
    await consume(gateway, first);
    await consume(gateway, second);
    await waitFor(() => [first.id, second.id].every((eventId) => receiver.acknowledged('/log').includes(eventId)));
    await waitFor(async () => (await deliveriesOf(adminA, id, '?status=delivered')).length === 2);

    const log = await deliveriesOf(adminA, id);
    expect(log.map((delivery) => delivery['eventId'])).toEqual([second.id, first.id]);
    expect(await deliveriesOf(adminA, id, '?status=failed')).toEqual([]);
    expect(await deliveriesOf(adminA, id, '?limit=1')).toHaveLength(1);
    expect((await viaGateway(gateway, 'GET', `/webhooks/${id}/deliveries?status=lost`, { caller: adminA })).status).toBe(400);

    const firstDelivery = log[1]!;
    const redelivered = await viaGateway(gateway, 'POST', `/webhooks/${id}/deliveries/${String(firstDelivery['id'])}/redeliver`, { caller: adminA });
    expect(redelivered.status).toBe(202);
    expect(redelivered.body).toMatchObject({ id: firstDelivery['id'], status: 'pending' });
    await waitFor(() => receiver.acknowledged('/log').filter((eventId) => eventId === first.id).length === 2, { description: 'the redelivery' });
    const again = receiver.at('/log').filter((delivery) => delivery.headers['houqin-event-id'] === first.id);
    expect(again.map((delivery) => delivery.headers['houqin-delivery-id'])).toEqual([firstDelivery['id'], firstDelivery['id']]);
    expect(again[1]!.headers['houqin-delivery-attempt']).toBe('2');
    await waitFor(async () => (await deliveriesOf(adminA, id)).find((delivery) => delivery['id'] === firstDelivery['id'])?.['attemptCount'] === 2);
  });

  it('gives a delivery up after the retry horizon, and redelivers the failed one on request', async () => {
    // A gateway of its own that makes a single attempt (horizon 0), on its own database.
    const oneShot = await startGateway({ ...FAST, ...RECEIVER_ALLOWED, WEBHOOK_RETRY_HORIZON_MINUTES: '0' });
    try {
      const caller = testCaller({ agencyId: `agency-${run}`, roles: ['integrator'] });
      const { id } = await subscribe(caller, '/gives-up', [REPORTED], oneShot);
      receiver.answer('/gives-up', 503);
      const event = repairReported(caller.agencyId);
      await consume(oneShot, event);
      const failed = await waitFor(async () => {
        const answer = await viaGateway(oneShot, 'GET', `/webhooks/${id}/deliveries?status=failed`, { caller });
        return list(answer)[0];
      });
      expect(failed).toMatchObject({ eventId: event.id, status: 'failed', attemptCount: 1 });
      expect(failed).not.toHaveProperty('nextAttemptAt');

      const redelivered = await viaGateway(oneShot, 'POST', `/webhooks/${id}/deliveries/${String(failed['id'])}/redeliver`, { caller });
      expect(redelivered.status).toBe(202);
      await waitFor(() => receiver.acknowledged('/gives-up').includes(event.id), { description: 'the redelivered event' });
      await waitFor(async () => list(await viaGateway(oneShot, 'GET', `/webhooks/${id}/deliveries?status=delivered`, { caller }))[0]);
    } finally {
      await oneShot.shutdown();
    }
  });
});

describe('agency isolation', () => {
  it("answers 404 for another agency's subscription on every route", async () => {
    const { id } = await subscribe(adminA, '/isolated-a', [REPORTED]);
    await consume(gateway, repairReported(agencyA));
    const [delivery] = await waitFor(async () => {
      const deliveries = await deliveriesOf(adminA, id);
      return deliveries.length > 0 ? deliveries : undefined;
    });
    for (const [method, path] of [
      ['GET', `/webhooks/${id}`],
      ['POST', `/webhooks/${id}/disable`],
      ['POST', `/webhooks/${id}/enable`],
      ['POST', `/webhooks/${id}/rotate-secret`],
      ['GET', `/webhooks/${id}/deliveries`],
      ['POST', `/webhooks/${id}/deliveries/${String(delivery!['id'])}/redeliver`],
    ] as const) {
      const answer = await viaGateway(gateway, method, path, { caller: adminB });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 404 });
    }
    expect(list(await viaGateway(gateway, 'GET', '/webhooks', { caller: adminB })).map((view) => view['id'])).not.toContain(id);
    expect((await viaGateway(gateway, 'GET', `/webhooks/${id}`, { caller: adminA })).body).toMatchObject({ status: 'active' });
  });

  it("never delivers an agency's events to another agency's subscription", async () => {
    await subscribe(adminA, '/tenant-a', [REPORTED]);
    await subscribe(adminB, '/tenant-b', [REPORTED]);
    const ofA = repairReported(agencyA);
    const ofB = repairReported(agencyB);
    await consume(gateway, ofA, ofB);
    await waitFor(() => receiver.acknowledged('/tenant-a').includes(ofA.id) && receiver.acknowledged('/tenant-b').includes(ofB.id));
    // A later event of A arriving at A proves B's queue had its chance at A's events too.
    const laterOfA = repairReported(agencyA);
    await consume(replica, laterOfA);
    await waitFor(() => receiver.acknowledged('/tenant-a').includes(laterOfA.id));
    expect(receiver.acknowledged('/tenant-b')).toEqual([ofB.id]);
    expect(receiver.acknowledged('/tenant-a')).toEqual([ofA.id, laterOfA.id]);
  });
});

describe('the live event stream', () => {
  let streams: EventStreamClient[] = [];

  afterEach(async () => {
    await Promise.all(streams.map((stream) => stream.close()));
    streams = [];
  });

  async function open(target: RunningService, caller: Caller, options: { query?: string; lastEventId?: string } = {}): Promise<EventStreamClient> {
    const stream = await EventStreamClient.open(target, caller, options);
    streams.push(stream);
    return stream;
  }

  it("streams the agency's events live, from whichever replica consumed them, with heartbeats", async () => {
    const onGateway = await open(gateway, adminA);
    const onReplica = await open(replica, testCaller({ agencyId: agencyA, roles: ['auditor'] }));
    const ofB = await open(replica, adminB);
    expect(onGateway.response.status).toBe(200);
    expect(onGateway.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await waitFor(() => onGateway.comments.includes('heartbeat') && onReplica.comments.includes('heartbeat'), { description: 'heartbeats while idle' });

    const first = repairReported(agencyA);
    const second = vendorRegistered(agencyA);
    await consume(gateway, first);
    await consume(replica, second);
    await consume(gateway, repairReported(agencyB));
    for (const stream of [onGateway, onReplica]) {
      await waitFor(() => stream.events.length >= 2, { description: 'both events on the stream' });
      expect(stream.eventIds()).toEqual([first.id, second.id]);
      expect(stream.events.map((event) => event.event)).toEqual([REPORTED, VENDOR_REGISTERED]);
      expect(JSON.parse(stream.events[0]!.data)).toEqual(first);
      expect(BigInt(stream.ids()[1]!)).toBeGreaterThan(BigInt(stream.ids()[0]!));
    }
    await waitFor(() => ofB.events.length === 1);
    expect((JSON.parse(ofB.events[0]!.data) as EventEnvelope).agencyid).toBe(agencyB);
  });

  it('filters by type', async () => {
    const stream = await open(gateway, adminA, { query: `types=${VENDOR_REGISTERED}` });
    const vendor = vendorRegistered(agencyA);
    await consume(gateway, repairReported(agencyA), vendor);
    await waitFor(() => stream.events.length === 1);
    expect(stream.eventIds()).toEqual([vendor.id]);
    expect((await fetch(`${gateway.url}/api/v1/events/stream?types=nope`, { headers: { authorization: `Bearer ${accessToken(adminA)}` } })).status).toBe(422);
  });

  it('resumes exactly after Last-Event-ID: replays what was missed, then goes on live', async () => {
    const stream = await open(gateway, adminA);
    const seen = [repairReported(agencyA), repairReported(agencyA)];
    await consume(gateway, ...seen);
    await waitFor(() => stream.events.length === 2);
    const lastEventId = stream.ids()[1]!;
    await stream.close();

    const missed = [repairReported(agencyA), vendorRegistered(agencyA)];
    await consume(replica, ...missed);
    const resumed = await open(replica, adminA, { lastEventId });
    await waitFor(() => resumed.events.length === 2, { description: 'the replay of the missed events' });
    expect(resumed.eventIds()).toEqual(missed.map((event) => event.id));

    const live = repairReported(agencyA);
    await consume(gateway, live);
    await waitFor(() => resumed.events.length === 3, { description: 'the live event after the replay' });
    expect(resumed.eventIds()).toEqual([...missed, live].map((event) => event.id));

    // The query parameter works as well, for clients that cannot set the header.
    const byQuery = await open(gateway, adminA, { query: `lastEventId=${lastEventId}` });
    await waitFor(() => byQuery.events.length === 3);
    expect(byQuery.eventIds()).toEqual([...missed, live].map((event) => event.id));
    expect((await open(gateway, adminA, { lastEventId: 'yesterday' })).response.status).toBe(400);
  });

  it('ends the streams when the replica shuts down, so clients reconnect elsewhere', async () => {
    const extra = await startGateway({ DATABASE_URL: database.url, ...FAST, ...RECEIVER_ALLOWED });
    const stream = await open(extra, adminA);
    await waitFor(() => stream.comments.includes('heartbeat'));
    const started = Date.now();
    await extra.shutdown();
    await waitFor(() => stream.closed, { description: 'the stream to end' });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
