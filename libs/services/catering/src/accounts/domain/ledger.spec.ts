import { BusinessRuleViolation, DuplicateError } from '@houqin/domain';
import { LedgerEntry, MealAccount, balanceOf, heldOf, openAccount, post, refundable, settlementOf, subsidyDue, validateSubsidyRules } from './ledger';

const at = new Date('2026-12-07T04:00:00Z');
const account: MealAccount = openAccount({ agencyId: 'agency-a', staffId: ' staff-wang ', staffCategory: 'civil-servant', overdraftLimitFen: 2_000, openedBy: 'manager-1' }, at);
const charge = (amountFen: number, key = 'k-1') => ({ id: 'e-1', kind: 'charge' as const, amountFen, idempotencyKey: key, recordedBy: 'counter' });

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('a meal account (饭卡)', () => {
  it('opens with a trimmed staff id and the overdraft limit given', () => {
    expect(account).toMatchObject({ staffId: 'staff-wang', overdraftLimitFen: 2_000 });
  });

  it.each([-1, 1.5, 100_001])('refuses an overdraft limit of %p fen', (overdraftLimitFen) => {
    expect(thrown(() => openAccount({ agencyId: 'a', staffId: 's', staffCategory: 'c', overdraftLimitFen, openedBy: 'm' }, at))).toMatchObject({ field: 'overdraftLimitFen' });
  });

  it('holds the sum of its entries, nothing else', () => {
    expect(balanceOf([{ amountFen: 5_000 }, { amountFen: -1_200 }, { amountFen: 300 }])).toBe(4_100);
    expect(balanceOf([])).toBe(0);
  });
});

describe('posting a movement', () => {
  it('charges as a negative entry and tops up as a positive one', () => {
    expect(post(account, 5_000, charge(1_200), undefined, at).entry).toMatchObject({ kind: 'charge', amountFen: -1_200, staffId: 'staff-wang' });
    expect(post(account, 0, { ...charge(3_000), kind: 'top-up' }, undefined, at).entry.amountFen).toBe(3_000);
  });

  it('lets a charge take the balance down to the overdraft limit and not a fen further', () => {
    expect(post(account, 0, charge(2_000), undefined, at).replayed).toBe(false);
    const refused = thrown(() => post(account, 0, charge(2_001), undefined, at));
    expect(refused).toBeInstanceOf(BusinessRuleViolation);
    expect(refused).toMatchObject({ code: 'insufficient-balance', field: 'amountFen' });
  });

  it('never lets a top-up be refused for the balance', () => {
    expect(post(account, -2_000, { ...charge(1), kind: 'top-up' }, undefined, at).entry.amountFen).toBe(1);
  });

  it('answers the entry already posted under the same key: a retried charge is not applied twice', () => {
    const first = post(account, 5_000, charge(1_200, 'counter-3:42'), undefined, at).entry;
    const again = post(account, 3_800, charge(1_200, 'counter-3:42'), first, at);
    expect(again).toEqual({ entry: first, replayed: true });
  });

  it('answers a replay even when the balance has since fallen below what the charge needs', () => {
    const first = post(account, 1_200, charge(1_200, 'k'), undefined, at).entry;
    expect(post(account, -2_000, charge(1_200, 'k'), first, at).replayed).toBe(true);
  });

  it('refuses a key reused for another movement, 409 naming the key', () => {
    const first = post(account, 5_000, charge(1_200, 'k'), undefined, at).entry;
    const error = thrown(() => post(account, 3_800, charge(1_500, 'k'), first, at));
    expect(error).toBeInstanceOf(DuplicateError);
    expect(error).toMatchObject({ field: 'idempotencyKey' });
  });

  it.each([0, -5, 12.5, 10_000_001])('refuses an amount of %p fen (money is whole fen)', (amount) => {
    expect(thrown(() => post(account, 0, { ...charge(1), kind: 'top-up', amountFen: amount }, undefined, at))).toMatchObject({ code: 'invalid-amount' });
  });

  it('requires an idempotency key', () => {
    expect(thrown(() => post(account, 0, { ...charge(1), idempotencyKey: ' ' }, undefined, at))).toMatchObject({ field: 'idempotencyKey' });
  });
});

describe('refunds', () => {
  const charged: LedgerEntry = { id: 'c-1', agencyId: 'a', staffId: 's', kind: 'charge', amountFen: -1_500, idempotencyKey: 'k', recordedBy: 'x', recordedAt: at };

  it('give back at most what is left of the charge they name', () => {
    expect(() => refundable(charged, 500, 1_000)).not.toThrow();
    expect(thrown(() => refundable(charged, 500, 1_001))).toMatchObject({ code: 'refund-exceeds-charge' });
  });

  it('name a charge of the account', () => {
    expect(thrown(() => refundable(undefined, 0, 1))).toMatchObject({ field: 'refundsEntryId' });
    expect(thrown(() => refundable({ ...charged, kind: 'top-up', amountFen: 1_500 }, 0, 1))).toMatchObject({ code: 'unknown-charge' });
  });
});

describe('holds of booked meals (预授权冻结)', () => {
  const hold: LedgerEntry = { id: 'h-1', agencyId: 'a', staffId: 's', kind: 'hold', amountFen: -1_800, idempotencyKey: 'reservation:r-1', recordedBy: 'x', recordedAt: at };
  const meal = { reservationId: 'r-1', name: '机关一食堂 lunch on 2026-12-07', by: 'chef' };
  const posted = (movements: ReturnType<typeof settlementOf>) => movements.map((movement, i) => post(account, 0, { id: `m-${i}`, ...movement }, undefined, at).entry);

  it('count against the balance and the overdraft limit, like a charge', () => {
    expect(post(account, 5_000, { ...charge(1_800), kind: 'hold' }, undefined, at).entry).toMatchObject({ kind: 'hold', amountFen: -1_800 });
    expect(post(account, 0, { ...charge(2_000), kind: 'hold' }, undefined, at).replayed).toBe(false);
    expect(thrown(() => post(account, 0, { ...charge(2_001), kind: 'hold' }, undefined, at))).toMatchObject({ field: 'amountFen', code: 'insufficient-balance' });
  });

  it('are released on cancellation: the money comes back, nothing is charged', () => {
    const entries = posted(settlementOf(hold, 0, 'cancelled', meal));
    expect(entries).toEqual([expect.objectContaining({ kind: 'release', amountFen: 1_800, idempotencyKey: 'release:r-1', reference: 'release-of:h-1' })]);
    expect(balanceOf([hold, ...entries])).toBe(0);
    expect(heldOf([hold, ...entries])).toBe(0);
  });

  it('are captured as the charge when the meal is served or not collected: released and charged in one step, the balance unchanged', () => {
    for (const outcome of ['served', 'no-show'] as const) {
      const entries = posted(settlementOf(hold, 0, outcome, meal));
      expect(entries.map((entry) => [entry.kind, entry.amountFen])).toEqual([['release', 1_800], ['charge', -1_800]]);
      expect(entries[1]).toMatchObject({ idempotencyKey: 'charge:r-1', reference: 'capture-of:h-1' });
      expect(balanceOf([hold, ...entries])).toBe(-1_800);
      expect(heldOf([hold, ...entries])).toBe(0);
    }
    expect(settlementOf(hold, 0, 'no-show', meal)[1]!.note).toContain('未就餐');
  });

  it('capture even when the overdraft limit was lowered since booking: the hold took that room', () => {
    const [release, capture] = settlementOf(hold, 0, 'served', meal);
    const strict = { ...account, overdraftLimitFen: 0 };
    expect(post(strict, -1_800 + release!.amountFen - 500, { id: 'c', ...capture! }, undefined, at).entry.amountFen).toBe(-1_800);
  });

  it('settle once: nothing is left of a hold released already', () => {
    expect(settlementOf(hold, 1_800, 'served', meal)).toEqual([]);
    expect(settlementOf(hold, 1_800, 'cancelled', meal)).toEqual([]);
  });

  it('leave a charge taken at booking (before holds) standing when served, and refund it on cancellation', () => {
    const charged: LedgerEntry = { ...hold, kind: 'charge' };
    expect(settlementOf(charged, 0, 'served', meal)).toEqual([]);
    expect(settlementOf(charged, 0, 'cancelled', meal)).toEqual([expect.objectContaining({ kind: 'refund', amountFen: 1_800, reference: 'refund-of:h-1' })]);
  });

  it('count only what is still held', () => {
    expect(heldOf([{ kind: 'top-up', amountFen: 5_000 }, hold, { kind: 'charge', amountFen: -300 }])).toBe(1_800);
  });
});

describe('monthly subsidies (餐补)', () => {
  const rules = validateSubsidyRules([
    { staffCategory: ' civil-servant ', monthlyFen: 30_000 },
    { staffCategory: 'contract-staff', monthlyFen: 0 },
  ]);

  it('credit the rule of the account’s category once per month (China Standard Time), keyed by the month', () => {
    expect(subsidyDue(account, rules, new Date('2026-11-30T16:30:00Z'))).toEqual({ month: '2026-12', amountFen: 30_000, idempotencyKey: 'subsidy:2026-12' });
    expect(subsidyDue({ ...account, subsidisedThrough: '2026-12' }, rules, at)).toBeUndefined();
    expect(subsidyDue({ ...account, subsidisedThrough: '2026-11' }, rules, at)?.month).toBe('2026-12');
  });

  it('credit nothing without a rule for the category, or with a rule of 0', () => {
    expect(subsidyDue({ ...account, staffCategory: 'retired' }, rules, at)).toBeUndefined();
    expect(subsidyDue({ ...account, staffCategory: 'contract-staff' }, rules, at)).toBeUndefined();
  });

  it('refuse a category listed twice or an amount that is not whole fen', () => {
    expect(thrown(() => validateSubsidyRules([{ staffCategory: 'a', monthlyFen: 1 }, { staffCategory: 'a ', monthlyFen: 2 }]))).toMatchObject({ field: 'rules[1].staffCategory' });
    expect(thrown(() => validateSubsidyRules([{ staffCategory: 'a', monthlyFen: 0.5 }]))).toMatchObject({ field: 'rules[0].monthlyFen' });
  });
});
