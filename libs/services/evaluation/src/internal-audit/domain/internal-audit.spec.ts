import { DuplicateError, IllegalTransitionError } from '@houqin/domain';
import { FindingInput, answerRectification, closeFinding, isOverdue, markOverdue, recordFinding, sendBack } from './audit-finding';
import { draftPlan } from './audit-plan';
import { AuditTask, AuditTaskInput, assignTask, isTaskOverdue, taskStatusOf } from './audit-task';
import { NotNamedError } from './not-named';

const FINANCE = '1b0c6f1e-2f0a-4a51-9a57-0a7b7d5e0c01';
const LOGISTICS = '2c1d7a2f-3a1b-4b62-8b68-1b8c8e6f1d02';
const now = new Date('2026-12-01T02:00:00Z');
const plan = draftPlan('plan-1', 'agency-1', { name: '2026 年度内部审计', period: '2026-Q4', scope: '公务用车与物资采购' }, 'auditor-qian', now);
const selfCheck: AuditTaskInput = {
  kind: 'self-check',
  checkedDepartmentId: FINANCE,
  assignees: ['user-zhou', 'user-wu'],
  dueOn: '2026-12-20',
  checklist: [{ requirement: '采购台账完整' }, { requirement: '合同归档及时' }],
};
const task = (input: Partial<AuditTaskInput> = {}): AuditTask => assignTask('task-1', plan, { ...selfCheck, ...input }, 'auditor-qian', now);
const failing: FindingInput = {
  itemId: 'item-2',
  result: 'fail',
  description: '三份合同未归档',
  severity: 'major',
  evidence: [],
  rectification: { responsibleUserId: 'user-chen', responsibleDepartmentId: FINANCE, deadline: '2026-12-10' },
};

describe('an audit plan (审计计划)', () => {
  it('takes a year, quarter or month as its period, refusing anything else naming period', () => {
    expect(plan.period).toBe('2026-Q4');
    expect(() => draftPlan('p', 'a', { name: 'x', period: '2026-Q5', scope: 's' }, 'u', now)).toThrow(expect.objectContaining({ field: 'period' }));
  });
});

describe('an audit task', () => {
  it('is a self-check (自查) of a department by itself, or a cross-check (互查) by another', () => {
    expect(task()).toMatchObject({ kind: 'self-check', checkedDepartmentId: FINANCE, checkingDepartmentId: FINANCE, status: 'open' });
    expect(task().checklist.map((item) => item.id)).toEqual(['item-1', 'item-2']);
    expect(task({ kind: 'cross-check', checkingDepartmentId: LOGISTICS })).toMatchObject({ checkedDepartmentId: FINANCE, checkingDepartmentId: LOGISTICS });
    expect(() => task({ kind: 'cross-check' })).toThrow(expect.objectContaining({ code: 'checking-department-required', field: 'checkingDepartmentId' }));
    expect(() => task({ kind: 'cross-check', checkingDepartmentId: FINANCE.toUpperCase() })).toThrow(expect.objectContaining({ code: 'cross-check-of-itself' }));
    expect(() => task({ checkingDepartmentId: LOGISTICS })).toThrow(expect.objectContaining({ code: 'self-check-by-another' }));
  });

  it('names its assignees and checklist, and is not due before today', () => {
    expect(() => task({ assignees: [] })).toThrow(expect.objectContaining({ field: 'assignees' }));
    expect(() => task({ checklist: [] })).toThrow(expect.objectContaining({ field: 'checklist' }));
    expect(() => task({ dueOn: '2026-11-30' })).toThrow(expect.objectContaining({ field: 'dueOn' }));
    expect(task({ dueOn: '2026-12-01' }).dueOn).toBe('2026-12-01');
  });

  it('is overdue from 00:00 CST after its due day while items are unchecked', () => {
    const open = task();
    expect(isTaskOverdue(open, new Date('2026-12-20T15:59:59.999Z'))).toBe(false);
    expect(isTaskOverdue(open, new Date('2026-12-20T16:00:00.000Z'))).toBe(true);
    expect(isTaskOverdue({ ...open, status: 'closed' }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });

  it('stays open until every item has its finding, rectifies while a failed one is not closed, closes after', () => {
    const open = task();
    expect(taskStatusOf(open, [{ itemId: 'item-1', status: 'passed' }])).toBe('open');
    expect(taskStatusOf(open, [{ itemId: 'item-1', status: 'passed' }, { itemId: 'item-2', status: 'answered' }])).toBe('rectifying');
    expect(taskStatusOf(open, [{ itemId: 'item-1', status: 'passed' }, { itemId: 'item-2', status: 'closed' }])).toBe('closed');
    expect(taskStatusOf(open, [{ itemId: 'item-1', status: 'passed' }, { itemId: 'item-2', status: 'passed' }])).toBe('closed');
  });
});

describe('a finding (审计发现) and its rectification (整改)', () => {
  it('is recorded by an assignee named on the task, and by no one else', () => {
    expect(recordFinding('f-1', task(), [], failing, 'user-zhou', now)).toMatchObject({ status: 'rectifying', severity: 'major', rectification: { deadline: '2026-12-10' } });
    expect(() => recordFinding('f-1', task(), [], failing, 'auditor-qian', now)).toThrow(NotNamedError);
  });

  it('is recorded once per checklist item, of an item the task has, while the task is open', () => {
    expect(() => recordFinding('f-2', task(), [{ itemId: 'item-2' }], failing, 'user-zhou', now)).toThrow(DuplicateError);
    expect(() => recordFinding('f-2', task(), [], { ...failing, itemId: 'item-9' }, 'user-zhou', now)).toThrow(expect.objectContaining({ field: 'itemId' }));
    expect(() => recordFinding('f-2', { ...task(), status: 'closed' }, [], failing, 'user-zhou', now)).toThrow(expect.objectContaining({ currentState: 'closed' }));
  });

  it('passes without rectification, and fails only with a description, severity and rectification', () => {
    expect(recordFinding('f', task(), [], { itemId: 'item-1', result: 'pass', evidence: [] }, 'user-wu', now).status).toBe('passed');
    expect(() => recordFinding('f', task(), [], { itemId: 'item-1', result: 'pass', evidence: [], rectification: failing.rectification }, 'user-wu', now)).toThrow(
      expect.objectContaining({ field: 'rectification' }),
    );
    for (const [missing, field] of [
      ['description', 'description'],
      ['severity', 'severity'],
      ['rectification', 'rectification'],
    ] as const) {
      expect(() => recordFinding('f', task(), [], { ...failing, [missing]: undefined }, 'user-zhou', now)).toThrow(expect.objectContaining({ field }));
    }
    expect(() => recordFinding('f', task(), [], { ...failing, rectification: { ...failing.rectification!, deadline: '2026-11-30' } }, 'user-zhou', now)).toThrow(
      expect.objectContaining({ field: 'rectification.deadline' }),
    );
  });

  it('is answered by the responsible person only, then closed or sent back by the auditor; 409 names the state otherwise', () => {
    const found = recordFinding('f-1', task(), [], failing, 'user-zhou', now);
    expect(() => answerRectification(found, 'user-zhou', '已归档', [], now)).toThrow(NotNamedError);
    expect(() => closeFinding(found, 'auditor-qian', '', now)).toThrow(expect.objectContaining({ currentState: 'rectifying' }));
    const answered = answerRectification(found, 'user-chen', '三份合同已补充归档', [], now);
    expect(answered.status).toBe('answered');
    expect(() => answerRectification(answered, 'user-chen', 'again', [], now)).toThrow(IllegalTransitionError);
    const back = sendBack(answered, 'auditor-qian', '缺少归档登记表', now);
    expect(back.status).toBe('rectifying');
    const closed = closeFinding(answerRectification(back, 'user-chen', '已补登记表', [], now), 'auditor-qian', '核实无误', now);
    expect(closed.status).toBe('closed');
    expect(closed.steps.map((step) => step.step)).toEqual(['answered', 'sent-back', 'answered', 'closed']);
    expect(() => sendBack(closed, 'auditor-qian', 'x', now)).toThrow(expect.objectContaining({ currentState: 'closed' }));
  });

  it('is overdue from 00:00 CST after its deadline day while unanswered, marked once', () => {
    const found = recordFinding('f-1', task(), [], failing, 'user-zhou', now);
    expect(isOverdue(found, new Date('2026-12-10T15:59:59.999Z'))).toBe(false);
    expect(isOverdue(found, new Date('2026-12-10T16:00:00.000Z'))).toBe(true);
    const marked = markOverdue(found, new Date('2026-12-10T16:00:00.000Z'));
    expect(marked.overdueAt).toEqual(new Date('2026-12-10T16:00:00.000Z'));
    expect(markOverdue(marked, new Date('2026-12-12T00:00:00Z'))).toBe(marked);
    expect(isOverdue(answerRectification(found, 'user-chen', 'done', [], now), new Date('2026-12-11T00:00:00Z'))).toBe(false);
  });
});
