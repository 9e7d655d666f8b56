import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BudgetAllocated, BudgetCommitted } from '@houqin/contracts';
import { BusinessRuleViolation, DuplicateError, systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { findInAgency, isUniqueViolation } from '@houqin/persistence';
import { eventOrigin } from '@houqin/service-kit';
import { ServiceCategory } from '../vendors/domain/vendor';
import { AllocateBudgetDto } from './budget.dto';
import { BUDGET_UNIQUE, BudgetCommitmentRecord, BudgetRecord } from './budget.entity';
import { Budget, BudgetCommitment, BudgetOverride, CommitmentAdjustment, adjustCommitment, allocateBudget, commit, release, spend } from './domain/budget';

/** Use cases of budgets: allocate, read, and commit inside another use case's transaction. */
@Injectable()
export class BudgetsService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly outbox: Outbox) {}

  async allocate(caller: Caller, input: AllocateBudgetDto): Promise<Budget> {
    const budget = allocateBudget({ id: randomUUID(), agencyId: caller.agencyId, allocatedBy: caller.userId, allocatorRoles: caller.roles, ...input }, this.clock);
    try {
      await this.dataSource.transaction(async (manager) => {
        const taken = await manager.exists(BudgetRecord, { where: { agencyId: budget.agencyId, fiscalYear: budget.fiscalYear, category: budget.category } });
        if (taken) throw duplicateBudget(budget);
        await manager.insert(BudgetRecord, { ...budget, version: 1 });
        await this.outbox.append(
          manager,
          BudgetAllocated.create({
            subject: budget.id,
            origin: eventOrigin(caller),
            data: {
              budgetId: budget.id,
              fiscalYear: budget.fiscalYear,
              category: budget.category,
              allocated: budget.allocated,
              allocatedBy: budget.allocatedBy,
              allocatedAt: budget.allocatedAt.toISOString(),
            },
          }),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error, BUDGET_UNIQUE)) throw duplicateBudget(budget);
      throw error;
    }
    return budget;
  }

  async list(caller: Caller, fiscalYear: number | undefined): Promise<Budget[]> {
    const records = await this.dataSource.manager.find(BudgetRecord, {
      where: { agencyId: caller.agencyId, ...(fiscalYear !== undefined ? { fiscalYear } : {}) },
      order: { fiscalYear: 'DESC', category: 'ASC' },
    });
    return records.map(toDomain);
  }

  async get(caller: Caller, id: string): Promise<Budget> {
    return toDomain(await findInAgency(this.dataSource.manager, BudgetRecord, { id, agencyId: caller.agencyId, aggregate: 'budget' }));
  }

  /**
   * Commits `amount` to a requisition in the caller's transaction. The budget row is locked first,
   * so concurrent commitments against one budget are decided one after the other and never overspend.
   */
  async commitFor(
    manager: EntityManager,
    caller: Caller,
    requisition: { id: string; fiscalYear: number; category: ServiceCategory; total: number },
    override?: BudgetOverride,
  ): Promise<BudgetCommitment> {
    const record = await manager.findOne(BudgetRecord, {
      where: { agencyId: caller.agencyId, fiscalYear: requisition.fiscalYear, category: requisition.category },
      lock: { mode: 'pessimistic_write' },
    });
    if (!record) {
      throw new BusinessRuleViolation(
        'no-budget',
        `the agency has no ${requisition.fiscalYear} budget for ${requisition.category}; allocate one before approving`,
        'category',
      );
    }
    const commitment = commit(toDomain(record), requisition.total, override);
    const now = this.clock.now();
    await manager.update(BudgetRecord, { id: record.id, version: record.version }, { committed: commitment.budget.committed, version: record.version + 1 });
    await manager.insert(BudgetCommitmentRecord, {
      id: randomUUID(),
      budgetId: record.id,
      agencyId: caller.agencyId,
      requisitionId: requisition.id,
      amount: commitment.amount,
      overspend: commitment.overspend,
      overrideBy: commitment.override?.by ?? null,
      overrideReason: commitment.override?.reason ?? null,
      committedAt: now,
    });
    const { budget } = commitment;
    await this.outbox.append(
      manager,
      BudgetCommitted.create({
        subject: budget.id,
        origin: eventOrigin(caller),
        data: {
          budgetId: budget.id,
          requisitionId: requisition.id,
          fiscalYear: budget.fiscalYear,
          category: budget.category,
          amount: commitment.amount,
          allocated: budget.allocated,
          committed: budget.committed,
          spent: budget.spent,
          overspend: commitment.overspend,
          ...(commitment.override ? { override: commitment.override } : {}),
          committedAt: now.toISOString(),
        },
      }),
    );
    return commitment;
  }

  /**
   * Moves what the budget holds for a purchase from `from` to `to` fen in the caller's transaction
   * (an order replacing its requisition's estimate). The budget row is locked first, like every
   * commitment, so an increase racing another commitment never overspends; a decrease releases.
   */
  async adjustCommitment(manager: EntityManager, caller: Caller, budgetId: string, from: number, to: number, override?: BudgetOverride): Promise<CommitmentAdjustment> {
    const record = await this.lock(manager, caller, budgetId);
    const adjustment = adjustCommitment(toDomain(record), from, to, override);
    if (adjustment.change !== 0) await this.store(manager, record, adjustment.budget);
    return adjustment;
  }

  /** Releases `amount` fen of a commitment (a cancelled purchase), under the budget row's lock. */
  async release(manager: EntityManager, caller: Caller, budgetId: string, amount: number): Promise<Budget> {
    const record = await this.lock(manager, caller, budgetId);
    const budget = release(toDomain(record), amount);
    if (amount > 0) await this.store(manager, record, budget);
    return budget;
  }

  /** Actuals on receipt: `amount` fen move from committed to spent, under the budget row's lock. */
  async spend(manager: EntityManager, caller: Caller, budgetId: string, amount: number): Promise<Budget> {
    const record = await this.lock(manager, caller, budgetId);
    const budget = spend(toDomain(record), amount);
    if (amount > 0) await this.store(manager, record, budget);
    return budget;
  }

  private async lock(manager: EntityManager, caller: Caller, budgetId: string): Promise<BudgetRecord> {
    return findInAgency(manager, BudgetRecord, { id: budgetId, agencyId: caller.agencyId, aggregate: 'budget', forUpdate: true });
  }

  private async store(manager: EntityManager, record: BudgetRecord, budget: Budget): Promise<void> {
    await manager.update(BudgetRecord, { id: record.id, version: record.version }, { committed: budget.committed, spent: budget.spent, version: record.version + 1 });
  }
}

function duplicateBudget(budget: Budget): DuplicateError {
  return new DuplicateError('budget', 'category', `the agency already has a ${budget.fiscalYear} budget for ${budget.category}`);
}

function toDomain(record: BudgetRecord): Budget {
  return {
    id: record.id,
    agencyId: record.agencyId,
    fiscalYear: record.fiscalYear,
    category: record.category,
    allocated: record.allocated,
    committed: record.committed,
    spent: record.spent,
    allocatedBy: record.allocatedBy,
    allocatedAt: record.allocatedAt,
  };
}
