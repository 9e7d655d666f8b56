import { BusinessRuleViolation, IllegalTransitionError } from '@houqin/domain';
import { BreachKind, ContractPenaltyTerms, applyMonthlyCap, penaltyBeforeCap, ruleFor, settlementPeriodOf } from './penalty';
import { Offence, Severity, ViolationRules } from './violation-rules';

export const VIOLATION_SOURCES = ['sla-breach', 'rental-response', 'failed-inspection', 'upheld-complaint', 'low-assessment-score', 'expired-qualification', 'manual'] as const;
export type ViolationSource = (typeof VIOLATION_SOURCES)[number];

export const VIOLATION_STATUSES = ['recorded', 'voided'] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];

export const ANSWERABLE_KINDS = ['vendor', 'internal-team', 'approving-manager', 'department', 'person'] as const;

/** Who answers for the violation (问责对象), as the accountability record names them. */
export interface Answerable {
  kind: (typeof ANSWERABLE_KINDS)[number];
  vendorId?: string;
  userId?: string;
  departmentId?: string;
  name?: string;
  role?: string;
}

/**
 * A violation (违规): an offence of a vendor or of the internal team, recorded once per offence
 * (source + sourceRef), with its severity, penalty points and the penalty in fen deducted in its
 * settlement month. Voided with a reason, it no longer counts (its points, its penalty, its place
 * under the month's cap).
 */
export interface Violation {
  id: string;
  agencyId: string;
  /** A vendor id, or 'internal-team'. */
  party: string;
  vendorId?: string;
  serviceType?: string;
  contractId?: string;
  source: ViolationSource;
  sourceRef: string;
  severity: Severity;
  penaltyPoints: number;
  /** The contract's breach kind the penalty was priced under; none, no penalty. */
  breach?: BreachKind;
  penaltyAmount: number;
  settlementPeriod: string;
  description: string;
  occurredAt: Date;
  recordedBy: string;
  recordedAt: Date;
  answerable: Answerable[];
  status: ViolationStatus;
  voidReason?: string;
  voidedBy?: string;
  voidedAt?: Date;
}

/** The offence as its source reports it, before pricing. */
export interface Offending {
  id: string;
  agencyId: string;
  party: string;
  serviceType?: string;
  contractId?: string;
  source: ViolationSource;
  sourceRef: string;
  /** Given by an upheld complaint or the recorder; otherwise the agency's default for `offence`. */
  severity?: Severity;
  offence?: Offence;
  breach?: BreachKind;
  description: string;
  occurredAt: Date;
  recordedBy: string;
  answerable: Answerable[];
}

/** The breach kind of a contract's penalty rules an automatic offence falls under (none: no contractual penalty). */
export function breachKindOf(offence: Offence | undefined): BreachKind | undefined {
  switch (offence) {
    case 'sla-response-late':
      return 'response-late';
    case 'sla-resolution-late':
      return 'resolution-late';
    case 'failed-inspection':
      return 'inspection-failed';
    case 'low-assessment-score':
      return 'satisfaction-below-minimum';
    case 'expired-qualification':
    case undefined:
      return undefined;
  }
}

/**
 * Records a violation: severity from the source or the agency's rules, points from the severity,
 * the penalty from the contract's rule for its breach kind, capped by what the month's non-voided
 * penalties of the same contract and breach kind (`chargedThisMonth`) leave. A contract of another
 * vendor than the party prices nothing.
 */
export function recordViolation(
  offending: Offending,
  rules: ViolationRules,
  contract: ContractPenaltyTerms | undefined,
  chargedThisMonth: number,
  recordedAt: Date,
): Violation {
  if (offending.answerable.length === 0) throw new BusinessRuleViolation('no-answerable', 'a violation names at least one answerable party', 'answerable');
  const severity = offending.severity ?? (offending.offence ? rules.severities[offending.offence] : undefined);
  if (!severity) throw new BusinessRuleViolation('no-severity', 'a violation needs a severity', 'severity');
  const breach = offending.breach ?? breachKindOf(offending.offence);
  const terms = contract && contract.vendorId === offending.party ? contract : undefined;
  const rule = ruleFor(terms, breach);
  const penaltyAmount = rule ? applyMonthlyCap(penaltyBeforeCap(rule, terms?.monthlyFee), rule.capPerMonth, chargedThisMonth) : 0;
  const vendorId = offending.party === 'internal-team' ? undefined : offending.party;
  return {
    id: offending.id,
    agencyId: offending.agencyId,
    party: offending.party,
    ...(vendorId ? { vendorId } : {}),
    ...(offending.serviceType ? { serviceType: offending.serviceType } : {}),
    ...(offending.contractId ? { contractId: offending.contractId } : {}),
    source: offending.source,
    sourceRef: offending.sourceRef,
    severity,
    penaltyPoints: rules.points[severity],
    ...(breach ? { breach } : {}),
    penaltyAmount,
    settlementPeriod: settlementPeriodOf(offending.occurredAt),
    description: offending.description.slice(0, 4000),
    occurredAt: offending.occurredAt,
    recordedBy: offending.recordedBy,
    recordedAt,
    answerable: offending.answerable,
    status: 'recorded',
  };
}

/** Voids a recorded violation with a reason; a voided one cannot be voided again (409 naming the state). */
export function voidViolation(violation: Violation, reason: string, by: string, at: Date): Violation {
  if (violation.status !== 'recorded') throw new IllegalTransitionError('violation', violation.status, 'void');
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw new BusinessRuleViolation('reason-required', 'a violation is voided with a reason', 'reason');
  return { ...violation, status: 'voided', voidReason: trimmed, voidedBy: by, voidedAt: at };
}

/** Whether the caller's vendor account may see it: a vendor account sees its own vendor's only. */
export function concernsVendor(violation: Violation, vendorId: string): boolean {
  return violation.vendorId !== undefined && violation.vendorId === vendorId.toLowerCase();
}

/**
 * A violation recorded by hand happened already, and the contract it is priced under is the
 * party's own (an unknown contract — procurement's event not yet arrived — prices nothing).
 */
export function checkRecordedByHand(input: { party: string; occurredAt: Date; contractId?: string | undefined }, contractVendorId: string | undefined, now: Date): void {
  if (input.occurredAt.getTime() > now.getTime()) throw new BusinessRuleViolation('occurred-in-future', 'occurredAt must not be in the future', 'occurredAt');
  if (input.contractId && contractVendorId !== undefined && contractVendorId !== input.party) {
    throw new BusinessRuleViolation('contract-of-another-party', `contract ${input.contractId} is not the party's`, 'contractId');
  }
}
