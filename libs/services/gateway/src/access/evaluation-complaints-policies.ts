import type { Role } from '@houqin/auth';
import type { RoutePolicy } from './route-policy';
import { AGENCY_OPERATORS } from './role-groups';

/** Who may complain (投诉): the agency's own people. */
const COMPLAINANTS: readonly Role[] = ['staff', 'approver', ...AGENCY_OPERATORS];
/**
 * Who reads complaints: complainants their own; a vendor account its vendor's (not told who
 * complained when anonymous); operators, auditors, evaluators and supervisors all of the agency.
 * No API key: a complaint names its complainant (integrators read the anonymised events).
 */
const COMPLAINT_READERS: readonly Role[] = [...COMPLAINANTS, 'vendor', 'evaluator', 'auditor', 'supervisor'];
const READ_NOTE = "staff and approvers see their own only; a vendor account its own vendor's, never the complainant when anonymous; others' answer 404";

/** The evaluation service's routes for complaints (投诉). */
export const COMPLAINTS_POLICIES: readonly RoutePolicy[] = [
  { method: 'POST', path: '/api/v1/evaluation/complaints', action: 'evaluation.complaints.file', roles: COMPLAINANTS, scope: 'agency', note: 'about a vendor or a service instance; optionally anonymous to the vendor' },
  { method: 'GET', path: '/api/v1/evaluation/complaints', action: 'evaluation.complaints.read', roles: COMPLAINT_READERS, scope: 'supervised-read', note: READ_NOTE },
  { method: 'GET', path: '/api/v1/evaluation/complaints/:id', action: 'evaluation.complaints.read', roles: COMPLAINT_READERS, scope: 'supervised-read', note: READ_NOTE },
  { method: 'POST', path: '/api/v1/evaluation/complaints/:id/triage', action: 'evaluation.complaints.handle', roles: AGENCY_OPERATORS, scope: 'agency', note: 'not by the complainant' },
  { method: 'POST', path: '/api/v1/evaluation/complaints/:id/evidence', action: 'evaluation.complaints.handle', roles: AGENCY_OPERATORS, scope: 'agency', note: 'while under investigation (or appealed); not by the complainant' },
  { method: 'POST', path: '/api/v1/evaluation/complaints/:id/decision', action: 'evaluation.complaints.decide', roles: AGENCY_OPERATORS, scope: 'agency', note: 'upheld or rejected with reasons; not by the complainant' },
  {
    method: 'POST',
    path: '/api/v1/evaluation/complaints/:id/appeal',
    action: 'evaluation.complaints.appeal',
    roles: COMPLAINANTS,
    scope: 'agency',
    note: 'the complainant only, once, within COMPLAINT_APPEAL_DAYS of the decision',
  },
  {
    method: 'POST',
    path: '/api/v1/evaluation/complaints/:id/appeal-decision',
    action: 'evaluation.complaints.decide-appeal',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'another operator than the first decider (segregation of duties: 409)',
  },
  { method: 'POST', path: '/api/v1/evaluation/complaints/:id/withdraw', action: 'evaluation.complaints.withdraw', roles: COMPLAINANTS, scope: 'agency', note: 'the complainant only, before the decision' },
];
