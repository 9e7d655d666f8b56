import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DuplicateError, NotFoundError } from '@houqin/domain';
import { recordIdempotentCommand } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK } from '@houqin/service-kit';
import { manages } from '../caller-scope';
import { LedgerEntry, MealAccount, MealOutcome, Movement, SubsidyRule, openAccount, post, refundable, settlementOf, subsidyDue, subsidyMonth, validateSubsidyRules } from './domain/ledger';
import { AccountsRepository } from './accounts.repository';

export interface AccountWithBalance {
  account: MealAccount;
  /** What the staff member can spend: the sum of the entries (open holds count against it). */
  balanceFen: number;
  /** Of which kept back by the holds of meals booked and not yet served or cancelled. */
  heldFen: number;
}

/** Use cases of meal accounts: open, top up, charge, refund, subsidies; every movement under the account's row lock. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(caller: Caller, input: { staffId: string; staffCategory: string; overdraftLimitFen?: number }): Promise<AccountWithBalance> {
    const account = openAccount({ agencyId: caller.agencyId, openedBy: caller.userId, ...input }, this.clock.now());
    return this.dataSource.transaction(async (manager) => {
      const inserted = await this.accounts.insert(manager, account);
      if (!inserted) throw new DuplicateError('meal-account', 'staffId', `${account.staffId} has a meal account already`);
      // Opening publishes nothing: its Idempotency-Key is recorded with it (a retry Redis forgot is refused as applied, not as a duplicate).
      await recordIdempotentCommand(manager, account.staffId);
      return { account, balanceFen: 0, heldFen: 0 };
    });
  }

  async list(caller: Caller, limit: number): Promise<Array<MealAccount & { balanceFen: number; heldFen: number }>> {
    return this.accounts.list(this.dataSource.manager, caller.agencyId, limit);
  }

  /** A staff member reads their own account; the agency's people who run catering (and read-only supervisors) any. */
  async get(caller: Caller, staffId: string): Promise<AccountWithBalance> {
    this.mayRead(caller, staffId);
    const manager = this.dataSource.manager;
    const account = await this.accounts.load(manager, caller.agencyId, staffId);
    return { account, balanceFen: await this.accounts.balance(manager, caller.agencyId, staffId), heldFen: await this.accounts.held(manager, caller.agencyId, staffId) };
  }

  async entries(caller: Caller, staffId: string, limit: number): Promise<LedgerEntry[]> {
    this.mayRead(caller, staffId);
    await this.accounts.load(this.dataSource.manager, caller.agencyId, staffId);
    return this.accounts.entries(this.dataSource.manager, caller.agencyId, staffId, limit);
  }

  async topUp(caller: Caller, staffId: string, input: { amountFen: number; idempotencyKey: string; note?: string }): Promise<{ entry: LedgerEntry; balanceFen: number; replayed: boolean }> {
    if (!manages(caller) && caller.userId !== staffId) throw new NotFoundError('meal account', staffId);
    return this.dataSource.transaction((manager) => this.postIn(manager, caller.agencyId, staffId, { kind: 'top-up', recordedBy: caller.userId, ...input }));
  }

  async charge(caller: Caller, staffId: string, input: { amountFen: number; idempotencyKey: string; reference?: string; note?: string }) {
    return this.dataSource.transaction((manager) => this.postIn(manager, caller.agencyId, staffId, { kind: 'charge', recordedBy: caller.userId, ...input }));
  }

  async refund(caller: Caller, staffId: string, input: { refundsEntryId: string; amountFen: number; idempotencyKey: string; note?: string }) {
    return this.dataSource.transaction(async (manager) => {
      await this.accounts.load(manager, caller.agencyId, staffId, true);
      const replay = await this.accounts.entryByKey(manager, caller.agencyId, staffId, input.idempotencyKey.trim());
      if (!replay) {
        const charge = await this.accounts.entry(manager, caller.agencyId, staffId, input.refundsEntryId);
        refundable(charge, await this.accounts.refundedOf(manager, caller.agencyId, staffId, input.refundsEntryId), input.amountFen);
      }
      return this.postIn(manager, caller.agencyId, staffId, {
        kind: 'refund',
        amountFen: input.amountFen,
        idempotencyKey: input.idempotencyKey,
        reference: `refund-of:${input.refundsEntryId}`,
        recordedBy: caller.userId,
        ...(input.note ? { note: input.note } : {}),
      });
    });
  }

  /**
   * Posts one movement inside the caller's transaction: locks the account row, answers the entry
   * already posted under the key (a replay changes nothing), checks the balance — the sum of the
   * entries, read under the lock — against the overdraft limit, and inserts the entry.
   */
  async postIn(
    manager: EntityManager,
    agencyId: string,
    staffId: string,
    movement: Omit<Movement, 'id'>,
  ): Promise<{ entry: LedgerEntry; balanceFen: number; replayed: boolean }> {
    const account = await this.accounts.load(manager, agencyId, staffId, true);
    const existing = await this.accounts.entryByKey(manager, agencyId, staffId, movement.idempotencyKey.trim());
    const balance = await this.accounts.balance(manager, agencyId, staffId);
    const { entry, replayed } = post(account, balance, { id: randomUUID(), ...movement }, existing, this.clock.now());
    if (replayed) return { entry, balanceFen: balance, replayed };
    await this.accounts.insertEntry(manager, entry);
    return { entry, balanceFen: balance + entry.amountFen, replayed };
  }

  /**
   * Settles what pays for a booked meal inside the caller's transaction, under the account's row
   * lock: the hold released (cancelled) or released and charged (served, no-show); a charge taken at
   * booking refunded on cancellation. Answers the entry that pays for the meal now (the charge when
   * captured; undefined once released).
   */
  async settleMeal(
    manager: EntityManager,
    agencyId: string,
    staffId: string,
    paidByEntryId: string,
    outcome: MealOutcome,
    meal: { reservationId: string; name: string; by: string },
  ): Promise<string | undefined> {
    await this.accounts.load(manager, agencyId, staffId, true);
    const paidBy = await this.accounts.entry(manager, agencyId, staffId, paidByEntryId);
    if (!paidBy) throw new NotFoundError('meal account entry', paidByEntryId);
    let paying: string | undefined = outcome === 'cancelled' ? undefined : paidBy.id;
    for (const movement of settlementOf(paidBy, await this.accounts.refundedOf(manager, agencyId, staffId, paidBy.id), outcome, meal)) {
      const { entry } = await this.postIn(manager, agencyId, staffId, movement);
      if (entry.kind === 'charge') paying = entry.id;
    }
    return paying;
  }

  async rules(caller: Caller): Promise<SubsidyRule[]> {
    return this.accounts.rules(this.dataSource.manager, caller.agencyId);
  }

  async replaceRules(caller: Caller, rules: readonly SubsidyRule[]): Promise<SubsidyRule[]> {
    const valid = validateSubsidyRules(rules);
    await this.dataSource.transaction((manager) => this.accounts.replaceRules(manager, caller.agencyId, valid, caller.userId, this.clock.now()));
    return valid;
  }

  /** Credits this month's subsidy to a batch of claimed accounts (the sweep's unit of work). */
  async creditSubsidies(manager: EntityManager, batch: number): Promise<{ claimed: number; credited: Array<{ agencyId: string; staffId: string; amountFen: number }> }> {
    const now = this.clock.now();
    const month = subsidyMonth(now);
    const claimed = await this.accounts.claimUnsubsidised(manager, month, batch);
    const rulesByAgency = new Map<string, SubsidyRule[]>();
    const credited: Array<{ agencyId: string; staffId: string; amountFen: number }> = [];
    for (const account of claimed) {
      const rules = rulesByAgency.get(account.agencyId) ?? (await this.accounts.rules(manager, account.agencyId));
      rulesByAgency.set(account.agencyId, rules);
      const due = subsidyDue(account, rules, now);
      if (due) {
        await this.postIn(manager, account.agencyId, account.staffId, {
          kind: 'subsidy',
          amountFen: due.amountFen,
          idempotencyKey: due.idempotencyKey,
          reference: `subsidy:${due.month}`,
          recordedBy: 'system',
        });
        credited.push({ agencyId: account.agencyId, staffId: account.staffId, amountFen: due.amountFen });
      }
      await this.accounts.markSubsidised(manager, account, month);
    }
    return { claimed: claimed.length, credited };
  }

  private mayRead(caller: Caller, staffId: string): void {
    const reader = manages(caller) || ['auditor', 'supervisor', 'evaluator'].some((role) => caller.roles.includes(role));
    // Another person's account answers like a missing one: balances are private.
    if (!reader && caller.userId !== staffId) throw new NotFoundError('meal account', staffId);
  }
}

