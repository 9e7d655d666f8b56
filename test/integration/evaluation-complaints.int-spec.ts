import { randomUUID } from 'node:crypto';
import { ComplaintUpheld, ContractSigned, EventEnvelope, WorkOrderAssigned } from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService } from '@houqin/service-kit';
import { TestDatabase, testCaller, waitFor } from '@houqin/testing';
import { ComplaintSweep } from '../../libs/services/evaluation/src/complaints/complaint-sweep';
import { EvaluationWithReplica, RunningEvaluation, signedContract, startEvaluation } from './evaluation-fixture';

/**
 * Complaints (投诉) against the real evaluation service and PostgreSQL, on the in-process broker,
 * behind a real gateway: a member of staff complains about a work order maintenance assigned to a
 * vendor; they alone (and the agency's readers) see it, the vendor sees it without its complainant;
 * the manager triages and upholds it (complaint.upheld once, naming the vendor and the manager who
 * assigned the work); the complainant appeals once; another operator overturns it
 * (complaint.overturned); undecided complaints fall overdue once with two replicas sweeping.
 */
const DAY = 24 * 3_600_000;
const MINUTE = 60_000;
const broker = new InProcessBroker();
const clock = new FixedClock(new Date('2026-12-01T02:00:00.000Z'));
let running: EvaluationWithReplica;
let evaluationDb: TestDatabase;
let evaluation: RunningService;
/** A second replica of evaluation on the same database (its own bus: it consumes nothing here). */
let replica: RunningService;

beforeAll(async () => {
  // Sweeps run when the tests say so, not on a timer.
  const env = { SURVEY_SWEEP_INTERVAL_MS: '3600000', COMPLAINT_SWEEP_INTERVAL_MS: '3600000' };
  running = await startEvaluation({ name: 'complaints', env, broker, clock, replica: true });
  ({ database: evaluationDb, evaluation, replica } = running);
});

afterAll(() => running?.shutdown());

function agency() {
  const agencyId = `agency-${randomUUID()}`;
  const vendorId = randomUUID();
  const who = (userId: string, roles: Caller['roles'], extra: Partial<Caller> = {}) => testCaller({ agencyId, userId, roles, ...extra });
  return {
    agencyId,
    vendorId,
    staff: who('staff-wang', ['staff']),
    colleague: who('staff-zhao', ['staff']),
    approver: who('approver-qian', ['approver']),
    manager: who('manager-li', ['logistics-manager']),
    admin: who('admin-lin', ['agency-admin']),
    auditor: who('auditor-zhou', ['auditor']),
    evaluator: who('evaluator-sun', ['evaluator']),
    vendor: who('vendor-user-1', ['vendor'], { vendorId }),
    otherVendor: who('vendor-user-2', ['vendor'], { vendorId: randomUUID() }),
  };
}
type Agency = ReturnType<typeof agency>;

const through: RunningEvaluation['through'] = (...request) => running.through(...request);

async function publish(topic: string, key: string, event: EventEnvelope): Promise<void> {
  await broker.publish(topic, key, Buffer.from(JSON.stringify(event)));
}

/** The vendor's contract as procurement announces it (evaluation learns the vendor's name from it). */
async function contractSigned(people: Agency): Promise<void> {
  const data = signedContract({ agencyId: people.agencyId, vendorId: people.vendorId });
  const event = ContractSigned.create({ subject: data.contractId, origin: { agencyId: people.agencyId, correlationId: randomUUID() }, data });
  await publish(ContractSigned.topic, data.contractId, event);
}

/** A work order assigned by `assignedBy` to the agency's vendor, as maintenance announces it; evaluation learns its party. */
async function assignedWorkOrder(people: Agency, assignedBy = 'manager-chen'): Promise<string> {
  const workOrderId = randomUUID();
  await publish(
    WorkOrderAssigned.topic,
    workOrderId,
    WorkOrderAssigned.create({
      subject: workOrderId,
      origin: { agencyId: people.agencyId, correlationId: randomUUID() },
      data: {
        workOrderId,
        origin: 'repair-request',
        repairRequestId: randomUUID(),
        priority: 'normal',
        category: 'hvac',
        location: { building: 'Building A', room: '301' },
        vendorId: people.vendorId,
        contractId: randomUUID(),
        assignee: 'vendor',
        automatic: false,
        assignedBy,
        assignedAt: '2026-11-30T02:00:00.000Z',
        reportedAt: '2026-11-30T01:00:00.000Z',
      },
    }),
  );
  await waitFor(
    async () =>
      (await evaluationDb.query<{ party: string }>(`SELECT party FROM kpi_fact WHERE agency_id = $1 AND instance = $2 AND party IS NOT NULL`, [people.agencyId, `work-order:${workOrderId}`]))[0],
    { description: `the party of work order ${workOrderId}` },
  );
  await waitFor(async () => (await evaluationDb.query(`SELECT 1 FROM evaluation_vendor WHERE agency_id = $1`, [people.agencyId]))[0], { description: 'the vendor directory' });
  return workOrderId;
}

const eventsOf = (complaintId: string) => running.outboxOf(complaintId);

const typesOf = async (complaintId: string) => (await eventsOf(complaintId)).map((event) => event.type.replace(/^houqin\.evaluation\.complaint\.|\.v1$/g, ''));

const complaintAbout = (workOrderId: string, extra: Record<string, unknown> = {}) => ({
  serviceType: 'maintenance',
  instanceId: workOrderId,
  category: 'service-quality',
  description: '空调维修后当天下午又坏了，师傅没有试机就走了。',
  attachments: [{ fileName: 'aircon.jpg', contentType: 'image/jpeg', sizeBytes: 48213, url: 'https://files.agency.example/complaints/aircon.jpg' }],
  anonymousToVendor: true,
  ...extra,
});

describe('evaluation: complaints (投诉)', () => {
  it('lets a member of staff complain about a work order, and shows it only to them, the agency readers and — without the complainant — the vendor', async () => {
    const people = agency();
    await contractSigned(people);
    const workOrderId = await assignedWorkOrder(people);

    const filed = await through(people.staff, 'POST', '/evaluation/complaints', complaintAbout(workOrderId));
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'filed', party: people.vendorId, complainantId: 'staff-wang', anonymousToVendor: true, responseDueAt: new Date(clock.now().getTime() + 7 * DAY).toISOString() });
    const id = String(filed.body['id']);

    expect((await through(people.staff, 'GET', `/evaluation/complaints/${id}`)).status).toBe(200);
    expect((await through(people.staff, 'GET', '/evaluation/complaints')).body.map((row) => row['id'])).toEqual([id]);
    // Another member of staff, an approver: not theirs, so it does not exist for them.
    for (const other of [people.colleague, people.approver]) {
      expect((await through(other, 'GET', `/evaluation/complaints/${id}`)).status).toBe(404);
      expect((await through(other, 'GET', '/evaluation/complaints')).body).toEqual([]);
    }
    for (const reader of [people.manager, people.admin, people.auditor, people.evaluator]) {
      const listed = await through(reader, 'GET', '/evaluation/complaints');
      expect(listed.body.map((row) => [row['id'], row['complainantId']])).toEqual([[id, 'staff-wang']]);
    }

    // The vendor complained about sees the complaint, never who made it; another vendor sees nothing.
    const asVendor = await through(people.vendor, 'GET', `/evaluation/complaints/${id}`);
    expect(asVendor.status).toBe(200);
    expect(asVendor.body).toMatchObject({ id, party: people.vendorId, anonymousToVendor: true });
    expect(JSON.stringify(asVendor.body)).not.toContain('staff-wang');
    const vendorList = await through(people.vendor, 'GET', '/evaluation/complaints');
    expect(vendorList.body.map((row) => row['id'])).toEqual([id]);
    expect(JSON.stringify(vendorList.body)).not.toContain('staff-wang');
    expect((await through(people.otherVendor, 'GET', `/evaluation/complaints/${id}`)).status).toBe(404);
    expect((await through(people.otherVendor, 'GET', '/evaluation/complaints')).body).toEqual([]);

    // Nor does any event name the anonymous complainant (integrators read them).
    const events = await eventsOf(id);
    expect(events.map((event) => event.type)).toEqual(['houqin.evaluation.complaint.filed.v1']);
    expect(JSON.stringify(events.map((event) => event.envelope))).not.toContain('staff-wang');

    // A complainant who did not ask for anonymity is named to the vendor.
    const open = await through(people.colleague, 'POST', '/evaluation/complaints', complaintAbout(workOrderId, { anonymousToVendor: false }));
    expect((await through(people.vendor, 'GET', `/evaluation/complaints/${String(open.body['id'])}`)).body).toMatchObject({ complainantId: 'staff-zhao' });
    expect((await eventsOf(String(open.body['id'])))[0]?.data).toMatchObject({ complainantId: 'staff-zhao' });

    // Filters: status, party and the filing window.
    expect((await through(people.manager, 'GET', '/evaluation/complaints?status=filed')).body).toHaveLength(2);
    expect((await through(people.manager, 'GET', '/evaluation/complaints?status=decided')).body).toEqual([]);
    expect((await through(people.manager, 'GET', `/evaluation/complaints?party=${randomUUID()}`)).body).toEqual([]);
    const after = encodeURIComponent(new Date(clock.now().getTime() + MINUTE).toISOString());
    expect((await through(people.manager, 'GET', `/evaluation/complaints?from=${after}`)).body).toEqual([]);
  });

  it('publishes complaint.upheld once, naming the vendor and the manager who assigned the work; an appeal once by the complainant, and another operator overturns it', async () => {
    const people = agency();
    await contractSigned(people);
    const workOrderId = await assignedWorkOrder(people, 'manager-chen');
    const id = String((await through(people.staff, 'POST', '/evaluation/complaints', complaintAbout(workOrderId))).body['id']);

    // Deciding before investigation is an illegal transition naming the state; staff may not triage at all.
    const early = await through(people.manager, 'POST', `/evaluation/complaints/${id}/decision`, { outcome: 'upheld', reasons: 'x' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentState: 'filed' });
    expect((await through(people.staff, 'POST', `/evaluation/complaints/${id}/triage`, { severity: 'major', investigatorId: 'manager-li' })).status).toBe(403);
    expect((await through(people.auditor, 'POST', `/evaluation/complaints/${id}/triage`, { severity: 'major', investigatorId: 'manager-li' })).status).toBe(403);

    const triaged = await through(people.manager, 'POST', `/evaluation/complaints/${id}/triage`, { severity: 'major', investigatorId: 'manager-li', category: 'timeliness' });
    expect(triaged.status).toBe(200);
    expect(triaged.body).toMatchObject({ status: 'under-investigation', category: 'timeliness', triage: { severity: 'major', investigatorId: 'manager-li', triagedBy: 'manager-li' } });
    const evidence = await through(people.manager, 'POST', `/evaluation/complaints/${id}/evidence`, {
      description: '维修记录显示未做试机',
      attachments: [{ fileName: 'log.pdf', contentType: 'application/pdf', sizeBytes: 1200, url: 'https://files.agency.example/complaints/log.pdf', sha256: 'A'.repeat(64) }],
    });
    expect(evidence.status).toBe(200);
    expect(evidence.body['evidence']).toEqual([expect.objectContaining({ description: '维修记录显示未做试机', addedBy: 'manager-li', attachments: [expect.objectContaining({ sha256: 'a'.repeat(64) })] })]);

    clock.advance(90 * MINUTE);
    const decided = await through(people.manager, 'POST', `/evaluation/complaints/${id}/decision`, {
      outcome: 'upheld',
      reasons: 'The engineer left without testing the unit.',
      answerable: [{ kind: 'person', name: '张师傅', role: 'the engineer on site' }],
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', outcome: 'upheld', handlingMinutes: 90, decision: { decidedBy: 'manager-li' } });

    const upheld = (await eventsOf(id)).filter((event) => event.type === ComplaintUpheld.type);
    expect(upheld).toHaveLength(1);
    expect(upheld[0]?.data).toMatchObject({
      party: people.vendorId,
      vendorId: people.vendorId,
      serviceType: 'maintenance',
      instanceId: workOrderId,
      category: 'timeliness',
      severity: 'major',
      decidedBy: 'manager-li',
      onAppeal: false,
      answerable: [
        { kind: 'vendor', vendorId: people.vendorId, name: '福州市物业维修有限公司', role: 'the vendor complained about' },
        { kind: 'approving-manager', userId: 'manager-chen', role: 'assigned the work' },
        { kind: 'person', name: '张师傅', role: 'the engineer on site' },
      ],
    });
    expect(JSON.stringify(upheld[0]?.envelope)).not.toContain('staff-wang');

    // Redelivered, and decided again: nothing changes.
    await publish(ComplaintUpheld.topic, id, upheld[0]!.envelope);
    await publish(ComplaintUpheld.topic, id, upheld[0]!.envelope);
    const again = await through(people.admin, 'POST', `/evaluation/complaints/${id}/decision`, { outcome: 'rejected', reasons: 'x' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'decided' });
    expect((await eventsOf(id)).filter((event) => event.type === ComplaintUpheld.type)).toHaveLength(1);
    expect((await through(people.manager, 'GET', `/evaluation/complaints/${id}`)).body).toMatchObject({ status: 'decided', outcome: 'upheld' });

    // The complainant alone appeals, once; the withdrawal of a decided complaint is refused.
    expect((await through(people.colleague, 'POST', `/evaluation/complaints/${id}/appeal`, { reasons: 'not mine' })).status).toBe(404);
    expect((await through(people.manager, 'POST', `/evaluation/complaints/${id}/appeal`, { reasons: 'not mine' })).status).toBe(422);
    expect((await through(people.staff, 'POST', `/evaluation/complaints/${id}/withdraw`, {})).body).toMatchObject({ currentState: 'decided' });
    const appealed = await through(people.staff, 'POST', `/evaluation/complaints/${id}/appeal`, { reasons: '处理太轻：应要求返修' });
    expect(appealed.status).toBe(200);
    expect(appealed.body).toMatchObject({ status: 'appealed', appeal: { reasons: '处理太轻：应要求返修' } });
    const second = await through(people.staff, 'POST', `/evaluation/complaints/${id}/appeal`, { reasons: 'again' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ currentState: 'appealed' });

    // The first decider may not decide the appeal (segregation of duties); another operator overturns it.
    const own = await through(people.manager, 'POST', `/evaluation/complaints/${id}/appeal-decision`, { outcome: 'rejected', reasons: 'x' });
    expect(own.status).toBe(409);
    expect(String(own.body['detail'])).toMatch(/segregation of duties/);
    const overturned = await through(people.admin, 'POST', `/evaluation/complaints/${id}/appeal-decision`, { outcome: 'rejected', reasons: 'The building had a power cut that afternoon.' });
    expect(overturned.status).toBe(200);
    expect(overturned.body).toMatchObject({ status: 'appeal-decided', outcome: 'rejected', appeal: { decision: { outcome: 'rejected', decidedBy: 'admin-lin' } } });
    expect(await typesOf(id)).toEqual(['filed', 'triaged', 'evidence-added', 'upheld', 'appealed', 'appeal-decided', 'overturned']);
    const overturnedEvent = (await eventsOf(id)).find((event) => event.type === 'houqin.evaluation.complaint.overturned.v1');
    expect(overturnedEvent?.data).toMatchObject({ party: people.vendorId, decidedBy: 'admin-lin', reasons: 'The building had a power cut that afternoon.' });
    expect(JSON.stringify((await eventsOf(id)).map((event) => event.envelope))).not.toContain('staff-wang');
    expect((await through(people.staff, 'POST', `/evaluation/complaints/${id}/appeal`, { reasons: 'again' })).body).toMatchObject({ currentState: 'appeal-decided' });
  });

  it('upholds a rejected complaint on appeal (complaint.upheld onAppeal), and lets the triager name the party the records do not know', async () => {
    const people = agency();
    const filed = await through(people.staff, 'POST', '/evaluation/complaints', { serviceType: 'catering', instanceId: 'meal-2026-12-01-lunch', category: 'hygiene', description: '午餐有异物' });
    expect(filed.body).not.toHaveProperty('party');
    const id = String(filed.body['id']);
    const unnamed = await through(people.manager, 'POST', `/evaluation/complaints/${id}/triage`, { severity: 'serious', investigatorId: 'manager-li' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body['errors']).toEqual([expect.objectContaining({ field: 'party' })]);
    expect((await through(people.manager, 'POST', `/evaluation/complaints/${id}/triage`, { severity: 'serious', investigatorId: 'manager-li', party: 'internal-team' })).body).toMatchObject({ party: 'internal-team' });
    const rejected = await through(people.manager, 'POST', `/evaluation/complaints/${id}/decision`, { outcome: 'rejected', reasons: '留样检测未见异物' });
    expect(rejected.body).toMatchObject({ outcome: 'rejected', appealableUntil: new Date(clock.now().getTime() + 15 * DAY).toISOString() });
    await through(people.staff, 'POST', `/evaluation/complaints/${id}/appeal`, { reasons: '有照片为证' });
    await through(people.admin, 'POST', `/evaluation/complaints/${id}/appeal-decision`, { outcome: 'upheld', reasons: '照片可见异物' });
    expect(await typesOf(id)).toEqual(['filed', 'triaged', 'rejected', 'appealed', 'appeal-decided', 'upheld']);
    const upheld = (await eventsOf(id)).find((event) => event.type === ComplaintUpheld.type);
    expect(upheld?.data).toMatchObject({ party: 'internal-team', onAppeal: true, decidedBy: 'admin-lin', severity: 'serious', answerable: [{ kind: 'internal-team' }] });
    // Not anonymous: the complainant is named in the complaint's own events.
    expect((await eventsOf(id))[0]?.data).toMatchObject({ complainantId: 'staff-wang' });
  });

  it('lets the complainant withdraw before the decision, no one else', async () => {
    const people = agency();
    const id = String((await through(people.staff, 'POST', '/evaluation/complaints', { vendorId: people.vendorId, category: 'staff-conduct', description: '态度恶劣', anonymousToVendor: true })).body['id']);
    expect((await through(people.manager, 'POST', `/evaluation/complaints/${id}/withdraw`, {})).status).toBe(422);
    expect((await through(people.colleague, 'POST', `/evaluation/complaints/${id}/withdraw`, {})).status).toBe(404);
    expect((await through(people.staff, 'POST', `/evaluation/complaints/${id}/withdraw`, { reason: '已协商解决' })).body).toMatchObject({ status: 'withdrawn', withdrawalReason: '已协商解决' });
    expect((await through(people.manager, 'POST', `/evaluation/complaints/${id}/triage`, { severity: 'minor', investigatorId: 'manager-li' })).body).toMatchObject({ currentState: 'withdrawn' });
    const withdrawn = (await eventsOf(id)).find((event) => event.type === 'houqin.evaluation.complaint.withdrawn.v1');
    expect(withdrawn?.data).toMatchObject({ party: people.vendorId, reason: '已协商解决' });
    expect(withdrawn?.data).not.toHaveProperty('complainantId');
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const people = agency();
    const cases: Array<[unknown, string]> = [
      [{ vendorId: people.vendorId, description: 'x' }, 'category'],
      [{ category: 'service-quality', description: 'x' }, 'vendorId'],
      [{ vendorId: 'not-a-uuid', category: 'service-quality', description: 'x' }, 'vendorId'],
      [{ instanceId: 'wo-1', category: 'service-quality', description: 'x' }, 'serviceType'],
      [{ vendorId: people.vendorId, category: 'rude', description: 'x' }, 'category'],
      [{ vendorId: people.vendorId, category: 'other', description: '' }, 'description'],
      [{ vendorId: people.vendorId, category: 'other', description: 'x', attachments: [{ fileName: 'a', contentType: 'image/jpeg', sizeBytes: 1, url: 'https://f/a', sha256: 'xyz' }] }, 'attachments[0].sha256'],
      [{ vendorId: people.vendorId, category: 'other', description: 'x', anonymousToVendor: 'yes' }, 'anonymousToVendor'],
    ];
    for (const [body, field] of cases) {
      const answer = await through(people.staff, 'POST', '/evaluation/complaints', body);
      expect({ field, status: answer.status }).toEqual({ field, status: 400 });
      expect((answer.body['errors'] as Array<{ field: string }>).map((error) => error.field)).toContain(field);
    }
    const id = String((await through(people.staff, 'POST', '/evaluation/complaints', { vendorId: people.vendorId, category: 'other', description: 'x' })).body['id']);
    const badParty = await through(people.manager, 'POST', `/evaluation/complaints/${id}/triage`, { severity: 'minor', investigatorId: 'manager-li', party: 'somebody' });
    expect(badParty.status).toBe(400);
    expect(badParty.body['errors']).toEqual([expect.objectContaining({ field: 'party' })]);
    const badSeverity = await through(people.manager, 'POST', `/evaluation/complaints/${id}/triage`, { severity: 'huge', investigatorId: 'manager-li' });
    expect(badSeverity.body['errors']).toEqual([expect.objectContaining({ field: 'severity' })]);
    expect((await through(people.manager, 'GET', '/evaluation/complaints?status=open')).body['errors']).toEqual([expect.objectContaining({ field: 'status' })]);
    expect((await through(people.manager, 'GET', '/evaluation/complaints?from=yesterday')).body['errors']).toEqual([expect.objectContaining({ field: 'from' })]);
    await through(people.manager, 'POST', `/evaluation/complaints/${id}/triage`, { severity: 'minor', investigatorId: 'manager-li' });
    const badAnswerable = await through(people.manager, 'POST', `/evaluation/complaints/${id}/decision`, { outcome: 'upheld', reasons: 'x', answerable: [{ kind: 'vendor' }] });
    expect(badAnswerable.status).toBe(400);
    expect(badAnswerable.body['errors']).toEqual([expect.objectContaining({ field: 'answerable[0].kind' })]);
    const nobody = await through(people.manager, 'POST', `/evaluation/complaints/${id}/decision`, { outcome: 'upheld', reasons: 'x', answerable: [{ kind: 'person' }] });
    expect(nobody.status).toBe(422);
    expect(nobody.body['errors']).toEqual([expect.objectContaining({ field: 'answerable[0].userId' })]);
  });

  // Moves the shared clock: keep last.
  it('publishes complaint.response-overdue once per undecided complaint at its deadline, with two replicas sweeping at once, and shows it on the dashboard', async () => {
    const people = agency();
    const file = async () => String((await through(people.staff, 'POST', '/evaluation/complaints', { vendorId: people.vendorId, category: 'timeliness', description: '迟迟没人处理', anonymousToVendor: true })).body['id']);
    const ids: string[] = [];
    for (let index = 0; index < 12; index += 1) ids.push(await file());
    const [decided, withdrawn, triaged] = ids as [string, string, string];
    await through(people.manager, 'POST', `/evaluation/complaints/${decided}/triage`, { severity: 'minor', investigatorId: 'manager-li' });
    await through(people.manager, 'POST', `/evaluation/complaints/${decided}/decision`, { outcome: 'rejected', reasons: '已按时处理' });
    await through(people.staff, 'POST', `/evaluation/complaints/${withdrawn}/withdraw`, {});
    await through(people.manager, 'POST', `/evaluation/complaints/${triaged}/triage`, { severity: 'minor', investigatorId: 'manager-li' });
    const undecided = ids.filter((id) => id !== decided && id !== withdrawn).sort();

    const sweeps = [evaluation, replica].map((service) => service.app.get(ComplaintSweep));
    const mine = new Set(ids);
    const sweepTogether = async () => {
      const results = await Promise.all([...sweeps, ...sweeps].map((sweep) => sweep.sweep()));
      const overdue = results.flatMap((result) => result.overdue);
      // No complaint of any agency taken by two sweeps.
      expect(new Set(overdue).size).toBe(overdue.length);
      return overdue.filter((id) => mine.has(id)).sort();
    };
    const dashboard = async () => ((await through(people.manager, 'GET', '/evaluation/dashboard')).body['supervision'] as Record<string, unknown>)['complaints'];

    expect(await dashboard()).toMatchObject({ open: undecided.length, overdueResponses: 0 });
    clock.advance(7 * DAY - MINUTE);
    expect(await sweepTogether()).toEqual([]);
    clock.advance(MINUTE);
    // At the deadline, the complaint reads overdue before any sweep has recorded it.
    expect((await through(people.manager, 'GET', `/evaluation/complaints/${triaged}`)).body).toMatchObject({ responseOverdue: true });
    expect((await through(people.manager, 'GET', `/evaluation/complaints/${decided}`)).body).toMatchObject({ responseOverdue: false });
    expect(await dashboard()).toMatchObject({ open: undecided.length, overdueResponses: undecided.length });
    expect(await sweepTogether()).toEqual(undecided);
    expect(await sweepTogether()).toEqual([]);
    clock.advance(DAY);
    expect(await sweepTogether()).toEqual([]);

    const counts = (await evaluationDb.query(
      `SELECT message_key AS id, count(*)::int AS count FROM outbox_event WHERE event_type = 'houqin.evaluation.complaint.response-overdue.v1' AND message_key = ANY($1) GROUP BY message_key`,
      [ids],
    )) as Array<{ id: string; count: number }>;
    expect(counts.map((row) => row.id).sort()).toEqual(undecided);
    expect(counts.every((row) => row.count === 1)).toBe(true);
    const overdue = (await eventsOf(triaged)).find((event) => event.type === 'houqin.evaluation.complaint.response-overdue.v1');
    expect(overdue?.data).toMatchObject({ status: 'under-investigation', investigatorId: 'manager-li', party: people.vendorId });
    expect(overdue?.data).not.toHaveProperty('complainantId');
  });
});
