import { readFileSync } from 'node:fs';
import { EventStreamParser, HouqinClient, ProblemError, mayCall } from '@houqin/api-client';
import { generateClient, methodName, schemaType } from './client-generator';
import { generatedFiles } from './generate';

describe('the typed API client', () => {
  it('is generated from the current controllers and DTOs (run `npm run api-client` when this fails)', async () => {
    for (const { file, content } of await generatedFiles()) expect({ file, content: readFileSync(file, 'utf8') }).toEqual({ file, content });
  }, 30_000);

  it('covers every service of the merged document', async () => {
    const [document] = await generatedFiles();
    const paths = Object.keys((JSON.parse(document!.content) as { paths: Record<string, unknown> }).paths);
    for (const service of ['procurement', 'maintenance', 'catering', 'transport', 'evaluation']) expect(paths.some((path) => path.startsWith(`/api/v1/${service}/`))).toBe(true);
  }, 30_000);

  it('maps schemas to TypeScript types', () => {
    expect(schemaType({ $ref: '#/components/schemas/MaintenanceLocationDto' })).toBe('MaintenanceLocationDto');
    expect(schemaType({ type: 'array', items: { type: 'integer' } })).toBe('Array<number>');
    expect(schemaType({ enum: ['a', 'b'] })).toBe('"a" | "b"');
    expect(schemaType({ type: 'string', nullable: true })).toBe('string | null');
    expect(schemaType({ type: 'object' })).toBe('Record<string, unknown>');
    expect(schemaType({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'boolean' } }, required: ['a'] })).toBe('{\n  a: string;\n  b?: boolean;\n}');
    expect(methodName('maintenance_RepairRequestsController_report', 'maintenance')).toBe('repairRequestsReport');
  });

  it('generates one method per operation with typed input and answer', () => {
    const source = generateClient({
      tags: [{ name: 'maintenance' }],
      paths: {
        '/api/v1/maintenance/things/{id}': {
          get: {
            operationId: 'maintenance_ThingsController_get',
            'x-houqin-service': 'maintenance',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/MaintenanceThing' } } } } },
          },
        },
      },
      components: { schemas: { MaintenanceThing: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } } },
    });
    expect(source).toContain('export interface MaintenanceThing {\n  id: string;\n}');
    expect(source).toContain('thingsGet(input: MaintenanceThingsGetInput, options?: RequestOptions): Promise<MaintenanceThing>');
    expect(source).toContain('readonly maintenance: MaintenanceApi;');
  });

  it('sends the access token and throws the problem+json of an error as ProblemError', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const answers = [
      new Response(JSON.stringify({ id: 'r1' }), { status: 201, headers: { 'content-type': 'application/json' } }),
      new Response(JSON.stringify({ type: 'https://houqin.dev/problems/validation', title: 'Bad Request', status: 400, detail: 'description must be a string' }), {
        status: 400,
        headers: { 'content-type': 'application/problem+json' },
      }),
    ];
    const client = new HouqinClient({
      baseUrl: 'http://gateway/',
      accessToken: () => 'token-1',
      fetch: async (url, init) => {
        calls.push({ url: String(url), init: init! });
        return answers.shift()!;
      },
    });
    const created = await client.maintenance.repairRequestsReport({ body: { location: { building: 'A' }, description: 'Leak' } }, { idempotencyKey: 'k1' });
    expect(created).toEqual({ id: 'r1' });
    expect(calls[0]).toMatchObject({ url: 'http://gateway/api/v1/maintenance/repair-requests', init: { method: 'POST', body: JSON.stringify({ location: { building: 'A' }, description: 'Leak' }) } });
    expect(calls[0]!.init.headers).toMatchObject({ authorization: 'Bearer token-1', 'idempotency-key': 'k1', 'content-type': 'application/json' });

    const failure = await client.evaluation.auditTrailEntries({ subject: 'a b', limit: 5 }).catch((error: unknown) => error);
    expect(calls[1]!.url).toBe('http://gateway/api/v1/evaluation/audit-trail?limit=5&subject=a+b');
    expect(failure).toBeInstanceOf(ProblemError);
    expect(failure).toMatchObject({ status: 400, problem: { title: 'Bad Request', detail: 'description must be a string' } });
  });
});

describe('the typed client in the browser', () => {
  it('parses a server-sent event stream however it is cut into chunks', () => {
    const events: unknown[] = [];
    const parser = new EventStreamParser((event) => events.push(event));
    const stream = ': heartbeat\n\nid: 7\nevent: maintenance.work-order.assigned\ndata: {"a":\ndata: 1}\n\nretry: 2000\n\ndata: plain\r\n\r\n';
    for (let index = 0; index < stream.length; index += 5) parser.push(stream.slice(index, index + 5));
    expect(events).toEqual([
      { id: '7', event: 'maintenance.work-order.assigned', data: '{"a":\n1}' },
      { id: '7', event: 'message', data: 'plain' },
    ]);
    expect(parser.retryMs).toBe(2000);
  });

  it('streams events with the bearer token and resumes after the last one received', async () => {
    const calls: Array<Record<string, string>> = [];
    const encoder = new TextEncoder();
    const received: string[] = [];
    let answered = 0;
    const client = new HouqinClient({
      baseUrl: 'http://gateway',
      accessToken: 'token-1',
      fetch: async (_url, init) => {
        calls.push(init!.headers as Record<string, string>);
        answered += 1;
        const body = answered === 1 ? 'retry: 1\nid: 41\nevent: a\ndata: {}\n\n' : 'id: 42\nevent: b\ndata: {}\n\n';
        return new Response(new ReadableStream({ start: (controller) => (controller.enqueue(encoder.encode(body)), controller.close()) }), { status: 200, headers: { 'content-type': 'text/event-stream' } });
      },
    });
    const subscription = client.gateway.eventStreamStream({}, { onEvent: (event) => received.push(`${event.id} ${event.event}`) });
    const started = Date.now();
    while (received.length < 2 && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 5));
    subscription.close();
    expect(received.slice(0, 2)).toEqual(['41 a', '42 b']);
    expect(calls[0]).toMatchObject({ authorization: 'Bearer token-1', accept: 'text/event-stream' });
    expect(calls[1]).toMatchObject({ 'last-event-id': '41' });
  });

  it('names the fields a problem names, and who may call what by the policy table', async () => {
    const client = new HouqinClient({
      baseUrl: 'http://gateway',
      fetch: async () =>
        new Response(JSON.stringify({ type: 'urn:houqin:problem:validation', title: 'Bad Request', status: 400, errors: [{ field: 'attachments[0].url', rule: 'isFileUrl', message: 'must be https' }] }), {
          status: 400,
          headers: { 'content-type': 'application/problem+json' },
        }),
    });
    const failure = (await client.maintenance.repairRequestsReport({ body: { location: { building: 'A' }, description: 'Leak' } }).catch((error: unknown) => error)) as ProblemError;
    expect(failure.fieldErrors).toEqual([{ field: 'attachments[0].url', rule: 'isFileUrl', message: 'must be https' }]);
    expect(mayCall(['staff'], 'maintenance', 'repairRequestsReport')).toBe(true);
    expect(mayCall(['staff'], 'maintenance', 'workOrdersAssign')).toBe(false);
    expect(mayCall(['vendor'], 'maintenance', 'workOrdersAccept')).toBe(true);
    expect(mayCall([], 'gateway', 'authLogin')).toBe(true);
  });
});
