import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

/** Who is acting, as established by the gateway's signed internal token. */
export interface Caller {
  agencyId: string;
  userId: string;
  roles: string[];
  /** Agencies a supervising body may read across. */
  supervisedAgencyIds?: string[];
  /** For vendor staff: the vendor they act for. */
  vendorId?: string;
}

/** What travels with one unit of work: an HTTP request or the handling of one event. */
export interface RequestContext {
  correlationId: string;
  /** Id of the event being handled, when the work is an event handler. */
  causationId?: string;
  traceparent?: string;
  tracestate?: string;
  caller?: Caller;
  /** The Idempotency-Key this request claimed: recorded by the outbox in the command's own transaction. */
  idempotency?: IdempotentRequest;
}

/** One attempt at a request that carries an Idempotency-Key. */
export interface IdempotentRequest {
  /** The key, scoped to the service, the agency and the user. */
  key: string;
  /** What was asked (method, path, body): the same key for a different request is refused. */
  fingerprint: string;
  /** This attempt: a retry of the same key is another attempt. */
  attemptId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, work: () => T): T {
    return storage.run(context, work);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
  /** Sets the caller on the current context once authentication has established it. */
  setCaller(caller: Caller): void {
    const store = storage.getStore();
    if (store) store.caller = caller;
  },
};

export function newCorrelationId(): string {
  return randomUUID();
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Continues an incoming W3C trace (new span id) or starts a new one. */
export function continueTrace(incoming?: string): string {
  const match = incoming ? TRACEPARENT.exec(incoming) : null;
  const traceId = match?.[1] && !/^0+$/.test(match[1]) ? match[1] : randomBytes(16).toString('hex');
  const flags = match?.[3] ?? '01';
  return `00-${traceId}-${randomBytes(8).toString('hex')}-${flags}`;
}

/** Header values must be bounded and printable before they go into logs or events. */
export function acceptableId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}
