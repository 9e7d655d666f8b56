import { BusinessRuleViolation, Clock } from '@houqin/domain';
import { SERVICE_CATEGORIES, ServiceCategory } from '../../vendors/domain/vendor';
import { isFen, positiveFen, yuan } from './money';

/** Fiscal years run January to December (预算年度); a budget names one. */
export const MIN_FISCAL_YEAR = 2000;
export const MAX_FISCAL_YEAR = 2100;

/** Who may allocate a budget: the agency's operators (the agency admin, a logistics manager), no one else. */
export const BUDGET_ALLOCATOR_ROLES: readonly string[] = ['agency-admin', 'logistics-manager'];

/** Who may let a commitment exceed what is left of a budget, with a recorded reason. */
export const BUDGET_OVERRIDE_ROLES: readonly string[] = ['agency-admin'];

/**
 * The money an agency allocated for one category of support services in one fiscal year, all in fen.
 * Committed: held by approved requisitions (later: purchase orders). Spent: paid on receipts.
 */
export interface Budget {
  id: string;
  agencyId: string;
  fiscalYear: number;
  category: ServiceCategory;
  allocated: number;
  committed: number;
  spent: number;
  allocatedBy: string;
  allocatedAt: Date;
}

export interface BudgetAllocation {
  id: string;
  agencyId: string;
  fiscalYear: number;
  category: string;
  allocated: number;
  allocatedBy: string;
  /** The allocator's roles: checked here too, not only at the gateway. */
  allocatorRoles: readonly string[];
}

/** Who lets a commitment exceed the budget, and why; recorded with the commitment. */
export interface BudgetOverride {
  by: string;
  roles: readonly string[];
  reason: string;
}

export interface BudgetCommitment {
  budget: Budget;
  amount: number;
  /** Fen beyond what was available; 0 unless overridden. */
  overspend: number;
  override?: { by: string; reason: string };
}

/** What is left to commit: allocated less committed less spent; negative only after an override. */
export function available(budget: Budget): number {
  return budget.allocated - budget.committed - budget.spent;
}

export function allocateBudget(allocation: BudgetAllocation, clock: Clock): Budget {
  if (!allocation.allocatorRoles.some((role) => BUDGET_ALLOCATOR_ROLES.includes(role))) {
    throw new BusinessRuleViolation('allocation-not-authorised', `only ${BUDGET_ALLOCATOR_ROLES.join(' or ')} may allocate a budget`, 'roles');
  }
  return {
    id: allocation.id,
    agencyId: allocation.agencyId,
    fiscalYear: fiscalYear(allocation.fiscalYear),
    category: serviceCategory(allocation.category),
    allocated: positiveFen(allocation.allocated, 'allocated'),
    committed: 0,
    spent: 0,
    allocatedBy: allocation.allocatedBy,
    allocatedAt: clock.now(),
  };
}

/**
 * Holds `amount` fen of the budget. A commitment beyond what is available is refused, naming what
 * is available, unless someone entitled to override gives a reason; the overspend is then recorded.
 */
export function commit(budget: Budget, amount: number, override?: BudgetOverride): BudgetCommitment {
  positiveFen(amount, 'amount');
  const left = available(budget);
  const overspend = Math.max(0, amount - Math.max(0, left));
  if (overspend > 0) {
    if (!override) {
      throw new BusinessRuleViolation(
        'budget-exceeded',
        `the ${budget.fiscalYear} ${budget.category} budget has ${yuan(Math.max(0, left))} (${Math.max(0, left)} fen) available; ${yuan(amount)} (${amount} fen) cannot be committed`,
        'amount',
      );
    }
    if (!override.roles.some((role) => BUDGET_OVERRIDE_ROLES.includes(role))) {
      throw new BusinessRuleViolation('override-not-authorised', `only ${BUDGET_OVERRIDE_ROLES.join(', ')} may commit beyond a budget`, 'budgetOverrideReason');
    }
    if (!override.reason.trim()) {
      throw new BusinessRuleViolation('override-reason-required', 'give the reason for committing beyond the budget', 'budgetOverrideReason');
    }
  }
  return {
    budget: { ...budget, committed: budget.committed + amount },
    amount,
    overspend,
    ...(override && overspend > 0 ? { override: { by: override.by, reason: override.reason.trim() } } : {}),
  };
}

export function fiscalYear(year: number): number {
  if (!Number.isInteger(year) || year < MIN_FISCAL_YEAR || year > MAX_FISCAL_YEAR) {
    throw new BusinessRuleViolation('invalid-fiscal-year', `fiscalYear must be a year from ${MIN_FISCAL_YEAR} to ${MAX_FISCAL_YEAR}`, 'fiscalYear');
  }
  return year;
}

export function serviceCategory(category: string): ServiceCategory {
  if (!(SERVICE_CATEGORIES as readonly string[]).includes(category)) {
    throw new BusinessRuleViolation('unknown-category', `'${category}' is not one of ${SERVICE_CATEGORIES.join(', ')}`, 'category');
  }
  return category as ServiceCategory;
}

/** How a purchase order changed what its budget holds for it. */
export interface CommitmentAdjustment {
  budget: Budget;
  /** Signed change of `committed`: positive when more was committed, negative when released. */
  change: number;
  /** Fen beyond what was available; 0 unless overridden. */
  overspend: number;
  override?: { by: string; reason: string };
}

/**
 * Moves what the budget holds for one purchase from `from` to `to` fen (a requisition's estimate to
 * its order's total). An increase is a commitment with the same overspend rule and override as any
 * other; a decrease releases the difference; no change changes nothing.
 */
export function adjustCommitment(budget: Budget, from: number, to: number, override?: BudgetOverride): CommitmentAdjustment {
  if (!isFen(from) || !isFen(to)) throw new BusinessRuleViolation('invalid-amount', 'amounts must be whole numbers of fen (分)', 'total');
  if (to > from) {
    const commitment = commit(budget, to - from, override);
    return { budget: commitment.budget, change: to - from, overspend: commitment.overspend, ...(commitment.override ? { override: commitment.override } : {}) };
  }
  if (to === from) return { budget, change: 0, overspend: 0 };
  return { budget: release(budget, from - to), change: to - from, overspend: 0 };
}

/** Gives `amount` fen held by a commitment back to what is available (a cancelled or cheaper purchase). */
export function release(budget: Budget, amount: number): Budget {
  if (!isFen(amount)) throw new BusinessRuleViolation('invalid-amount', 'amount must be a whole number of fen (分)', 'amount');
  if (amount > budget.committed) {
    throw new BusinessRuleViolation('release-exceeds-commitment', `only ${budget.committed} fen are committed; ${amount} fen cannot be released`, 'amount');
  }
  return { ...budget, committed: budget.committed - amount };
}

/** Actuals on receipt: `amount` fen of accepted goods move from committed to spent. */
export function spend(budget: Budget, amount: number): Budget {
  return { ...release(budget, amount), spent: budget.spent + amount };
}
