import type { Role } from '@houqin/auth';
import type { RoutePolicy } from './route-policy';
import { AGENCY_OPERATORS } from './role-groups';

/** Who reads the whole of an agency's accountability record: its operators, the auditor (审计) and the supervising body. */
const RECORD_READERS: readonly Role[] = [...AGENCY_OPERATORS, 'auditor', 'supervisor'];
/** People who may be named answerable and read their own record (the service answers 404 for anyone else's). */
const ANSWERABLE_PEOPLE: readonly Role[] = ['staff', 'approver'];

/** The evaluation service's routes for accountability records (问责). */
export const ACCOUNTABILITY_POLICIES: readonly RoutePolicy[] = [
  {
    method: 'GET',
    path: '/api/v1/evaluation/accountability',
    action: 'evaluation.accountability.read',
    roles: [...RECORD_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "a vendor account sees its own vendor's entries only; another vendor's answers 404",
  },
  {
    method: 'GET',
    path: '/api/v1/evaluation/accountability/people/:userId',
    action: 'evaluation.accountability.read',
    roles: [...RECORD_READERS, ...ANSWERABLE_PEOPLE],
    scope: 'supervised-read',
    note: "staff and approvers read their own record only; someone else's answers 404",
  },
  {
    method: 'GET',
    path: '/api/v1/evaluation/accountability/people/:userId/export',
    action: 'evaluation.accountability.read',
    roles: [...RECORD_READERS, ...ANSWERABLE_PEOPLE],
    scope: 'supervised-read',
    note: "CSV; staff and approvers export their own record only; someone else's answers 404",
  },
  {
    method: 'GET',
    path: '/api/v1/evaluation/accountability/vendors/:vendorId',
    action: 'evaluation.accountability.read',
    roles: [...RECORD_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "a vendor account reads its own vendor's record only; another vendor's answers 404",
  },
  {
    method: 'GET',
    path: '/api/v1/evaluation/accountability/vendors/:vendorId/export',
    action: 'evaluation.accountability.read',
    roles: [...RECORD_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "CSV for payment deduction and review; a vendor account exports its own vendor's record only",
  },
];
