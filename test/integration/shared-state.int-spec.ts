import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_INTERNAL_TOKEN_SECRET, TEST_REDIS_URL, TestDatabase, createTestDatabase, internalToken, testCaller } from '@houqin/testing';

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

  it('keeps the keys of different users apart', async () => {
    const key = randomUUID();
    const before = await stored();
    expect((await report(replicas[0]!, key, 'Window will not close')).status).toBe(201);
    expect((await report(replicas[1]!, key, 'Window will not close', { ...caller, userId: 'another-user' })).status).toBe(201);
    expect(await stored()).toBe(before + 2);
  });
});
