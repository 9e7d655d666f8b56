import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EventEnvelope, EventOrigin, ServiceName, envelopeSchema } from './envelope';

export interface EventContractDefinition<TSchema extends z.ZodType> {
  /** The bounded context that produces the event. */
  service: ServiceName;
  /** Aggregate type in kebab case, e.g. `repair-request`; also names the topic. */
  aggregate: string;
  /** What happened, past tense in kebab case, e.g. `reported`. */
  action: string;
  version: number;
  description: string;
  schema: TSchema;
  /** Overrides the topic derived from service and aggregate (used by test contracts). */
  topic?: string;
}

/** One versioned event type: its name, topic, schema and the TypeScript type of its data. */
export interface EventContract<TData = unknown> {
  readonly service: ServiceName;
  readonly aggregate: string;
  readonly action: string;
  /** `<aggregate>.<action>`, the name the business uses. */
  readonly name: string;
  readonly version: number;
  /** CloudEvents `type`: `houqin.<service>.<aggregate>.<action>.v<version>`. */
  readonly type: string;
  /** Kafka topic, one per aggregate type so that per-aggregate order holds. */
  readonly topic: string;
  readonly source: string;
  readonly description: string;
  readonly schema: z.ZodType<TData>;
  /** Builds a validated envelope; throws EventContractViolation if `data` breaks the schema. */
  create(input: { subject: string; data: TData; origin: EventOrigin; id?: string; time?: Date }): EventEnvelope<TData>;
}

export type EventData<C> = C extends EventContract<infer D> ? D : never;

export class EventContractViolation extends Error {
  constructor(
    readonly eventType: string,
    readonly issues: Array<{ path: string; message: string }>,
  ) {
    super(`${eventType}: ${issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}`);
    this.name = 'EventContractViolation';
  }
}

export function zodIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export function defineEvent<TSchema extends z.ZodType>(
  definition: EventContractDefinition<TSchema>,
): EventContract<z.infer<TSchema>> {
  const { service, aggregate, action, version } = definition;
  const type = `houqin.${service}.${aggregate}.${action}.v${version}`;
  const contract: EventContract<z.infer<TSchema>> = {
    service,
    aggregate,
    action,
    name: `${aggregate}.${action}`,
    version,
    type,
    topic: definition.topic ?? `houqin.${service}.${aggregate}`,
    source: `/houqin/${service}`,
    description: definition.description,
    schema: definition.schema as z.ZodType<z.infer<TSchema>>,
    create({ subject, data, origin, id, time }) {
      const parsed = definition.schema.safeParse(data);
      if (!parsed.success) throw new EventContractViolation(type, zodIssues(parsed.error));
      const envelope: EventEnvelope<z.infer<TSchema>> = {
        specversion: '1.0',
        id: id ?? randomUUID(),
        source: `/houqin/${service}`,
        type,
        subject,
        time: (time ?? new Date()).toISOString(),
        datacontenttype: 'application/json',
        agencyid: origin.agencyId,
        correlationid: origin.correlationId,
        partitionkey: subject,
        data: parsed.data as z.infer<TSchema>,
      };
      if (origin.causationId) envelope.causationid = origin.causationId;
      if (origin.traceparent) envelope.traceparent = origin.traceparent;
      if (origin.tracestate) envelope.tracestate = origin.tracestate;
      const checked = envelopeSchema.safeParse(envelope);
      if (!checked.success) throw new EventContractViolation(type, zodIssues(checked.error));
      return envelope;
    },
  };
  return contract;
}
