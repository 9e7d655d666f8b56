import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable, serviceDataSourceOptions } from '@houqin/persistence';
import { TestDatabase, createTestDatabase, waitFor } from '@houqin/testing';

/**
 * A service's connection whose PostgreSQL server process is terminated while the service holds it
 * between two statements of a transaction (the relay waiting for Kafka, a handler computing): the
 * process lives on, the next statement fails as "database unavailable", and the pool serves a new
 * connection afterwards.
 */
describe('a pooled connection terminated while checked out', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let admin: Client;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    database = await createTestDatabase('connection_lost');
    dataSource = new DataSource(serviceDataSourceOptions({ service: 'maintenance', url: database.url, entities: [], migrations: [], runMigrations: false }));
    await dataSource.initialize();
    admin = new Client({ connectionString: database.url });
    await admin.connect();
    process.on('uncaughtException', onUncaught);
  });

  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await admin?.end();
    await dataSource?.destroy();
    await database?.drop();
  });

  async function terminate(pid: number): Promise<void> {
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await waitFor(async () => (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0, { description: 'the server process gone' });
  }

  it('held raw from the pool (as the outbox relay does): the next statement fails as unavailable, the process lives, the pool recovers', async () => {
    const [client, release] = (await (dataSource.driver as unknown as { obtainMasterConnection(): Promise<[Client, (error?: unknown) => void]> }).obtainMasterConnection());
    await client.query('BEGIN');
    // Checked out, pg-pool no longer listens for its errors; without a listener of its own the
    // termination's 'error' event would be thrown out of the socket's callback and end the process.
    expect(client.listenerCount('error')).toBeGreaterThan(0);
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await terminate(rows[0]!.pid);
    const failure = await client.query('SELECT 1').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(failure)).toBe(true);
    release(failure);
    expect(await dataSource.query('SELECT 42 AS answer')).toEqual([{ answer: 42 }]);
    expect(uncaught).toEqual([]);
  });

  it("held by a TypeORM query runner (a use case's transaction): the next statement fails as unavailable", async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
    await terminate(pid);
    const failure = await runner.query('SELECT 1').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(failure)).toBe(true);
    await runner.release();
    expect(await dataSource.query('SELECT 42 AS answer')).toEqual([{ answer: 42 }]);
    expect(uncaught).toEqual([]);
  });

  it("used through a transaction's entity manager (as a use case writes its events): the next statement fails as unavailable", async () => {
    const failure = await dataSource
      .transaction(async (manager) => {
        const [{ pid }] = (await manager.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
        await terminate(pid);
        // TypeORM lets go of the query runner once the connection reports its end; the statement
        // sent after that meets "the query runner's connection was already released".
        await waitFor(() => manager.queryRunner?.isReleased === true, { description: 'the query runner released' });
        await manager.query('SELECT 1');
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect((failure as Error)?.name).toBe('QueryRunnerProviderAlreadyReleasedError');
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(await dataSource.query('SELECT 42 AS answer')).toEqual([{ answer: 42 }]);
    expect(uncaught).toEqual([]);
  });
});
