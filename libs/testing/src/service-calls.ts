import { Caller } from '@houqin/observability';
import { TEST_INTERNAL_TOKEN_SECRET } from './infrastructure';
import { internalToken } from './tokens';

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
