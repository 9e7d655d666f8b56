import { Partitioners } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { EventContract } from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { InProcessBroker, KafkaEventTransport } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { transportService } from '@houqin/transport';
import { TEST_KAFKA_BROKERS, TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, uniqueSuffix, waitFor } from '@houqin/testing';

/**
 * The transport service on a real PostgreSQL database with the in-process broker (or the real
 * Kafka) and a clock the test sets: what every transport-*.int-spec of trips starts, and the steps
 * a test needs to reach a dispatch (vehicles and drivers with valid documents, approved trip requests).
 */
export interface TransportFixture {
  broker: InProcessBroker;
  clock: FixedClock;
  database: TestDatabase;
  transport: RunningService;
  agencyId: string;
  manager: Caller;
  staff(id: string): Caller;
  call(caller: Caller, method: string, path: string, body?: unknown): ReturnType<typeof callService>;
  publish<T>(contract: EventContract<T>, subject: string, data: T): Promise<void>;
  outbox(type: string): Promise<Array<Record<string, unknown>>>;
  shutdown(): Promise<void>;
}

/** 2026-12-07 08:00 China Standard Time, a Monday; trips are requested for Tuesday. */
export const MONDAY_MORNING = new Date('2026-12-07T00:00:00Z');
export const TUESDAY = '2026-12-08';

/** An instant on Tuesday, China Standard Time. */
export function tuesdayAt(hhmm: string): string {
  return `${TUESDAY}T${hhmm}:00+08:00`;
}

/**
 * `kafka`: the service produces to and consumes from the real Kafka (its own consumer group),
 * and `publish` sends there; otherwise the in-process broker.
 */
export async function startTransport(label: string, env: Record<string, string> = {}, options: { kafka?: boolean } = {}): Promise<TransportFixture> {
  const broker = new InProcessBroker();
  const clock = new FixedClock(MONDAY_MORNING);
  const database = await createTestDatabase(label);
  const kafka = options.kafka
    ? { MESSAGING_TRANSPORT: 'kafka', KAFKA_BROKERS: TEST_KAFKA_BROKERS, KAFKA_CONSUMER_GROUP: `transport-${label}-${uniqueSuffix()}`, KAFKA_SESSION_TIMEOUT_MS: '10000', OUTBOX_POLL_INTERVAL_MS: '50' }
    : {};
  const transport = await startService(transportService, { env: { ...inProcessServiceEnv(database.url), ...kafka, ...env }, broker, clock });
  const producer = options.kafka ? (transport.runtime.transport as KafkaEventTransport).client.producer({ createPartitioner: Partitioners.DefaultPartitioner }) : undefined;
  if (producer) {
    await producer.connect();
    await waitFor(() => transport.runtime.server?.consumerStatus().state === 'running', { description: 'transport joining its consumer group' });
  }
  const agencyId = `agency-${randomUUID()}`;
  return {
    broker,
    clock,
    database,
    transport,
    agencyId,
    manager: testCaller({ agencyId, userId: 'fleet-manager', roles: ['logistics-manager'] }),
    staff: (id: string) => testCaller({ agencyId, userId: id, roles: ['staff'] }),
    call: (caller, method, path, body) => callService(transport.url, caller, method, path, body),
    async publish(contract, subject, data) {
      const event = contract.create({ subject, origin: { agencyId, correlationId: randomUUID() }, data });
      if (producer) await producer.send({ topic: contract.topic, acks: -1, messages: [{ key: subject, value: JSON.stringify(event) }] });
      else await broker.publish(contract.topic, subject, Buffer.from(JSON.stringify(event)));
    },
    async outbox(type: string) {
      const rows: Array<{ envelope: { data: Record<string, unknown> } }> = await database.query(`SELECT envelope FROM outbox_event WHERE event_type = $1 ORDER BY position`, [type]);
      return rows.map((row) => row.envelope.data);
    },
    async shutdown() {
      await producer?.disconnect();
      await transport.shutdown();
      await database.drop();
    },
  };
}

async function created(f: TransportFixture, caller: Caller, path: string, body: unknown): Promise<Record<string, unknown>> {
  const answer = await f.call(caller, 'POST', path, body);
  if (answer.status !== 201) throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

let plateSerial = 10_000;

/** A vehicle with insurance and annual inspection valid through 2027. */
export async function vehicle(f: TransportFixture, overrides: Record<string, unknown> = {}): Promise<string> {
  plateSerial += 1;
  const body = { plateNumber: `京A${plateSerial}`, vehicleType: 'sedan', seats: 5, odometerKm: 20_000, fuel: 'petrol', insuranceExpiresOn: '2027-12-31', inspectionExpiresOn: '2027-12-31', ...overrides };
  return (await created(f, f.manager, '/vehicles', body))['id'] as string;
}

let licenceSerial = 100_000;

/** A driver with a C1 licence and a health check valid through 2027. */
export async function driver(f: TransportFixture, overrides: Record<string, unknown> = {}): Promise<string> {
  licenceSerial += 1;
  const body = { name: `司机${licenceSerial}`, licenceClass: 'C1', licenceNumber: `1101011980${licenceSerial}`, licenceExpiresOn: '2030-01-01', healthCheckedOn: '2026-06-01', healthCheckExpiresOn: '2027-06-01', ...overrides };
  return (await created(f, f.manager, '/drivers', body))['id'] as string;
}

/** A trip within the default policy (short, in town, working hours, a division-level passenger): approved at once. */
export async function approvedTrip(f: TransportFixture, from: string, until: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const body = { purpose: '赴市财政局汇报', passengers: 2, passengerRank: 'division', origin: '机关大院', destination: '市财政局', distanceKm: 12, startsAt: tuesdayAt(from), endsAt: tuesdayAt(until), ...overrides };
  const trip = await created(f, f.staff('requester-1'), '/trips', body);
  if (trip['status'] !== 'approved') throw new Error(`trip not approved by policy: ${JSON.stringify(trip)}`);
  return trip['id'] as string;
}
