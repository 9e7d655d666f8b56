import { randomUUID } from 'node:crypto';
import {
  ComplaintOverturned,
  ComplaintUpheld,
  ContractSigned,
  EventContract,
  EventData,
  EventEnvelope,
  InspectionFailed,
  QualificationExpired,
  SlaBreached,
  TripRentalResponseBreached,
  WorkOrderAssigned,
} from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService } from '@houqin/service-kit';
import { TestDatabase, accessToken, callService, testCaller } from '@houqin/testing';
import { EvaluationWithReplica, RunningEvaluation, signedContract, startEvaluation } from './evaluation-fixture';

/**
 * Violations (违规) and penalties against the real evaluation service and PostgreSQL on the
 * in-process broker, behind a real gateway: maintenance's sla.breached, transport's
 * trip.rental-response-breached, an upheld complaint, an expired mandatory qualification, a low
 * third-party assessment and a failed canteen inspection each record one violation, priced under the contract procurement announced and capped per month even
 * when breaches arrive at once on two replicas; an overturned complaint voids its violation; people
 * record and void by hand as the gateway allows; a vendor sees its own; the month's penalties export
 * exactly in fen and yuan.
 */
const broker = new InProcessBroker();
/** The second replica's own bus: what is published on it is handled by the replica, concurrently with the first. */
const replicaBroker = new InProcessBroker();
const clock = new FixedClock(new Date('2026-12-05T02:00:00Z'));
let running: EvaluationWithReplica;
let database: TestDatabase;
let evaluation: RunningService;
let replica: RunningService;
let gateway: RunningService;

beforeAll(async () => {
  const env = { LOG_LEVEL: 'fatal', SURVEY_SWEEP_INTERVAL_MS: '3600000' };
  running = await startEvaluation({ name: 'violations', env, broker, clock, replica: replicaBroker, pathPrefix: '/evaluation' });
  ({ database, evaluation, replica, gateway } = running);
});

afterAll(() => running?.shutdown());

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
  const serviceType = overrides.serviceType ?? 'maintenance';
  const contract = signedContract({
    contractId,
    agencyId: world.agencyId,
    vendorId: world.vendorId,
    serviceType,
    ...(serviceType === 'catering' ? { slaTerms: { serviceType: 'catering' as const, minInspectionPassRate: 95, minSatisfactionScore: 4 } } : {}),
    penaltyRules: overrides.penaltyRules ?? [
      { breach: 'response-late', amount: 20_000, capPerMonth: 50_000 },
      { breach: 'resolution-late', percentOfMonthlyFee: 2.5, capPerMonth: 100_000 },
      { breach: 'satisfaction-below-minimum', amount: 30_000, capPerMonth: 30_000 },
    ],
    priceTerms: { monthlyFee: overrides.monthlyFee ?? 300_020, unitRates: [] },
    signedAt: '2026-01-01T00:00:00+08:00',
  });
  await publish(ContractSigned, world.agencyId, contractId, contract);
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
  });
}

type ViolationRow = { id: string; party: string; source: string; source_ref: string; severity: string; penalty_points: number; penalty_amount: string; status: string; answerable: unknown };
const violationsOf = (agencyId: string, source?: string): Promise<ViolationRow[]> =>
  database.query(
    `SELECT id, party, source, source_ref, severity, penalty_points, penalty_amount, status, answerable FROM violation WHERE agency_id = $1 ${source ? 'AND source = $2' : ''} ORDER BY occurred_at, source_ref`,
    source ? [agencyId, source] : [agencyId],
  );
const outboxOf = (subject: string) => running.outboxOf(subject);
const consumedBack = (subject: string) => running.consumedBack(subject);
const through: RunningEvaluation['through'] = (...request) => running.through(...request);

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

describe("violations from rental vendors' late answers (transport trip.rental-response-breached)", () => {
  /** The agency's transport contract with the vendor: a late answer to a dispatch 100 yuan a time, 150 yuan a month at most. */
  async function signTransportContract(world: Agency): Promise<void> {
    const contract = signedContract({
      contractId: world.contractId,
      agencyId: world.agencyId,
      vendorId: world.vendorId,
      vendorName: '首汽租车北京分公司',
      serviceType: 'transport',
      title: '2027 年度公务租车服务',
      slaTerms: { serviceType: 'transport', minPunctualityRate: 95, maxDispatchResponseMinutes: 30 },
      penaltyRules: [
        { breach: 'late-pickup', amount: 20_000, capPerMonth: 200_000 },
        { breach: 'dispatch-response-late', amount: 10_000, capPerMonth: 15_000 },
      ],
      priceTerms: { unitRates: [{ unit: 'km', description: 'per km with driver', rate: 350 }] },
    });
    await publish(ContractSigned, world.agencyId, world.contractId, contract);
  }

  function rentalBreach(world: Agency, tripId: string): EventData<typeof TripRentalResponseBreached> {
    return {
      tripId,
      agencyId: world.agencyId,
      vendorId: world.vendorId,
      contractId: world.contractId,
      dispatchedAt: '2026-12-04T01:00:00.000Z',
      deadline: '2026-12-04T01:30:00.000Z',
      targetMinutes: 30,
      breachedAt: '2026-12-04T01:30:20.000Z',
    };
  }

  it("records one violation per trip with the agency's severity for a late SLA response and the contract's dispatch-response-late penalty, however often it is delivered", async () => {
    const world = agency();
    await signTransportContract(world);
    const tripId = randomUUID();
    const event = await publish(TripRentalResponseBreached, world.agencyId, tripId, rentalBreach(world, tripId));
    await redeliver(event, TripRentalResponseBreached.topic);
    // Transport announcing the same breach again (a new envelope) is still the same offence.
    await publish(TripRentalResponseBreached, world.agencyId, tripId, rentalBreach(world, tripId));

    const rows = await violationsOf(world.agencyId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ party: world.vendorId, source: 'rental-response', source_ref: tripId, severity: 'minor', penalty_points: 1, penalty_amount: '10000', status: 'recorded' });
    const recorded = await outboxOf(rows[0]!.id);
    expect(recorded.map((entry) => entry.type)).toEqual(['houqin.evaluation.violation.recorded.v1']);
    expect(recorded[0]!.data).toMatchObject({
      serviceType: 'transport',
      contractId: world.contractId,
      source: 'rental-response',
      penaltyAmount: 10_000,
      occurredAt: '2026-12-04T01:30:20.000Z',
      settlementPeriod: '2026-12',
      answerable: [{ kind: 'vendor', vendorId: world.vendorId, name: '首汽租车北京分公司', role: 'took the rental trip' }],
    });
  });

  it("charges the breaches of a month up to the rule's cap (100 + 50 of a 150 yuan cap, then nothing)", async () => {
    const world = agency();
    await signTransportContract(world);
    for (let index = 0; index < 3; index += 1) {
      const tripId = randomUUID();
      await publish(TripRentalResponseBreached, world.agencyId, tripId, rentalBreach(world, tripId));
    }
    expect((await violationsOf(world.agencyId, 'rental-response')).map((row) => Number(row.penalty_amount)).sort((a, b) => b - a)).toEqual([10_000, 5_000, 0]);
  });
});

describe('violations from the other offences', () => {
  it('records an upheld complaint with its severity, and voids it when the complaint is overturned on appeal', async () => {
    const world = agency();
    const complaintId = randomUUID();
    const upheld = await publish(ComplaintUpheld, world.agencyId, complaintId, {
      complaintId,
      agencyId: world.agencyId,
      party: world.vendorId,
      vendorId: world.vendorId,
      serviceType: 'maintenance',
      category: 'service-quality',
      severity: 'serious',
      reasons: '维修后当天再次故障，维修人员未测试即离开。',
      decidedBy: 'manager-li',
      decidedAt: '2026-12-03T06:00:00.000Z',
      onAppeal: false,
      answerable: [{ kind: 'vendor', vendorId: world.vendorId, role: 'the contracted vendor' }, { kind: 'approving-manager', userId: 'manager-chen', role: 'assigned the work order' }],
    });
    await redeliver(upheld, ComplaintUpheld.topic);
    const [recorded] = await violationsOf(world.agencyId);
    expect(await violationsOf(world.agencyId)).toHaveLength(1);
    expect(recorded).toMatchObject({ source: 'upheld-complaint', source_ref: complaintId, severity: 'serious', penalty_points: 6, status: 'recorded' });

    await publish(ComplaintOverturned, world.agencyId, complaintId, {
      complaintId,
      agencyId: world.agencyId,
      party: world.vendorId,
      vendorId: world.vendorId,
      reasons: '二次故障系楼内停电所致。',
      decidedBy: 'admin-lin',
      decidedAt: '2026-12-04T03:00:00.000Z',
    });
    expect((await violationsOf(world.agencyId))[0]).toMatchObject({ id: recorded!.id, status: 'voided' });
    expect((await outboxOf(recorded!.id)).map((entry) => entry.type)).toEqual(['houqin.evaluation.violation.recorded.v1', 'houqin.evaluation.violation.voided.v1']);
    const penalties = await through(world.manager, 'GET', '/violations/penalties?period=2026-12');
    expect(penalties.body).toMatchObject({ lines: [], totalAmount: 0 });
  });

  it('records an expired mandatory qualification against the holder’s employer, and nothing for an optional one or an unknown party', async () => {
    const world = agency();
    const expired = (mandatory: boolean): EventData<typeof QualificationExpired> => ({
      qualificationId: randomUUID(),
      agencyId: world.agencyId,
      holderKind: 'vendor-staff',
      holderName: '张师傅',
      party: world.vendorId,
      vendorId: world.vendorId,
      qualificationType: mandatory ? 'electrician-certificate' : 'first-aid',
      mandatory,
      expiresOn: '2026-12-04',
      expiredAt: '2026-12-04T16:00:00.000Z',
      answerable: [{ kind: 'vendor', vendorId: world.vendorId }, { kind: 'person', name: '张师傅', role: 'holder of the certificate' }],
    });
    const mandatory = expired(true);
    await publish(QualificationExpired, world.agencyId, mandatory.qualificationId, mandatory);
    const optional = expired(false);
    await publish(QualificationExpired, world.agencyId, optional.qualificationId, optional);
    // A party that is neither a vendor id nor the internal team records nothing (and fails nothing).
    const unknownParty = { ...expired(true), party: 'contractor-x' };
    delete unknownParty.vendorId;
    const lettersBefore = broker.deadLetters().length;
    await publish(QualificationExpired, world.agencyId, unknownParty.qualificationId, unknownParty);
    expect(broker.deadLetters()).toHaveLength(lettersBefore);
    expect(await violationsOf(world.agencyId)).toEqual([
      expect.objectContaining({ source: 'expired-qualification', source_ref: `${mandatory.qualificationId}:2026-12-04`, severity: 'major', penalty_points: 3 }),
    ]);
  });

  it("records a third-party assessment scoring below the agency's threshold, priced under the vendor's contract in force, and none at the threshold", async () => {
    const world = agency();
    await signContract(world);
    const admin = testCaller({ agencyId: world.agencyId, userId: 'admin-1', roles: ['agency-admin'] });
    const evaluator = testCaller({ agencyId: world.agencyId, userId: 'evaluator-huaxin', roles: ['evaluator'] });
    const engaged = await callService(evaluation.url, admin, 'POST', '/evaluator-organisations', { name: '华信绩效评估有限公司', accounts: [evaluator.userId], from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' });
    expect(engaged.status).toBe(201);
    const submit = async (score: number, period: string): Promise<string> => {
      const scores = ['workmanship', 'safety', 'records', 'conduct'].map((code) => ({ code, score }));
      const drafted = await callService(evaluation.url, evaluator, 'POST', '/assessments', {
        vendorId: world.vendorId,
        serviceType: 'maintenance',
        period,
        scores,
        evidence: [{ fileName: '现场检查记录.pdf', contentType: 'application/pdf', sizeBytes: 52_000, url: `https://files.agency.example/assessments/${period}.pdf` }],
      });
      expect(drafted.status).toBe(201);
      expect((await callService(evaluation.url, evaluator, 'POST', `/assessments/${String(drafted.body['id'])}/submit`)).status).toBe(200);
      await consumedBack(String(drafted.body['id']));
      return String(drafted.body['id']);
    };
    const low = await submit(59, '2026-11');
    await submit(60, '2026-10');
    expect((await outboxOf(low)).map((entry) => entry.type)).toEqual(['houqin.evaluation.assessment.submitted.v1']);
    expect(await violationsOf(world.agencyId)).toEqual([expect.objectContaining({ source: 'low-assessment-score', source_ref: low, severity: 'minor', penalty_amount: '30000' })]);
  });

  it('records a failed canteen food-safety inspection (as catering will publish it) against the vendor running the canteen', async () => {
    const world = agency();
    const contractId = await signContract(world, { contractId: randomUUID(), serviceType: 'catering', penaltyRules: [{ breach: 'inspection-failed', percentOfMonthlyFee: 10, capPerMonth: 1_000_000 }], monthlyFee: 1_234_565 });
    const inspectionId = randomUUID();
    const event = await publish(InspectionFailed, world.agencyId, inspectionId, {
      canteenId: randomUUID(),
      inspectionId,
      vendorId: world.vendorId,
      contractId,
      score: 52,
      failedItems: [{ code: 'cold-chain', description: '冷藏柜温度 9°C' }],
      inspectedBy: 'manager-li',
      inspectedAt: '2026-12-04T03:30:00.000Z',
    });
    await redeliver(event, InspectionFailed.topic);
    // 10 % of 12 345.65 yuan = 1 234.565 yuan → 123 456.5 fen → 123 457 fen (half up).
    expect(await violationsOf(world.agencyId)).toEqual([expect.objectContaining({ source: 'failed-inspection', source_ref: inspectionId, severity: 'major', penalty_amount: '123457' })]);
  });
});

describe('violations through the gateway', () => {
  const manual = (world: Agency, overrides: Record<string, unknown> = {}) => ({
    party: world.vendorId,
    serviceType: 'cleaning',
    severity: 'major',
    description: '保洁人员未按规定消毒公共区域。',
    occurredAt: '2026-12-02T10:00:00+08:00',
    ...overrides,
  });

  it('lets the auditor record a violation by hand, staff not (403); the operators void it with a reason, once (409 after)', async () => {
    const world = agency();
    const recorded = await through(world.auditor, 'POST', '/violations', manual(world, { answerable: [{ kind: 'person', name: '保洁主管 刘某', role: 'on duty' }] }));
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ source: 'manual', recordedBy: 'auditor-zhou', severity: 'major', penaltyPoints: 3, penaltyAmount: 0, settlementPeriod: '2026-12', answerable: [{ kind: 'person', name: '保洁主管 刘某' }] });
    expect((await through(world.staff, 'POST', '/violations', manual(world))).status).toBe(403);
    const id = String(recorded.body['id']);
    expect((await through(world.auditor, 'POST', `/violations/${id}/void`, { reason: '误录' })).status).toBe(403);
    const voided = await through(world.manager, 'POST', `/violations/${id}/void`, { reason: '重复录入' });
    expect(voided.body).toMatchObject({ status: 'voided', voidReason: '重复录入', voidedBy: 'manager-li' });
    const again = await through(world.manager, 'POST', `/violations/${id}/void`, { reason: '重复录入' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'voided' });
  });

  it("shows a vendor account its own vendor's violations and penalties only (another's answers 404); the agency's readers see all", async () => {
    const world = agency();
    const other = randomUUID();
    const own = await through(world.manager, 'POST', '/violations', manual(world));
    const others = await through(world.manager, 'POST', '/violations', manual(world, { party: other }));
    const ownId = String(own.body['id']);
    const otherId = String(others.body['id']);
    const seen = await through(world.vendorAccount, 'GET', '/violations');
    expect(seen.status).toBe(200);
    expect(seen.body.map((row) => row['id'])).toEqual([ownId]);
    expect((await through(world.vendorAccount, 'GET', `/violations/${ownId}`)).status).toBe(200);
    expect((await through(world.vendorAccount, 'GET', `/violations/${otherId}`)).status).toBe(404);
    expect(((await through(world.vendorAccount, 'GET', '/violations/penalties?period=2026-12')).body['lines'] as unknown[]).length).toBe(1);
    for (const reader of [world.auditor, testCaller({ agencyId: world.agencyId, userId: 'evaluator-1', roles: ['evaluator'] })]) {
      expect((await through(reader, 'GET', `/violations?party=${other}`)).body.map((row) => row['id'])).toEqual([otherId]);
    }
    expect((await through(world.staff, 'GET', '/violations')).status).toBe(403);
  });

  it('exports the month’s penalties for payment deduction exactly in fen and yuan, UTF-8 with a byte-order mark', async () => {
    const world = agency();
    await signContract(world, { monthlyFee: 300_020 });
    const a = randomUUID();
    const b = randomUUID();
    await publish(SlaBreached, world.agencyId, a, breach(world, a, 'response'));
    await publish(SlaBreached, world.agencyId, b, breach(world, b, 'resolution'));
    const penalties = await through(world.manager, 'GET', '/violations/penalties?period=2026-12');
    expect(penalties.body).toMatchObject({
      period: '2026-12',
      totalAmount: 27_501,
      totalYuan: '275.01',
      lines: [{ party: world.vendorId, contractId: world.contractId, count: 2, points: 4, amount: 27_501, amountYuan: '275.01' }],
    });
    const response = await fetch(`${gateway.url}/api/v1/evaluation/violations/penalties/export?period=2026-12`, { headers: { authorization: `Bearer ${accessToken(world.manager)}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n');
    expect(lines[0]).toBe('period,party,vendor,contract,violation,source,breach,severity,points,occurred at,amount (fen),amount (yuan),description');
    const rows = lines.slice(1, -1).map((line) => line.split(','));
    expect(rows.map((row) => [row[2], row[3], row[6], row[10], row[11]]).sort()).toEqual([
      ['福州市物业维修有限公司', world.contractId, 'resolution-late', '7501', '75.01'],
      ['福州市物业维修有限公司', world.contractId, 'response-late', '20000', '200.00'],
    ]);
    // The manager's dashboard counts the month's violations and penalties the same way.
    const dashboard = await through(world.manager, 'GET', '/dashboard');
    expect((dashboard.body['supervision'] as Record<string, unknown>)['violations']).toEqual({ recordedThisMonth: 2, penaltyPointsThisMonth: 4, penaltyAmountThisMonthFen: 27_501 });
  });

  it('refuses bad input with 400 naming the field', async () => {
    const world = agency();
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/violations', manual(world, { party: 'bob' }), 'party'],
      ['POST', '/violations', manual(world, { severity: 'grave' }), 'severity'],
      ['POST', '/violations', manual(world, { occurredAt: 'yesterday' }), 'occurredAt'],
      ['POST', '/violations', manual(world, { description: '' }), 'description'],
      ['POST', '/violations', manual(world, { breach: 'too-slow' }), 'breach'],
      ['POST', '/violations', manual(world, { answerable: [{ kind: 'boss' }] }), 'answerable[0].kind'],
      ['GET', '/violations/penalties?period=2026-13', undefined, 'period'],
      ['GET', '/violations?from=last-week', undefined, 'from'],
      ['PUT', '/violations/rules', { points: { minor: 1, major: 3, serious: -1 }, severities: {}, lowAssessmentThreshold: 60 }, 'points.serious'],
    ];
    for (const [method, path, body, field] of cases) {
      const answer = await through(world.manager, method, path, body);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(answer.body['errors'])).toContain(`"${field}`);
    }
    const future = await through(world.manager, 'POST', '/violations', manual(world, { occurredAt: '2026-12-06T10:00:00+08:00' }));
    expect(future.status).toBe(422);
    expect(future.body['errors']).toEqual([expect.objectContaining({ field: 'occurredAt' })]);
  });

  it("applies the agency's own rules to violations recorded from then on", async () => {
    const world = agency();
    expect((await through(world.manager, 'GET', '/violations/rules')).body).toMatchObject({ source: 'default', points: { minor: 1, major: 3, serious: 6 }, lowAssessmentThreshold: 60 });
    const rules = {
      points: { minor: 2, major: 4, serious: 10 },
      severities: { 'sla-response-late': 'major', 'sla-resolution-late': 'serious', 'failed-inspection': 'serious', 'low-assessment-score': 'minor', 'expired-qualification': 'major' },
      lowAssessmentThreshold: 70,
    };
    expect((await through(world.auditor, 'PUT', '/violations/rules', rules)).status).toBe(403);
    expect((await through(world.manager, 'PUT', '/violations/rules', rules)).status).toBe(200);
    const id = randomUUID();
    await publish(SlaBreached, world.agencyId, id, breach(world, id, 'response', { vendor: false }));
    expect((await violationsOf(world.agencyId))[0]).toMatchObject({ severity: 'major', penalty_points: 4 });
  });
});
