import { BusinessRuleViolation } from '@houqin/domain';
import { isFen } from '../../budgets/domain/money';

/** The roles that may hold an approval step, from the first line of approval to the head of the agency. */
export const APPROVER_ROLES = ['approver', 'logistics-manager', 'agency-admin'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/**
 * One band of amounts and the approval chain it calls for. `upTo` is inclusive, in fen; the last
 * tier is open-ended (`upTo` null) so every amount falls in exactly one tier.
 */
export interface ApprovalTier {
  upTo: number | null;
  steps: ApproverRole[];
}

/** 采购方式 chosen by the estimated amount (政府采购法: below the thresholds, simpler methods are allowed). */
export const PROCUREMENT_METHODS = ['direct-purchase', 'request-for-quotation', 'open-tender'] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];

/** Amounts in fen: below `directPurchaseBelow` buy directly, below `requestForQuotationBelow` 询价, otherwise 公开招标. */
export interface ProcurementMethodThresholds {
  directPurchaseBelow: number;
  requestForQuotationBelow: number;
}

export interface ApprovalPolicy {
  tiers: ApprovalTier[];
  methodThresholds: ProcurementMethodThresholds;
}

/** 50,000 yuan: one approver; 500,000 yuan: approver then logistics manager; above: and the agency admin. */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  tiers: [
    { upTo: 5_000_000, steps: ['approver'] },
    { upTo: 50_000_000, steps: ['approver', 'logistics-manager'] },
    { upTo: null, steps: ['approver', 'logistics-manager', 'agency-admin'] },
  ],
  methodThresholds: { directPurchaseBelow: 5_000_000, requestForQuotationBelow: 100_000_000 },
};

/** The approval chain for an amount: the steps of the first tier whose ceiling it does not exceed. */
export function approvalStepsFor(amount: number, tiers: readonly ApprovalTier[]): ApproverRole[] {
  const tier = tiers.find((candidate) => candidate.upTo === null || amount <= candidate.upTo);
  if (!tier) throw new RangeError('an approval policy ends with an open-ended tier');
  return [...tier.steps];
}

export function procurementMethodFor(amount: number, thresholds: ProcurementMethodThresholds): ProcurementMethod {
  if (amount < thresholds.directPurchaseBelow) return 'direct-purchase';
  if (amount < thresholds.requestForQuotationBelow) return 'request-for-quotation';
  return 'open-tender';
}

/**
 * An agency's own policy, checked whole: ceilings strictly ascending, the last tier open-ended,
 * every tier at least one step of a known approver role with no role twice, and the method
 * thresholds ascending. Errors name the offending field.
 */
export function defineApprovalPolicy(policy: { tiers: ReadonlyArray<{ upTo: number | null; steps: readonly string[] }>; methodThresholds: ProcurementMethodThresholds }): ApprovalPolicy {
  const { tiers, methodThresholds } = policy;
  if (tiers.length === 0) throw new BusinessRuleViolation('tiers-required', 'give at least one approval tier', 'tiers');
  let previous = 0;
  const checked = tiers.map((tier, index): ApprovalTier => {
    const last = index === tiers.length - 1;
    if (last && tier.upTo !== null) {
      throw new BusinessRuleViolation('open-ended-tier-required', 'the last tier must have upTo null so that every amount has an approval chain', `tiers[${index}].upTo`);
    }
    if (!last) {
      if (tier.upTo === null) {
        throw new BusinessRuleViolation('open-ended-tier-not-last', 'only the last tier may be open-ended (upTo null)', `tiers[${index}].upTo`);
      }
      if (!isFen(tier.upTo) || tier.upTo <= previous) {
        throw new BusinessRuleViolation('tiers-not-ascending', 'tier ceilings must be whole fen, positive and strictly ascending', `tiers[${index}].upTo`);
      }
      previous = tier.upTo;
    }
    if (tier.steps.length === 0) throw new BusinessRuleViolation('steps-required', 'each tier needs at least one approval step', `tiers[${index}].steps`);
    const unknown = tier.steps.find((role) => !(APPROVER_ROLES as readonly string[]).includes(role));
    if (unknown !== undefined) {
      throw new BusinessRuleViolation('unknown-approver-role', `'${unknown}' is not one of ${APPROVER_ROLES.join(', ')}`, `tiers[${index}].steps`);
    }
    if (new Set(tier.steps).size !== tier.steps.length) {
      throw new BusinessRuleViolation('duplicate-approver-role', 'a role approves at most once in a chain', `tiers[${index}].steps`);
    }
    return { upTo: tier.upTo, steps: [...tier.steps] as ApproverRole[] };
  });
  const { directPurchaseBelow, requestForQuotationBelow } = methodThresholds;
  if (!isFen(directPurchaseBelow) || directPurchaseBelow === 0) {
    throw new BusinessRuleViolation('invalid-threshold', 'directPurchaseBelow must be a positive whole number of fen', 'methodThresholds.directPurchaseBelow');
  }
  if (!isFen(requestForQuotationBelow) || requestForQuotationBelow <= directPurchaseBelow) {
    throw new BusinessRuleViolation(
      'thresholds-not-ascending',
      'requestForQuotationBelow must be whole fen above directPurchaseBelow',
      'methodThresholds.requestForQuotationBelow',
    );
  }
  return { tiers: checked, methodThresholds: { directPurchaseBelow, requestForQuotationBelow } };
}
