import { Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { RunningService } from '@houqin/service-kit';
import { testCaller, uniqueSuffix, waitFor } from '@houqin/testing';
import { GatewayAnswer, StubUpstream, metricValue, startGateway, viaGateway } from './gateway-fixture';

/** A service that answers only when told to: what a service at capacity looks like from the gateway. */
class HeldUpstream {
  readonly held: ServerResponse[] = [];
  private holding = true;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<HeldUpstream> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const upstream = new HeldUpstream(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (request, response: ServerResponse) => {
      request.resume();
      request.on('end', () => (upstream.holding ? upstream.held.push(response) : answer(response)));
    });
    return upstream;
  }

  /** Answers what it holds, and everything from now on at once. */
  releaseAll(): void {
    this.holding = false;
    for (const response of this.held.splice(0)) answer(response);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function answer(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ items: [] }));
}

function statuses(answers: GatewayAnswer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/**
 * Overload (issue 19): at more requests than a service may take, the gateway refuses the excess at
 * once with 503 and Retry-After instead of letting it time out, the requests it admitted are answered,
 * other services are not affected, and it recovers by itself once the load falls.
 */
describe('the gateway under more load than a service can take', () => {
  const caller = testCaller({ agencyId: `agency-overload-${uniqueSuffix()}`, roles: ['staff', 'logistics-manager'] });
  const SLOTS = 4;
  const QUEUE = 4;
  let maintenance: HeldUpstream;
  let catering: StubUpstream;
  let gateway: RunningService;
  const listRepairs = () => viaGateway(gateway, 'GET', '/maintenance/repair-requests', { caller });

  beforeAll(async () => {
    maintenance = await HeldUpstream.start();
    catering = await StubUpstream.start({ status: 200, body: { items: [] } });
    gateway = await startGateway({
      MAINTENANCE_URL: maintenance.url,
      CATERING_URL: catering.url,
      UPSTREAM_MAX_CONCURRENCY: String(SLOTS),
      UPSTREAM_QUEUE_LIMIT: String(QUEUE),
      // Long enough that the queued requests are still waiting when the test releases the service.
      UPSTREAM_QUEUE_TIMEOUT_MS: '30000',
      UPSTREAM_TIMEOUT_MS: '60000',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });

  afterAll(async () => {
    await gateway?.shutdown();
    await maintenance?.close();
    await catering?.close();
  });

  it('sheds what exceeds its slots and queue at once with 503 problem+json and Retry-After, answers what it admitted, and leaves other services alone', async () => {
    const sent = Array.from({ length: 20 }, () => listRepairs());
    await waitFor(() => maintenance.held.length === SLOTS, { description: 'the service holding as many requests as the gateway may send it' });
    await waitFor(async () => (await metricValue(gateway, 'houqin_gateway_upstream_queued', { upstream: 'maintenance' })) === QUEUE, { description: 'the queue full' });
    await waitFor(async () => (await metricValue(gateway, 'houqin_gateway_shed_total', { upstream: 'maintenance', reason: 'queue-full' })) === 20 - SLOTS - QUEUE, {
      description: 'the rest shed',
    });
    // The service still holds every request it got: the shed ones were answered without it.
    expect(maintenance.held).toHaveLength(SLOTS);
    expect((await viaGateway(gateway, 'GET', '/catering/canteens', { caller })).status).toBe(200);

    maintenance.releaseAll();
    const answers = await Promise.all(sent);
    expect(statuses(answers)).toEqual({ 200: SLOTS + QUEUE, 503: 20 - SLOTS - QUEUE });
    const shed = answers.filter((answer) => answer.status === 503);
    for (const refusal of shed) {
      expect(refusal.headers.get('content-type')).toContain('application/problem+json');
      expect(refusal.headers.get('retry-after')).toBe('30');
      expect(refusal.body).toMatchObject({ type: 'urn:houqin:problem:overloaded', status: 503, service: 'maintenance', reason: 'queue-full', retryAfterSeconds: 30 });
    }
  });

  it('recovers without a restart once the load falls', async () => {
    const answers = await Promise.all(Array.from({ length: SLOTS + QUEUE }, () => listRepairs()));
    expect(statuses(answers)).toEqual({ 200: SLOTS + QUEUE });
    expect(await metricValue(gateway, 'houqin_gateway_upstream_in_flight', { upstream: 'maintenance' })).toBe(0);
    expect(await metricValue(gateway, 'houqin_gateway_upstream_queued', { upstream: 'maintenance' })).toBe(0);
  });
});

describe('a request that waits too long for a busy service', () => {
  const caller = testCaller({ agencyId: `agency-overload-wait-${uniqueSuffix()}`, roles: ['staff'] });
  let maintenance: HeldUpstream;
  let gateway: RunningService;

  beforeAll(async () => {
    maintenance = await HeldUpstream.start();
    gateway = await startGateway({ MAINTENANCE_URL: maintenance.url, UPSTREAM_MAX_CONCURRENCY: '1', UPSTREAM_QUEUE_LIMIT: '10', UPSTREAM_QUEUE_TIMEOUT_MS: '300', UPSTREAM_TIMEOUT_MS: '60000' });
  });

  afterAll(async () => {
    await gateway?.shutdown();
    await maintenance?.close();
  });

  it('is refused with 503 once the queue deadline passes, long before the upstream timeout and never as a 504', async () => {
    const first = viaGateway(gateway, 'GET', '/maintenance/repair-requests', { caller });
    await waitFor(() => maintenance.held.length === 1, { description: 'the only slot taken' });
    const waiting = await viaGateway(gateway, 'GET', '/maintenance/repair-requests', { caller });
    expect(waiting.status).toBe(503);
    expect(waiting.headers.get('retry-after')).toBe('1');
    expect(waiting.body).toMatchObject({ type: 'urn:houqin:problem:overloaded', service: 'maintenance', reason: 'queue-timeout' });
    maintenance.releaseAll();
    expect((await first).status).toBe(200);
  });
});
