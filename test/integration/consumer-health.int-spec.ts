import { Consumer } from 'kafkajs';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_INTERNAL_TOKEN_SECRET, TEST_KAFKA_BROKERS, TestDatabase, createTestDatabase, uniqueSuffix, waitFor } from '@houqin/testing';
import { randomUUID } from 'node:crypto';
import { ledgerFixture } from './ledger-fixture';

/** A consumer that dies must not leave a silent zombie: both probes fail. */
describe('health of the Kafka consumer', () => {
  const run = uniqueSuffix();
  const fixture = ledgerFixture(run);
  let database: TestDatabase;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('consumer_health');
    service = await startService(fixture.definition, {
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATABASE_URL: database.url,
        INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
        KAFKA_BROKERS: TEST_KAFKA_BROKERS,
        KAFKA_CONSUMER_GROUP: `health-${run}`,
        // The broker's shortest: a stalled handler gets its member dropped soon.
        KAFKA_SESSION_TIMEOUT_MS: '6000',
      },
    });
  });

  afterAll(async () => {
    await service.shutdown();
    await database.drop();
  });

  const probe = async (path: string) => {
    const response = await fetch(`${service.url}${path}`);
    return { status: response.status, body: (await response.json()) as { details?: Record<string, { status: string; state?: string }>; checks?: Record<string, { status: string; state?: string }> } };
  };

  it('reports ready and live while the consumer runs', async () => {
    await waitFor(async () => (await probe('/health/ready')).status === 200, { description: 'readiness' });
    expect((await probe('/health/live')).status).toBe(200);
  });

  it('rejoins its group when the coordinator dropped it (a handler held the process past the session timeout) and goes on consuming', async () => {
    const account = `stall-${run}`;
    const post = (note: string) => fixture.LedgerEntryPosted.create({ subject: account, origin: { agencyId: 'agency-test', correlationId: randomUUID() }, data: { account, amount: 1, note } });
    const publish = (envelope: ReturnType<typeof post>) => service.runtime.transport!.publish([{ topic: fixture.LedgerEntryPosted.topic, key: envelope.partitionkey, envelope }]);
    const stalled = post('stall 9000');
    await publish(stalled);
    await waitFor(() => fixture.handled.includes(stalled.id), { timeoutMs: 30_000, description: 'the stalling event to be handled' });
    const after = post('after the stall');
    await publish(after);
    const effects = async () => (await database.query<{ event_id: string }>(`SELECT event_id::text FROM ledger_effect WHERE account = $1`, [account])).map((row) => row.event_id);
    await waitFor(async () => (await effects()).includes(after.id), { timeoutMs: 60_000, intervalMs: 250, description: 'the next event applied by the rejoined consumer' });
    expect((await effects()).sort()).toEqual([stalled.id, after.id].sort());
    expect((await probe('/health/live')).status).toBe(200);
  }, 90_000);

  it('fails liveness and readiness once the consumer stops outside a shutdown', async () => {
    await service.runtime.server!.unwrap<Consumer>().stop();
    const live = await waitFor(async () => {
      const answer = await probe('/health/live');
      return answer.status === 503 && answer;
    }, { description: 'liveness to fail' });
    expect(live.body.checks?.['consumer']).toMatchObject({ status: 'down', state: 'crashed' });
    expect((await probe('/health/ready')).status).toBe(503);
    expect(await (await fetch(`${service.url}/metrics`)).text()).toMatch(/houqin_consumer_up\{[^}]*\} 0/);
  });
});
