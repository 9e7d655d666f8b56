import Redis from 'ioredis';
import { gatewayEnvironment, rateLimitKey, rateLimitStorageKey } from '@houqin/gateway';
import { RunningService } from '@houqin/service-kit';
import { TEST_REDIS_URL, testCaller, uniqueSuffix } from '@houqin/testing';
import { GatewayAnswer, StubUpstream, gatewayMetricsUrl, metricValue, startGateway, viaGateway } from './gateway-fixture';

const LIMIT = 6;

function expectRateLimited(answer: GatewayAnswer): void {
  expect(answer.status).toBe(429);
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  expect(answer.body).toMatchObject({ type: 'urn:houqin:problem:rate-limited', status: 429 });
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(answer.headers.get('ratelimit-remaining')).toBe('0');
}

/**
 * Two gateway replicas share one limit per user through Redis: a burst spread over both admits
 * exactly the limit, the rest is refused with 429 and Retry-After and never reaches the service.
 */
describe('rate limits shared by gateway replicas through Redis', () => {
  const run = uniqueSuffix();
  const wang = testCaller({ userId: `burst-wang-${run}` });
  const li = testCaller({ userId: `burst-li-${run}` });
  const redis = new Redis(TEST_REDIS_URL);
  const replicas: RunningService[] = [];
  let upstream: StubUpstream;

  beforeAll(async () => {
    upstream = await StubUpstream.start();
    for (let index = 0; index < 2; index += 1) {
      replicas.push(await startGateway({ MAINTENANCE_URL: upstream.url, REDIS_URL: TEST_REDIS_URL, RATE_LIMIT_PER_MINUTE: String(LIMIT) }));
    }
  });

  afterAll(async () => {
    await redis.del(...[wang, li].map((caller) => rateLimitStorageKey(rateLimitKey({ kind: 'user', userId: caller.userId }))));
    redis.disconnect();
    for (const replica of replicas) await replica.shutdown();
    await upstream?.close();
  });

  it('admits exactly the limit of a burst alternating between the replicas and answers 429 to the rest', async () => {
    const answers = await Promise.all(Array.from({ length: 3 * LIMIT }, (_, index) => viaGateway(replicas[index % 2]!, 'GET', '/maintenance/repair-requests', { caller: wang })));
    const admitted = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(admitted).toHaveLength(LIMIT);
    expect(refused).toHaveLength(2 * LIMIT);
    for (const answer of refused) expectRateLimited(answer);
    expect(upstream.hits).toHaveLength(LIMIT);
    // Both replicas admitted and refused: the count is shared, not per replica.
    const servedBy = (answer: GatewayAnswer) => answers.indexOf(answer) % 2;
    expect(new Set(refused.map(servedBy))).toEqual(new Set([0, 1]));
    const refusedCount = (await metricValue(replicas[0]!, 'houqin_gateway_rate_limited_total', { subject: 'user' })) + (await metricValue(replicas[1]!, 'houqin_gateway_rate_limited_total', { subject: 'user' }));
    expect(refusedCount).toBe(2 * LIMIT);
  });

  it('tells the client where it stands on every answer', async () => {
    const answer = await viaGateway(replicas[0]!, 'GET', '/maintenance/repair-requests', { caller: li });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('ratelimit-limit')).toBe(String(LIMIT));
    expect(answer.headers.get('ratelimit-remaining')).toBe(String(LIMIT - 1));
    expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    const next = await viaGateway(replicas[1]!, 'GET', '/maintenance/repair-requests', { caller: li });
    expect(next.headers.get('ratelimit-remaining')).toBe(String(LIMIT - 2));
  });

  it('keeps the limited user’s bucket in Redis, expiring once it would be full again', async () => {
    const key = rateLimitStorageKey(rateLimitKey({ kind: 'user', userId: wang.userId }));
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('still refuses the limited user on either replica, while another user is served', async () => {
    expectRateLimited(await viaGateway(replicas[0]!, 'GET', '/maintenance/repair-requests', { caller: wang }));
    expectRateLimited(await viaGateway(replicas[1]!, 'GET', '/maintenance/repair-requests', { caller: wang }));
    expect((await viaGateway(replicas[1]!, 'GET', '/maintenance/repair-requests', { caller: li })).status).toBe(200);
  });

  it('does not limit probes, metrics or the API documentation', async () => {
    for (const url of ['/health/live', '/openapi.json'].map((path) => `${replicas[0]!.url}${path}`).concat(gatewayMetricsUrl(replicas[0]!))) {
      const answers = await Promise.all(Array.from({ length: 2 * LIMIT }, () => fetch(url)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(2 * LIMIT).fill(200));
      expect(answers[0]!.headers.get('ratelimit-limit')).toBeNull();
    }
  });
});

/**
 * Without REDIS_URL (the single-process platform) the gateway limits in memory; a request without
 * a valid access token counts against its address.
 */
describe('rate limits of a single gateway without Redis', () => {
  let gateway: RunningService;
  let upstream: StubUpstream;

  beforeAll(async () => {
    upstream = await StubUpstream.start();
    gateway = await startGateway({ MAINTENANCE_URL: upstream.url, RATE_LIMIT_PER_MINUTE: '6', RATE_LIMIT_BURST: '3' });
  });

  afterAll(async () => {
    await gateway?.shutdown();
    await upstream?.close();
  });

  it('limits unauthenticated requests by address, before authentication refuses them', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await viaGateway(gateway, 'GET', '/maintenance/repair-requests', { caller: null })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const answer = await viaGateway(gateway, 'GET', '/maintenance/repair-requests', { caller: null, headers: { authorization: 'Bearer not-a-token' } });
    expectRateLimited(answer);
    expect(answer.headers.get('ratelimit-limit')).toBe('3');
    expect(await metricValue(gateway, 'houqin_gateway_rate_limited_total', { subject: 'ip' })).toBe(3);
  });

  it('limits a person by their access token, not by the address they share', async () => {
    const caller = testCaller({ userId: `single-${uniqueSuffix()}` });
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await viaGateway(gateway, 'GET', '/maintenance/repair-requests', { caller })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

/**
 * Logins are limited per client address far below other requests (password guessing), on every
 * replica alike; the address is the client's behind the trusted proxy, not the proxy's.
 */
describe('the login rate limit per client address', () => {
  const replicas: RunningService[] = [];
  // Addresses of this run only: the counts live in the shared Redis.
  const octet = () => Math.floor(Math.random() * 254) + 1;
  const guesser = `198.18.${octet()}.${octet()}`;
  const neighbour = `198.19.${octet()}.${octet()}`;

  beforeAll(async () => {
    for (let index = 0; index < 2; index += 1) replicas.push(await startGateway({ REDIS_URL: TEST_REDIS_URL, TRUSTED_PROXIES: '127.0.0.1' }));
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.shutdown();
  });

  it('is well below the general limit by default', () => {
    const defaults = gatewayEnvironment.pick({ LOGIN_RATE_LIMIT_PER_MINUTE: true, LOGIN_RATE_LIMIT_BURST: true, RATE_LIMIT_PER_MINUTE: true }).parse({});
    expect(defaults.LOGIN_RATE_LIMIT_PER_MINUTE).toBeLessThanOrEqual(30);
    expect(defaults.LOGIN_RATE_LIMIT_BURST).toBeLessThanOrEqual(10);
    expect(defaults.RATE_LIMIT_PER_MINUTE).toBeGreaterThanOrEqual(20 * defaults.LOGIN_RATE_LIMIT_PER_MINUTE);
  });

  it('answers 429 to the attempts of one address beyond its burst, across replicas, whatever the user names, while another address logs in', async () => {
    const attempt = (index: number, from: string) =>
      viaGateway(replicas[index % 2]!, 'POST', '/auth/login', { caller: null, headers: { 'x-forwarded-for': from }, body: { username: `nobody-${index}-${uniqueSuffix()}`, password: 'a wrong password' } });
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) statuses.push((await attempt(index, guesser)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    const refused = await attempt(12, guesser);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: 'urn:houqin:problem:rate-limited' });
    expect(String(refused.body?.['detail'])).toContain('login rate limit');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await attempt(13, neighbour)).status).toBe(401);
  });

  it('counts the login route with a trailing slash, which reaches the same login, against the same limit', async () => {
    const spelt = ['/auth/login/'];
    const from = `198.51.100.${octet()}`;
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      const answer = await viaGateway(replicas[index % 2]!, 'POST', spelt[index % spelt.length]!, {
        caller: null,
        headers: { 'x-forwarded-for': from },
        body: { username: `spelt-${index}-${uniqueSuffix()}`, password: 'a wrong password' },
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
  });

  it("counts the identity provider's code exchanges against the same limit as password logins", async () => {
    const from = `203.0.113.${octet()}`;
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      const exchange = index % 2 === 1;
      const answer = await viaGateway(replicas[index % 2]!, 'POST', exchange ? '/auth/oidc' : '/auth/login', {
        caller: null,
        headers: { 'x-forwarded-for': from },
        body: exchange ? { code: `code-${index}`, codeVerifier: 'v'.repeat(43), redirectUri: 'http://127.0.0.1/login/callback', nonce: `nonce-${index}` } : { username: `oidc-${index}-${uniqueSuffix()}`, password: 'a wrong password' },
      });
      statuses.push(answer.status);
    }
    // Five password attempts and five exchanges take the burst of ten; the next of either is refused.
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(statuses.slice(0, 10).every((status) => status !== 429)).toBe(true);
  });
});

/** Without Redis (the single-process platform) failed logins are counted in memory. */
describe('login delays of a single gateway without Redis', () => {
  let gateway: RunningService;

  beforeAll(async () => {
    gateway = await startGateway({});
  });

  afterAll(async () => {
    await gateway?.shutdown();
  });

  it('delays repeated failed logins at one account from one address in memory too (429 login-delayed)', async () => {
    const username = `single-guessed-${uniqueSuffix()}`;
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await viaGateway(gateway, 'POST', '/auth/login', { caller: null, body: { username, password: 'a wrong password' } })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const delayed = await viaGateway(gateway, 'POST', '/auth/login', { caller: null, body: { username, password: 'a wrong password' } });
    expect(delayed.body).toMatchObject({ type: 'urn:houqin:problem:login-delayed' });
    expect(Number(delayed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
