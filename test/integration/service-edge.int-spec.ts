import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { catalogOfServices } from './all-services';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TEST_INTERNAL_TOKEN_SECRET, TestDatabase, createTestDatabase, internalToken, testCaller } from '@houqin/testing';

interface Operation {
  method: string;
  path: string;
  hasBody: boolean;
}

async function operationsOf(service: RunningService): Promise<Operation[]> {
  const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{[^}]+\}/g, randomUUID()),
      hasBody: Boolean(operation.requestBody),
    })),
  );
}

const tokens = {
  'no token': undefined,
  'a token signed with another secret': internalToken(testCaller(), 'another-secret-that-is-long-enough-0123456789'),
  'an expired token': jwt.sign({ sub: 'u', agency: 'a', roles: ['staff'], exp: Math.floor(Date.now() / 1000) - 60 }, TEST_INTERNAL_TOKEN_SECRET, {
    algorithm: 'HS256',
    issuer: 'houqin-gateway',
    audience: 'houqin-services',
  }),
  'an unsigned token (alg none)': `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
    JSON.stringify({ sub: 'u', agency: 'a', roles: ['platform-admin'], iss: 'houqin-gateway', aud: 'houqin-services', exp: Math.floor(Date.now() / 1000) + 60 }),
  ).toString('base64url')}.`,
  'a user access token instead of the internal one': jwt.sign({ sub: 'u', agency: 'a', roles: ['staff'] }, TEST_INTERNAL_TOKEN_SECRET, {
    algorithm: 'HS256',
    issuer: 'houqin',
    audience: 'houqin-api',
    expiresIn: 60,
  }),
};

describe('every service’s edge', () => {
  const broker = new InProcessBroker();
  const running: RunningService[] = [];
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    for (const definition of catalogOfServices) {
      const database = await createTestDatabase(`edge_${definition.name}`);
      databases.push(database);
      running.push(
        await startService(definition, {
          env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: database.url, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET, BID_SEALING_KEY: TEST_BID_SEALING_KEY, MESSAGING_TRANSPORT: 'in-process' },
          broker,
        }),
      );
    }
  });

  afterAll(async () => {
    for (const service of running) await service.shutdown();
    for (const database of databases) await database.drop();
  });

  it('exposes an OpenAPI document with operations for every service', async () => {
    for (const service of running) expect((await operationsOf(service)).length).toBeGreaterThan(0);
  });

  for (const [label, token] of Object.entries(tokens)) {
    it(`refuses every operation of every service called with ${label}`, async () => {
      for (const service of running) {
        for (const operation of await operationsOf(service)) {
          const response = await fetch(`${service.url}${operation.path}`, {
            method: operation.method,
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            ...(operation.hasBody ? { body: '{}' } : {}),
          });
          expect({ service: service.name, ...operation, status: response.status }).toEqual({ service: service.name, ...operation, status: 401 });
          expect(response.headers.get('content-type')).toContain('application/problem+json');
        }
      }
    });
  }

  it('answers 400 problem+json naming the field for a bad body on every operation that takes one', async () => {
    const token = internalToken(testCaller({ roles: ['staff', 'logistics-manager', 'agency-admin'] }));
    let checked = 0;
    for (const service of running) {
      for (const operation of (await operationsOf(service)).filter((op) => op.hasBody)) {
        const response = await fetch(`${service.url}${operation.path}`, {
          method: operation.method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ notAField: true }),
        });
        const problem = (await response.json()) as { status: number; errors?: Array<{ field: string; rule: string }> };
        expect({ service: service.name, ...operation, status: response.status }).toEqual({ service: service.name, ...operation, status: 400 });
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(problem.errors?.map((error) => error.field)).toContain('notAField');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(running.length);
  });

  it('answers 400 problem+json for a body that is not JSON', async () => {
    const token = internalToken(testCaller());
    let checked = 0;
    for (const service of running) {
      const operation = (await operationsOf(service)).find((op) => op.hasBody);
      if (!operation) continue;
      checked += 1;
      const response = await fetch(`${service.url}${operation.path}`, {
        method: operation.method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{"unterminated": ',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('answers probes and metrics without a token', async () => {
    for (const service of running) {
      expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
      expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
      expect(await (await fetch(`${service.url}/metrics`)).text()).toContain('houqin_http_request_duration_seconds');
    }
  });
});
