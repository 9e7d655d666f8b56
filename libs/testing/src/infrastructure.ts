import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase, withDatabase } from '@houqin/persistence';

/** The machine's PostgreSQL server, where tests create throwaway databases. */
export const TEST_POSTGRES_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_KAFKA_BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/0';
export const TEST_INTERNAL_TOKEN_SECRET = 'test-internal-token-secret-0123456789abcdef';
export const TEST_ACCESS_TOKEN_SECRET = 'test-access-token-secret-0123456789abcdef';
/** Procurement's BID_SEALING_KEY in tests. */
export const TEST_BID_SEALING_KEY = 'test-bid-sealing-key-0123456789abcdef';

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export interface TestDatabase {
  url: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh database on the machine's PostgreSQL, dropped by `drop()`. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `houqin_test_${label.replace(/[^a-z0-9]/g, '_')}_${uniqueSuffix()}`.slice(0, 63);
  const url = withDatabase(TEST_POSTGRES_URL, name);
  await ensureDatabase(url);
  return {
    url,
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    drop: () => dropDatabase(url),
  };
}

const handedOut = new Set<number>();

/**
 * A TCP port free on 127.0.0.1 right now, never one this process handed out before: the operating
 * system may offer a port again as soon as it is closed, and two services of one test given the same
 * port would answer for each other (the second exits on EADDRINUSE while the first passes its
 * readiness check).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
