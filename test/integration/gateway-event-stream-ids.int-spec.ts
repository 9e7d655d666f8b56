import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EventEnvelope, RepairRequestReported, platformEvents } from '@houqin/contracts';
import { Caller } from '@houqin/observability';
import { RunningService } from '@houqin/service-kit';
import { TestDatabase, accessToken, createTestDatabase, testCaller } from '@houqin/testing';
import { metricValue, startGateway } from './gateway-fixture';

/**
 * The live stream's ids are positions in the agency's own log (issue 12): 1, 2, 3, … for each
 * agency whatever other agencies do, so an integrator who sees a gap knows events were missed, and
 * Last-Event-ID resumes in that numbering, on any replica; an event delivered again takes no number.
 */

interface StreamedEvent {
  id: string;
  eventId: string;
}

/** Reads the stream until `count` events arrived (or the timeout), then closes it. */
async function streamed(gateway: RunningService, caller: Caller, count: number, lastEventId?: string): Promise<StreamedEvent[]> {
  const abort = new AbortController();
  const response = await fetch(`${gateway.url}/api/v1/events/stream`, {
    headers: { authorization: `Bearer ${accessToken(caller)}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const events: StreamedEvent[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const timer = setTimeout(() => abort.abort(), 10_000);
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (id && data) events.push({ id, eventId: (JSON.parse(data) as EventEnvelope).id });
      }
    }
  } catch {
    // Aborted: fewer events than expected, which the test's expectation shows.
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
}

function reported(agencyId: string): EventEnvelope {
  return RepairRequestReported.create({
    subject: randomUUID(),
    origin: { agencyId, correlationId: randomUUID() },
    data: { repairRequestId: randomUUID(), reportedBy: 'staff-1', location: { building: 'Office Block A', room: '105' }, description: 'The lights flicker', priority: 'normal', reportedAt: new Date().toISOString() },
  });
}

/** Hands the events to the replica's consumer, as the broker does; resolves once they are consumed. */
async function consume(target: RunningService, ...events: EventEnvelope[]): Promise<void> {
  await target.runtime.transport!.publish(events.map((envelope) => ({ topic: platformEvents.get(envelope.type).topic, key: envelope.partitionkey, envelope })));
}

let database: TestDatabase;
let gateway: RunningService;
let replica: RunningService;
const agencyA = randomUUID();
const agencyB = randomUUID();
const adminA = testCaller({ agencyId: agencyA, roles: ['agency-admin'] });
const adminB = testCaller({ agencyId: agencyB, roles: ['agency-admin'] });

beforeAll(async () => {
  database = await createTestDatabase('gateway_stream_ids');
  gateway = await startGateway({ DATABASE_URL: database.url });
  replica = await startGateway({ DATABASE_URL: database.url });
});

afterAll(async () => {
  await replica?.shutdown();
  await gateway?.shutdown();
  await database?.drop();
});

describe("the live event stream's ids", () => {
  const a = [reported(agencyA), reported(agencyA), reported(agencyA)];
  const b = [reported(agencyB), reported(agencyB)];

  it("number each agency's events 1, 2, 3… in its own log, whatever other agencies do", async () => {
    // Interleaved, through both replicas.
    await consume(gateway, a[0]!, b[0]!);
    await consume(replica, a[1]!, b[1]!);
    await consume(gateway, a[2]!);
    expect(await streamed(gateway, adminA, 3, '0')).toEqual(a.map((event, index) => ({ id: String(index + 1), eventId: event.id })));
    expect(await streamed(replica, adminB, 2, '0')).toEqual(b.map((event, index) => ({ id: String(index + 1), eventId: event.id })));
  });

  it('takes no position for an event delivered again after the inbox forgot it, so a gap always means a missed event', async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query('DELETE FROM inbox_event WHERE event_id = $1', [a[1]!.id]);
    await client.end();
    await consume(replica, a[1]!);
    // Skipped as already logged, not refused by the log's unique event id and dead-lettered.
    expect(await metricValue(replica, 'houqin_event_handler_failures_total', { type: a[1]!.type })).toBe(0);
    const next = reported(agencyA);
    await consume(gateway, next);
    const resumed = await streamed(gateway, adminA, 1, '3');
    expect(resumed).toEqual([{ id: '4', eventId: next.id }]);
  });

  it("resumes after Last-Event-ID in the agency's numbering, on either replica", async () => {
    const live = reported(agencyB);
    await consume(gateway, live);
    expect(await streamed(replica, adminB, 2, '1')).toEqual([
      { id: '2', eventId: b[1]!.id },
      { id: '3', eventId: live.id },
    ]);
  });
});
