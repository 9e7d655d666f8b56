import { z } from 'zod';
import { defineEvent } from '../event-contract';
import type { EventContract } from '../event-contract';
import { Answerable } from './supervision.events';

const Instant = z.string().datetime({ offset: true });
const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What names a finding of internal audit (内部审计) in its events. */
const FindingSummary = {
  findingId: z.string().uuid(),
  agencyId: z.string().min(1).max(64),
  planId: z.string().uuid(),
  taskId: z.string().uuid(),
  taskKind: z.enum(['self-check', 'cross-check']),
  /** The department checked, and the one that checked (itself in a self-check): department ids of the gateway's identity. */
  checkedDepartmentId: z.string().uuid(),
  checkingDepartmentId: z.string().uuid(),
  itemId: z.string().min(1).max(32),
};

const Rectification = z.object({
  responsibleUserId: z.string().min(1).max(128),
  responsibleDepartmentId: z.string().uuid().optional(),
  /** The last day (China Standard Time) to answer in. */
  deadline: CalendarDate,
});

export const AuditFindingRecorded = defineEvent({
  service: 'evaluation',
  aggregate: 'audit-finding',
  action: 'recorded',
  version: 1,
  description:
    'An assignee of an internal audit task (自查 or 互查) recorded the finding of one checklist item: it passed, or it failed with a severity and needs rectification (整改) by a responsible person by a deadline.',
  schema: z.object({
    ...FindingSummary,
    result: z.enum(['pass', 'fail']),
    severity: z.enum(['minor', 'major', 'serious']).optional(),
    rectification: Rectification.optional(),
    recordedBy: z.string().min(1),
    recordedAt: Instant,
  }),
});

export const AuditFindingAnswered = defineEvent({
  service: 'evaluation',
  aggregate: 'audit-finding',
  action: 'answered',
  version: 1,
  description: "The responsible person answered a failed finding's rectification with what was done and its evidence; the auditor verifies it next.",
  schema: z.object({ ...FindingSummary, answeredBy: z.string().min(1), answeredAt: Instant }),
});

export const AuditFindingSentBack = defineEvent({
  service: 'evaluation',
  aggregate: 'audit-finding',
  action: 'sent-back',
  version: 1,
  description: 'The auditor found the answer to a rectification wanting and sent it back to the responsible person, with the reason.',
  schema: z.object({ ...FindingSummary, reason: z.string().min(1).max(4000), sentBackBy: z.string().min(1), sentBackAt: Instant }),
});

export const AuditFindingClosed = defineEvent({
  service: 'evaluation',
  aggregate: 'audit-finding',
  action: 'closed',
  version: 1,
  description: "The auditor verified a failed finding's rectification and closed it.",
  schema: z.object({ ...FindingSummary, closedBy: z.string().min(1), closedAt: Instant }),
});

export const AuditFindingOverdue = defineEvent({
  service: 'evaluation',
  aggregate: 'audit-finding',
  action: 'overdue',
  version: 1,
  description:
    "A failed finding's rectification was not answered by the end of its deadline day (China Standard Time): the auditor follows it up. Published once per finding, whatever the number of replicas.",
  schema: z.object({
    ...FindingSummary,
    severity: z.enum(['minor', 'major', 'serious']),
    rectification: Rectification,
    overdueAt: Instant,
    answerable: z.array(Answerable).min(1),
  }),
});

/** The events of evaluation's internal audit (内部审计), besides those shared in supervision.events.ts. */
export const INTERNAL_AUDIT_EVENTS: readonly EventContract[] = [AuditFindingRecorded, AuditFindingAnswered, AuditFindingSentBack, AuditFindingClosed, AuditFindingOverdue];
