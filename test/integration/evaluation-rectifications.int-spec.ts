import { randomUUID } from 'node:crypto';
import { ContractSigned } from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';
import { RectificationSweep } from '../../libs/services/evaluation/src/rectifications/rectification-sweep';
import { EvaluationWithReplica, RunningEvaluation, signedContract, startEvaluation } from './evaluation-fixture';

/**
 * Rectification notices (整改通知) against the real evaluation service and PostgreSQL, behind a real
 * gateway: the manager issues a notice to a vendor, the vendor answers through its own account with
 * evidence covering every required item, the manager sends it back and then verifies it; another
 * vendor never sees it; the auditor reads and writes nothing; an overdue notice is escalated to the
 * logistics manager exactly once per deadline with two replicas sweeping at once, and the dashboard
 * shows it. Evaluation reads a fixed clock the tests move forward.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const broker = new InProcessBroker();
const clock = new FixedClock(new Date());
let running: EvaluationWithReplica;
let evaluationDb: TestDatabase;
let evaluation: RunningService;
/** A second replica of evaluation on the same database (its own bus: it consumes nothing here). */
let replica: RunningService;

beforeAll(async () => {
  // Sweeps run when the tests say so, not on a timer.
  running = await startEvaluation({ name: 'rectifications', broker, clock, replica: true, env: { RECTIFICATION_SWEEP_INTERVAL_MS: '3600000' } });
  ({ database: evaluationDb, evaluation, replica } = running);
});

afterAll(() => running?.shutdown());

const VENDOR_NAME = '北京洁达物业服务有限公司';

/** An agency with its people and a vendor evaluation knows by name (procurement announced its contract). */
async function agency() {
  const agencyId = `agency-${randomUUID()}`;
  const vendorId = randomUUID();
  const otherVendorId = randomUUID();
  const who = (userId: string, roles: Caller['roles'], vendor?: string) => testCaller({ agencyId, userId, roles, ...(vendor ? { vendorId: vendor } : {}) });
  await announceContract(agencyId, vendorId);
  await waitFor(async () => (await evaluationDb.query(`SELECT 1 FROM evaluation_vendor WHERE agency_id = $1 AND vendor_id = $2`, [agencyId, vendorId]))[0], {
    description: 'the vendor named in evaluation',
  });
  return {
    agencyId,
    vendorId,
    otherVendorId,
    manager: who('manager-li', ['logistics-manager']),
    admin: who('admin-zhou', ['agency-admin']),
    vendor: who('vendor-wang', ['vendor'], vendorId),
    otherVendor: who('vendor-qian', ['vendor'], otherVendorId),
    auditor: who('auditor-sun', ['auditor']),
    evaluator: who('evaluator-he', ['evaluator']),
    supervisor: who('supervisor-ma', ['supervisor']),
    staff: who('staff-zhao', ['staff']),
  };
}
type People = Awaited<ReturnType<typeof agency>>;

async function announceContract(agencyId: string, vendorId: string): Promise<void> {
  const data = signedContract({ agencyId, vendorId, vendorName: VENDOR_NAME, signedAt: new Date().toISOString() });
  const event = ContractSigned.create({ subject: data.contractId, origin: { agencyId, correlationId: randomUUID() }, data });
  await broker.publish(ContractSigned.topic, data.contractId, Buffer.from(JSON.stringify(event)));
}

const through: RunningEvaluation['through'] = (...request) => running.through(...request);

const REQUIRED = ['photo of the repaired valve', 'training attendance sheet'];
const file = (fileName: string, item?: string) => ({ fileName, contentType: 'image/jpeg', sizeBytes: 120_000, url: `https://files.agency.example/rectifications/${fileName}`, ...(item ? { item } : {}) });
const fullAnswer = { statement: '已更换阀门并组织持证上岗培训。', evidence: [file('valve.jpg', REQUIRED[0]), file('attendance.jpg', REQUIRED[1])] };

async function issue(people: People, deadline: Date, party: string = people.vendorId): Promise<string> {
  const issued = await through(people.manager, 'POST', '/evaluation/rectifications', {
    party,
    finding: '三号楼水泵房阀门漏水，维修人员未持证上岗。',
    violationId: randomUUID(),
    requiredEvidence: REQUIRED,
    deadline: deadline.toISOString(),
  });
  expect(issued.status).toBe(201);
  return String(issued.body['id']);
}

const eventsOf = (noticeId: string) => running.outboxOf(noticeId);

const OVERDUE = 'houqin.evaluation.rectification.overdue.v1';

describe('evaluation: rectification notices (整改通知)', () => {
  it('runs the whole cycle through the gateway: issued → the vendor answers → sent back with a new deadline → answered again → verified and closed', async () => {
    const people = await agency();
    const id = await issue(people, new Date(clock.now().getTime() + 7 * DAY));

    const seen = await through(people.vendor, 'GET', `/evaluation/rectifications/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'issued', party: people.vendorId, vendorName: VENDOR_NAME, requiredEvidence: REQUIRED, overdue: false, answers: [] });
    const listed = await through(people.vendor, 'GET', '/evaluation/rectifications?status=issued');
    expect(listed.body.map((notice) => notice['id'])).toEqual([id]);

    // The managers cannot answer for the vendor, nor verify before it answers.
    expect((await through(people.manager, 'POST', `/evaluation/rectifications/${id}/answer`, fullAnswer)).status).toBe(422);
    const early = await through(people.manager, 'POST', `/evaluation/rectifications/${id}/verify`, {});
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentState: 'issued' });

    const answered = await through(people.vendor, 'POST', `/evaluation/rectifications/${id}/answer`, fullAnswer);
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answers: [{ answeredBy: 'vendor-wang', late: false, evidence: [{ item: REQUIRED[0] }, { item: REQUIRED[1] }] }] });
    expect((await through(people.vendor, 'POST', `/evaluation/rectifications/${id}/answer`, fullAnswer)).body).toMatchObject({ currentState: 'answered' });

    const newDeadline = new Date(clock.now().getTime() + 14 * DAY).toISOString();
    const returned = await through(people.manager, 'POST', `/evaluation/rectifications/${id}/send-back`, { reason: '照片看不清阀门编号，请补拍。', deadline: newDeadline });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', deadline: newDeadline, sendBacks: [{ reason: '照片看不清阀门编号，请补拍。', returnedBy: 'manager-li', deadline: newDeadline }] });

    expect((await through(people.vendor, 'POST', `/evaluation/rectifications/${id}/answer`, fullAnswer)).status).toBe(200);
    const verified = await through(people.manager, 'POST', `/evaluation/rectifications/${id}/verify`, { note: '现场复查合格。' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'closed', verifiedBy: 'manager-li', verificationNote: '现场复查合格。' });
    expect((verified.body['answers'] as unknown[]).length).toBe(2);
    const again = await through(people.manager, 'POST', `/evaluation/rectifications/${id}/send-back`, { reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'closed' });

    const events = await eventsOf(id);
    expect(events.map((event) => event.type)).toEqual([
      'houqin.evaluation.rectification.issued.v1',
      'houqin.evaluation.rectification.answered.v1',
      'houqin.evaluation.rectification.returned.v1',
      'houqin.evaluation.rectification.answered.v1',
      'houqin.evaluation.rectification.verified.v1',
    ]);
    expect(events[0]!.data).toMatchObject({ noticeId: id, vendorId: people.vendorId, vendorName: VENDOR_NAME, requiredEvidence: REQUIRED });
    expect(events[3]!.data).toMatchObject({ round: 2, late: false });
    expect(events[4]!.data).toMatchObject({ answers: 2, answeredLate: false, escalations: 0, verifiedBy: 'manager-li' });
  });

  it("hides a vendor's notice from another vendor: it cannot see, list or answer it (404)", async () => {
    const people = await agency();
    const id = await issue(people, new Date(clock.now().getTime() + 7 * DAY));
    const internal = await issue(people, new Date(clock.now().getTime() + 7 * DAY), 'internal-team');

    expect((await through(people.otherVendor, 'GET', `/evaluation/rectifications/${id}`)).status).toBe(404);
    expect((await through(people.otherVendor, 'POST', `/evaluation/rectifications/${id}/answer`, fullAnswer)).status).toBe(404);
    expect((await through(people.otherVendor, 'GET', '/evaluation/rectifications')).body).toEqual([]);
    // Not even by naming the vendor in the filter.
    expect((await through(people.otherVendor, 'GET', `/evaluation/rectifications?party=${people.vendorId}`)).body).toEqual([]);
    // The internal team's notice is no vendor's.
    expect((await through(people.vendor, 'GET', `/evaluation/rectifications/${internal}`)).status).toBe(404);
    expect((await through(people.vendor, 'GET', '/evaluation/rectifications')).body.map((notice) => notice['id'])).toEqual([id]);
    expect((await through(people.manager, 'GET', `/evaluation/rectifications/${id}`)).body).toMatchObject({ status: 'issued', answers: [] });

    // The internal team's notice is answered by the operators, and verified by someone else.
    expect((await through(people.manager, 'POST', `/evaluation/rectifications/${internal}/answer`, fullAnswer)).status).toBe(200);
    expect((await through(people.manager, 'POST', `/evaluation/rectifications/${internal}/verify`, {})).status).toBe(422);
    expect((await through(people.admin, 'POST', `/evaluation/rectifications/${internal}/verify`, {})).body).toMatchObject({ status: 'closed', verifiedBy: 'admin-zhou' });
  });

  it('lets the auditor, the evaluator and the supervisor read the notices; the auditor cannot issue, answer, verify or send back (403)', async () => {
    const people = await agency();
    const id = await issue(people, new Date(clock.now().getTime() + 7 * DAY));
    for (const reader of [people.auditor, people.evaluator, people.supervisor, people.admin]) {
      expect((await through(reader, 'GET', '/evaluation/rectifications')).body.map((notice) => notice['id'])).toEqual([id]);
      expect((await through(reader, 'GET', `/evaluation/rectifications/${id}`)).status).toBe(200);
    }
    expect((await through(people.staff, 'GET', '/evaluation/rectifications')).status).toBe(403);

    const issued = await through(people.auditor, 'POST', '/evaluation/rectifications', { party: people.vendorId, finding: 'x', requiredEvidence: [], deadline: new Date(clock.now().getTime() + DAY).toISOString() });
    expect(issued.status).toBe(403);
    expect((await through(people.auditor, 'POST', `/evaluation/rectifications/${id}/answer`, fullAnswer)).status).toBe(403);
    expect((await through(people.vendor, 'POST', `/evaluation/rectifications/${id}/answer`, fullAnswer)).status).toBe(200);
    expect((await through(people.auditor, 'POST', `/evaluation/rectifications/${id}/verify`, {})).status).toBe(403);
    expect((await through(people.auditor, 'POST', `/evaluation/rectifications/${id}/send-back`, { reason: 'x' })).status).toBe(403);
    expect((await through(people.auditor, 'GET', `/evaluation/rectifications/${id}`)).body).toMatchObject({ status: 'answered' });
  });

  it('refuses an answer whose evidence leaves a required item uncovered, naming the item; bad input is a 4xx naming the field', async () => {
    const people = await agency();
    const id = await issue(people, new Date(clock.now().getTime() + 7 * DAY));
    const partial = await through(people.vendor, 'POST', `/evaluation/rectifications/${id}/answer`, { statement: '已更换阀门。', evidence: [file('valve.jpg', REQUIRED[0]), file('extra.jpg')] });
    expect(partial.status).toBe(422);
    expect(partial.body['errors']).toEqual([expect.objectContaining({ field: 'evidence', rule: 'evidence-missing', message: expect.stringContaining(`'${REQUIRED[1]}'`) })]);
    const none = await through(people.vendor, 'POST', `/evaluation/rectifications/${id}/answer`, { statement: '已整改。', evidence: [] });
    expect(none.status).toBe(422);
    expect(String(none.body['detail'])).toContain(REQUIRED[0]);
    const badFile = await through(people.vendor, 'POST', `/evaluation/rectifications/${id}/answer`, { statement: 's', evidence: [{ ...file('a.jpg', REQUIRED[0]), url: 'ftp://x' }] });
    expect(badFile.status).toBe(400);
    expect(JSON.stringify(badFile.body)).toContain('evidence');
    expect((await through(people.vendor, 'GET', `/evaluation/rectifications/${id}`)).body).toMatchObject({ status: 'issued', answers: [] });

    const past = await through(people.manager, 'POST', '/evaluation/rectifications', { party: people.vendorId, finding: 'x', requiredEvidence: [], deadline: new Date(clock.now().getTime() - HOUR).toISOString() });
    expect(past.status).toBe(422);
    expect(past.body['errors']).toEqual([expect.objectContaining({ field: 'deadline' })]);
    const badParty = await through(people.manager, 'POST', '/evaluation/rectifications', { party: 'acme', finding: 'x', requiredEvidence: [], deadline: new Date(clock.now().getTime() + HOUR).toISOString() });
    expect(badParty.status).toBe(400);
    expect(JSON.stringify(badParty.body)).toContain('party');
  });

  it('escalates an overdue notice exactly once with two replicas sweeping at once, and once more after a send-back with a new deadline passes; the dashboard shows it', async () => {
    const people = await agency();
    const start = clock.now();
    const id = await issue(people, new Date(start.getTime() + 2 * DAY));
    const sweeps = [evaluation, replica].map((service) => service.app.get(RectificationSweep));
    /** Four sweeps at once, two per replica: the notices of this test each escalated, however many sweeps took part. */
    const sweepTogether = async () => {
      const results = await Promise.all([...sweeps, ...sweeps].map((sweep) => sweep.sweep()));
      const all = results.flat();
      // No notice of any agency taken by two sweeps.
      expect(new Set(all).size).toBe(all.length);
      return all.filter((escalated) => escalated === id);
    };
    const overdueEvents = async () => (await eventsOf(id)).filter((event) => event.type === OVERDUE);

    expect(await sweepTogether()).toEqual([]);
    clock.set(new Date(start.getTime() + 2 * DAY - 1));
    expect(await sweepTogether()).toEqual([]);
    expect((await through(people.manager, 'GET', '/evaluation/dashboard')).body['supervision']).toMatchObject({ rectifications: { open: 1, overdue: 0, oldestOverdue: null } });

    clock.set(new Date(start.getTime() + 2 * DAY + HOUR));
    expect((await through(people.manager, 'GET', '/evaluation/rectifications?overdue=true')).body.map((notice) => notice['id'])).toEqual([id]);
    expect(await sweepTogether()).toEqual([id]);
    expect(await sweepTogether()).toEqual([]);
    // A replica started afresh (a restart) finds nothing left to escalate: the escalation is in the database.
    const restarted = await startService(evaluationService, { env: inProcessServiceEnv(evaluationDb.url, { RECTIFICATION_SWEEP_INTERVAL_MS: '3600000' }), broker: new InProcessBroker(), clock });
    try {
      expect((await restarted.app.get(RectificationSweep).sweep()).filter((escalated) => escalated === id)).toEqual([]);
    } finally {
      await restarted.shutdown();
    }
    const first = await overdueEvents();
    expect(first).toHaveLength(1);
    expect(first[0]!.data).toEqual({
      noticeId: id,
      agencyId: people.agencyId,
      party: people.vendorId,
      vendorId: people.vendorId,
      violationId: expect.any(String),
      deadline: new Date(start.getTime() + 2 * DAY).toISOString(),
      escalatedAt: clock.now().toISOString(),
      escalateTo: 'logistics-manager',
      answerable: [{ kind: 'vendor', vendorId: people.vendorId, name: VENDOR_NAME, role: 'told to rectify by the notice' }],
    });

    const dashboard = await through(people.manager, 'GET', '/evaluation/dashboard');
    expect(dashboard.status).toBe(200);
    // The rectification part of the supervision figures (other capabilities add their own parts beside it).
    expect((dashboard.body['supervision'] as Record<string, unknown>)['rectifications']).toEqual({
      open: 1,
      awaitingVerification: 0,
      overdue: 1,
      oldestOverdue: {
        id,
        party: people.vendorId,
        vendorName: VENDOR_NAME,
        finding: '三号楼水泵房阀门漏水，维修人员未持证上岗。',
        deadline: new Date(start.getTime() + 2 * DAY).toISOString(),
        escalatedAt: clock.now().toISOString(),
      },
    });
    expect((await through(people.vendor, 'GET', `/evaluation/rectifications/${id}`)).body).toMatchObject({ overdue: true, escalations: [{ escalatedAt: clock.now().toISOString() }] });

    // A late answer is taken and recorded as late; the notice is no longer overdue.
    clock.advance(HOUR);
    const late = await through(people.vendor, 'POST', `/evaluation/rectifications/${id}/answer`, fullAnswer);
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ status: 'answered', overdue: false, answers: [{ late: true }] });
    expect((await through(people.manager, 'GET', '/evaluation/dashboard')).body['supervision']).toMatchObject({ rectifications: { open: 1, awaitingVerification: 1, overdue: 0, oldestOverdue: null } });
    expect(await sweepTogether()).toEqual([]);

    // Sent back with a new deadline: overdue again once that one passes — escalated once more, once.
    const secondDeadline = new Date(clock.now().getTime() + 3 * DAY);
    expect((await through(people.manager, 'POST', `/evaluation/rectifications/${id}/send-back`, { reason: '培训签到表缺少签名。', deadline: secondDeadline.toISOString() })).status).toBe(200);
    expect(await sweepTogether()).toEqual([]);
    clock.set(new Date(secondDeadline.getTime() + HOUR));
    expect(await sweepTogether()).toEqual([id]);
    expect(await sweepTogether()).toEqual([]);
    const both = await overdueEvents();
    expect(both.map((event) => event.data['deadline'])).toEqual([new Date(start.getTime() + 2 * DAY).toISOString(), secondDeadline.toISOString()]);
    expect(await evaluationDb.query(`SELECT count(*)::int AS n FROM rectification_escalation WHERE notice_id = $1`, [id])).toEqual([{ n: 2 }]);

    // A send-back that keeps a deadline already escalated does not escalate it again.
    expect((await through(people.vendor, 'POST', `/evaluation/rectifications/${id}/answer`, fullAnswer)).body).toMatchObject({ answers: [{ late: true }, { late: true }] });
    expect((await through(people.manager, 'POST', `/evaluation/rectifications/${id}/send-back`, { reason: '仍不完整。' })).body).toMatchObject({ status: 'returned', overdue: true });
    expect(await sweepTogether()).toEqual([]);
    expect(await overdueEvents()).toHaveLength(2);
  });
});
