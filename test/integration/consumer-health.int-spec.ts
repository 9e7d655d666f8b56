import { Consumer } from 'kafkajs';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_INTERNAL_TOKEN_SECRET, TEST_KAFKA_BROKERS, TestDatabase, createTestDatabase, uniqueSuffix, waitFor } from '@houqin/testing';
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
