import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import { LedgerEntry, MealAccount, SubsidyRule } from './domain/ledger';

interface AccountRow {
  agency_id: string;
  staff_id: string;
  staff_category: string;
  overdraft_limit_fen: number;
  subsidised_through: string | null;
  opened_by: string;
  opened_at: Date;
}

interface EntryRow {
  id: string;
  agency_id: string;
  staff_id: string;
  kind: LedgerEntry['kind'];
  amount_fen: number;
  idempotency_key: string;
  reference: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
}

/** Meal accounts, their ledger (entries only: the balance is always their sum) and the agencies' subsidy rules. */
@Injectable()
export class AccountsRepository {
  /** The account, under its row lock when `forUpdate`: every movement of one account is checked against the balance in turn. */
  async load(manager: EntityManager, agencyId: string, staffId: string, forUpdate = false): Promise<MealAccount> {
    const rows = (await manager.query(`SELECT * FROM meal_account WHERE agency_id = $1 AND staff_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [agencyId, staffId])) as AccountRow[];
    if (!rows[0]) throw new NotFoundError('meal account', staffId);
    return accountOf(rows[0]);
  }

  /** Inserts the account; false when the staff member has one already. */
  async insert(manager: EntityManager, account: MealAccount): Promise<boolean> {
    const inserted = (await manager.query(
      `INSERT INTO meal_account (agency_id, staff_id, staff_category, overdraft_limit_fen, opened_by, opened_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (agency_id, staff_id) DO NOTHING RETURNING staff_id`,
      [account.agencyId, account.staffId, account.staffCategory, account.overdraftLimitFen, account.openedBy, account.openedAt],
    )) as unknown[];
    return inserted.length > 0;
  }

  async list(manager: EntityManager, agencyId: string, limit: number): Promise<Array<MealAccount & { balanceFen: number; heldFen: number }>> {
    const rows = (await manager.query(
      `SELECT a.*, coalesce(e.balance, 0)::bigint AS balance, coalesce(e.held, 0)::bigint AS held
         FROM meal_account a
         LEFT JOIN LATERAL (SELECT sum(amount_fen) AS balance, -sum(amount_fen) FILTER (WHERE kind IN ('hold', 'release')) AS held
                              FROM meal_account_entry WHERE agency_id = a.agency_id AND staff_id = a.staff_id) e ON true
        WHERE a.agency_id = $1 ORDER BY a.opened_at DESC, a.staff_id LIMIT $2`,
      [agencyId, limit],
    )) as Array<AccountRow & { balance: string; held: string }>;
    return rows.map((row) => ({ ...accountOf(row), balanceFen: Number(row.balance), heldFen: Number(row.held) }));
  }

  async balance(manager: EntityManager, agencyId: string, staffId: string): Promise<number> {
    const rows = (await manager.query(`SELECT coalesce(sum(amount_fen), 0)::bigint AS balance FROM meal_account_entry WHERE agency_id = $1 AND staff_id = $2`, [agencyId, staffId])) as Array<{
      balance: string;
    }>;
    return Number(rows[0]?.balance ?? 0);
  }

  async entryByKey(manager: EntityManager, agencyId: string, staffId: string, key: string): Promise<LedgerEntry | undefined> {
    const rows = (await manager.query(`SELECT * FROM meal_account_entry WHERE agency_id = $1 AND staff_id = $2 AND idempotency_key = $3`, [agencyId, staffId, key])) as EntryRow[];
    return rows[0] ? entryOf(rows[0]) : undefined;
  }

  async entry(manager: EntityManager, agencyId: string, staffId: string, id: string): Promise<LedgerEntry | undefined> {
    const rows = (await manager.query(`SELECT * FROM meal_account_entry WHERE agency_id = $1 AND staff_id = $2 AND id = $3`, [agencyId, staffId, id])) as EntryRow[];
    return rows[0] ? entryOf(rows[0]) : undefined;
  }

  /** What was given back of a charge or a hold already (refunds and releases name it as their reference). */
  async refundedOf(manager: EntityManager, agencyId: string, staffId: string, entryId: string): Promise<number> {
    const rows = (await manager.query(
      `SELECT coalesce(sum(amount_fen), 0)::bigint AS refunded FROM meal_account_entry
        WHERE agency_id = $1 AND staff_id = $2 AND ((kind = 'refund' AND reference = $3) OR (kind = 'release' AND reference = $4))`,
      [agencyId, staffId, `refund-of:${entryId}`, `release-of:${entryId}`],
    )) as Array<{ refunded: string }>;
    return Number(rows[0]?.refunded ?? 0);
  }

  /** What the account's open holds keep back: its holds less their releases. */
  async held(manager: EntityManager, agencyId: string, staffId: string): Promise<number> {
    const rows = (await manager.query(
      `SELECT coalesce(-sum(amount_fen), 0)::bigint AS held FROM meal_account_entry WHERE agency_id = $1 AND staff_id = $2 AND kind IN ('hold', 'release')`,
      [agencyId, staffId],
    )) as Array<{ held: string }>;
    return Number(rows[0]?.held ?? 0);
  }

  async insertEntry(manager: EntityManager, entry: LedgerEntry): Promise<void> {
    await manager.query(
      `INSERT INTO meal_account_entry (id, agency_id, staff_id, kind, amount_fen, idempotency_key, reference, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [entry.id, entry.agencyId, entry.staffId, entry.kind, entry.amountFen, entry.idempotencyKey, entry.reference ?? null, entry.note ?? null, entry.recordedBy, entry.recordedAt],
    );
  }

  async entries(manager: EntityManager, agencyId: string, staffId: string, limit: number): Promise<LedgerEntry[]> {
    const rows = (await manager.query(`SELECT * FROM meal_account_entry WHERE agency_id = $1 AND staff_id = $2 ORDER BY position DESC LIMIT $3`, [agencyId, staffId, limit])) as EntryRow[];
    return rows.map(entryOf);
  }

  async rules(manager: EntityManager, agencyId: string): Promise<SubsidyRule[]> {
    const rows = (await manager.query(`SELECT staff_category, monthly_fen FROM meal_subsidy_rule WHERE agency_id = $1 ORDER BY staff_category`, [agencyId])) as Array<{
      staff_category: string;
      monthly_fen: number;
    }>;
    return rows.map((row) => ({ staffCategory: row.staff_category, monthlyFen: row.monthly_fen }));
  }

  async replaceRules(manager: EntityManager, agencyId: string, rules: readonly SubsidyRule[], by: string, at: Date): Promise<void> {
    await manager.query(`DELETE FROM meal_subsidy_rule WHERE agency_id = $1`, [agencyId]);
    for (const rule of rules) {
      await manager.query(`INSERT INTO meal_subsidy_rule (agency_id, staff_category, monthly_fen, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)`, [
        agencyId,
        rule.staffCategory,
        rule.monthlyFen,
        by,
        at,
      ]);
    }
  }

  /** Accounts not yet subsidised for `month`, claimed so that replicas sweeping at once take different ones. */
  async claimUnsubsidised(manager: EntityManager, month: string, limit: number): Promise<MealAccount[]> {
    const rows = (await manager.query(
      `SELECT * FROM meal_account WHERE subsidised_through IS NULL OR subsidised_through < $1 ORDER BY agency_id, staff_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [month, limit],
    )) as AccountRow[];
    return rows.map(accountOf);
  }

  async markSubsidised(manager: EntityManager, account: MealAccount, month: string): Promise<void> {
    await manager.query(`UPDATE meal_account SET subsidised_through = $3 WHERE agency_id = $1 AND staff_id = $2`, [account.agencyId, account.staffId, month]);
  }
}

function accountOf(row: AccountRow): MealAccount {
  return {
    agencyId: row.agency_id,
    staffId: row.staff_id,
    staffCategory: row.staff_category,
    overdraftLimitFen: row.overdraft_limit_fen,
    ...(row.subsidised_through ? { subsidisedThrough: row.subsidised_through } : {}),
    openedBy: row.opened_by,
    openedAt: row.opened_at,
  };
}

function entryOf(row: EntryRow): LedgerEntry {
  return {
    id: row.id,
    agencyId: row.agency_id,
    staffId: row.staff_id,
    kind: row.kind,
    amountFen: row.amount_fen,
    idempotencyKey: row.idempotency_key,
    ...(row.reference ? { reference: row.reference } : {}),
    ...(row.note ? { note: row.note } : {}),
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}
