import type { Role } from '@houqin/auth';
import type { RoutePolicy } from './route-policy';
import { AGENCY_OPERATORS } from './role-groups';

/**
 * Who reads rectification notices: the operators, the auditor, the third-party evaluator and the
 * supervising body, all of the agency's; a vendor account its own vendor's only (another's: 404).
 */
const RECTIFICATION_READERS: readonly Role[] = [...AGENCY_OPERATORS, 'auditor', 'evaluator', 'supervisor', 'vendor'];

/** The evaluation service's routes for rectification notices (整改). */
export const RECTIFICATIONS_POLICIES: readonly RoutePolicy[] = [
  {
    method: 'POST',
    path: '/api/v1/evaluation/rectifications',
    action: 'evaluation.rectifications.issue',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'to a vendor or the internal team: the finding, the evidence items required, a future deadline',
  },
  { method: 'GET', path: '/api/v1/evaluation/rectifications', action: 'evaluation.rectifications.read', roles: RECTIFICATION_READERS, scope: 'supervised-read', note: "a vendor sees only its own vendor's notices" },
  { method: 'GET', path: '/api/v1/evaluation/rectifications/:id', action: 'evaluation.rectifications.read', roles: RECTIFICATION_READERS, scope: 'supervised-read', note: "a vendor sees only its own vendor's notices (404 otherwise)" },
  {
    method: 'POST',
    path: '/api/v1/evaluation/rectifications/:id/answer',
    action: 'evaluation.rectifications.answer',
    roles: ['vendor', ...AGENCY_OPERATORS],
    scope: 'agency',
    note: "the vendor answers its own notices (another vendor's: 404); the operators answer the internal team's; every required evidence item covered",
  },
  {
    method: 'POST',
    path: '/api/v1/evaluation/rectifications/:id/verify',
    action: 'evaluation.rectifications.verify',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: 'an answered notice, by someone other than who answered it: closed',
  },
  {
    method: 'POST',
    path: '/api/v1/evaluation/rectifications/:id/send-back',
    action: 'evaluation.rectifications.verify',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: '退回: an answered notice, with a reason and optionally a new deadline',
  },
];
