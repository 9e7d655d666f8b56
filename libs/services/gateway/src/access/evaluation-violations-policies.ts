import type { Role } from '@houqin/auth';
import type { RoutePolicy } from './route-policy';
import { AGENCY_OPERATORS } from './role-groups';

/** Who reads violations and penalties: operators, the auditor, the evaluator, the supervising body; a vendor account its own vendor's only. */
const VIOLATION_READERS: readonly Role[] = [...AGENCY_OPERATORS, 'auditor', 'evaluator', 'supervisor', 'vendor'];
/** Who records a violation by hand: operators and the auditor (审计), whose one write in supervision this is besides internal audit. */
const VIOLATION_RECORDERS: readonly Role[] = [...AGENCY_OPERATORS, 'auditor'];
const OWN_ONLY = "a vendor account sees its own vendor's only; another's answers 404";

/** The evaluation service's routes for violations (违规) and penalties. */
export const VIOLATIONS_POLICIES: readonly RoutePolicy[] = [
  // evaluation: violations (违规) and penalties (扣款) — recorded from offences or by hand, voided by operators, settled per month
  { method: 'GET', path: '/api/v1/evaluation/violations', action: 'evaluation.violations.read', roles: VIOLATION_READERS, scope: 'supervised-read', note: OWN_ONLY },
  {
    method: 'POST',
    path: '/api/v1/evaluation/violations',
    action: 'evaluation.violations.record',
    roles: VIOLATION_RECORDERS,
    scope: 'agency',
    note: 'recorded by hand with party, service type, severity, description, occurrence and optionally the contract and breach kind that price it',
  },
  { method: 'GET', path: '/api/v1/evaluation/violations/rules', action: 'evaluation.violations.read', roles: VIOLATION_READERS, scope: 'supervised-read', note: 'the points and severities a vendor is measured by are open to its account' },
  { method: 'PUT', path: '/api/v1/evaluation/violations/rules', action: 'evaluation.violations.manage', roles: AGENCY_OPERATORS, scope: 'agency', note: 'applies to violations recorded from then on' },
  { method: 'GET', path: '/api/v1/evaluation/violations/penalties', action: 'evaluation.violations.read', roles: VIOLATION_READERS, scope: 'supervised-read', note: `per settlement month; ${OWN_ONLY}` },
  {
    method: 'GET',
    path: '/api/v1/evaluation/violations/penalties/export',
    action: 'evaluation.violations.read',
    roles: VIOLATION_READERS,
    scope: 'supervised-read',
    note: `CSV for payment deduction, fen and yuan; ${OWN_ONLY}`,
  },
  { method: 'GET', path: '/api/v1/evaluation/violations/:id', action: 'evaluation.violations.read', roles: VIOLATION_READERS, scope: 'supervised-read', note: OWN_ONLY },
  { method: 'POST', path: '/api/v1/evaluation/violations/:id/void', action: 'evaluation.violations.void', roles: AGENCY_OPERATORS, scope: 'agency', note: 'with a reason; voided, its points and penalty no longer count' },
];
