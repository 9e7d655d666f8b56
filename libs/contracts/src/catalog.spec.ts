import { z } from 'zod';
import { EventCatalog } from './catalog';
import { envelopeSchema } from './envelope';
import { EventContractViolation, defineEvent } from './event-contract';
import { RepairRequestReported, platformEvents } from './events';

const WidgetRepaired = defineEvent({
  service: 'maintenance',
  aggregate: 'widget',
  action: 'repaired',
  version: 2,
  description: 'A widget was repaired (test contract).',
  schema: z.object({
    widgetId: z.string().uuid(),
    parts: z.array(z.string().min(1)).min(1),
    cost: z.number().int().nonnegative(),
    note: z.string().optional(),
  }),
});

const WidgetScrapped = defineEvent({
  service: 'maintenance',
  aggregate: 'widget',
  action: 'scrapped',
  version: 1,
  description: 'A widget was scrapped (test contract with an explicit topic).',
  schema: z.object({ widgetId: z.string().uuid() }),
  topic: 'houqin.test.widgets',
});

const widgetId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const data = { widgetId, parts: ['valve'], cost: 120 };
const origin = { agencyId: 'agency-bj-001', correlationId: 'req-123' };
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('defineEvent', () => {
  it('derives name, type, topic and source from service, aggregate, action and version', () => {
    expect(WidgetRepaired).toMatchObject({
      service: 'maintenance',
      aggregate: 'widget',
      action: 'repaired',
      name: 'widget.repaired',
      version: 2,
      type: 'houqin.maintenance.widget.repaired.v2',
      topic: 'houqin.maintenance.widget',
      source: '/houqin/maintenance',
    });
    expect(WidgetScrapped.topic).toBe('houqin.test.widgets');
  });
});

describe('EventContract.create', () => {
  it('fills the CloudEvents envelope and the Houqin extensions', () => {
    const time = new Date('2025-03-04T08:15:00.000Z');
    const envelope = WidgetRepaired.create({ subject: widgetId, data, origin, id: 'b7e6a3f0-5c1d-4e2a-9f8b-1a2b3c4d5e6f', time });
    expect(envelope).toEqual({
      specversion: '1.0',
      id: 'b7e6a3f0-5c1d-4e2a-9f8b-1a2b3c4d5e6f',
      source: '/houqin/maintenance',
      type: 'houqin.maintenance.widget.repaired.v2',
      subject: widgetId,
      time: '2025-03-04T08:15:00.000Z',
      datacontenttype: 'application/json',
      agencyid: 'agency-bj-001',
      correlationid: 'req-123',
      partitionkey: widgetId,
      data,
    });
    expect(envelopeSchema.safeParse(envelope).success).toBe(true);
  });

  it('leaves out causationid, traceparent and tracestate unless given', () => {
    const envelope = WidgetRepaired.create({ subject: widgetId, data, origin });
    expect(envelope).not.toHaveProperty('causationid');
    expect(envelope).not.toHaveProperty('traceparent');
    expect(envelope).not.toHaveProperty('tracestate');
  });

  it('carries causationid, traceparent and tracestate when given', () => {
    const envelope = WidgetRepaired.create({
      subject: widgetId,
      data,
      origin: { ...origin, causationId: 'evt-41', traceparent, tracestate: 'houqin=1' },
    });
    expect(envelope).toMatchObject({ causationid: 'evt-41', traceparent, tracestate: 'houqin=1' });
  });

  it('generates a fresh UUID id and the current time by default', () => {
    const before = Date.now();
    const a = WidgetRepaired.create({ subject: widgetId, data, origin });
    const b = WidgetRepaired.create({ subject: widgetId, data, origin });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id).not.toBe(b.id);
    expect(Date.parse(a.time)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(a.time)).toBeLessThanOrEqual(Date.now());
  });

  it('returns the data as parsed by the schema (unknown keys stripped)', () => {
    const envelope = WidgetRepaired.create({ subject: widgetId, data: { ...data, extra: 'dropped' } as typeof data, origin });
    expect(envelope.data).toEqual(data);
  });

  it('throws EventContractViolation naming the field that breaks the schema', () => {
    const attempt = () => WidgetRepaired.create({ subject: widgetId, data: { ...data, cost: -5 }, origin });
    expect(attempt).toThrow(EventContractViolation);
    try {
      attempt();
    } catch (error) {
      const violation = error as EventContractViolation;
      expect(violation.name).toBe('EventContractViolation');
      expect(violation.eventType).toBe('houqin.maintenance.widget.repaired.v2');
      expect(violation.issues.map((i) => i.path)).toEqual(['cost']);
      expect(violation.message).toMatch(/^houqin\.maintenance\.widget\.repaired\.v2: cost /);
    }
  });

  it('names nested fields by their path and reports every broken field', () => {
    const bad = { widgetId: 'not-a-uuid', parts: [''], cost: 1 };
    expect(() => WidgetRepaired.create({ subject: widgetId, data: bad, origin })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'widgetId' }), expect.objectContaining({ path: 'parts.0' })] }),
    );
  });

  it('names a missing field', () => {
    const { widgetId: _omitted, ...withoutId } = data;
    expect(() => WidgetRepaired.create({ subject: widgetId, data: withoutId as typeof data, origin })).toThrow(/widgetId/);
  });

  it('refuses an envelope attribute that breaks the envelope schema', () => {
    // The subject is also the partition key, so both are reported.
    expect(() => WidgetRepaired.create({ subject: '', data, origin })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'subject' }), expect.objectContaining({ path: 'partitionkey' })] }),
    );
    expect(() => WidgetRepaired.create({ subject: widgetId, data, origin: { ...origin, agencyId: '' } })).toThrow(/agencyid/);
    expect(() => WidgetRepaired.create({ subject: widgetId, data, origin: { ...origin, traceparent: 'nope' } })).toThrow(/traceparent/);
  });
});

describe('EventCatalog', () => {
  const catalog = new EventCatalog([WidgetRepaired, WidgetScrapped]);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value));
  const envelope = () => JSON.parse(JSON.stringify(WidgetRepaired.create({ subject: widgetId, data, origin }))) as Record<string, unknown>;

  it('lists its contracts and their topics, and finds contracts by type', () => {
    expect(catalog.contracts).toEqual([WidgetRepaired, WidgetScrapped]);
    expect(catalog.topics).toEqual(['houqin.maintenance.widget', 'houqin.test.widgets']);
    expect(catalog.find(WidgetRepaired.type)).toBe(WidgetRepaired);
    expect(catalog.find('houqin.maintenance.widget.lost.v1')).toBeUndefined();
    expect(catalog.get(WidgetScrapped.type)).toBe(WidgetScrapped);
    expect(() => catalog.get('houqin.maintenance.widget.lost.v1')).toThrow(/unknown event type houqin\.maintenance\.widget\.lost\.v1/);
  });

  it('refuses two contracts of the same type', () => {
    const again = defineEvent({ ...WidgetRepaired, schema: z.object({}) });
    expect(() => new EventCatalog([WidgetRepaired, again])).toThrow(/duplicate event type houqin\.maintenance\.widget\.repaired\.v2/);
    expect(() => catalog.with(WidgetRepaired)).toThrow(/duplicate event type/);
  });

  it('extends into a new catalog with `with`, leaving the original alone', () => {
    const extended = catalog.with(RepairRequestReported);
    expect(extended.find(RepairRequestReported.type)).toBe(RepairRequestReported);
    expect(catalog.find(RepairRequestReported.type)).toBeUndefined();
  });

  describe('decode', () => {
    it('accepts a valid event as JSON bytes, a string or an object', () => {
      const value = envelope();
      for (const raw of [encode(value), JSON.stringify(value), value]) {
        const decoded = catalog.decode(raw);
        expect(decoded).toEqual({ ok: true, envelope: value, contract: WidgetRepaired });
      }
    });

    it('returns the data as parsed by the contract', () => {
      const value = { ...envelope(), data: { ...data, extra: 'dropped' } };
      const decoded = catalog.decode(encode(value));
      expect(decoded.ok && decoded.envelope.data).toEqual(data);
    });

    it('reports bytes that are not JSON as malformed', () => {
      const decoded = catalog.decode(Buffer.from([0xff, 0x00, 0x7b]));
      expect(decoded).toMatchObject({ ok: false, reason: 'malformed' });
      expect(catalog.decode('{"specversion":')).toMatchObject({ ok: false, reason: 'malformed', detail: expect.stringMatching(/^not JSON/) });
    });

    it('reports an envelope without an id as envelope-invalid, naming the field and keeping the type', () => {
      const { id: _id, ...withoutId } = envelope();
      const decoded = catalog.decode(encode(withoutId));
      expect(decoded).toMatchObject({ ok: false, reason: 'envelope-invalid', type: WidgetRepaired.type });
      expect(!decoded.ok && decoded.detail).toMatch(/^id /);
    });

    it('reports JSON that is no envelope at all as envelope-invalid', () => {
      expect(catalog.decode(encode([1, 2, 3]))).toMatchObject({ ok: false, reason: 'envelope-invalid', type: undefined });
      expect(catalog.decode(encode(null))).toMatchObject({ ok: false, reason: 'envelope-invalid' });
      expect(catalog.decode(encode({ ...envelope(), specversion: '0.3' }))).toMatchObject({ ok: false, reason: 'envelope-invalid' });
    });

    it('reports a type the catalog does not know as unknown-type', () => {
      const type = 'houqin.maintenance.widget.lost.v1';
      expect(catalog.decode(encode({ ...envelope(), type }))).toEqual({
        ok: false,
        reason: 'unknown-type',
        detail: `unknown event type ${type}`,
        type,
      });
    });

    it('reports data that breaks the contract as data-invalid, naming the field', () => {
      const value = envelope();
      const decoded = catalog.decode(encode({ ...value, data: { ...data, parts: [] } }));
      expect(decoded).toMatchObject({ ok: false, reason: 'data-invalid', type: WidgetRepaired.type });
      expect(!decoded.ok && decoded.detail).toMatch(/^data\.parts /);
      const { cost: _cost, ...withoutCost } = data;
      expect(catalog.decode(encode({ ...value, data: withoutCost }))).toMatchObject({ ok: false, reason: 'data-invalid', detail: expect.stringMatching(/^data\.cost /) });
    });
  });
});

describe('platformEvents', () => {
  it('holds every platform event once, each type following houqin.<service>.<aggregate>.<action>.v<n> and on its aggregate topic', () => {
    expect(platformEvents.contracts.length).toBeGreaterThan(0);
    for (const contract of platformEvents.contracts) {
      expect(contract.type).toBe(`houqin.${contract.service}.${contract.aggregate}.${contract.action}.v${contract.version}`);
      expect(contract.topic).toBe(`houqin.${contract.service}.${contract.aggregate}`);
      expect(envelopeSchema.shape.type.safeParse(contract.type).success).toBe(true);
    }
  });
});
