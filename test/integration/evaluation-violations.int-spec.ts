import { randomUUID } from 'node:crypto';
import {
  ContractSigned,
  EventContract,
  EventData,
  EventEnvelope,
  SlaBreached,
  WorkOrderAssigned,
} from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller } from '@houqin/testing';
import { startGateway, viaGateway } from './gateway-fixture';

/**
 * Violations (违规) and penalties against the real evaluation service and PostgreSQL on the
 * in-process broker, behind a real gateway: maintenance's sla.breached, an upheld complaint, an
 * expired mandatory qualification, a low third-party assessment and a failed canteen inspection each
 * record one violation, priced under the contract procurement announced and capped per month even
 * when breaches arrive at once on two replicas; an overturned complaint voids its violation; people
 * record and void by hand as the gateway allows; a vendor sees its own; the month's penalties export
 * exactly in fen and yuan.
 */
const broker = new InProcessBroker();
/** The second replica's own bus: what is published on it is handled by the replica, concurrently with the first. */
const replicaBroker = new InProcessBroker();
const clock = new FixedClock(new Date('2026-12-05T02:00:00Z'));
let database: TestDatabase;
let evaluation: RunningService;
let replica: RunningService;
let gateway: RunningService;

beforeAll(async () => {
  database = await createTestDatabase('evaluation_violations');
  const env = inProcessServiceEnv(database.url, { LOG_LEVEL: 'fatal', SURVEY_SWEEP_INTERVAL_MS: '3600000' });
  evaluation = await startService(evaluationService, { env, broker, clock });
  replica = await startService(evaluationService, { env, broker: replicaBroker, clock });
  gateway = await startGateway({ EVALUATION_URL: evaluation.url });
});

afterAll(async () => {
  await gateway?.shutdown();
  await replica?.shutdown();
  await evaluation?.shutdown();
  await database?.drop();
});

function agency() {
  const agencyId = `agency-${randomUUID()}`;
  const vendorId = randomUUID();
  return {
    agencyId,
    vendorId,
    contractId: randomUUID(),
    manager: testCaller({ agencyId, userId: 'manager-li', roles: ['logistics-manager'] }),
    auditor: testCaller({ agencyId, userId: 'auditor-zhou', roles: ['auditor'] }),
    staff: testCaller({ agencyId, userId: 'staff-wang', roles: ['staff'] }),
    vendorAccount: testCaller({ agencyId, userId: 'vendor-staff-1', roles: ['vendor'], vendorId }),
  };
}
type Agency = ReturnType<typeof agency>;

/** An event as its producer would publish it (a fresh envelope id each time unless `again` is given). */
async function publish<T>(contract: EventContract<T>, agencyId: string, subject: string, data: T, on: InProcessBroker = broker): Promise<EventEnvelope<T>> {
  const event = contract.create({ subject, origin: { agencyId, correlationId: randomUUID() }, data });
  await on.publish(contract.topic, subject, Buffer.from(JSON.stringify(event)));
  return event;
}

async function redeliver(event: EventEnvelope, topic: string): Promise<void> {
  await broker.publish(topic, event.subject ?? '', Buffer.from(JSON.stringify(event)));
}

/** The agency's maintenance contract with the vendor: response late 200 yuan a time (cap 500 yuan a month), resolution late 2.5 % of the monthly fee. */
async function signContract(
  world: Agency,
  overrides: { contractId?: string; serviceType?: EventData<typeof ContractSigned>['serviceType']; penaltyRules?: EventData<typeof ContractSigned>['penaltyRules']; monthlyFee?: number } = {},
): Promise<string> {
  const contractId = overrides.contractId ?? world.contractId;
  const hours = (responseHours: number, resolutionHours: number) => ({ responseHours, resolutionHours });
  const serviceType = overrides.serviceType ?? 'maintenance';
  await publish(ContractSigned, world.agencyId, contractId, {
    contractId,
    agencyId: world.agencyId,
    vendorId: world.vendorId,
    vendorName: '福州市物业维修有限公司',
    serviceType,
    title: '办公楼维修服务',
    scope: { description: 'Repair and upkeep' },
    validFrom: '2026-01-01T00:00:00+08:00',
    validTo: '2099-01-01T00:00:00+08:00',
    slaTerms:
      serviceType === 'catering'
        ? { serviceType: 'catering', minInspectionPassRate: 95, minSatisfactionScore: 4 }
        : { serviceType: 'maintenance', priorities: { urgent: hours(1, 4), high: hours(4, 24), normal: hours(24, 72), low: hours(72, 240) } },
    penaltyRules: overrides.penaltyRules ?? [
      { breach: 'response-late', amount: 20_000, capPerMonth: 50_000 },
      { breach: 'resolution-late', percentOfMonthlyFee: 2.5, capPerMonth: 100_000 },
      { breach: 'satisfaction-below-minimum', amount: 30_000, capPerMonth: 30_000 },
    ],
    priceTerms: { monthlyFee: overrides.monthlyFee ?? 300_020, unitRates: [] },
    signedBy: 'admin-1',
    signedAt: '2026-01-01T00:00:00+08:00',
  });
  return contractId;
}

function breach(world: Agency, workOrderId: string, kind: 'response' | 'resolution', options: { vendor?: boolean; contractId?: string; breachedAt?: string } = {}): EventData<typeof SlaBreached> {
  const vendor = options.vendor ?? true;
  return {
    workOrderId,
    agencyId: world.agencyId,
    ...(vendor ? { vendorId: world.vendorId, contractId: options.contractId ?? world.contractId } : {}),
    kind,
    priority: 'high',
    targetMinutes: kind === 'response' ? 240 : 1440,
    deadline: '2026-12-03T06:00:00.000Z',
    escalateTo: 'logistics-manager',
    breachedAt: options.breachedAt ?? '2026-12-03T06:00:00.000Z',
  };
}

async function assign(world: Agency, workOrderId: string, assignedBy: string): Promise<void> {
  await publish(WorkOrderAssigned, world.agencyId, workOrderId, {
    workOrderId,
    origin: 'repair-request',
    repairRequestId: randomUUID(),
    priority: 'high',
    category: 'electrical',
    location: { building: 'Building A' },
    vendorId: world.vendorId,
    contractId: world.contractId,
    assignee: 'vendor',
    automatic: false,
    assignedBy,
    assignedAt: '2026-12-03T02:00:00.000Z',
    reportedAt: '2026-12-03T01:50:00.000Z',
  } as EventData<typeof WorkOrderAssigned>);
}

type ViolationRow = { id: string; party: string; source: string; source_ref: string; severity: string; penalty_points: number; penalty_amount: string; status: string; answerable: unknown };
const violationsOf = (agencyId: string, source?: string): Promise<ViolationRow[]> =>
  database.query(
    `SELECT id, party, source, source_ref, severity, penalty_points, penalty_amount, status, answerable FROM violation WHERE agency_id = $1 ${source ? 'AND source = $2' : ''} ORDER BY occurred_at, source_ref`,
    source ? [agencyId, source] : [agencyId],
  );
const outboxOf = async (subject: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> =>
  ((await database.query(`SELECT event_type, envelope FROM outbox_event WHERE message_key = $1 ORDER BY position`, [subject])) as Array<{ event_type: string; envelope: { data: Record<string, unknown> } }>).map(
    (row) => ({ type: row.event_type, data: row.envelope.data }),
  );

async function through(caller: Caller, method: string, path: string, body?: unknown) {
  const answer = await viaGateway(gateway, method, `/evaluation${path}`, { caller, ...(body === undefined ? {} : { body }) });
  return { status: answer.status, body: (answer.body ?? {}) as Record<string, unknown> & Array<Record<string, unknown>> };
}

describe('violations from SLA breaches (maintenance sla.breached)', () => {
  it("records one violation per breached clock with the contract's penalty, naming the vendor and the manager who assigned the work, however often it is delivered", async () => {
    const world = agency();
    await signContract(world);
    const workOrderId = randomUUID();
    await assign(world, workOrderId, 'manager-li');
    const event = await publish(SlaBreached, world.agencyId, workOrderId, breach(world, workOrderId, 'response'));
    await redeliver(event, SlaBreached.topic);
    // Maintenance publishing the same breach again (a new envelope) is still the same offence.
    await publish(SlaBreached, world.agencyId, workOrderId, breach(world, workOrderId, 'response'));

    const rows = await violationsOf(world.agencyId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ party: world.vendorId, source: 'sla-breach', source_ref: `${workOrderId}:response`, severity: 'minor', penalty_points: 1, penalty_amount: '20000', status: 'recorded' });
    const recorded = await outboxOf(rows[0]!.id);
    expect(recorded.map((entry) => entry.type)).toEqual(['houqin.evaluation.violation.recorded.v1']);
    expect(recorded[0]!.data).toMatchObject({
      contractId: world.contractId,
      penaltyAmount: 20_000,
      settlementPeriod: '2026-12',
      answerable: [
        { kind: 'vendor', vendorId: world.vendorId, name: '福州市物业维修有限公司' },
        { kind: 'approving-manager', userId: 'manager-li', role: 'assigned the work order' },
      ],
    });
  });

  it('prices a late resolution at 2.5 % of the monthly fee rounded half up to the fen (300 020 fen → 7 500.5 → 7 501), severity major', async () => {
    const world = agency();
    await signContract(world);
    const workOrderId = randomUUID();
    await publish(SlaBreached, world.agencyId, workOrderId, breach(world, workOrderId, 'resolution'));
    expect(await violationsOf(world.agencyId)).toEqual([expect.objectContaining({ source_ref: `${workOrderId}:resolution`, severity: 'major', penalty_points: 3, penalty_amount: '7501' })]);
  });

  it('records a breach of work kept in house against the internal team, without a penalty', async () => {
    const world = agency();
    const workOrderId = randomUUID();
    await publish(SlaBreached, world.agencyId, workOrderId, breach(world, workOrderId, 'response', { vendor: false }));
    const [row] = await violationsOf(world.agencyId);
    expect(row).toMatchObject({ party: 'internal-team', penalty_amount: '0' });
    expect(row!.answerable).toEqual([expect.objectContaining({ kind: 'internal-team' })]);
  });

  it("never charges more than the month's cap when breaches arrive at once on two replicas, and charges the next month afresh", async () => {
    const world = agency();
    await signContract(world);
    const workOrders = Array.from({ length: 6 }, () => randomUUID());
    // 6 × 200 yuan against a cap of 500 yuan: 200 + 200 + 100, then nothing.
    await Promise.all(workOrders.map((id, index) => publish(SlaBreached, world.agencyId, id, breach(world, id, 'response'), index % 2 === 0 ? broker : replicaBroker)));
    const rows = await violationsOf(world.agencyId);
    expect(rows).toHaveLength(6);
    expect(rows.map((row) => Number(row.penalty_amount)).sort((a, b) => b - a)).toEqual([20_000, 20_000, 10_000, 0, 0, 0]);

    const january = randomUUID();
    await publish(SlaBreached, world.agencyId, january, breach(world, january, 'response', { breachedAt: '2026-12-31T16:00:00.000Z' }));
    expect((await database.query(`SELECT settlement_period, penalty_amount FROM violation WHERE source_ref = $1`, [`${january}:response`]))[0]).toEqual({ settlement_period: '2027-01', penalty_amount: '20000' });
  });

  it("never charges more than the month's cap for violations recorded by hand at once on two replicas", async () => {
    const world = agency();
    await signContract(world);
    const body = { party: world.vendorId, serviceType: 'maintenance', severity: 'minor', description: '未按时到场', occurredAt: '2026-12-04T09:00:00+08:00', contractId: world.contractId, breach: 'response-late' };
    const answers = await Promise.all(Array.from({ length: 8 }, (_, index) => callService((index % 2 === 0 ? evaluation : replica).url, world.manager, 'POST', '/violations', body)));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 8 }, () => 201));
    const amounts = answers.map((answer) => Number(answer.body['penaltyAmount'])).sort((a, b) => b - a);
    expect(amounts).toEqual([20_000, 20_000, 10_000, 0, 0, 0, 0, 0]);
  });

  it("frees the month's cap when a violation is voided: the next breach is charged against the non-voided ones", async () => {
    const world = agency();
    await signContract(world);
    for (let index = 0; index < 3; index += 1) {
      const id = randomUUID();
      await publish(SlaBreached, world.agencyId, id, breach(world, id, 'response'));
    }
    const charged = (await violationsOf(world.agencyId)).find((row) => row.penalty_amount === '20000')!;
    const voided = await through(world.manager, 'POST', `/violations/${charged.id}/void`, { reason: '业主临时封闭楼层，不属服务商责任' });
    expect(voided.status).toBe(200);
    const next = randomUUID();
    await publish(SlaBreached, world.agencyId, next, breach(world, next, 'response'));
    // 500 cap − (200 + 100 still recorded) = 200 left.
    expect((await database.query(`SELECT penalty_amount FROM violation WHERE source_ref = $1`, [`${next}:response`]))[0]).toEqual({ penalty_amount: '20000' });
  });
});
