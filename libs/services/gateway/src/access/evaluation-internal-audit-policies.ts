import type { Role } from '@houqin/auth';
import type { RoutePolicy } from './route-policy';
import { AGENCY_OPERATORS } from './role-groups';

/** Who draws up plans and tasks and verifies rectifications: the auditor (审计) and the agency admin. */
const AUDIT_LEADS: readonly Role[] = ['auditor', 'agency-admin'];
/** Who reads all of the agency's internal audit: the operators, the auditor and the supervising body. */
const AUDIT_READERS: readonly Role[] = [...AGENCY_OPERATORS, 'auditor', 'supervisor'];
/** Any signed-in person of the agency may be named an assignee or a responsible person; the service checks the name. */
const AGENCY_PEOPLE: readonly Role[] = ['agency-admin', 'logistics-manager', 'approver', 'staff', 'auditor'];
const PARTICIPANT_READERS: readonly Role[] = [...new Set<Role>([...AUDIT_READERS, ...AGENCY_PEOPLE])];
const NAMED_ONLY = 'the readers see all; anyone else only the tasks naming them (assignee) and the findings they answer for; others answer 404';

/** The evaluation service's routes for internal audit (内部审计). */
export const INTERNAL_AUDIT_POLICIES: readonly RoutePolicy[] = [
  { method: 'POST', path: '/api/v1/evaluation/internal-audit/plans', action: 'evaluation.internal-audit-plans.create', roles: AUDIT_LEADS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/evaluation/internal-audit/plans', action: 'evaluation.internal-audit-plans.read', roles: AUDIT_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/evaluation/internal-audit/plans/:id', action: 'evaluation.internal-audit-plans.read', roles: AUDIT_READERS, scope: 'supervised-read' },
  {
    method: 'POST',
    path: '/api/v1/evaluation/internal-audit/plans/:id/tasks',
    action: 'evaluation.internal-audit-tasks.create',
    roles: AUDIT_LEADS,
    scope: 'agency',
    note: 'a self-check (自查) of a department by itself or a cross-check (互查) by another, with named assignees and a checklist',
  },
  { method: 'GET', path: '/api/v1/evaluation/internal-audit/tasks', action: 'evaluation.internal-audit-tasks.read', roles: PARTICIPANT_READERS, scope: 'supervised-read', note: NAMED_ONLY },
  { method: 'GET', path: '/api/v1/evaluation/internal-audit/tasks/:id', action: 'evaluation.internal-audit-tasks.read', roles: PARTICIPANT_READERS, scope: 'supervised-read', note: NAMED_ONLY },
  {
    method: 'POST',
    path: '/api/v1/evaluation/internal-audit/tasks/:id/findings',
    action: 'evaluation.internal-audit-findings.record',
    roles: AGENCY_PEOPLE,
    scope: 'agency',
    note: 'only an assignee named on the task (403 to a reader who is not; 404 to anyone else)',
  },
  { method: 'GET', path: '/api/v1/evaluation/internal-audit/findings', action: 'evaluation.internal-audit-findings.read', roles: PARTICIPANT_READERS, scope: 'supervised-read', note: NAMED_ONLY },
  { method: 'GET', path: '/api/v1/evaluation/internal-audit/findings/:id', action: 'evaluation.internal-audit-findings.read', roles: PARTICIPANT_READERS, scope: 'supervised-read', note: NAMED_ONLY },
  {
    method: 'POST',
    path: '/api/v1/evaluation/internal-audit/findings/:id/answer',
    action: 'evaluation.internal-audit-findings.answer',
    roles: AGENCY_PEOPLE,
    scope: 'agency',
    note: 'only the responsible person named on the finding (403 to a reader who is not; 404 to anyone else)',
  },
  { method: 'POST', path: '/api/v1/evaluation/internal-audit/findings/:id/close', action: 'evaluation.internal-audit-findings.close', roles: AUDIT_LEADS, scope: 'agency' },
  { method: 'POST', path: '/api/v1/evaluation/internal-audit/findings/:id/send-back', action: 'evaluation.internal-audit-findings.send-back', roles: AUDIT_LEADS, scope: 'agency' },
];
