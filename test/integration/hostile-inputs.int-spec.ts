import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Role } from '@houqin/auth';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { MAX_BODY_DEPTH, RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TEST_INTERNAL_TOKEN_SECRET, TestDatabase, accessToken, createTestDatabase, internalToken, testCaller } from '@houqin/testing';
import { catalogOfServices } from './all-services';
import { startGateway } from './gateway-fixture';

/**
 * Input an outsider sends to break the platform — bodies nested thousands deep, U+0000 in a body,
 * a path or a query, array-valued query parameters, prototype keys — is refused at the edge, by one
 * rule for every route: a 400 problem naming the field or the limit, never a 5xx, nothing written.
 */
fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261206) });

const ROLES_OF_THE_CALLER: Role[] = ['platform-admin', 'agency-admin', 'logistics-manager', 'approver', 'staff', 'evaluator', 'auditor'];

interface Answer {
  status: number;
  type: string;
  body: Record<string, unknown> | undefined;
}

interface Operation {
  method: string;
  /** The OpenAPI path, /api/v1/… */
  path: string;
  pathParameters: string[];
  queryParameters: string[];
  bodyProperties: string[];
}

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

type OpenApi = { paths: Record<string, Record<string, OpenApiOperation>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };

function operationsOf(document: OpenApi): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => {
        const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
        const schema = ref ? document.components.schemas[ref.split('/').pop()!] : undefined;
        return {
          method: method.toUpperCase(),
          path,
          pathParameters: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          queryParameters: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          bodyProperties: Object.keys(schema?.properties ?? {}),
        };
      }),
  );
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: Record<string, unknown> | undefined;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    body = { unparsed: text.slice(0, 200) };
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', body };
}

/** Every row of every table of one database, per table: what "nothing written" is compared on. */
async function rowCounts(database: TestDatabase): Promise<Record<string, number>> {
  const tables = await database.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  if (tables.length === 0) return {};
  const rows = await database.query<{ name: string; count: string }>(tables.map((t) => `SELECT '${t.name}' AS name, count(*) AS count FROM ${t.name}`).join(' UNION ALL '));
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.count)]));
}

function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

function nestedObjects(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

describe('hostile input at the edge', () => {
  const broker = new InProcessBroker();
  const services: Record<string, RunningService> = {};
  const databases: Record<string, TestDatabase> = {};
  let gateway: RunningService;
  let operations: Operation[];
  const caller: Caller = testCaller({ agencyId: randomUUID(), userId: `hostile-${randomUUID()}`, roles: ROLES_OF_THE_CALLER });

  beforeAll(async () => {
    for (const definition of catalogOfServices) {
      const database = await createTestDatabase(`hostile_${definition.name}`);
      databases[definition.name] = database;
      services[definition.name] = await startService(definition, {
        env: {
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'fatal',
          DATABASE_URL: database.url,
          INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
          BID_SEALING_KEY: TEST_BID_SEALING_KEY,
          MESSAGING_TRANSPORT: 'in-process',
        },
        broker,
      });
    }
    databases['gateway'] = await createTestDatabase('hostile_gateway');
    gateway = await startGateway({
      DATABASE_URL: databases['gateway'].url,
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...Object.fromEntries(Object.entries(services).map(([name, service]) => [`${name.toUpperCase()}_URL`, service.url])),
    });
    const document = (await (await fetch(`${gateway.url}/api/openapi.json`)).json()) as OpenApi;
    operations = operationsOf(document);
  });

  afterAll(async () => {
    await gateway?.shutdown();
    for (const service of Object.values(services)) await service.shutdown();
    for (const database of Object.values(databases)) await database.drop();
  });

  async function everyRowCount(): Promise<Record<string, Record<string, number>>> {
    const entries = await Promise.all(Object.entries(databases).map(async ([name, database]) => [name, await rowCounts(database)] as const));
    return Object.fromEntries(entries);
  }

  /** A request through the gateway, as a person holding every role but vendor's and integrator's. */
  async function viaGateway(method: string, pathAndQuery: string, body?: string): Promise<Answer> {
    const response = await fetch(`${gateway.url}${pathAndQuery}`, {
      method,
      headers: { authorization: `Bearer ${accessToken(caller)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    return answer(response);
  }

  /** A request straight to a service, with the internal token the gateway would have issued. */
  async function toService(service: string, method: string, pathAndQuery: string, body?: string): Promise<Answer> {
    const response = await fetch(`${services[service]!.url}${pathAndQuery}`, {
      method,
      headers: { authorization: `Bearer ${internalToken(caller)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    return answer(response);
  }

  function expectRefusal(result: Answer, field: string, rule?: string): void {
    expect({ status: result.status, type: result.type }).toEqual({ status: 400, type: expect.stringContaining('application/problem+json') });
    expect(result.body?.['errors']).toEqual(expect.arrayContaining([expect.objectContaining({ field, ...(rule ? { rule } : {}) })]));
  }

  describe('bodies nested too deep (item 2)', () => {
    it(`refuses an array nested 20,000 deep and an object nested 5,000 deep on write routes, naming the limit of ${MAX_BODY_DEPTH}`, async () => {
      for (const route of ['/api/v1/auth/login', '/api/v1/procurement/vendors', '/api/v1/maintenance/repair-requests', '/api/v1/transport/vehicles']) {
        for (const body of [nestedArrays(20_000), `{"name":${nestedObjects(5_000)}}`]) {
          const result = await viaGateway('POST', route, body);
          expectRefusal(result, 'body', 'maxDepth');
          expect(String(result.body?.['detail'])).toContain(`the limit is ${MAX_BODY_DEPTH}`);
        }
      }
    });

    it('refuses them at every service too, before its validation walks the body', async () => {
      for (const [service, route] of [['procurement', '/vendors'], ['maintenance', '/repair-requests'], ['catering', '/canteens'], ['transport', '/vehicles'], ['evaluation', '/audit-trail']]) {
        expectRefusal(await toService(service!, 'POST', route!, nestedArrays(20_000)), 'body', 'maxDepth');
        expectRefusal(await toService(service!, 'POST', route!, `{"title":${nestedObjects(MAX_BODY_DEPTH)}}`), 'body', 'maxDepth');
      }
    });
  });

  it('still answers a body that is not JSON as a bad request, at the gateway and at the service', async () => {
    for (const result of [await viaGateway('POST', '/api/v1/transport/vehicles', '{"plateNumber": '), await toService('transport', 'POST', '/vehicles', '"just text"')]) {
      expect({ status: result.status, type: result.type, problem: result.body?.['type'], detail: result.body?.['detail'] }).toEqual({
        status: 400,
        type: expect.stringContaining('application/problem+json'),
        problem: 'urn:houqin:problem:bad-request',
        detail: expect.stringMatching(/^request body is not valid JSON/),
      });
    }
  });

  describe('U+0000 and control characters (item 3)', () => {
    it('refuses U+0000 in a body string, naming the field, at the gateway and at the service', async () => {
      const storeRoom = JSON.stringify({ name: '一号库\u0000', location: 'A 栋' });
      expectRefusal(await viaGateway('POST', '/api/v1/procurement/store-rooms', storeRoom), 'name', 'noControlCharacters');
      const request = JSON.stringify({ title: '漏水', description: 'x', location: { building: 'A\u0000', room: '301' }, category: 'plumbing' });
      expectRefusal(await viaGateway('POST', '/api/v1/maintenance/repair-requests', request), 'location.building', 'noControlCharacters');
      expectRefusal(await toService('maintenance', 'POST', '/repair-requests', request), 'location.building', 'noControlCharacters');
      expectRefusal(await viaGateway('POST', '/api/v1/auth/login', JSON.stringify({ username: 'admin\u0000', password: 'x' })), 'username', 'noControlCharacters');
    });

    it('refuses a lone surrogate in a body string (PostgreSQL refuses it in jsonb), naming the field', async () => {
      const request = '{"title":"漏水","description":"\\ud800","location":{"building":"A","room":"301"},"category":"plumbing"}';
      expectRefusal(await viaGateway('POST', '/api/v1/maintenance/repair-requests', request), 'description', 'noControlCharacters');
      expectRefusal(await toService('maintenance', 'POST', '/repair-requests', request), 'description', 'noControlCharacters');
    });

    it('answers a body it cannot read (unknown charset or encoding, a gzip body that is not gzip) with a 4xx problem, before any login', async () => {
      const attempts: Array<{ headers: Record<string, string>; body: string | Uint8Array; status: number }> = [
        { headers: { 'content-type': 'application/json; charset=foo' }, body: '{"username":"a","password":"b"}', status: 415 },
        { headers: { 'content-type': 'application/json', 'content-encoding': 'compress' }, body: '{"username":"a","password":"b"}', status: 415 },
        { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'not gzip at all', status: 400 },
      ];
      for (const attempt of attempts) {
        for (const url of [`${gateway.url}/api/v1/auth/login`, `${services['maintenance']!.url}/repair-requests`]) {
          const result = await answer(await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${internalToken(caller)}`, ...attempt.headers }, body: attempt.body }));
          expect({ url, status: result.status, type: result.type }).toEqual({ url, status: attempt.status, type: expect.stringContaining('application/problem+json') });
        }
      }
    });

    it('refuses U+0000 in a path parameter, naming path.<parameter>', async () => {
      expectRefusal(await viaGateway('GET', '/api/v1/maintenance/assets/by-code/%00'), 'path.code', 'noControlCharacters');
      expectRefusal(await toService('maintenance', 'GET', '/assets/by-code/A%00B'), 'path.code', 'noControlCharacters');
    });

    it('refuses U+0000 in a query parameter, naming query.<parameter>', async () => {
      expectRefusal(await viaGateway('GET', '/api/v1/maintenance/assets?building=%00'), 'query.building', 'noControlCharacters');
      expectRefusal(await viaGateway('GET', '/api/v1/evaluation/audit-trail?subject=%00'), 'query.subject', 'noControlCharacters');
      expectRefusal(await toService('maintenance', 'GET', '/assets?building=A%00'), 'query.building', 'noControlCharacters');
    });

    it('refuses a line break in a name and a bell anywhere, but keeps line breaks and tabs in free text', async () => {
      expectRefusal(await viaGateway('POST', '/api/v1/procurement/store-rooms', JSON.stringify({ name: '一号库\n二号库' })), 'name', 'noControlCharacters');
      const bell = await viaGateway('POST', '/api/v1/maintenance/repair-requests', JSON.stringify({ location: { building: 'A' }, description: '第一行\u0007' }));
      expectRefusal(bell, 'description', 'noControlCharacters');
      const multiLine = await viaGateway('POST', '/api/v1/maintenance/repair-requests', JSON.stringify({ location: { building: 'A' }, description: '空调漏水\r\n\t地面湿滑' }));
      expect(multiLine.status).toBe(201);
      expect(multiLine.body?.['description']).toBe('空调漏水\r\n\t地面湿滑');
    });
  });

  describe('array-valued query parameters and prototype keys (item 4)', () => {
    it('refuses limit[], status[] and origin[] where one value is expected, naming the parameter', async () => {
      expectRefusal(await viaGateway('GET', '/api/v1/procurement/vendors?limit[]=1&limit[]=2'), 'query.limit', 'singleValue');
      expectRefusal(await viaGateway('GET', '/api/v1/procurement/requisitions?status[]=draft'), 'query.status', 'singleValue');
      expectRefusal(await viaGateway('GET', '/api/v1/maintenance/work-orders?origin[]=raised&origin[]=preventive'), 'query.origin', 'singleValue');
      expectRefusal(await viaGateway('GET', '/api/v1/maintenance/work-orders?status=open&status=closed'), 'query.status', 'singleValue');
      expectRefusal(await toService('transport', 'GET', '/vehicles?limit[]=5'), 'query.limit', 'singleValue');
    });

    it('refuses constructor, __proto__ and prototype keys naming the property, and creates nothing', async () => {
      const vehicle = { plateNumber: '闽A54321', vehicleType: 'sedan', seats: 5, odometerKm: 1200, fuel: 'petrol' };
      const before = await everyRowCount();
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        const body = `{"plateNumber":"${vehicle.plateNumber}","vehicleType":"sedan","seats":5,"odometerKm":1200,"fuel":"petrol","${key}":{"isAdmin":true}}`;
        const result = await viaGateway('POST', '/api/v1/transport/vehicles', body);
        expectRefusal(result, key, 'unknown-property');
        expectRefusal(await toService('transport', 'POST', '/vehicles', body), key, 'unknown-property');
      }
      expect(await everyRowCount()).toEqual(before);
      // The same vehicle without the key is accepted: the refusal was the key's, not the form's.
      expect((await viaGateway('POST', '/api/v1/transport/vehicles', JSON.stringify(vehicle))).status).toBe(201);
    });

    it('documents every defaulted query parameter as optional in the merged OpenAPI document', async () => {
      const document = (await (await fetch(`${gateway.url}/api/openapi.json`)).json()) as OpenApi;
      const limits = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.entries(item).flatMap(([method, operation]) =>
          (operation.parameters ?? []).filter((p) => p.in === 'query' && p.name === 'limit').map((p) => ({ operation: `${method} ${path}`, required: p.required ?? false })),
        ),
      );
      expect(limits.length).toBeGreaterThanOrEqual(15);
      expect(limits.filter((limit) => limit.required)).toEqual([]);
      const vendors = document.paths['/api/v1/procurement/vendors']!['get']!.parameters!.find((p) => p.name === 'limit');
      expect(vendors).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } });
    });
  });

  describe('every operation of the merged document, attacked', () => {
    type Hostile =
      | { kind: 'deep-body'; text: string }
      | { kind: 'nul-in-body'; text: string }
      | { kind: 'prototype-key'; text: string }
      | { kind: 'array-query'; query: string }
      | { kind: 'nul-in-query'; query: string }
      | { kind: 'nul-in-path'; parameter: string; value: string };

    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const withNul = fc.tuple(text, text).map(([before, after]) => `${before}\u0000${after}`);

    function hostileFor(operation: Operation): fc.Arbitrary<Hostile> {
      const property = fc.constantFrom(...operation.bodyProperties, 'note');
      const query = fc.constantFrom(...operation.queryParameters, 'limit');
      const kinds: Array<fc.Arbitrary<Hostile>> = [
        fc.tuple(query, fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([name, values, bracketed]) => ({
          kind: 'array-query' as const,
          query: bracketed || values.length === 1 ? values.map((value) => `${name}[]=${value}`).join('&') : values.map((value) => `${name}=${value}`).join('&'),
        })),
        fc.tuple(query, withNul).map(([name, value]) => ({ kind: 'nul-in-query' as const, query: `${name}=${encodeURIComponent(value)}` })),
      ];
      if (operation.method !== 'GET') {
        kinds.push(
          fc.tuple(property, fc.integer({ min: MAX_BODY_DEPTH + 1, max: 20_000 }), fc.boolean()).map(([name, depth, arrays]) => ({
            kind: 'deep-body' as const,
            text: `{"${name}":${arrays ? nestedArrays(depth) : nestedObjects(depth)}}`,
          })),
          fc.tuple(property, withNul, fc.boolean()).map(([name, value, nested]) => ({
            kind: 'nul-in-body' as const,
            text: JSON.stringify(nested ? { [name]: [{ detail: value }] } : { [name]: value }),
          })),
          fc.tuple(property, fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.boolean()).map(([name, key, nested]) => ({
            kind: 'prototype-key' as const,
            text: nested ? `{"${name}":{"${key}":{"polluted":true}}}` : `{"${name}":"x","${key}":{"polluted":true}}`,
          })),
        );
      }
      if (operation.pathParameters.length > 0) {
        kinds.push(fc.tuple(fc.constantFrom(...operation.pathParameters), withNul).map(([parameter, value]) => ({ kind: 'nul-in-path' as const, parameter, value })));
      }
      return fc.oneof(...kinds);
    }

    function request(operation: Operation, hostile: Hostile): { url: string; body?: string } {
      let path = operation.path;
      for (const parameter of operation.pathParameters) {
        const value = hostile.kind === 'nul-in-path' && hostile.parameter === parameter ? encodeURIComponent(hostile.value) : randomUUID();
        path = path.replace(`{${parameter}}`, value);
      }
      const query = hostile.kind === 'array-query' || hostile.kind === 'nul-in-query' ? `?${hostile.query}` : '';
      return { url: `${path}${query}`, ...('text' in hostile ? { body: hostile.text } : {}) };
    }

    it('never answers 5xx, answers problem+json, and writes nothing, for any operation and any hostile input', async () => {
      expect(operations.length).toBeGreaterThan(100);
      const before = await everyRowCount();
      const seen: string[] = [];
      for (const operation of operations) {
        await fc.assert(
          fc.asyncProperty(hostileFor(operation), async (hostile) => {
            const { url, body } = request(operation, hostile);
            const result = await viaGateway(operation.method, url, body);
            const label = `${operation.method} ${url.slice(0, 120)} (${hostile.kind})`;
            expect({ label, status: result.status >= 500 ? result.status : 'below 500' }).toEqual({ label, status: 'below 500' });
            expect({ label, type: result.type }).toEqual({ label, type: expect.stringContaining('application/problem+json') });
            // Body and query checks come before authentication and routing; a path parameter is
            // checked once the route is known, after the role's permission.
            if (hostile.kind === 'nul-in-path') expect({ label, status: [400, 403, 404].includes(result.status) }).toEqual({ label, status: true });
            else expect({ label, status: result.status }).toEqual({ label, status: 400 });
          }),
          { numRuns: 5 },
        );
        seen.push(`${operation.method} ${operation.path}`);
      }
      expect(seen).toHaveLength(operations.length);
      expect(await everyRowCount()).toEqual(before);
    });
  });
});
