import { CateringFixture, startCatering } from './catering-fixture';

/**
 * Meal accounts against the real catering service and PostgreSQL: under concurrent charges, refunds
 * and top-ups the balance is always the sum of the entries; a replayed charge changes nothing; the
 * overdraft limit holds however many charges race for the last fen; subsidies are credited once a month.
 */
describe('catering meal-account ledger', () => {
  let f: CateringFixture;

  beforeAll(async () => {
    f = await startCatering('catering_ledger');
  });

  afterAll(async () => {
    await f?.shutdown();
  });

  async function sumOfEntries(staffId: string): Promise<number> {
    const rows: Array<{ sum: string }> = await f.database.query(`SELECT coalesce(sum(amount_fen), 0)::bigint AS sum FROM meal_account_entry WHERE agency_id = $1 AND staff_id = $2`, [f.agencyId, staffId]);
    return Number(rows[0]!.sum);
  }

  it('keeps the balance equal to the sum of its entries after concurrent charges, refunds and top-ups', async () => {
    expect((await f.call(f.manager, 'POST', '/meal-accounts', { staffId: 'staff-mixed', staffCategory: 'civil-servant' })).status).toBe(201);
    expect((await f.call(f.manager, 'POST', '/meal-accounts/staff-mixed/top-ups', { amountFen: 10_000, idempotencyKey: 'opening' })).status).toBe(201);
    const earlier = [];
    for (let i = 0; i < 5; i++) {
      const charged = await f.call(f.manager, 'POST', '/meal-accounts/staff-mixed/charges', { amountFen: 300, idempotencyKey: `earlier-${i}` });
      expect(charged.status).toBe(201);
      earlier.push((charged.body['entry'] as { id: string }).id);
    }
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => f.call(f.manager, 'POST', '/meal-accounts/staff-mixed/charges', { amountFen: 250, idempotencyKey: `lunch-${i}` })),
      ...Array.from({ length: 8 }, (_, i) => f.call(f.manager, 'POST', '/meal-accounts/staff-mixed/top-ups', { amountFen: 1_000, idempotencyKey: `top-up-${i}` })),
      ...earlier.map((id, i) => f.call(f.manager, 'POST', '/meal-accounts/staff-mixed/refunds', { refundsEntryId: id, amountFen: 300, idempotencyKey: `refund-${i}` })),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    const expected = 10_000 - 5 * 300 - 20 * 250 + 8 * 1_000 + 5 * 300;
    const account = await f.call(f.manager, 'GET', '/meal-accounts/staff-mixed');
    expect(account.body['balanceFen']).toBe(expected);
    expect(await sumOfEntries('staff-mixed')).toBe(expected);
    const entries = await f.call(f.manager, 'GET', '/meal-accounts/staff-mixed/entries?limit=500');
    expect(entries.body).toHaveLength(1 + 5 + 20 + 8 + 5);
    expect(entries.body.reduce((sum, entry) => sum + (entry['amountFen'] as number), 0)).toBe(expected);
  });

  it('applies a charge retried with the same key once, however many times and however concurrently it is replayed', async () => {
    await f.call(f.manager, 'POST', '/meal-accounts', { staffId: 'staff-retry', staffCategory: 'civil-servant' });
    await f.call(f.manager, 'POST', '/meal-accounts/staff-retry/top-ups', { amountFen: 5_000, idempotencyKey: 'opening' });
    const charge = { amountFen: 1_800, idempotencyKey: 'counter-3:2026-12-07:0042', reference: 'walk-in lunch' };
    const replays = await Promise.all(Array.from({ length: 12 }, () => f.call(f.manager, 'POST', '/meal-accounts/staff-retry/charges', charge)));
    expect(replays.map((answer) => answer.status)).toEqual(replays.map(() => 201));
    const entryIds = new Set(replays.map((answer) => (answer.body['entry'] as { id: string }).id));
    expect(entryIds.size).toBe(1);
    expect(replays.filter((answer) => answer.body['replayed'] === false)).toHaveLength(1);
    expect(await sumOfEntries('staff-retry')).toBe(5_000 - 1_800);
    const later = await f.call(f.manager, 'POST', '/meal-accounts/staff-retry/charges', charge);
    expect(later.body).toMatchObject({ replayed: true, balanceFen: 3_200 });
    expect(await sumOfEntries('staff-retry')).toBe(3_200);
    const reused = await f.call(f.manager, 'POST', '/meal-accounts/staff-retry/charges', { ...charge, amountFen: 900 });
    expect(reused.status).toBe(409);
    expect(reused.body['errors']).toEqual([expect.objectContaining({ field: 'idempotencyKey' })]);
  });

  it('holds the overdraft limit when many charges race for the last fen', async () => {
    await f.call(f.manager, 'POST', '/meal-accounts', { staffId: 'staff-overdraft', staffCategory: 'civil-servant', overdraftLimitFen: 1_000 });
    await f.call(f.manager, 'POST', '/meal-accounts/staff-overdraft/top-ups', { amountFen: 5_000, idempotencyKey: 'opening' });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => f.call(f.manager, 'POST', '/meal-accounts/staff-overdraft/charges', { amountFen: 500, idempotencyKey: `race-${i}` })));
    const accepted = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status === 422);
    expect(accepted).toHaveLength(12);
    expect(refused).toHaveLength(18);
    expect(refused[0]!.body['errors']).toEqual([expect.objectContaining({ field: 'amountFen', rule: 'insufficient-balance' })]);
    expect(await sumOfEntries('staff-overdraft')).toBe(-1_000);
  });

  it('refunds at most what is left of a charge, and lets staff read and top up their own account only', async () => {
    const charged = await f.call(f.manager, 'POST', '/meal-accounts/staff-retry/charges', { amountFen: 400, idempotencyKey: 'to-refund' });
    const chargeId = (charged.body['entry'] as { id: string }).id;
    expect((await f.call(f.manager, 'POST', '/meal-accounts/staff-retry/refunds', { refundsEntryId: chargeId, amountFen: 300, idempotencyKey: 'r-1' })).status).toBe(201);
    const tooMuch = await f.call(f.manager, 'POST', '/meal-accounts/staff-retry/refunds', { refundsEntryId: chargeId, amountFen: 101, idempotencyKey: 'r-2' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body['errors']).toEqual([expect.objectContaining({ rule: 'refund-exceeds-charge' })]);
    expect((await f.call(f.staff('staff-retry'), 'GET', '/meal-accounts/staff-retry')).status).toBe(200);
    expect((await f.call(f.staff('staff-other'), 'GET', '/meal-accounts/staff-retry')).status).toBe(404);
    expect((await f.call(f.staff('staff-retry'), 'POST', '/meal-accounts/staff-retry/top-ups', { amountFen: 100, idempotencyKey: 'self' })).status).toBe(201);
    expect((await f.call(f.staff('staff-other'), 'POST', '/meal-accounts/staff-retry/top-ups', { amountFen: 100, idempotencyKey: 'x' })).status).toBe(404);
    const fraction = await f.call(f.manager, 'POST', '/meal-accounts/staff-retry/top-ups', { amountFen: 12.5, idempotencyKey: 'x' });
    expect(fraction.status).toBe(400);
    expect(fraction.body['errors']).toEqual([expect.objectContaining({ field: 'amountFen' })]);
  });

  it('credits each account its category’s monthly subsidy once, whatever the number of sweeps', async () => {
    const rules = await f.call(f.manager, 'PUT', '/meal-subsidies/rules', { rules: [{ staffCategory: 'civil-servant', monthlyFen: 30_000 }, { staffCategory: 'retired', monthlyFen: 0 }] });
    expect(rules.status).toBe(200);
    await f.call(f.manager, 'POST', '/meal-accounts', { staffId: 'staff-retired', staffCategory: 'retired' });
    const sweep = f.catering.app.get((await import('@houqin/catering')).SubsidySweep);
    const [first, second] = await Promise.all([sweep.sweep(), sweep.sweep()]);
    const credited = [...first, ...second].filter((entry) => entry.agencyId === f.agencyId).map((entry) => entry.staffId).sort();
    expect(credited).toEqual(['staff-mixed', 'staff-overdraft', 'staff-retry']);
    expect((await sweep.sweep()).filter((entry) => entry.agencyId === f.agencyId)).toEqual([]);
    const subsidies: Array<{ staff_id: string; amount_fen: number; idempotency_key: string }> = await f.database.query(
      `SELECT staff_id, amount_fen, idempotency_key FROM meal_account_entry WHERE agency_id = $1 AND kind = 'subsidy' ORDER BY staff_id`,
      [f.agencyId],
    );
    expect(subsidies).toEqual([
      { staff_id: 'staff-mixed', amount_fen: 30_000, idempotency_key: 'subsidy:2026-12' },
      { staff_id: 'staff-overdraft', amount_fen: 30_000, idempotency_key: 'subsidy:2026-12' },
      { staff_id: 'staff-retry', amount_fen: 30_000, idempotency_key: 'subsidy:2026-12' },
    ]);
  });
});
