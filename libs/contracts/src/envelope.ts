import { z } from 'zod';

/**
 * CloudEvents 1.0 structured-mode envelope, plus Houqin's extension attributes.
 * Extension names follow the CloudEvents rule (lower-case letters and digits only).
 */
export const SERVICE_NAMES = ['gateway', 'procurement', 'maintenance', 'catering', 'transport', 'evaluation'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().uuid(),
  source: z.string().min(1).regex(/^\/houqin\/[a-z-]+$/, 'must be /houqin/<service>'),
  type: z.string().regex(/^houqin\.[a-z-]+\.[a-z-]+\.[a-z-]+\.v[1-9][0-9]*$/, 'must be houqin.<service>.<aggregate>.<action>.v<n>'),
  subject: z.string().min(1).max(200),
  time: z.string().datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().optional(),
  /** Tenant: the agency whose data this event is about. */
  agencyid: z.string().min(1).max(64),
  /** The request or process that led to this event, carried across services. */
  correlationid: z.string().min(1).max(128),
  /** The id of the event (or request) that directly caused this one. */
  causationid: z.string().min(1).max(128).optional(),
  /** W3C trace context (CloudEvents distributed tracing extension). */
  traceparent: z.string().regex(TRACEPARENT).optional(),
  tracestate: z.string().max(512).optional(),
  /** CloudEvents partitioning extension: the aggregate id, also the Kafka message key. */
  partitionkey: z.string().min(1).max(200),
  data: z.unknown(),
});

export type EventEnvelope<TData = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: TData };

/** Attributes the producer chooses; the rest of the envelope is derived. */
export interface EventOrigin {
  agencyId: string;
  correlationId: string;
  causationId?: string;
  traceparent?: string;
  tracestate?: string;
}
