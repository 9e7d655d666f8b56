import type { Role } from '@houqin/auth';
import type { RoutePolicy } from './route-policy';
import { AGENCY_OPERATORS } from './role-groups';

/** Operators record the internal team's and every vendor's; a vendor account its own staff's. */
const QUALIFICATION_RECORDERS: readonly Role[] = [...AGENCY_OPERATORS, 'vendor'];
/** Who reads them: the recorders (a vendor its own staff's), the auditor and the supervising body. */
const QUALIFICATION_READERS: readonly Role[] = [...AGENCY_OPERATORS, 'auditor', 'supervisor', 'vendor'];
const OWN_STAFF = "a vendor account records and reads its own vendor's staff only; another's answers 404 (422 naming holder.vendorId on a new record)";

/** The evaluation service's routes for qualifications and training (团队建设与能力建设). */
export const QUALIFICATIONS_POLICIES: readonly RoutePolicy[] = [
  { method: 'GET', path: '/api/v1/evaluation/qualifications', action: 'evaluation.qualifications.read', roles: QUALIFICATION_READERS, scope: 'supervised-read', note: OWN_STAFF },
  { method: 'GET', path: '/api/v1/evaluation/qualifications/:id', action: 'evaluation.qualifications.read', roles: QUALIFICATION_READERS, scope: 'supervised-read', note: OWN_STAFF },
  { method: 'POST', path: '/api/v1/evaluation/qualifications', action: 'evaluation.qualifications.record', roles: QUALIFICATION_RECORDERS, scope: 'agency', note: OWN_STAFF },
  { method: 'POST', path: '/api/v1/evaluation/qualifications/:id/renewals', action: 'evaluation.qualifications.renew', roles: QUALIFICATION_RECORDERS, scope: 'agency', note: OWN_STAFF },
  { method: 'GET', path: '/api/v1/evaluation/training-records', action: 'evaluation.training-records.read', roles: QUALIFICATION_READERS, scope: 'supervised-read', note: OWN_STAFF },
  { method: 'POST', path: '/api/v1/evaluation/training-records', action: 'evaluation.training-records.record', roles: QUALIFICATION_RECORDERS, scope: 'agency', note: OWN_STAFF },
];
