import { BusinessRuleViolation } from '@houqin/domain';
import { calendarDate, dayOf, startOfDay, addDays } from '../../qualifications/domain/calendar-date';

/**
 * An audit task (审计任务) of a plan: a self-check (自查), where a department checks itself, or a
 * cross-check (互查), where a checking department checks another; named assignees (user ids)
 * record a finding per checklist item by the due date.
 *
 * open → rectifying (every item has a finding, some failed ones not closed yet) → closed (every
 * failed finding's rectification closed by the auditor); a task whose findings all pass closes
 * with its last finding. The state follows from the findings (taskStatusOf).
 */
export const AUDIT_TASK_KINDS = ['self-check', 'cross-check'] as const;
export type AuditTaskKind = (typeof AUDIT_TASK_KINDS)[number];
export const AUDIT_TASK_STATUSES = ['open', 'rectifying', 'closed'] as const;
export type AuditTaskStatus = (typeof AUDIT_TASK_STATUSES)[number];

export const MAX_ASSIGNEES = 20;
export const MAX_CHECKLIST_ITEMS = 100;

export interface ChecklistItem {
  /** Stable within the task: 'item-1', 'item-2', … in the order given. */
  id: string;
  requirement: string;
}

export interface AuditTask {
  id: string;
  agencyId: string;
  planId: string;
  kind: AuditTaskKind;
  /** The department checked (a department id of the gateway's identity). */
  checkedDepartmentId: string;
  /** The department that checks: itself for a self-check, another for a cross-check. */
  checkingDepartmentId: string;
  assignees: string[];
  dueOn: string;
  checklist: ChecklistItem[];
  status: AuditTaskStatus;
  createdBy: string;
  createdAt: Date;
}

export interface AuditTaskInput {
  kind: AuditTaskKind;
  checkedDepartmentId: string;
  checkingDepartmentId?: string | undefined;
  assignees: string[];
  dueOn: string;
  checklist: Array<{ requirement: string }>;
}

export function assignTask(id: string, plan: { id: string; agencyId: string }, input: AuditTaskInput, by: string, now: Date): AuditTask {
  const checked = input.checkedDepartmentId.toLowerCase();
  const checking = input.checkingDepartmentId?.toLowerCase();
  if (input.kind === 'cross-check' && !checking) {
    throw new BusinessRuleViolation('checking-department-required', 'a cross-check (互查) names the checking department', 'checkingDepartmentId');
  }
  if (input.kind === 'cross-check' && checking === checked) {
    throw new BusinessRuleViolation('cross-check-of-itself', 'in a cross-check (互查) the checking department checks another one', 'checkingDepartmentId');
  }
  if (input.kind === 'self-check' && checking !== undefined && checking !== checked) {
    throw new BusinessRuleViolation('self-check-by-another', 'in a self-check (自查) the department checks itself: leave checkingDepartmentId out', 'checkingDepartmentId');
  }
  const assignees = [...new Set(input.assignees)];
  if (assignees.length === 0 || assignees.length > MAX_ASSIGNEES) {
    throw new BusinessRuleViolation('assignees-required', `a task names 1 to ${MAX_ASSIGNEES} assignees`, 'assignees');
  }
  if (input.checklist.length === 0 || input.checklist.length > MAX_CHECKLIST_ITEMS) {
    throw new BusinessRuleViolation('checklist-required', `a task has 1 to ${MAX_CHECKLIST_ITEMS} checklist items`, 'checklist');
  }
  const dueOn = calendarDate(input.dueOn, 'dueOn');
  if (dueOn < dayOf(now)) throw new BusinessRuleViolation('due-in-the-past', 'dueOn must not be before today (China Standard Time)', 'dueOn');
  return {
    id,
    agencyId: plan.agencyId,
    planId: plan.id,
    kind: input.kind,
    checkedDepartmentId: checked,
    checkingDepartmentId: checking ?? checked,
    assignees,
    dueOn,
    checklist: input.checklist.map((item, index) => ({ id: `item-${index + 1}`, requirement: item.requirement })),
    status: 'open',
    createdBy: by,
    createdAt: now,
  };
}

export function isAssignee(task: AuditTask, userId: string): boolean {
  return task.assignees.includes(userId);
}

/** The task's state from its findings (one per checklist item at most). */
export function taskStatusOf(task: AuditTask, findings: ReadonlyArray<{ itemId: string; status: string }>): AuditTaskStatus {
  const checked = new Set(findings.map((finding) => finding.itemId));
  if (!task.checklist.every((item) => checked.has(item.id))) return 'open';
  return findings.every((finding) => finding.status === 'passed' || finding.status === 'closed') ? 'closed' : 'rectifying';
}

/** Past its due date (the whole due day counts) with items still unchecked. */
export function isTaskOverdue(task: AuditTask, now: Date): boolean {
  return task.status === 'open' && now.getTime() >= startOfDay(addDays(task.dueOn, 1)).getTime();
}
