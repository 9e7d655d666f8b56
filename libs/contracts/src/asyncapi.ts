import { z } from 'zod';
import { EventCatalog } from './catalog';
import { envelopeSchema } from './envelope';

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonObject {
  const generated = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as JsonObject;
  delete generated['$schema'];
  return generated;
}

/** Content type of the message value: CloudEvents structured mode. */
const CONTENT_TYPE = 'application/cloudevents+json';
/** The `content-type` header exactly as the Kafka producer (libs/messaging kafka-transport.ts) sets it. */
const CONTENT_TYPE_HEADER = 'application/cloudevents+json; charset=utf-8';

/** Locale-independent order, so the generated document is byte-identical on every machine. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function messageId(type: string): string {
  return type;
}

/**
 * Builds the AsyncAPI 3.0 document of every topic and event type in the catalog. The document is
 * committed as docs/asyncapi.yaml; a test regenerates it and fails when the committed copy is stale.
 */
export function buildAsyncApiDocument(catalog: EventCatalog, version: string): JsonObject {
  const envelope = jsonSchema(envelopeSchema);
  const channels: JsonObject = {};
  const operations: JsonObject = {};
  const deadLetterOperations: JsonObject = {};
  const messages: JsonObject = {};

  const byTopic = new Map<string, ReturnType<EventCatalog['get']>[]>();
  for (const contract of catalog.contracts) {
    byTopic.set(contract.topic, [...(byTopic.get(contract.topic) ?? []), contract]);
  }

  for (const [topic, contracts] of [...byTopic.entries()].sort(([a], [b]) => byCodeUnits(a, b))) {
    const channelMessages: JsonObject = {};
    for (const contract of contracts.sort((a, b) => byCodeUnits(a.type, b.type))) {
      const id = messageId(contract.type);
      messages[id] = {
        name: contract.type,
        title: `${contract.name} v${contract.version}`,
        summary: contract.description,
        description: `Published by the ${contract.service} service on ${topic}. The value is the CloudEvents envelope; \`data\` holds the ${contract.name} payload.`,
        tags: [{ name: contract.service }],
        contentType: CONTENT_TYPE,
        headers: {
          type: 'object',
          description: 'Set by the Kafka producer; the envelope in the value is authoritative.',
          required: ['content-type', 'ce_type', 'ce_id'],
          properties: {
            'content-type': { type: 'string', const: CONTENT_TYPE_HEADER },
            ce_type: { type: 'string', const: contract.type, description: 'The envelope type, readable without parsing the value.' },
            ce_id: { type: 'string', format: 'uuid', description: 'The envelope id; consumers deduplicate on it.' },
          },
        },
        correlationId: {
          description: 'The request or process that led to the event, carried across services.',
          location: '$message.payload#/correlationid',
        },
        payload: {
          allOf: [
            { $ref: '#/components/schemas/CloudEventEnvelope' },
            {
              type: 'object',
              required: ['type', 'data'],
              properties: { type: { const: contract.type }, data: jsonSchema(contract.schema) },
            },
          ],
        },
        bindings: {
          kafka: {
            key: { type: 'string', description: 'Aggregate id (the envelope subject): events of one aggregate stay in order.' },
            bindingVersion: '0.5.0',
          },
        },
      };
      channelMessages[id] = { $ref: `#/components/messages/${id}` };
      operations[`${contract.service}.publish.${contract.name}.v${contract.version}`] = {
        action: 'send',
        title: `${contract.service} publishes ${contract.name} v${contract.version}`,
        summary: contract.description,
        description: `The ${contract.service} service writes the event to its transactional outbox in the transaction that changes the aggregate; the outbox relay publishes it, keyed by the aggregate id.`,
        tags: [{ name: contract.service }],
        channel: { $ref: `#/channels/${topic}` },
        messages: [{ $ref: `#/channels/${topic}/messages/${id}` }],
      };
    }
    const service = contracts[0]?.service ?? 'unknown';
    channels[topic] = {
      address: topic,
      title: topic,
      description: `Events of one aggregate type, produced by the ${service} service through its transactional outbox, keyed by aggregate id.`,
      messages: channelMessages,
    };
    channels[`${topic}.dlq`] = {
      address: `${topic}.dlq`,
      title: `${topic}.dlq`,
      description:
        'Dead letters: events of the parent topic that a consumer group could not process after its retries, or that failed validation. The value is the original bytes; headers carry the reason.',
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
    };
    deadLetterOperations[`deadLetter.${topic}`] = {
      action: 'send',
      title: `A consumer dead-letters an event of ${topic}`,
      summary: 'A consumer group sends an event it cannot process to the dead-letter topic and moves on.',
      description:
        'Sent after the handler failed on every retry, or at once when the event can never be valid (not JSON, invalid envelope, data breaking its contract).',
      tags: [{ name: 'dead-letters' }],
      channel: { $ref: `#/channels/${topic}.dlq` },
      messages: [{ $ref: `#/channels/${topic}.dlq/messages/DeadLetter` }],
    };
  }
  Object.assign(operations, deadLetterOperations);

  messages['DeadLetter'] = {
    name: 'DeadLetter',
    title: 'Dead letter',
    summary: 'An event a consumer group gave up on, with the error that stopped it.',
    contentType: 'application/octet-stream',
    tags: [{ name: 'dead-letters' }],
    headers: {
      type: 'object',
      required: ['houqin-dlq-reason', 'houqin-dlq-error', 'houqin-dlq-attempts', 'houqin-dlq-consumer-group', 'houqin-dlq-original-topic', 'houqin-dlq-original-partition', 'houqin-dlq-original-offset', 'houqin-dlq-failed-at'],
      properties: {
        'houqin-dlq-reason': { type: 'string', enum: ['handler-failed', 'malformed', 'envelope-invalid', 'data-invalid'] },
        'houqin-dlq-error': { type: 'string' },
        'houqin-dlq-attempts': { type: 'string' },
        'houqin-dlq-consumer-group': { type: 'string' },
        'houqin-dlq-original-topic': { type: 'string' },
        'houqin-dlq-original-partition': { type: 'string' },
        'houqin-dlq-original-offset': { type: 'string' },
        'houqin-dlq-failed-at': { type: 'string', format: 'date-time' },
      },
    },
    payload: { description: 'The original message value, unchanged.' },
  };

  const services = [...new Set(catalog.contracts.map((c) => c.service))].sort();
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Houqin platform events',
      version,
      description:
        'Every event Houqin services publish. Each is a CloudEvents 1.0 structured-mode JSON message with the extensions agencyid (tenant), correlationid, causationid, traceparent/tracestate and partitionkey. Generated from libs/contracts; do not edit by hand.',
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      tags: [
        ...services.map((service) => ({ name: service, description: `Events the ${service} service publishes.` })),
        { name: 'dead-letters', description: 'Events consumers gave up on, on the <topic>.dlq topics.' },
      ],
    },
    defaultContentType: CONTENT_TYPE,
    servers: {
      kafka: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'The broker the platform is configured with (KAFKA_BROKERS).',
      },
    },
    channels,
    operations,
    components: { schemas: { CloudEventEnvelope: envelope }, messages },
  };
}
