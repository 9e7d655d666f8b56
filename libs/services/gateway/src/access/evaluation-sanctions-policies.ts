import type { Role } from '@houqin/auth';
import type { RoutePolicy } from './route-policy';
import { AGENCY_OPERATORS } from './role-groups';

/** Who reads sanction rules and proposals: operators, the auditor, the evaluator, the supervising body. */
const SANCTION_READERS: readonly Role[] = [...AGENCY_OPERATORS, 'auditor', 'evaluator', 'supervisor'];
/** Sanctions themselves are open to the vendor's own account too. */
const SANCTION_AND_VENDOR_READERS: readonly Role[] = [...SANCTION_READERS, 'vendor'];
const OWN_ONLY = "a vendor account sees its own vendor's only; another's answers 404";

/** The evaluation service's routes for sanction rules, proposals and sanctions. */
export const SANCTIONS_POLICIES: readonly RoutePolicy[] = [
  // evaluation: sanctions (处罚) — rules per agency, proposals a human confirms (or 'system' for automatic agencies), suspensions ending by themselves or lifted early
  { method: 'GET', path: '/api/v1/evaluation/sanctions/rules', action: 'evaluation.sanctions.read', roles: SANCTION_READERS, scope: 'supervised-read', note: "the agency's rules, or the platform's defaults" },
  {
    method: 'PUT',
    path: '/api/v1/evaluation/sanctions/rules',
    action: 'evaluation.sanctions.rules',
    roles: ['agency-admin'],
    scope: 'agency',
    note: 'replaces the rules, the ladder and the automatic opt-in; applies to offences recorded from then on',
  },
  { method: 'GET', path: '/api/v1/evaluation/sanctions/proposals', action: 'evaluation.sanctions.read', roles: SANCTION_READERS, scope: 'supervised-read', note: 'open ones first, with the rule, the figure and the evidence' },
  { method: 'GET', path: '/api/v1/evaluation/sanctions/proposals/:id', action: 'evaluation.sanctions.read', roles: SANCTION_READERS, scope: 'supervised-read' },
  {
    method: 'POST',
    path: '/api/v1/evaluation/sanctions/proposals/:id/confirm',
    action: 'evaluation.sanctions.decide',
    roles: AGENCY_OPERATORS,
    scope: 'agency',
    note: "a suspension's start and end may be set within the rule's period, with a reason",
  },
  { method: 'POST', path: '/api/v1/evaluation/sanctions/proposals/:id/dismiss', action: 'evaluation.sanctions.decide', roles: AGENCY_OPERATORS, scope: 'agency', note: 'with a reason' },
  { method: 'GET', path: '/api/v1/evaluation/sanctions', action: 'evaluation.sanctions.read', roles: SANCTION_AND_VENDOR_READERS, scope: 'supervised-read', note: `active and past; ${OWN_ONLY}` },
  { method: 'GET', path: '/api/v1/evaluation/sanctions/:id', action: 'evaluation.sanctions.read', roles: SANCTION_AND_VENDOR_READERS, scope: 'supervised-read', note: OWN_ONLY },
  { method: 'POST', path: '/api/v1/evaluation/sanctions/:id/lift', action: 'evaluation.sanctions.lift', roles: ['agency-admin'], scope: 'agency', note: 'a suspension or blacklisting, early, with a reason; vendor.reinstated follows' },
];
