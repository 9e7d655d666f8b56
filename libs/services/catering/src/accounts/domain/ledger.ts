import { BusinessRuleViolation, DuplicateError, businessMonth } from '@houqin/domain';

/**
 * The meal account (饭卡) of one staff member: every movement is a ledger entry in whole fen, the
 * balance is the sum of the entries, and a charge or a hold may take it below zero only down to the
 * account's overdraft limit. A movement carries an idempotency key: the same key again is the same
 * movement (a retried charge is never applied twice), the same key for another movement is refused.
 *
 * A booked meal is not paid at booking: its price is **held** (预授权冻结, a `hold` entry, money out)
 * — the balance, what the staff member can still spend, goes down by it and the overdraft limit
 * counts it. The hold is settled once: released (`release`, money back) when the booking is
 * cancelled before the cut-off, or released and **charged** (`charge`) in the same step when the
 * meal is served or nobody came (no-show). The statement thus reads 冻结 −18.00, then either
 * 解冻 +18.00 or 解冻 +18.00 / 扣费 −18.00.
 */
export const ENTRY_KINDS = ['top-up', 'subsidy', 'charge', 'refund', 'hold', 'release'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** No single movement is larger than ¥100,000; beyond that it is a typing error. */
export const MAX_MOVEMENT_FEN = 10_000_000;
export const MAX_OVERDRAFT_FEN = 100_000;

export interface MealAccount {
  agencyId: string;
  staffId: string;
  staffCategory: string;
  overdraftLimitFen: number;
  /** The last month ('YYYY-MM', China Standard Time) whose subsidy was credited. */
  subsidisedThrough?: string;
  openedBy: string;
  openedAt: Date;
}

export interface LedgerEntry {
  id: string;
  agencyId: string;
  staffId: string;
  kind: EntryKind;
  /** Signed: positive in, negative out. */
  amountFen: number;
  idempotencyKey: string;
  reference?: string;
  note?: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface Movement {
  id: string;
  kind: EntryKind;
  /** Unsigned amount of the movement; the kind gives the sign. */
  amountFen: number;
  idempotencyKey: string;
  reference?: string;
  note?: string;
  recordedBy: string;
  /** A charge taking the place of a hold released in the same step: the hold took its room under the overdraft limit already. */
  capturesHold?: boolean;
}

export function openAccount(input: { agencyId: string; staffId: string; staffCategory: string; overdraftLimitFen?: number; openedBy: string }, at: Date): MealAccount {
  const staffId = input.staffId.trim();
  if (!staffId) throw new BusinessRuleViolation('staff-required', 'name the staff member the account is for', 'staffId');
  const staffCategory = input.staffCategory.trim();
  if (!staffCategory) throw new BusinessRuleViolation('category-required', 'give the staff category the subsidy rules read', 'staffCategory');
  const overdraftLimitFen = input.overdraftLimitFen ?? 0;
  if (!Number.isInteger(overdraftLimitFen) || overdraftLimitFen < 0 || overdraftLimitFen > MAX_OVERDRAFT_FEN) {
    throw new BusinessRuleViolation('invalid-overdraft-limit', `the overdraft limit is whole fen from 0 to ${MAX_OVERDRAFT_FEN}`, 'overdraftLimitFen');
  }
  return { agencyId: input.agencyId, staffId, staffCategory, overdraftLimitFen, openedBy: input.openedBy, openedAt: at };
}

/** The balance: the sum of the entries, nothing else. */
export function balanceOf(entries: ReadonlyArray<Pick<LedgerEntry, 'amountFen'>>): number {
  return entries.reduce((sum, entry) => sum + entry.amountFen, 0);
}

/** Money out: charges and holds. */
export function isDebit(kind: EntryKind): boolean {
  return kind === 'charge' || kind === 'hold';
}

export function signedAmount(kind: EntryKind, amountFen: number): number {
  return isDebit(kind) ? -amountFen : amountFen;
}

/** What the account's open holds keep back: the holds less what was released of them. */
export function heldOf(entries: ReadonlyArray<Pick<LedgerEntry, 'kind' | 'amountFen'>>): number {
  return entries.filter((entry) => entry.kind === 'hold' || entry.kind === 'release').reduce((sum, entry) => sum - entry.amountFen, 0);
}

/**
 * Posts a movement to an account whose balance is `balanceFen`, or answers the entry already posted
 * under the same key (the replay of a retried request changes nothing). The caller holds the
 * account's row lock, so the balance read is the balance the entry is checked against.
 */
export function post(
  account: MealAccount,
  balanceFen: number,
  movement: Movement,
  existing: LedgerEntry | undefined,
  at: Date,
): { entry: LedgerEntry; replayed: boolean } {
  const amount = movement.amountFen;
  if (!Number.isInteger(amount) || amount <= 0 || amount > MAX_MOVEMENT_FEN) {
    throw new BusinessRuleViolation('invalid-amount', `an amount is whole fen from 1 to ${MAX_MOVEMENT_FEN}`, 'amountFen');
  }
  const key = movement.idempotencyKey.trim();
  if (!key) throw new BusinessRuleViolation('idempotency-key-required', 'every movement carries an idempotency key', 'idempotencyKey');
  const signed = signedAmount(movement.kind, amount);
  if (existing) {
    if (existing.kind !== movement.kind || existing.amountFen !== signed || (existing.reference ?? null) !== (movement.reference ?? null)) {
      throw new DuplicateError('meal-account-entry', 'idempotencyKey', `idempotency key ${key} was already used for another movement (${existing.kind} of ${Math.abs(existing.amountFen)} fen)`);
    }
    return { entry: existing, replayed: true };
  }
  if (isDebit(movement.kind) && !(movement.kind === 'charge' && movement.capturesHold) && balanceFen - amount < -account.overdraftLimitFen) {
    throw new BusinessRuleViolation(
      'insufficient-balance',
      `meal account of ${account.staffId} holds ${balanceFen} fen; a ${movement.kind} of ${amount} fen would exceed the overdraft limit of ${account.overdraftLimitFen} fen`,
      'amountFen',
    );
  }
  return {
    entry: {
      id: movement.id,
      agencyId: account.agencyId,
      staffId: account.staffId,
      kind: movement.kind,
      amountFen: signed,
      idempotencyKey: key,
      ...(movement.reference ? { reference: movement.reference } : {}),
      ...(movement.note ? { note: movement.note } : {}),
      recordedBy: movement.recordedBy,
      recordedAt: at,
    },
    replayed: false,
  };
}

/** A refund gives back at most what the charge it refunds took, less what was refunded of it already. */
export function refundable(charge: LedgerEntry | undefined, refundedFen: number, amountFen: number): void {
  if (!charge || charge.kind !== 'charge') throw new BusinessRuleViolation('unknown-charge', 'a refund names a charge of the same account', 'refundsEntryId');
  const left = -charge.amountFen - refundedFen;
  if (amountFen > left) throw new BusinessRuleViolation('refund-exceeds-charge', `${left} fen of that charge is left to refund`, 'amountFen');
}

/** How a booked meal's payment ends: cancelled before the cut-off (released), served or not collected (captured). */
export type MealOutcome = 'cancelled' | 'served' | 'no-show';

const OUTCOME_NOTES: Record<MealOutcome, { release: string; charge?: string }> = {
  cancelled: { release: 'booking cancelled before the cut-off (取消订餐，解冻)' },
  served: { release: 'hold released for the charge (解冻)', charge: 'meal served (就餐扣费)' },
  'no-show': { release: 'hold released for the charge (解冻)', charge: 'booked and not collected (预订未就餐扣费)' },
};

/**
 * The movements that settle what pays for a booked meal (`paidBy`: its hold, or — for a meal booked
 * before holds existed — its charge), `releasedFen` of it released or refunded already. A hold is
 * released, and for a meal served or not collected charged in the same step for what was held; a
 * charge taken at booking is refunded on cancellation and stands otherwise. Nothing left to settle,
 * no movement. The keys are the reservation's, so a retried settlement posts nothing twice.
 */
export function settlementOf(
  paidBy: Pick<LedgerEntry, 'id' | 'kind' | 'amountFen'>,
  releasedFen: number,
  outcome: MealOutcome,
  meal: { reservationId: string; name: string; by: string },
): Array<Omit<Movement, 'id'>> {
  const left = -paidBy.amountFen - releasedFen;
  if (left <= 0) return [];
  const { reservationId, name, by } = meal;
  const notes = OUTCOME_NOTES[outcome];
  if (paidBy.kind === 'charge') {
    if (outcome !== 'cancelled') return [];
    return [{ kind: 'refund', amountFen: left, idempotencyKey: `cancelled:${reservationId}`, reference: `refund-of:${paidBy.id}`, note: `${name}: booking cancelled before the cut-off (退款)`, recordedBy: by }];
  }
  if (paidBy.kind !== 'hold') throw new BusinessRuleViolation('unknown-hold', 'a booked meal is paid by a hold or a charge of the account', 'reservationId');
  const release: Omit<Movement, 'id'> = { kind: 'release', amountFen: left, idempotencyKey: `release:${reservationId}`, reference: `release-of:${paidBy.id}`, note: `${name}: ${notes.release}`, recordedBy: by };
  if (!notes.charge) return [release];
  return [release, { kind: 'charge', amountFen: left, idempotencyKey: `charge:${reservationId}`, reference: `capture-of:${paidBy.id}`, note: `${name}: ${notes.charge}`, recordedBy: by, capturesHold: true }];
}

/** Subsidy rules (餐补标准): a monthly amount per staff category, set per agency. */
export interface SubsidyRule {
  staffCategory: string;
  monthlyFen: number;
}

export function validateSubsidyRules(rules: readonly SubsidyRule[]): SubsidyRule[] {
  const seen = new Set<string>();
  return rules.map((rule, index) => {
    const staffCategory = rule.staffCategory.trim();
    if (!staffCategory) throw new BusinessRuleViolation('category-required', 'name the staff category', `rules[${index}].staffCategory`);
    if (seen.has(staffCategory)) throw new BusinessRuleViolation('duplicate-category', `${staffCategory} is listed twice`, `rules[${index}].staffCategory`);
    seen.add(staffCategory);
    if (!Number.isInteger(rule.monthlyFen) || rule.monthlyFen < 0 || rule.monthlyFen > MAX_MOVEMENT_FEN) {
      throw new BusinessRuleViolation('invalid-amount', `a monthly subsidy is whole fen from 0 to ${MAX_MOVEMENT_FEN}`, `rules[${index}].monthlyFen`);
    }
    return { staffCategory, monthlyFen: rule.monthlyFen };
  });
}

/** 'YYYY-MM' of an instant, China Standard Time. */
export function subsidyMonth(at: Date): string {
  return businessMonth(at).month;
}

/**
 * The subsidy due to an account in the month of `at`: credited once per month (the idempotency key
 * is the month), never for a month before the account opened, nothing when no rule covers its
 * category or the rule's amount is zero.
 */
export function subsidyDue(account: MealAccount, rules: readonly SubsidyRule[], at: Date): { month: string; amountFen: number; idempotencyKey: string } | undefined {
  const month = subsidyMonth(at);
  if (account.subsidisedThrough !== undefined && account.subsidisedThrough >= month) return undefined;
  const rule = rules.find((candidate) => candidate.staffCategory === account.staffCategory);
  if (!rule || rule.monthlyFen === 0) return undefined;
  return { month, amountFen: rule.monthlyFen, idempotencyKey: `subsidy:${month}` };
}
