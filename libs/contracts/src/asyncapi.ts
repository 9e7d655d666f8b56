import { z } from 'zod';
import { EventCatalog } from './catalog';
import { envelopeSchema } from './envelope';

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonObject {
  const generated = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as JsonObject;
  delete generated['$schema'];
  return generated;
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
  const messages: JsonObject = {};

  const byTopic = new Map<string, ReturnType<EventCatalog['get']>[]>();
  for (const contract of catalog.contracts) {
    byTopic.set(contract.topic, [...(byTopic.get(contract.topic) ?? []), contract]);
  }

  for (const [topic, contracts] of [...byTopic.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const channelMessages: JsonObject = {};
    for (const contract of contracts.sort((a, b) => a.type.localeCompare(b.type))) {
      const id = messageId(contract.type);
      messages[id] = {
        name: contract.type,
        title: `${contract.name} v${contract.version}`,
        summary: contract.description,
        contentType: 'application/cloudevents+json',
        headers: {
          type: 'object',
          properties: {
            'ce-type': { type: 'string', const: contract.type },
            'ce-id': { type: 'string', description: 'Event id; consumers deduplicate on it.' },
            'content-type': { type: 'string', const: 'application/cloudevents+json' },
          },
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
  }

  messages['DeadLetter'] = {
    name: 'DeadLetter',
    title: 'Dead letter',
    summary: 'An event a consumer group gave up on, with the error that stopped it.',
    headers: {
      type: 'object',
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

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Houqin platform events',
      version,
      description:
        'Every event Houqin services publish. Each is a CloudEvents 1.0 structured-mode JSON message with the extensions agencyid (tenant), correlationid, causationid, traceparent/tracestate and partitionkey. Generated from libs/contracts; do not edit by hand.',
    },
    defaultContentType: 'application/cloudevents+json',
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
