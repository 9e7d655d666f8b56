import {
  AnswerableParty,
  AuditFindingAnswered,
  AuditFindingClosed,
  AuditFindingOverdue,
  AuditFindingRecorded,
  AuditFindingSentBack,
  EventEnvelope,
  EventOrigin,
} from '@houqin/contracts';
import type { AuditFinding, RectificationStep } from './domain/audit-finding';
import type { AuditTask } from './domain/audit-task';

/** The internal audit events, built in one place from the finding as saved and its task. */
function summary(finding: AuditFinding, task: AuditTask) {
  return {
    findingId: finding.id,
    agencyId: finding.agencyId,
    planId: finding.planId,
    taskId: task.id,
    taskKind: task.kind,
    checkedDepartmentId: task.checkedDepartmentId,
    checkingDepartmentId: task.checkingDepartmentId,
    itemId: finding.itemId,
  };
}

function lastStep(finding: AuditFinding): RectificationStep {
  const step = finding.steps[finding.steps.length - 1];
  if (!step) throw new Error(`audit finding ${finding.id} has no rectification step to announce`);
  return step;
}

export function recordedEvent(finding: AuditFinding, task: AuditTask, origin: EventOrigin): EventEnvelope {
  return AuditFindingRecorded.create({
    subject: finding.id,
    origin,
    time: finding.recordedAt,
    data: {
      ...summary(finding, task),
      result: finding.result,
      ...(finding.severity ? { severity: finding.severity } : {}),
      ...(finding.rectification ? { rectification: finding.rectification } : {}),
      recordedBy: finding.recordedBy,
      recordedAt: finding.recordedAt.toISOString(),
    },
  });
}

/** The event of the rectification step just taken: answered, sent back or closed. */
export function stepEvent(finding: AuditFinding, task: AuditTask, origin: EventOrigin): EventEnvelope {
  const step = lastStep(finding);
  const base = { subject: finding.id, origin, time: step.at };
  switch (step.step) {
    case 'answered':
      return AuditFindingAnswered.create({ ...base, data: { ...summary(finding, task), answeredBy: step.by, answeredAt: step.at.toISOString() } });
    case 'sent-back':
      return AuditFindingSentBack.create({ ...base, data: { ...summary(finding, task), reason: step.note, sentBackBy: step.by, sentBackAt: step.at.toISOString() } });
    case 'closed':
      return AuditFindingClosed.create({ ...base, data: { ...summary(finding, task), closedBy: step.by, closedAt: step.at.toISOString() } });
  }
}

export function overdueEvent(finding: AuditFinding, task: AuditTask, origin: EventOrigin): EventEnvelope {
  const { rectification, severity, overdueAt } = finding;
  if (!rectification || !severity || !overdueAt) throw new Error(`audit finding ${finding.id} is not an overdue rectification`);
  const answerable: AnswerableParty[] = [
    ...(rectification.responsibleDepartmentId
      ? [{ kind: 'department' as const, departmentId: rectification.responsibleDepartmentId, role: 'the department responsible for the rectification' }]
      : []),
    { kind: 'person', userId: rectification.responsibleUserId, role: 'responsible for the rectification' },
  ];
  return AuditFindingOverdue.create({
    subject: finding.id,
    origin,
    time: overdueAt,
    data: { ...summary(finding, task), severity, rectification, overdueAt: overdueAt.toISOString(), answerable },
  });
}
