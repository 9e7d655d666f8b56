import { z } from 'zod';
import { defineEvent } from '../event-contract';

export const VENDOR_SERVICE_CATEGORIES = ['supplies', 'maintenance', 'catering', 'transport', 'cleaning', 'security'] as const;
export const VENDOR_STATUSES = ['active', 'suspended', 'blacklisted'] as const;

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the letters I, O, S, V and Z never appear. */
const UnifiedSocialCreditCode = z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/);

export const VendorContact = z.object({
  name: z.string().min(1).max(100),
  phone: z.string().min(1).max(32),
});

export const VendorRegistered = defineEvent({
  service: 'procurement',
  aggregate: 'vendor',
  action: 'registered',
  version: 1,
  description: 'A service provider entered the agency\'s vendor registry (供应商库) and may now be invited to tenders for its categories.',
  schema: z.object({
    vendorId: z.string().uuid(),
    name: z.string().min(1).max(200),
    unifiedSocialCreditCode: UnifiedSocialCreditCode,
    categories: z.array(z.enum(VENDOR_SERVICE_CATEGORIES)).min(1),
    contact: VendorContact,
    status: z.literal('active'),
    registeredBy: z.string().min(1),
    registeredAt: z.string().datetime({ offset: true }),
  }),
});

export const VendorSuspended = defineEvent({
  service: 'procurement',
  aggregate: 'vendor',
  action: 'suspended',
  version: 1,
  description:
    'A vendor was suspended, until a date or until further notice: it takes no new work and is excluded from tenders meanwhile.',
  schema: z.object({
    vendorId: z.string().uuid(),
    name: z.string().min(1).max(200),
    unifiedSocialCreditCode: UnifiedSocialCreditCode,
    categories: z.array(z.enum(VENDOR_SERVICE_CATEGORIES)).min(1),
    status: z.literal('suspended'),
    previousStatus: z.enum(VENDOR_STATUSES),
    reason: z.string().min(1).max(1000),
    suspendedBy: z.string().min(1),
    suspendedAt: z.string().datetime({ offset: true }),
    /** Absent: suspended until further notice. */
    suspendedUntil: z.string().datetime({ offset: true }).optional(),
  }),
});

export const VENDOR_REINSTATEMENT_CAUSES = ['suspension-ended', 'reinstated-early'] as const;

export const VendorReinstated = defineEvent({
  service: 'procurement',
  aggregate: 'vendor',
  action: 'reinstated',
  version: 1,
  description:
    'A suspended vendor is active again: its suspension ran to its end (recorded once, by the sweep; reinstatedAt is the end) or a logistics manager reinstated it early with a reason. It may take new work and bid again.',
  schema: z.object({
    vendorId: z.string().uuid(),
    name: z.string().min(1).max(200),
    unifiedSocialCreditCode: UnifiedSocialCreditCode,
    categories: z.array(z.enum(VENDOR_SERVICE_CATEGORIES)).min(1),
    status: z.literal('active'),
    previousStatus: z.literal('suspended'),
    cause: z.enum(VENDOR_REINSTATEMENT_CAUSES),
    reason: z.string().min(1).max(1000),
    /** A user id, or `system` for a suspension that ended by itself. */
    reinstatedBy: z.string().min(1),
    reinstatedAt: z.string().datetime({ offset: true }),
    /** The suspension that ended. */
    suspendedAt: z.string().datetime({ offset: true }),
    suspendedUntil: z.string().datetime({ offset: true }).optional(),
    suspensionBySanction: z.boolean(),
  }),
});

export const VendorBlacklistingLifted = defineEvent({
  service: 'procurement',
  aggregate: 'vendor',
  action: 'blacklisting-lifted',
  version: 1,
  description: "An agency admin lifted a vendor's blacklisting, with a reason: the vendor is active again and may take new work and bid.",
  schema: z.object({
    vendorId: z.string().uuid(),
    name: z.string().min(1).max(200),
    unifiedSocialCreditCode: UnifiedSocialCreditCode,
    categories: z.array(z.enum(VENDOR_SERVICE_CATEGORIES)).min(1),
    status: z.literal('active'),
    previousStatus: z.literal('blacklisted'),
    reason: z.string().min(1).max(1000),
    liftedBy: z.string().min(1),
    liftedAt: z.string().datetime({ offset: true }),
    /** When the blacklisting that was lifted began. */
    blacklistedAt: z.string().datetime({ offset: true }),
  }),
});

/** Amounts in events are integers of fen (分, 1/100 yuan). */
const Fen = z.number().int().nonnegative();
const APPROVER_ROLES = ['approver', 'logistics-manager', 'agency-admin'] as const;
export const PROCUREMENT_METHODS = ['direct-purchase', 'request-for-quotation', 'open-tender'] as const;

export const BudgetAllocated = defineEvent({
  service: 'procurement',
  aggregate: 'budget',
  action: 'allocated',
  version: 1,
  description: 'An agency allocated its budget for one category of support services in a fiscal year (amounts in fen).',
  schema: z.object({
    budgetId: z.string().uuid(),
    fiscalYear: z.number().int(),
    category: z.enum(VENDOR_SERVICE_CATEGORIES),
    allocated: Fen,
    allocatedBy: z.string().min(1),
    allocatedAt: z.string().datetime({ offset: true }),
  }),
});

export const BudgetCommitted = defineEvent({
  service: 'procurement',
  aggregate: 'budget',
  action: 'committed',
  version: 1,
  description:
    'Part of a budget was committed to an approved requisition. An overspend is only possible by an authorised override, whose reason is carried.',
  schema: z.object({
    budgetId: z.string().uuid(),
    requisitionId: z.string().uuid(),
    fiscalYear: z.number().int(),
    category: z.enum(VENDOR_SERVICE_CATEGORIES),
    amount: Fen,
    allocated: Fen,
    committed: Fen,
    spent: Fen,
    overspend: Fen,
    override: z.object({ by: z.string().min(1), reason: z.string().min(1).max(1000) }).optional(),
    committedAt: z.string().datetime({ offset: true }),
  }),
});

export const ApprovalPolicyUpdated = defineEvent({
  service: 'procurement',
  aggregate: 'approval-policy',
  action: 'updated',
  version: 1,
  description: "An agency changed its requisition approval chains or its procurement method thresholds (amounts in fen); the subject is the agency id.",
  schema: z.object({
    tiers: z.array(z.object({ upTo: Fen.nullable(), steps: z.array(z.enum(APPROVER_ROLES)).min(1) })).min(1),
    methodThresholds: z.object({ directPurchaseBelow: Fen, requestForQuotationBelow: Fen }),
    updatedBy: z.string().min(1),
    updatedAt: z.string().datetime({ offset: true }),
  }),
});

const RequisitionSummary = {
  requisitionId: z.string().uuid(),
  requestedBy: z.string().min(1),
  departmentId: z.string().min(1).optional(),
  fiscalYear: z.number().int(),
  category: z.enum(VENDOR_SERVICE_CATEGORIES),
  /** Estimated total of the lines, in fen. */
  total: Fen,
};

export const RequisitionSubmitted = defineEvent({
  service: 'procurement',
  aggregate: 'requisition',
  action: 'submitted',
  version: 1,
  description: 'A purchase requisition (采购申请) was submitted for approval; the approval chain its amount calls for is fixed now.',
  schema: z.object({
    ...RequisitionSummary,
    title: z.string().min(1).max(200),
    lineCount: z.number().int().positive(),
    steps: z.array(z.enum(APPROVER_ROLES)).min(1),
    submittedAt: z.string().datetime({ offset: true }),
  }),
});

export const RequisitionStepApproved = defineEvent({
  service: 'procurement',
  aggregate: 'requisition',
  action: 'step-approved',
  version: 1,
  description: 'One step of a requisition\'s approval chain was approved; more steps remain (the last one publishes requisition.approved instead).',
  schema: z.object({
    ...RequisitionSummary,
    step: z.number().int().positive(),
    of: z.number().int().positive(),
    role: z.enum(APPROVER_ROLES),
    approvedBy: z.string().min(1),
    approvedAt: z.string().datetime({ offset: true }),
    nextRole: z.enum(APPROVER_ROLES),
  }),
});

export const RequisitionApproved = defineEvent({
  service: 'procurement',
  aggregate: 'requisition',
  action: 'approved',
  version: 1,
  description: 'The last step of a requisition\'s approval chain approved it: its amount is committed against the budget and its procurement method is set.',
  schema: z.object({
    ...RequisitionSummary,
    procurementMethod: z.enum(PROCUREMENT_METHODS),
    budgetId: z.string().uuid(),
    approvals: z.array(z.object({ role: z.enum(APPROVER_ROLES), approvedBy: z.string().min(1), approvedAt: z.string().datetime({ offset: true }) })).min(1),
    approvedAt: z.string().datetime({ offset: true }),
  }),
});

export const RequisitionRejected = defineEvent({
  service: 'procurement',
  aggregate: 'requisition',
  action: 'rejected',
  version: 1,
  description: 'An approver refused a requisition at their step of the chain, giving a reason; it is closed.',
  schema: z.object({
    ...RequisitionSummary,
    role: z.enum(APPROVER_ROLES),
    rejectedBy: z.string().min(1),
    reason: z.string().min(1).max(1000),
    rejectedAt: z.string().datetime({ offset: true }),
  }),
});

export const RequisitionWithdrawn = defineEvent({
  service: 'procurement',
  aggregate: 'requisition',
  action: 'withdrawn',
  version: 1,
  description: 'The requester withdrew a requisition before its final approval.',
  schema: z.object({
    ...RequisitionSummary,
    previousStatus: z.enum(['draft', 'submitted']),
    withdrawnBy: z.string().min(1),
    reason: z.string().min(1).max(1000).optional(),
    withdrawnAt: z.string().datetime({ offset: true }),
  }),
});
