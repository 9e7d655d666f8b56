import { BusinessRuleViolation, DuplicateError, FileAttachment, IllegalTransitionError, normalisedFileAttachment } from '@houqin/domain';
import { addDays, calendarDate, dayOf, startOfDay } from '../../qualifications/domain/calendar-date';
import { AuditTask, isAssignee } from './audit-task';
import { NotNamedError } from './not-named';

/**
 * A finding (审计发现) on one checklist item of a task, recorded once by an assignee: the item
 * passes, or it fails with a description, a severity and evidence — and then needs rectification
 * (整改) by a responsible person (and department) by a deadline:
 *
 *   passed                                   (nothing to do)
 *   rectifying → answered → closed           (the responsible answers, the auditor verifies and closes)
 *                answered → rectifying       (sent back by the auditor with a reason)
 *
 * A rectification still unanswered after its deadline day is overdue, announced once.
 */
/** How many files of evidence a finding, or an answer to it, carries at most. */
export const MAX_EVIDENCE = 10;

export const FINDING_RESULTS = ['pass', 'fail'] as const;
export type FindingResult = (typeof FINDING_RESULTS)[number];
export const FINDING_SEVERITIES = ['minor', 'major', 'serious'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_STATUSES = ['passed', 'rectifying', 'answered', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export interface Rectification {
  responsibleUserId: string;
  responsibleDepartmentId?: string;
  /** The last day (China Standard Time) the rectification may be answered in. */
  deadline: string;
}

/** One step of the rectification: the responsible's answer, or the auditor's verdict. */
export interface RectificationStep {
  step: 'answered' | 'sent-back' | 'closed';
  note: string;
  evidence: FileAttachment[];
  by: string;
  at: Date;
}

export interface AuditFinding {
  id: string;
  agencyId: string;
  planId: string;
  taskId: string;
  itemId: string;
  result: FindingResult;
  description?: string;
  severity?: FindingSeverity;
  evidence: FileAttachment[];
  rectification?: Rectification;
  status: FindingStatus;
  steps: RectificationStep[];
  recordedBy: string;
  recordedAt: Date;
  overdueAt?: Date;
}

export interface FindingInput {
  itemId: string;
  result: FindingResult;
  description?: string | undefined;
  severity?: FindingSeverity | undefined;
  evidence: FileAttachment[];
  rectification?: { responsibleUserId: string; responsibleDepartmentId?: string | undefined; deadline: string } | undefined;
}

/**
 * An assignee of the open task records the finding of an item not yet checked. A failure needs its
 * description, severity and rectification (deadline today or later); a pass carries none.
 */
export function recordFinding(id: string, task: AuditTask, existing: ReadonlyArray<{ itemId: string }>, input: FindingInput, by: string, now: Date): AuditFinding {
  if (!isAssignee(task, by)) throw new NotNamedError('assignee', 'assignees', 'record its findings');
  if (task.status !== 'open') throw new IllegalTransitionError('audit task', task.status, 'record a finding');
  if (!task.checklist.some((item) => item.id === input.itemId)) throw new BusinessRuleViolation('unknown-checklist-item', `the task has no checklist item ${input.itemId}`, 'itemId');
  if (existing.some((finding) => finding.itemId === input.itemId)) throw new DuplicateError('audit-finding', 'itemId', `checklist item ${input.itemId} already has its finding`);
  const base = { id, agencyId: task.agencyId, planId: task.planId, taskId: task.id, itemId: input.itemId, evidence: input.evidence.map(normalisedFileAttachment), steps: [], recordedBy: by, recordedAt: now };
  if (input.result === 'pass') {
    if (input.rectification) throw new BusinessRuleViolation('rectification-of-a-pass', 'a passing item needs no rectification', 'rectification');
    return { ...base, result: 'pass', ...(input.description ? { description: input.description } : {}), status: 'passed' };
  }
  if (!input.description) throw new BusinessRuleViolation('description-required', 'a failed item is described', 'description');
  if (!input.severity) throw new BusinessRuleViolation('severity-required', 'a failed item has a severity', 'severity');
  if (!input.rectification) throw new BusinessRuleViolation('rectification-required', 'a failed item needs rectification: a responsible person and a deadline', 'rectification');
  const deadline = calendarDate(input.rectification.deadline, 'rectification.deadline');
  if (deadline < dayOf(now)) throw new BusinessRuleViolation('deadline-in-the-past', 'rectification.deadline must not be before today (China Standard Time)', 'rectification.deadline');
  const { responsibleUserId, responsibleDepartmentId } = input.rectification;
  return {
    ...base,
    result: 'fail',
    description: input.description,
    severity: input.severity,
    rectification: { responsibleUserId, ...(responsibleDepartmentId ? { responsibleDepartmentId: responsibleDepartmentId.toLowerCase() } : {}), deadline },
    status: 'rectifying',
  };
}

export function isResponsible(finding: AuditFinding, userId: string): boolean {
  return finding.rectification?.responsibleUserId === userId;
}

/** The responsible person answers with what was done and its evidence. */
export function answerRectification(finding: AuditFinding, by: string, note: string, evidence: FileAttachment[], now: Date): AuditFinding {
  if (finding.status !== 'rectifying') throw new IllegalTransitionError('audit finding', finding.status, 'answer the rectification');
  if (!isResponsible(finding, by)) throw new NotNamedError('responsible person', 'rectification.responsibleUserId', 'answer the rectification');
  return { ...finding, status: 'answered', steps: [...finding.steps, { step: 'answered', note, evidence: evidence.map(normalisedFileAttachment), by, at: now }] };
}

/** The auditor verifies the answer and closes the finding. */
export function closeFinding(finding: AuditFinding, by: string, note: string, now: Date): AuditFinding {
  if (finding.status !== 'answered') throw new IllegalTransitionError('audit finding', finding.status, 'close');
  return { ...finding, status: 'closed', steps: [...finding.steps, { step: 'closed', note, evidence: [], by, at: now }] };
}

/** The auditor finds the answer wanting: back to the responsible person, with the reason. */
export function sendBack(finding: AuditFinding, by: string, reason: string, now: Date): AuditFinding {
  if (finding.status !== 'answered') throw new IllegalTransitionError('audit finding', finding.status, 'send back');
  return { ...finding, status: 'rectifying', steps: [...finding.steps, { step: 'sent-back', note: reason, evidence: [], by, at: now }] };
}

/** From 00:00 China Standard Time of the day after the deadline. */
export function overdueFrom(finding: AuditFinding): Date | undefined {
  return finding.rectification ? startOfDay(addDays(finding.rectification.deadline, 1)) : undefined;
}

/** Waiting on the responsible person past the deadline day. */
export function isOverdue(finding: AuditFinding, now: Date): boolean {
  const from = overdueFrom(finding);
  return finding.status === 'rectifying' && from !== undefined && now.getTime() >= from.getTime();
}

/** The sweep records the overdue once; a finding announced overdue is never announced again. */
export function markOverdue(finding: AuditFinding, now: Date): AuditFinding {
  if (finding.overdueAt || !isOverdue(finding, now)) return finding;
  return { ...finding, overdueAt: now };
}
