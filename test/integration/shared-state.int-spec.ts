import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { maintenanceService } from '@houqin/maintenance';
import { procurementService } from '@houqin/procurement';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService, startService } from '@houqin/service-kit';
import { OwnRedis, TEST_BID_SEALING_KEY, TEST_INTERNAL_TOKEN_SECRET, TEST_REDIS_URL, TestDatabase, createTestDatabase, freePort, internalToken, testCaller, waitFor } from '@houqin/testing';

/**
 * Two replicas of one service share ephemeral state through the machine's real Redis: an
 * Idempotency-Key answered by one replica is answered the same by the other.
 */
describe('idempotent requests across replicas sharing Redis', () => {
  let database: TestDatabase;
  const replicas: RunningService[] = [];
  const redis = new Redis(TEST_REDIS_URL);
  const caller = testCaller({ agencyId: `agency-${randomUUID()}` });

  beforeAll(async () => {
    database = await createTestDatabase('idempotency');
    for (let index = 0; index < 2; index += 1) {
      replicas.push(
        await startService(maintenanceService, {
          env: {
            PORT: '0',
            HOST: '127.0.0.1',
            LOG_LEVEL: 'warn',
            DATABASE_URL: database.url,
            INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
            MESSAGING_TRANSPORT: 'in-process',
            REDIS_URL: TEST_REDIS_URL,
          },
          broker: new InProcessBroker(),
        }),
      );
    }
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.shutdown();
    await database.drop();
    redis.disconnect();
  });

  const report = (replica: RunningService, key: string, description: string, who = caller) =>
    fetch(`${replica.url}/repair-requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${internalToken(who)}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ location: { building: 'Main Building' }, description }),
    });
  const stored = async () => (await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM repair_request WHERE agency_id = $1`, [caller.agencyId]))[0]!.count;

  it('reports Redis in the readiness probe', async () => {
    const body = (await (await fetch(`${replicas[0]!.url}/health/ready`)).json()) as { details: Record<string, { status: string }> };
    expect(body.details['redis']).toEqual({ status: 'up' });
  });

  it('answers a retried request on the other replica with the first answer, without a second write', async () => {
    const key = randomUUID();
    const before = await stored();
    const first = await report(replicas[0]!, key, 'Fire alarm panel shows a fault');
    expect(first.status).toBe(201);
    const retried = await report(replicas[1]!, key, 'Fire alarm panel shows a fault');
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(await retried.json()).toEqual(await first.json());
    expect(await stored()).toBe(before + 1);
    expect(await redis.exists(`houqin:idempotency:maintenance:${caller.agencyId}:${caller.userId}:${key}`)).toBe(1);
  });

  it('refuses a key reused for a different request, naming the header', async () => {
    const key = randomUUID();
    expect((await report(replicas[0]!, key, 'Boiler pressure low')).status).toBe(201);
    const reused = await report(replicas[1]!, key, 'Something else entirely');
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe('idempotency-key');
  });

  it('writes once when both replicas receive the same key at the same moment', async () => {
    const key = randomUUID();
    const before = await stored();
    const answers = await Promise.all(replicas.map((replica) => report(replica, key, 'Lift stuck on floor 4')));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(await stored()).toBe(before + 1);
  });

  it('applies a key once even after Redis has forgotten it: the retry is refused as applied, naming what it changed', async () => {
    const key = randomUUID();
    const before = await stored();
    const first = await report(replicas[0]!, key, 'Emergency lighting out in stairwell B');
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    // Redis restarted without persistence, or the key evicted: the answer is gone.
    await redis.del(`houqin:idempotency:maintenance:${caller.agencyId}:${caller.userId}:${key}`);
    const retried = await report(replicas[1]!, key, 'Emergency lighting out in stairwell B');
    expect(retried.status).toBe(409);
    const problem = (await retried.json()) as { type: string; resourceId?: string; errors: Array<{ field: string }> };
    expect(problem).toMatchObject({ type: 'urn:houqin:problem:idempotency-key-applied', resourceId: id });
    expect(problem.errors[0]!.field).toBe('idempotency-key');
    expect(await stored()).toBe(before + 1);
    // A different request under that key is still a reuse, Redis or not.
    await redis.del(`houqin:idempotency:maintenance:${caller.agencyId}:${caller.userId}:${key}`);
    expect((await report(replicas[0]!, key, 'Something else entirely')).status).toBe(422);
    expect(await stored()).toBe(before + 1);
  });

  it('answers a key still marked in progress by an attempt that committed (its process killed before it kept the answer) as applied at once', async () => {
    const key = randomUUID();
    const description = 'Smoke detector chirping in room 305';
    const first = await report(replicas[0]!, key, description);
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    // What a SIGKILL after the commit leaves in Redis: the claim, never completed.
    const redisKey = `houqin:idempotency:maintenance:${caller.agencyId}:${caller.userId}:${key}`;
    const stored = JSON.parse((await redis.get(redisKey))!) as { fingerprint: string };
    await redis.set(redisKey, JSON.stringify({ fingerprint: stored.fingerprint, state: 'in-progress' }), 'PX', 60_000);
    const retried = await report(replicas[1]!, key, description);
    expect(retried.status).toBe(409);
    expect(await retried.json()).toMatchObject({ type: 'urn:houqin:problem:idempotency-key-applied', resourceId: id });
    // A key in progress that nothing committed is still in progress.
    const pendingKey = `houqin:idempotency:maintenance:${caller.agencyId}:${caller.userId}:${randomUUID()}`;
    await redis.set(pendingKey, JSON.stringify({ fingerprint: stored.fingerprint, state: 'in-progress' }), 'PX', 60_000);
    const pending = await report(replicas[1]!, pendingKey.split(':').pop()!, description);
    expect(pending.status).toBe(409);
    expect(((await pending.json()) as { type: string }).type).toBe('urn:houqin:problem:idempotency-key-in-progress');
  });

  it('applies a command that publishes no event once after Redis has forgotten its key (a draft requisition)', async () => {
    const procurementDatabase = await createTestDatabase('idempotency_procurement');
    const procurement = await startService(procurementService, {
      env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: procurementDatabase.url, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET, BID_SEALING_KEY: TEST_BID_SEALING_KEY, MESSAGING_TRANSPORT: 'in-process', REDIS_URL: TEST_REDIS_URL },
      broker: new InProcessBroker(),
    });
    try {
      const key = randomUUID();
      const raise = () =>
        fetch(`${procurement.url}/requisitions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${internalToken(caller)}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ title: 'Printer toner for the registry', category: 'supplies', lines: [{ description: 'Toner cartridge', quantity: 4, estimatedUnitPrice: 45_000 }] }),
        });
      const first = await raise();
      expect(first.status).toBe(201);
      const { id } = (await first.json()) as { id: string };
      await redis.del(`houqin:idempotency:procurement:${caller.agencyId}:${caller.userId}:${key}`);
      const retried = await raise();
      expect(retried.status).toBe(409);
      expect(await retried.json()).toMatchObject({ type: 'urn:houqin:problem:idempotency-key-applied', resourceId: id });
      expect((await procurementDatabase.query<{ n: number }>(`SELECT count(*)::int AS n FROM requisition WHERE agency_id = $1`, [caller.agencyId]))[0]!.n).toBe(1);
    } finally {
      await procurement.shutdown();
      await procurementDatabase.drop();
    }
  });

  it('answers 503 with Retry-After, not a 500, while Redis cannot be reached, and applies the retry once it is back', async () => {
    const ownRedis = new OwnRedis(await freePort());
    await ownRedis.start();
    const replica = await startService(maintenanceService, {
      env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'fatal', DATABASE_URL: database.url, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET, MESSAGING_TRANSPORT: 'in-process', REDIS_URL: ownRedis.url },
      broker: new InProcessBroker(),
    });
    try {
      const key = randomUUID();
      const before = await stored();
      await ownRedis.kill();
      const refused = await report(replica, key, 'Water leak under the server room floor');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as { type: string }).type).toBe('urn:houqin:problem:idempotency-store-unavailable');
      expect(await stored()).toBe(before);
      await ownRedis.start();
      const retried = await waitFor(async () => {
        const answer = await report(replica, key, 'Water leak under the server room floor');
        return answer.status === 503 ? undefined : answer;
      }, { timeoutMs: 20_000, intervalMs: 200, description: 'the service to reach Redis again' });
      expect(retried.status).toBe(201);
      expect(await stored()).toBe(before + 1);
    } finally {
      await replica.shutdown();
      await ownRedis.stop();
    }
  });

  it('keeps the keys of different users apart', async () => {
    const key = randomUUID();
    const before = await stored();
    expect((await report(replicas[0]!, key, 'Window will not close')).status).toBe(201);
    expect((await report(replicas[1]!, key, 'Window will not close', { ...caller, userId: 'another-user' })).status).toBe(201);
    expect(await stored()).toBe(before + 2);
  });
});
