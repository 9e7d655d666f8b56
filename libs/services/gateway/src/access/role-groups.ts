import type { Role } from '@houqin/auth';

/** The people who run an agency's support services day to day. */
export const AGENCY_OPERATORS: readonly Role[] = ['agency-admin', 'logistics-manager'];

/**
 * Everyone who may read an agency's records: its own people, the third-party evaluator, the
 * read-only auditor, a supervising body (its own agency, and the agencies it oversees through
 * X-Agency-Id) and integrators whose API key is scoped to the read.
 */
export const AGENCY_READERS: readonly Role[] = ['agency-admin', 'logistics-manager', 'approver', 'staff', 'evaluator', 'auditor', 'supervisor', 'integrator'];

/** Everyone who may raise a purchase requisition (采购申请) for their agency. */
export const REQUISITION_RAISERS: readonly Role[] = ['staff', 'approver', ...AGENCY_OPERATORS];

/** The roles an approval chain's steps may name; the procurement service checks the current step's. */
export const REQUISITION_APPROVERS: readonly Role[] = ['approver', ...AGENCY_OPERATORS];
