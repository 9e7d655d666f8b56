import { BusinessRuleViolation, Clock } from '@houqin/domain';
import { SERVICE_CATEGORIES, ServiceCategory } from '../../vendors/domain/vendor';
import { positiveFen, yuan } from './money';

/** Fiscal years run January to December (预算年度); a budget names one. */
export const MIN_FISCAL_YEAR = 2000;
export const MAX_FISCAL_YEAR = 2100;

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
