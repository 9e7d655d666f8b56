import { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { GatewayMetricsServer, gatewayService } from '@houqin/gateway';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_ACCESS_TOKEN_SECRET, TEST_INTERNAL_TOKEN_SECRET, accessToken, createTestDatabase, testCaller } from '@houqin/testing';

/** Where nothing listens: services a test does not need are "down" from the start. */
const NOWHERE = 'http://127.0.0.1:9';

/**
 * A gateway in this process; every service URL points nowhere unless the test says otherwise. It
 * gets a throwaway database of its own (dropped at shutdown) unless `env` names a DATABASE_URL, and
 * the in-process transport.
 */
export async function startGateway(env: Record<string, string>): Promise<RunningService> {
  const database = env['DATABASE_URL'] ? undefined : await createTestDatabase('gateway');
  let gateway: RunningService;
  try {
    gateway = await startService(gatewayService, {
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'fatal',
        INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
        ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
        WEBHOOK_SECRET_KEY: 'test-webhook-secret-key-0123456789abcdef',
        PROCUREMENT_URL: NOWHERE,
        MAINTENANCE_URL: NOWHERE,
        CATERING_URL: NOWHERE,
        TRANSPORT_URL: NOWHERE,
        EVALUATION_URL: NOWHERE,
        MESSAGING_TRANSPORT: 'in-process',
        ...(database ? { DATABASE_URL: database.url } : {}),
        ...env,
      },
      broker: new InProcessBroker(),
    });
  } catch (error) {
    await database?.drop();
    throw error;
  }
  if (!database) return gateway;
  return {
    ...gateway,
    async shutdown(options) {
      await gateway.shutdown(options);
      await database.drop();
    },
  };
}

export interface GatewayAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | undefined;
}

/** A request to /api/v1… as a person with an access token (or none, with `caller: null`). */
export async function viaGateway(
  gateway: RunningService,
  method: string,
  path: string,
  options: { caller?: Caller | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<GatewayAnswer> {
  const caller = options.caller === undefined ? testCaller() : options.caller;
  const response = await fetch(`${gateway.url}/api/v1${path}`, {
    method,
    headers: {
      ...(caller ? { authorization: `Bearer ${accessToken(caller)}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** Where the gateway serves its metrics: a port of their own (METRICS_PORT), not the API's. */
export function gatewayMetricsUrl(gateway: RunningService): string {
  return gateway.app.get(GatewayMetricsServer).url;
}

/** The value of one series of the gateway's /metrics (0 when absent). */
export async function metricValue(gateway: RunningService, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(gatewayMetricsUrl(gateway))).text();
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

export type CircuitReading = 'closed' | 'half-open' | 'open';

export async function circuitOf(gateway: RunningService, service: string): Promise<CircuitReading> {
  const value = await metricValue(gateway, 'houqin_gateway_circuit_state', { upstream: service });
  return (['closed', 'half-open', 'open'] as const)[value]!;
}

/** How the stub answers one request. */
export type StubReply =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** Closes the connection without answering: the gateway sees a connection error. */
  | 'drop-connection'
  /** Never answers. */
  | 'hang';

export interface StubHit {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A service stand-in the test controls: answers each request with the next scripted reply (then
 * with the default one) and records every request that reached it.
 */
export class StubUpstream {
  readonly hits: StubHit[] = [];
  private readonly script: StubReply[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private fallback: StubReply,
  ) {}

  static async start(fallback: StubReply = { status: 200, body: { ok: true } }): Promise<StubUpstream> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const stub = new StubUpstream(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, fallback);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => stub.handle(request, response));
    return stub;
  }

  /** The replies to the next requests, in order. */
  replyWith(...replies: StubReply[]): void {
    this.script.push(...replies);
  }

  /** The reply once the script is used up. */
  otherwise(reply: StubReply): void {
    this.fallback = reply;
  }

  reset(): void {
    this.hits.length = 0;
    this.script.length = 0;
  }

  hitsTo(path: string): StubHit[] {
    return this.hits.filter((hit) => hit.path === path);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      this.hits.push({ method: request.method ?? 'GET', path: request.url ?? '/', headers: request.headers, body });
      const reply = this.script.shift() ?? this.fallback;
      if (reply === 'hang') return;
      if (reply === 'drop-connection') {
        request.socket.destroy();
        return;
      }
      const send = () => {
        response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      };
      if (!reply.delayMs) return send();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        send();
      }, reply.delayMs);
      this.timers.add(timer);
    });
  }
}
