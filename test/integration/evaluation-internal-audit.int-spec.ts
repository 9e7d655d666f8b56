import { randomUUID } from 'node:crypto';
import { FixedClock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { RunningService } from '@houqin/service-kit';
import { TestDatabase, testCaller } from '@houqin/testing';
import { InternalAuditSweep } from '../../libs/services/evaluation/src/internal-audit/internal-audit-sweep';
import { EvaluationWithReplica, RunningEvaluation, startEvaluation } from './evaluation-fixture';

/**
 * Internal audit (内部审计) through a real gateway against the real evaluation service and
 * PostgreSQL: the auditor draws up a plan with a self-check (自查) and a cross-check (互查) task;
 * the assignees record their findings, a failure's responsible person answers its rectification
 * (整改), the auditor sends it back or closes it, and the tasks close with their last open finding.
 * Only the people named do the work; the auditor writes nothing outside internal audit; an
 * unanswered rectification is announced overdue once with two replicas sweeping.
 */
const clock = new FixedClock(new Date('2026-12-01T02:00:00Z'));
let running: EvaluationWithReplica;
let database: TestDatabase;
let evaluation: RunningService;
let replica: RunningService;

beforeAll(async () => {
  const env = { INTERNAL_AUDIT_SWEEP_INTERVAL_MS: '86400000' };
  running = await startEvaluation({ name: 'internal_audit', env, clock, replica: true, pathPrefix: '/evaluation' });
  ({ database, evaluation, replica } = running);
});

afterAll(() => running?.shutdown());

const FINANCE = randomUUID();
const GENERAL_OFFICE = randomUUID();

function agency() {
  const agencyId = `agency-${randomUUID()}`;
  const person = (userId: string, role: Caller['roles'][number]) => testCaller({ agencyId, userId, roles: [role] });
  return {
    agencyId,
    auditor: person('auditor-qian', 'auditor'),
    admin: person('admin-lin', 'agency-admin'),
    manager: person('manager-li', 'logistics-manager'),
    supervisor: person('supervisor-ma', 'supervisor'),
    /** The finance department's own checker (self-check). */
    zhou: person('staff-zhou', 'staff'),
    /** The general office's checker, checking finance (cross-check). */
    wu: person('staff-wu', 'staff'),
    /** Responsible for finance's rectifications. */
    chen: person('staff-chen', 'approver'),
    /** Named nowhere. */
    zhao: person('staff-zhao', 'staff'),
  };
}

const through: RunningEvaluation['through'] = (...request) => running.through(...request);

async function created(caller: Caller, path: string, body: unknown): Promise<Record<string, unknown>> {
  const answer = await through(caller, 'POST', path, body);
  expect({ path, status: answer.status, body: answer.body }).toMatchObject({ path, status: 201 });
  return answer.body;
}

/** A plan of the auditor's with finance's self-check (zhou) and the general office's cross-check of finance (wu). */
async function auditPlan(people: ReturnType<typeof agency>) {
  const plan = await created(people.auditor, '/internal-audit/plans', { name: '2026 年第四季度内部审计', period: '2026-Q4', scope: '物资采购与合同归档' });
  const checklist = [{ requirement: '采购台账完整' }, { requirement: '采购合同按时归档' }];
  const selfCheck = await created(people.auditor, `/internal-audit/plans/${String(plan['id'])}/tasks`, { kind: 'self-check', checkedDepartmentId: FINANCE, assignees: ['staff-zhou'], dueOn: '2026-12-20', checklist });
  const crossCheck = await created(people.admin, `/internal-audit/plans/${String(plan['id'])}/tasks`, {
    kind: 'cross-check',
    checkedDepartmentId: FINANCE,
    checkingDepartmentId: GENERAL_OFFICE,
    assignees: ['staff-wu'],
    dueOn: '2026-12-20',
    checklist: [{ requirement: '大额采购经集体决策' }],
  });
  return { planId: String(plan['id']), selfCheckId: String(selfCheck['id']), crossCheckId: String(crossCheck['id']) };
}

const failing = (itemId: string, deadline = '2026-12-10') => ({
  itemId,
  result: 'fail',
  description: '三份采购合同未归档',
  severity: 'major',
  evidence: [{ fileName: '抽查记录.jpg', contentType: 'image/jpeg', sizeBytes: 52_000, url: 'https://files.agency.example/audit/check-1.jpg' }],
  rectification: { responsibleUserId: 'staff-chen', responsibleDepartmentId: FINANCE, deadline },
});

const outboxTypes = async (subject: string): Promise<string[]> => (await running.outboxOf(subject)).map((event) => event.type);

describe('internal audit (内部审计)', () => {
  it('runs a self-check and a cross-check to closure: findings by the assignees, the rectification answered by the responsible person, closed by the auditor', async () => {
    const people = agency();
    const { planId, selfCheckId, crossCheckId } = await auditPlan(people);
    const plan = await through(people.supervisor, 'GET', `/internal-audit/plans/${planId}`);
    expect(plan.status).toBe(200);
    // Both tasks fall due the same day and were created at the same instant: their order is not part of the answer.
    const tasks = (plan.body['tasks'] as Array<Record<string, unknown>>).map((task) => [task['kind'], task['checkedDepartmentId'], task['checkingDepartmentId']]);
    expect(tasks.sort()).toEqual([
      ['cross-check', FINANCE, GENERAL_OFFICE],
      ['self-check', FINANCE, FINANCE],
    ]);

    // Each assignee sees their own task only.
    expect((await through(people.zhou, 'GET', '/internal-audit/tasks')).body.map((task) => task['id'])).toEqual([selfCheckId]);
    expect((await through(people.wu, 'GET', '/internal-audit/tasks')).body.map((task) => task['id'])).toEqual([crossCheckId]);
    expect((await through(people.wu, 'GET', `/internal-audit/tasks/${selfCheckId}`)).status).toBe(404);

    // Self-check: one item passes, the other fails and needs rectification by chen.
    expect((await through(people.zhou, 'POST', `/internal-audit/tasks/${selfCheckId}/findings`, { itemId: 'item-1', result: 'pass' })).status).toBe(201);
    const failed = await created(people.zhou, `/internal-audit/tasks/${selfCheckId}/findings`, failing('item-2'));
    const findingId = String(failed['id']);
    expect(failed).toMatchObject({ status: 'rectifying', rectification: { responsibleUserId: 'staff-chen', deadline: '2026-12-10' }, overdue: false });
    expect(failed['evidence']).toEqual(failing('item-2').evidence);
    expect((await through(people.auditor, 'GET', `/internal-audit/tasks/${selfCheckId}`)).body).toMatchObject({ status: 'rectifying' });
    const again = await through(people.zhou, 'POST', `/internal-audit/tasks/${selfCheckId}/findings`, { itemId: 'item-2', result: 'pass' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'rectifying' });

    // The responsible person sees what they answer for, and answers; the auditor sends it back once, then closes it.
    expect((await through(people.chen, 'GET', '/internal-audit/findings?open=true')).body.map((finding) => finding['id'])).toEqual([findingId]);
    const early = await through(people.auditor, 'POST', `/internal-audit/findings/${findingId}/close`, { note: '核实' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentState: 'rectifying' });
    const register = { fileName: '归档登记表.pdf', contentType: 'application/pdf', sizeBytes: 80_000, url: 's3://agency-documents/audit/register.pdf' };
    const unaddressed = await through(people.chen, 'POST', `/internal-audit/findings/${findingId}/answer`, { note: '三份合同已补充归档', evidence: [{ ...register, url: 'documents/audit/register.pdf' }] });
    expect(unaddressed.status).toBe(400);
    expect(unaddressed.body['errors']).toEqual([expect.objectContaining({ field: 'evidence[0].url' })]);
    const answer = { note: '三份合同已补充归档', evidence: [register] };
    expect((await through(people.chen, 'POST', `/internal-audit/findings/${findingId}/answer`, answer)).body).toMatchObject({ status: 'answered' });
    expect((await through(people.auditor, 'POST', `/internal-audit/findings/${findingId}/send-back`, { note: '缺少归档登记表的签字' })).body).toMatchObject({ status: 'rectifying' });
    expect((await through(people.chen, 'POST', `/internal-audit/findings/${findingId}/answer`, { note: '已补签字' })).status).toBe(200);
    const closed = await through(people.auditor, 'POST', `/internal-audit/findings/${findingId}/close`, { note: '已现场核实' });
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect((closed.body['steps'] as Array<Record<string, unknown>>).map((step) => [step['step'], step['by']])).toEqual([
      ['answered', 'staff-chen'],
      ['sent-back', 'auditor-qian'],
      ['answered', 'staff-chen'],
      ['closed', 'auditor-qian'],
    ]);
    expect((await through(people.manager, 'GET', `/internal-audit/tasks/${selfCheckId}`)).body).toMatchObject({ status: 'closed' });
    expect(await outboxTypes(findingId)).toEqual([
      'houqin.evaluation.audit-finding.recorded.v1',
      'houqin.evaluation.audit-finding.answered.v1',
      'houqin.evaluation.audit-finding.sent-back.v1',
      'houqin.evaluation.audit-finding.answered.v1',
      'houqin.evaluation.audit-finding.closed.v1',
    ]);

    // Cross-check: the general office's checker records it; a pass closes the task at once.
    expect((await through(people.wu, 'POST', `/internal-audit/tasks/${crossCheckId}/findings`, { itemId: 'item-1', result: 'pass', description: '抽查 5 笔均有会议纪要' })).status).toBe(201);
    expect((await through(people.auditor, 'GET', `/internal-audit/tasks?planId=${planId}`)).body.map((task) => task['status'])).toEqual(['closed', 'closed']);
  });

  it('refuses the work to anyone not named: 404 to those who cannot read it, 403 naming the role to readers', async () => {
    const people = agency();
    const { selfCheckId } = await auditPlan(people);
    const stranger = await through(people.zhao, 'POST', `/internal-audit/tasks/${selfCheckId}/findings`, { itemId: 'item-1', result: 'pass' });
    expect(stranger.status).toBe(404);
    const reader = await through(people.manager, 'POST', `/internal-audit/tasks/${selfCheckId}/findings`, { itemId: 'item-1', result: 'pass' });
    expect(reader.status).toBe(403);
    expect(reader.body).toMatchObject({ type: 'urn:houqin:problem:not-named-assignee', errors: [expect.objectContaining({ field: 'assignees' })] });
    expect((await through(people.auditor, 'POST', `/internal-audit/tasks/${selfCheckId}/findings`, { itemId: 'item-1', result: 'pass' })).status).toBe(403);

    const finding = String((await created(people.zhou, `/internal-audit/tasks/${selfCheckId}/findings`, failing('item-1')))['id']);
    expect((await through(people.zhao, 'POST', `/internal-audit/findings/${finding}/answer`, { note: '代答' })).status).toBe(404);
    expect((await through(people.zhao, 'GET', `/internal-audit/findings/${finding}`)).status).toBe(404);
    const notResponsible = await through(people.zhou, 'POST', `/internal-audit/findings/${finding}/answer`, { note: '代答' });
    expect(notResponsible.status).toBe(403);
    expect(notResponsible.body).toMatchObject({ type: 'urn:houqin:problem:not-named-responsible' });
    // Staff may not verify, nor draw up plans (the gateway's table).
    expect((await through(people.zhou, 'POST', `/internal-audit/findings/${finding}/close`, { note: '自己关' })).status).toBe(403);
    expect((await through(people.manager, 'POST', '/internal-audit/plans', { name: 'x', period: '2026', scope: 'y' })).status).toBe(403);
    // Nothing changed.
    expect((await through(people.auditor, 'GET', `/internal-audit/findings/${finding}`)).body).toMatchObject({ status: 'rectifying', steps: [] });
    // Bad input names the field.
    const bad = await through(people.auditor, 'POST', `/internal-audit/plans/${randomUUID()}/tasks`, { kind: 'cross-check', checkedDepartmentId: 'finance', assignees: [], dueOn: '2026-12-20', checklist: [] });
    expect(bad.status).toBe(400);
    expect((bad.body['errors'] as Array<{ field: string }>).map((error) => error.field).sort()).toEqual(['assignees', 'checkedDepartmentId', 'checklist']);
  });

  it('lets the auditor write internal audit and nothing else: a rectification notice or a KPI definition is refused', async () => {
    const people = agency();
    const notice = await through(people.auditor, 'POST', '/rectifications', { party: randomUUID(), finding: '阀门漏水', requiredEvidence: ['照片'], deadline: '2026-12-31T00:00:00+08:00' });
    expect(notice.status).toBe(403);
    expect((await through(people.auditor, 'PUT', '/kpis/definitions/maintenance', { kpis: [] })).status).toBe(403);
    expect((await through(people.auditor, 'GET', '/internal-audit/plans')).status).toBe(200);
  });

  // Moves the shared clock: keep last.
  it('announces an unanswered rectification overdue from 00:00 CST after its deadline day, once across two replicas', async () => {
    const people = agency();
    const { selfCheckId } = await auditPlan(people);
    const late = String((await created(people.zhou, `/internal-audit/tasks/${selfCheckId}/findings`, failing('item-1', '2026-12-10')))['id']);
    const answered = String((await created(people.zhou, `/internal-audit/tasks/${selfCheckId}/findings`, failing('item-2', '2026-12-10')))['id']);
    expect((await through(people.chen, 'POST', `/internal-audit/findings/${answered}/answer`, { note: '已整改' })).status).toBe(200);
    const sweeps = [evaluation, replica].map((service) => service.app.get(InternalAuditSweep));
    const sweepTogether = async () => {
      const marked = (await Promise.all([...sweeps, ...sweeps].map((sweep) => sweep.sweep()))).flat();
      expect(new Set(marked).size).toBe(marked.length);
      return marked.filter((id) => id === late || id === answered);
    };

    clock.set(new Date('2026-12-10T15:59:59.999Z'));
    expect(await sweepTogether()).toEqual([]);
    clock.set(new Date('2026-12-10T16:00:00.000Z'));
    expect(await sweepTogether()).toEqual([late]);
    expect(await sweepTogether()).toEqual([]);
    const dashboard = await through(people.manager, 'GET', '/dashboard');
    expect((dashboard.body['supervision'] as Record<string, unknown>)['internalAudit']).toEqual({ openFindings: 2, overdueFindings: 1 });
    expect((await outboxTypes(late)).filter((type) => type.endsWith('.overdue.v1'))).toEqual(['houqin.evaluation.audit-finding.overdue.v1']);
    expect((await outboxTypes(answered)).filter((type) => type.endsWith('.overdue.v1'))).toEqual([]);
    const [event] = await database.query<{ envelope: { data: Record<string, unknown> } }>(`SELECT envelope FROM outbox_event WHERE message_key = $1 AND event_type LIKE '%overdue%'`, [late]);
    expect(event!.envelope.data).toMatchObject({
      overdueAt: '2026-12-10T16:00:00.000Z',
      answerable: [
        { kind: 'department', departmentId: FINANCE },
        { kind: 'person', userId: 'staff-chen' },
      ],
    });
    const overdue = await through(people.auditor, 'GET', '/internal-audit/findings?overdue=true');
    expect(overdue.body.map((finding) => finding['id'])).toEqual([late]);
    // Sent back after its deadline, the answered one is overdue too: announced once.
    expect((await through(people.auditor, 'POST', `/internal-audit/findings/${answered}/send-back`, { note: '证据不足' })).status).toBe(200);
    expect(await sweepTogether()).toEqual([answered]);
    expect(await sweepTogether()).toEqual([]);
  });
});
