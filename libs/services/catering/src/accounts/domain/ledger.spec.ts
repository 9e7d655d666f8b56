import { BusinessRuleViolation, DuplicateError } from '@houqin/domain';
import { LedgerEntry, MealAccount, balanceOf, openAccount, post, refundable, subsidyDue, validateSubsidyRules } from './ledger';

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
