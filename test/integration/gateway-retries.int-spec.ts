import { randomUUID } from 'node:crypto';
import { RunningService } from '@houqin/service-kit';
import { StubUpstream, metricValue, startGateway, viaGateway } from './gateway-fixture';

/**
 * The gateway repeats a forwarded request only when repeating it is safe — an idempotent method,
 * or POST/PATCH carrying the Idempotency-Key the services honour — and only when the service was
 * unreachable or answered 503; a bounded number of times, within the request's deadline.
 */
describe('retries of forwarded requests', () => {
  const RETRIES = 2;
  const TIMEOUT_MS = 1500;
  let upstream: StubUpstream;
  let gateway: RunningService;

  beforeAll(async () => {
    upstream = await StubUpstream.start();
    gateway = await startGateway({
      MAINTENANCE_URL: upstream.url,
      UPSTREAM_RETRIES: String(RETRIES),
      UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
      // The circuit is the subject of another test: here it never opens.
      CIRCUIT_FAILURE_THRESHOLD: '1000',
    });
  });

  afterAll(async () => {
    await gateway?.shutdown();
    await upstream?.close();
  });

  beforeEach(() => {
    upstream.reset();
    upstream.otherwise({ status: 200, body: { ok: true } });
  });

  it('retries an idempotent GET after a dropped connection and answers with the retry’s result', async () => {
    upstream.replyWith('drop-connection');
    const answer = await viaGateway(gateway, 'GET', '/maintenance/repair-requests');
    expect(answer.status).toBe(200);
    expect(upstream.hitsTo('/repair-requests')).toHaveLength(2);
  });

  it('retries an idempotent GET answered 503, up to UPSTREAM_RETRIES times', async () => {
    upstream.replyWith({ status: 503 }, { status: 503 });
    expect((await viaGateway(gateway, 'GET', '/maintenance/repair-requests')).status).toBe(200);
    expect(upstream.hits).toHaveLength(3);
  });

  it('gives up after UPSTREAM_RETRIES and passes the service’s own 503 on', async () => {
    upstream.otherwise({ status: 503, body: { type: 'urn:houqin:problem:unavailable', status: 503, detail: 'draining' }, headers: { 'content-type': 'application/problem+json' } });
    const retriesBefore = await metricValue(gateway, 'houqin_gateway_upstream_retries_total', { upstream: 'maintenance' });
    const answer = await viaGateway(gateway, 'GET', '/maintenance/repair-requests');
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ detail: 'draining' });
    expect(upstream.hits).toHaveLength(1 + RETRIES);
    expect(await metricValue(gateway, 'houqin_gateway_upstream_retries_total', { upstream: 'maintenance' })).toBe(retriesBefore + RETRIES);
  });

  // PUT and DELETE are repeatable too (retry-policy.spec.ts); no route of the policy table uses them yet.

  it('never repeats a POST without an Idempotency-Key', async () => {
    upstream.replyWith({ status: 503 });
    const answer = await viaGateway(gateway, 'POST', '/maintenance/repair-requests', { body: { description: 'Leaking pipe' } });
    expect(answer.status).toBe(503);
    expect(upstream.hits).toHaveLength(1);
  });

  it('never repeats a POST whose connection dropped without an Idempotency-Key: it answers 503 naming the service', async () => {
    upstream.replyWith('drop-connection');
    const answer = await viaGateway(gateway, 'POST', '/maintenance/repair-requests', { body: { description: 'Leaking pipe' } });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ status: 503, detail: 'maintenance is unavailable', service: 'maintenance', attempts: 1 });
    expect(upstream.hits).toHaveLength(1);
  });

  it('repeats a POST that carries an Idempotency-Key, handing the key to the service each time', async () => {
    const key = randomUUID();
    upstream.replyWith('drop-connection', { status: 503 });
    upstream.otherwise({ status: 201, body: { id: 'rr-1' } });
    const answer = await viaGateway(gateway, 'POST', '/maintenance/repair-requests', { body: { description: 'Leaking pipe' }, headers: { 'idempotency-key': key } });
    expect(answer.status).toBe(201);
    expect(upstream.hits).toHaveLength(3);
    expect(upstream.hits.map((hit) => hit.headers['idempotency-key'])).toEqual([key, key, key]);
    expect(upstream.hits.map((hit) => JSON.parse(hit.body))).toEqual(Array(3).fill({ description: 'Leaking pipe' }));
  });

  it('passes a client’s own retry with the same Idempotency-Key on to the service, whose replay it relays', async () => {
    const key = randomUUID();
    upstream.replyWith({ status: 201, body: { id: 'rr-2' } }, { status: 201, body: { id: 'rr-2' }, headers: { 'idempotent-replayed': 'true' } });
    const request = { body: { description: 'Broken window' }, headers: { 'idempotency-key': key } };
    const first = await viaGateway(gateway, 'POST', '/maintenance/repair-requests', request);
    const again = await viaGateway(gateway, 'POST', '/maintenance/repair-requests', request);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(upstream.hits.map((hit) => hit.headers['idempotency-key'])).toEqual([key, key]);
  });

  it('does not retry an answer other than 503, such as a 500 or a 409', async () => {
    upstream.replyWith({ status: 500 });
    expect((await viaGateway(gateway, 'GET', '/maintenance/repair-requests')).status).toBe(500);
    upstream.replyWith({ status: 409, body: { detail: 'already verified' } });
    expect((await viaGateway(gateway, 'GET', '/maintenance/repair-requests/r-1')).status).toBe(409);
    expect(upstream.hits).toHaveLength(2);
  });

  it('does not retry a service that did not answer in time: 504 at the deadline', async () => {
    upstream.replyWith('hang');
    const answer = await viaGateway(gateway, 'GET', '/maintenance/repair-requests');
    expect(answer.status).toBe(504);
    expect(answer.body).toMatchObject({ status: 504, service: 'maintenance', detail: `maintenance did not answer within ${TIMEOUT_MS} ms`, attempts: 1 });
    expect(upstream.hits).toHaveLength(1);
  });

  it('stops retrying at the request’s deadline: retries never extend UPSTREAM_TIMEOUT_MS', async () => {
    // Each answer takes 900 ms of the 1500 ms budget: the retry is cut off at the deadline.
    upstream.otherwise({ status: 503, delayMs: 900 });
    const answer = await viaGateway(gateway, 'GET', '/maintenance/repair-requests');
    expect(answer.status).toBe(504);
    expect(answer.body).toMatchObject({ attempts: 2 });
    expect(upstream.hits).toHaveLength(2);
  });
});
