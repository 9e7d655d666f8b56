import { randomUUID } from 'node:crypto';
import { EventOrigin } from '@houqin/contracts';
import { Caller, requestContext } from '@houqin/observability';

/**
 * Where an event a use case emits comes from: the caller's agency, and the correlation id, causing
 * event and trace of the request or event handler being served.
 */
export function eventOrigin(caller: Pick<Caller, 'agencyId'>): EventOrigin {
  const context = requestContext.current();
  return {
    agencyId: caller.agencyId,
    correlationId: context?.correlationId ?? randomUUID(),
    ...(context?.causationId ? { causationId: context.causationId } : {}),
    ...(context?.traceparent ? { traceparent: context.traceparent } : {}),
    ...(context?.tracestate ? { tracestate: context.tracestate } : {}),
  };
}
