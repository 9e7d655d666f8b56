import { Caller } from '@houqin/observability';
import { TEST_ACCESS_TOKEN_SECRET, TEST_INTERNAL_TOKEN_SECRET } from './infrastructure';
import { accessToken, internalToken } from './tokens';

/**
 * The environment of a service started inside the test process (`startService`): any free port on
 * 127.0.0.1, the in-process transport, the test secret, quiet logs; `extra` adds or overrides.
 */
export function inProcessServiceEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
    MESSAGING_TRANSPORT: 'in-process',
    ...extra,
  };
}

/** A service's answer: its status and its JSON body, typed loosely for assertions on objects and lists. */
export interface ServiceAnswer {
  status: number;
  body: Record<string, unknown> & Array<Record<string, unknown>>;
}

/** Calls a service directly as `caller`, with the internal token the gateway would forward. */
export async function callService(baseUrl: string, caller: Caller, method: string, path: string, body?: unknown): Promise<ServiceAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${internalToken(caller)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as ServiceAnswer['body'] };
}

/** A gateway's answer: its status and its JSON body. */
export interface GatewayAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Calls the gateway at `gatewayUrl` under `/api/v1` as `caller`, with an access token signed by the test secret. */
export async function callGateway(gatewayUrl: string, caller: Caller, method: string, path: string, body?: unknown): Promise<GatewayAnswer> {
  const response = await fetch(`${gatewayUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken(caller, TEST_ACCESS_TOKEN_SECRET)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** The body of an answer that must have `status`; any other status fails with what was answered. */
export async function expectStatus(answer: Promise<GatewayAnswer>, status: number): Promise<Record<string, unknown>> {
  const settled = await answer;
  if (settled.status !== status) throw new Error(`expected ${status}, got ${settled.status}: ${JSON.stringify(settled.body)}`);
  return settled.body;
}
