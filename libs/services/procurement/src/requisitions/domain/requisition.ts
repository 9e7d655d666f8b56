import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';
import { fiscalYear, serviceCategory } from '../../budgets/domain/budget';
import { MAX_FEN, isFen } from '../../budgets/domain/money';
import { ServiceCategory } from '../../vendors/domain/vendor';
import { ApprovalPolicy, ApproverRole, ProcurementMethod, approvalStepsFor, procurementMethodFor } from './approval-policy';

/**
 * 采购申请: draft → submitted → (one approval per step of the chain its amount calls for) →
 * approved; submitted → rejected; draft or submitted → withdrawn by the requester.
 */
export const REQUISITION_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];

export const MAX_LINES = 200;
export const MAX_QUANTITY = 1_000_000;

/** A catalogue item by its code, or something described in free text; prices in fen. */
export interface RequisitionLine {
  itemCode?: string;
  description: string;
  quantity: number;
  estimatedUnitPrice: number;
  estimatedTotal: number;
}

export interface ApprovalStep {
  role: ApproverRole;
  approvedBy?: string;
  approvedAt?: Date;
  comment?: string;
}

export interface Decision {
  by: string;
  at: Date;
  reason: string;
}

export interface Requisition {
  id: string;
  agencyId: string;
  requestedBy: string;
  departmentId?: string;
  title: string;
  fiscalYear: number;
  category: ServiceCategory;
  lines: RequisitionLine[];
  /** Sum of the lines, in fen. */
  total: number;
  status: RequisitionStatus;
  /** The approval chain, fixed at submission from the agency's policy; empty while a draft. */
  steps: ApprovalStep[];
  createdAt: Date;
  submittedAt?: Date;
  approvedAt?: Date;
  /** Set on final approval. */
  procurementMethod?: ProcurementMethod;
  rejection?: Decision;
  withdrawal?: { by: string; at: Date; reason?: string };
}

export interface Actor {
  userId: string;
  roles: readonly string[];
}

export interface RequisitionDraft {
  id: string;
  agencyId: string;
  requestedBy: string;
  departmentId?: string;
  title: string;
  fiscalYear: number;
  category: string;
  lines: ReadonlyArray<{ itemCode?: string; description?: string; quantity: number; estimatedUnitPrice: number }>;
}

export function draftRequisition(draft: RequisitionDraft, clock: Clock): Requisition {
  const title = draft.title.trim();
  if (!title) throw new BusinessRuleViolation('title-required', 'give the requisition a title', 'title');
  if (draft.lines.length === 0 || draft.lines.length > MAX_LINES) {
    throw new BusinessRuleViolation('lines-required', `a requisition has 1 to ${MAX_LINES} lines`, 'lines');
  }
  const lines = draft.lines.map((line, index) => requisitionLine(line, index));
  const total = lines.reduce((sum, line) => sum + line.estimatedTotal, 0);
  if (total > MAX_FEN) throw new BusinessRuleViolation('total-too-large', `the total may not exceed ${MAX_FEN} fen`, 'lines');
  const departmentId = draft.departmentId?.trim();
  return {
    id: draft.id,
    agencyId: draft.agencyId,
    requestedBy: draft.requestedBy,
    ...(departmentId ? { departmentId } : {}),
    title,
    fiscalYear: fiscalYear(draft.fiscalYear),
    category: serviceCategory(draft.category),
    lines,
    total,
    status: 'draft',
    steps: [],
    createdAt: clock.now(),
  };
}

/** The requester sends the draft for approval; the chain is fixed now, from the policy in force. */
export function submitRequisition(requisition: Requisition, by: Actor, policy: ApprovalPolicy, clock: Clock): Requisition {
  if (requisition.status !== 'draft') throw new IllegalTransitionError('requisition', requisition.status, 'submit');
  requireRequester(requisition, by, 'submit');
  return {
    ...requisition,
    status: 'submitted',
    steps: approvalStepsFor(requisition.total, policy.tiers).map((role) => ({ role })),
    submittedAt: clock.now(),
  };
}

/** The step awaiting approval, while submitted. */
export function currentStep(requisition: Requisition): { index: number; step: ApprovalStep } | undefined {
  if (requisition.status !== 'submitted') return undefined;
  const index = requisition.steps.findIndex((step) => step.approvedBy === undefined);
  return index < 0 ? undefined : { index, step: requisition.steps[index] as ApprovalStep };
}

export interface ApprovalOutcome {
  requisition: Requisition;
  /** The step just approved (0-based) and the length of the chain. */
  step: number;
  of: number;
  /** True when this approval was the last step: the requisition is approved. */
  final: boolean;
}

/**
 * The holder of the current step's role approves it. Segregation of duties: the requester never
 * approves their own requisition, and nobody approves two steps of one chain. The last approval
 * approves the requisition and sets its procurement method by amount.
 */
export function approveRequisition(
  requisition: Requisition,
  by: Actor & { comment?: string },
  policy: ApprovalPolicy,
  clock: Clock,
): ApprovalOutcome {
  const current = currentStep(requisition);
  if (!current) throw new IllegalTransitionError('requisition', requisition.status, 'approve');
  if (by.userId === requisition.requestedBy) {
    throw new BusinessRuleViolation('self-approval', 'the requester of a requisition can never approve it; another approver must', 'requestedBy');
  }
  requireStepRole(requisition, current, by, 'approve');
  if (requisition.steps.some((step) => step.approvedBy === by.userId)) {
    throw new BusinessRuleViolation('approver-already-approved', 'you approved an earlier step of this requisition; each step needs a different person', 'approvedBy');
  }
  const now = clock.now();
  const comment = by.comment?.trim();
  const steps = requisition.steps.map((step, index) =>
    index === current.index ? { ...step, approvedBy: by.userId, approvedAt: now, ...(comment ? { comment } : {}) } : step,
  );
  const final = current.index === steps.length - 1;
  return {
    requisition: {
      ...requisition,
      steps,
      ...(final
        ? { status: 'approved' as const, approvedAt: now, procurementMethod: procurementMethodFor(requisition.total, policy.methodThresholds) }
        : {}),
    },
    step: current.index,
    of: steps.length,
    final,
  };
}

/** The holder of the current step's role refuses it, with a reason; the requisition ends. */
export function rejectRequisition(requisition: Requisition, by: Actor & { reason: string }, clock: Clock): Requisition {
  const current = currentStep(requisition);
  if (!current) throw new IllegalTransitionError('requisition', requisition.status, 'reject');
  if (by.userId === requisition.requestedBy) {
    throw new BusinessRuleViolation('self-approval', 'the requester decides nothing on their own requisition; withdraw it instead', 'requestedBy');
  }
  requireStepRole(requisition, current, by, 'reject');
  const reason = by.reason.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'give the reason for rejecting the requisition', 'reason');
  return { ...requisition, status: 'rejected', rejection: { by: by.userId, at: clock.now(), reason } };
}

/** The requester takes the requisition back, as a draft or before its final approval. */
export function withdrawRequisition(requisition: Requisition, by: Actor & { reason?: string }, clock: Clock): Requisition {
  if (requisition.status !== 'draft' && requisition.status !== 'submitted') {
    throw new IllegalTransitionError('requisition', requisition.status, 'withdraw');
  }
  requireRequester(requisition, by, 'withdraw');
  const reason = by.reason?.trim();
  return { ...requisition, status: 'withdrawn', withdrawal: { by: by.userId, at: clock.now(), ...(reason ? { reason } : {}) } };
}

function requireRequester(requisition: Requisition, by: Actor, action: string): void {
  if (by.userId !== requisition.requestedBy) {
    throw new BusinessRuleViolation('requester-only', `only the requester may ${action} the requisition`, 'requestedBy');
  }
}

function requireStepRole(requisition: Requisition, current: { index: number; step: ApprovalStep }, by: Actor, action: string): void {
  if (!by.roles.includes(current.step.role)) {
    throw new BusinessRuleViolation(
      'not-current-approver',
      `step ${current.index + 1} of ${requisition.steps.length} is for a ${current.step.role} to ${action}`,
      'role',
    );
  }
}

function requisitionLine(line: RequisitionDraft['lines'][number], index: number): RequisitionLine {
  const itemCode = line.itemCode?.trim();
  const description = line.description?.trim() ?? '';
  if (!itemCode && !description) {
    throw new BusinessRuleViolation('line-item-required', 'name a catalogue item code or describe what is needed', `lines[${index}].description`);
  }
  if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
    throw new BusinessRuleViolation('invalid-quantity', `quantity must be a whole number from 1 to ${MAX_QUANTITY}`, `lines[${index}].quantity`);
  }
  if (!isFen(line.estimatedUnitPrice) || line.estimatedUnitPrice === 0) {
    throw new BusinessRuleViolation('invalid-amount', 'estimatedUnitPrice must be a positive whole number of fen (分)', `lines[${index}].estimatedUnitPrice`);
  }
  const estimatedTotal = line.quantity * line.estimatedUnitPrice;
  if (!isFen(estimatedTotal)) throw new BusinessRuleViolation('total-too-large', `a line may not exceed ${MAX_FEN} fen`, `lines[${index}]`);
  return { ...(itemCode ? { itemCode } : {}), description: description || (itemCode as string), quantity: line.quantity, estimatedUnitPrice: line.estimatedUnitPrice, estimatedTotal };
}
