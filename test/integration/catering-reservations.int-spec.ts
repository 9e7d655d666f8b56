import { BEFORE_CUTOFF, CateringFixture, MONDAY, accountWith, canteenWithLunch, publishedDish, startCatering } from './catering-fixture';

/**
 * Bookings against the real catering service and PostgreSQL: however many staff book at once,
 * exactly the period's capacity succeeds and the rest are refused 409 naming the canteen and the
 * period; a booking holds its price on the account (预授权冻结) and racing bookings never hold past
 * the overdraft limit; nobody books or cancels after the cut-off; a cancellation releases the hold
 * (the refund); a meal nobody came for is charged; reception meals wait for a manager who is not
 * their requester; the kitchen's forecast counts portions.
 */
describe('catering reservations', () => {
  let f: CateringFixture;
  let canteenId: string;
  let dishId: string;

  beforeAll(async () => {
    f = await startCatering('catering_reservations');
    canteenId = await canteenWithLunch(f, '机关一食堂', 10);
    dishId = await publishedDish(f, canteenId);
  });

  afterAll(async () => {
    await f?.shutdown();
  });

  beforeEach(() => f.clock.set(BEFORE_CUTOFF));

  it('lets exactly the capacity book when 25 staff book the same lunch at once; the rest get 409 naming the canteen and period', async () => {
    const staff = Array.from({ length: 25 }, (_, i) => `rush-${i}`);
    for (const id of staff) await accountWith(f, id, 10_000);
    const answers = await Promise.all(staff.map((id) => f.call(f.staff(id), 'POST', `/canteens/${canteenId}/reservations`, { date: MONDAY, period: 'lunch', dishIds: [dishId] })));
    const booked = answers.filter((answer) => answer.status === 201);
    const full = answers.filter((answer) => answer.status === 409);
    expect(booked).toHaveLength(10);
    expect(full).toHaveLength(15);
    expect(full.every((answer) => answer.body['detail'] === `meal period 机关一食堂 lunch on ${MONDAY} is full; cannot take another booking`)).toBe(true);
    const service: Array<{ taken: number; capacity: number }> = await f.database.query(`SELECT taken, capacity FROM meal_service WHERE canteen_id = $1`, [canteenId]);
    expect(service).toEqual([{ taken: 10, capacity: 10 }]);
    const rows: Array<{ count: string }> = await f.database.query(`SELECT count(*) FROM reservation WHERE canteen_id = $1 AND status = 'booked'`, [canteenId]);
    expect(Number(rows[0]!.count)).toBe(10);
    // Only those who booked have 15.00 held, nobody is charged before being served; the refused keep everything.
    const entries: Array<{ kind: string; count: string }> = await f.database.query(
      `SELECT kind, count(*) FROM meal_account_entry WHERE agency_id = $1 AND kind <> 'top-up' GROUP BY kind`,
      [f.agencyId],
    );
    expect(entries.map((row) => [row.kind, Number(row.count)])).toEqual([['hold', 10]]);
    const accounts = await Promise.all(staff.map(async (id) => (await f.call(f.staff(id), 'GET', `/meal-accounts/${id}`)).body));
    const bookedBy = new Set(booked.map((answer) => answer.body['dinerId']));
    for (const account of accounts) {
      expect(account).toMatchObject(bookedBy.has(account['staffId']) ? { balanceFen: 8_500, heldFen: 1_500 } : { balanceFen: 10_000, heldFen: 0 });
    }
    const forecast = await f.call(f.manager, 'GET', `/canteens/${canteenId}/forecast?date=${MONDAY}&period=lunch`);
    expect(forecast.body).toMatchObject({ capacity: 10, taken: 10, dishes: [{ dishId, name: '红烧肉', portions: 10 }] });
  });

  it('releases the hold of a cancellation before the cut-off (the refund) and gives its seat to the next booking', async () => {
    const mine = (await f.call(f.staff('rush-0'), 'GET', '/reservations/mine')).body[0]!;
    const rushOne = (await f.call(f.staff('rush-1'), 'GET', '/reservations/mine')).body[0]!;
    const holder = mine['status'] === 'booked' ? { id: 'rush-0', reservation: mine } : { id: 'rush-1', reservation: rushOne };
    expect(holder.reservation['status']).toBe('booked');
    expect((await f.call(f.staff('somebody-else'), 'POST', `/reservations/${String(holder.reservation['id'])}/cancel`)).status).toBe(403);
    const cancelled = await f.call(f.staff(holder.id), 'POST', `/reservations/${String(holder.reservation['id'])}/cancel`);
    expect(cancelled.status).toBe(200);
    expect((await f.call(f.staff(holder.id), 'GET', `/meal-accounts/${holder.id}`)).body).toMatchObject({ balanceFen: 10_000, heldFen: 0 });
    const statement = (await f.call(f.staff(holder.id), 'GET', `/meal-accounts/${holder.id}/entries`)).body;
    expect(statement.map((entry) => [entry['kind'], entry['amountFen']])).toEqual([['release', 1_500], ['hold', -1_500], ['top-up', 10_000]]);
    expect(statement[0]!['reference']).toBe(`release-of:${String(statement[1]!['id'])}`);
    // Cancelling again changes nothing: the hold was released once.
    expect((await f.call(f.staff(holder.id), 'POST', `/reservations/${String(holder.reservation['id'])}/cancel`)).status).toBe(409);
    await accountWith(f, 'latecomer', 5_000);
    expect((await f.call(f.staff('latecomer'), 'POST', `/canteens/${canteenId}/reservations`, { date: MONDAY, period: 'lunch', dishIds: [dishId] })).status).toBe(201);
    expect((await f.call(f.staff('latecomer'), 'POST', `/canteens/${canteenId}/reservations`, { date: MONDAY, period: 'lunch', dishIds: [dishId] })).status).toBe(409);
  });

  it('refuses bookings and cancellations at and after the cut-off, naming the meal', async () => {
    const other = await canteenWithLunch(f, '机关二食堂', 50);
    const dish = await publishedDish(f, other);
    await accountWith(f, 'cutoff-early', 5_000);
    await accountWith(f, 'cutoff-late', 5_000);
    const early = await f.call(f.staff('cutoff-early'), 'POST', `/canteens/${other}/reservations`, { date: MONDAY, period: 'lunch', dishIds: [dish] });
    expect(early.status).toBe(201);
    f.clock.set(new Date('2026-12-07T01:30:00Z')); // 09:30 CST: two hours before lunch
    const late = await f.call(f.staff('cutoff-late'), 'POST', `/canteens/${other}/reservations`, { date: MONDAY, period: 'lunch', dishIds: [dish] });
    expect(late.status).toBe(409);
    expect(late.body['detail']).toContain(`机关二食堂 lunch on ${MONDAY}`);
    const tooLate = await f.call(f.staff('cutoff-early'), 'POST', `/reservations/${String(early.body['id'])}/cancel`);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body['currentState']).toBe('past its cut-off');
  });

  it('keeps the cut-off under concurrent bookings racing it: none is accepted after it', async () => {
    const third = await canteenWithLunch(f, '机关三食堂', 100);
    const dish = await publishedDish(f, third);
    const staff = Array.from({ length: 10 }, (_, i) => `race-cutoff-${i}`);
    for (const id of staff) await accountWith(f, id, 5_000);
    f.clock.set(new Date('2026-12-07T01:30:00Z'));
    const answers = await Promise.all(staff.map((id) => f.call(f.staff(id), 'POST', `/canteens/${third}/reservations`, { date: MONDAY, period: 'lunch', dishIds: [dish] })));
    expect(answers.map((answer) => answer.status)).toEqual(staff.map(() => 409));
    const rows: Array<{ count: string }> = await f.database.query(`SELECT count(*) FROM reservation WHERE canteen_id = $1`, [third]);
    expect(Number(rows[0]!.count)).toBe(0);
  });

  it('refuses a dish not on the published menu and a booking without money, naming the field', async () => {
    const off = await f.call(f.staff('rush-5'), 'POST', `/canteens/${canteenId}/reservations`, { date: '2026-12-08', period: 'lunch', dishIds: [dishId] });
    expect(off.status).toBe(422);
    expect(off.body['errors']).toEqual([expect.objectContaining({ field: 'dishIds', rule: 'dish-not-on-menu' })]);
    const broke = await canteenWithLunch(f, '机关四食堂', 10);
    const dish = await publishedDish(f, broke);
    await accountWith(f, 'broke', 100);
    const refused = await f.call(f.staff('broke'), 'POST', `/canteens/${broke}/reservations`, { date: MONDAY, period: 'lunch', dishIds: [dish] });
    expect(refused.status).toBe(422);
    expect(refused.body['errors']).toEqual([expect.objectContaining({ rule: 'insufficient-balance' })]);
    const taken: Array<{ taken: number }> = await f.database.query(`SELECT coalesce(sum(taken), 0)::int AS taken FROM meal_service WHERE canteen_id = $1`, [broke]);
    expect(taken).toEqual([{ taken: 0 }]);
  });

  it('never holds past the overdraft limit when one person books several canteens at once', async () => {
    const canteens = [await canteenWithLunch(f, '机关五食堂', 10), await canteenWithLunch(f, '机关六食堂', 10), await canteenWithLunch(f, '机关七食堂', 10)];
    const dishes = await Promise.all(canteens.map((canteen) => publishedDish(f, canteen)));
    // 20.00 and 10.00 of overdraft: two lunches of 15.00 fit, the third would go 15.00 below zero.
    await accountWith(f, 'greedy', 2_000, 1_000);
    const answers = await Promise.all(canteens.map((canteen, i) => f.call(f.staff('greedy'), 'POST', `/canteens/${canteen}/reservations`, { date: MONDAY, period: 'lunch', dishIds: [dishes[i]] })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 422]);
    expect(answers.find((answer) => answer.status === 422)!.body['errors']).toEqual([expect.objectContaining({ field: 'amountFen', rule: 'insufficient-balance' })]);
    expect((await f.call(f.staff('greedy'), 'GET', '/meal-accounts/greedy')).body).toMatchObject({ balanceFen: -1_000, heldFen: 3_000 });
  });

  it('books a reception meal (公务接待) for a department, approved by a manager who did not request it', async () => {
    const reception = await canteenWithLunch(f, '接待餐厅', 30);
    const dish = await publishedDish(f, reception);
    const body = { date: MONDAY, period: 'lunch', dishIds: [dish], departmentId: 'dept-office', guests: 4, hosts: 2, budgetLine: '2026-公务接待-办公厅', purpose: '省厅调研组' };
    const asked = await f.call(f.manager, 'POST', `/canteens/${reception}/reception-meals`, body);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending-approval', covers: 6, amountFen: 9_000, budgetLine: '2026-公务接待-办公厅' });
    const own = await f.call(f.manager, 'POST', `/reservations/${String(asked.body['id'])}/approve`);
    expect(own.status).toBe(403);
    const approved = await f.call(f.admin, 'POST', `/reservations/${String(asked.body['id'])}/approve`);
    expect(approved.body).toMatchObject({ status: 'booked', decidedBy: 'admin-1' });
    const noBudget = await f.call(f.manager, 'POST', `/canteens/${reception}/reception-meals`, { ...body, budgetLine: '' });
    expect(noBudget.status).toBe(400);
    expect(noBudget.body['errors']).toEqual([expect.objectContaining({ field: 'budgetLine' })]);
  });

  it('marks booked meals nobody came for no-show once serving ended, once, and charges what was held', async () => {
    const { NoShowSweep } = await import('@houqin/catering');
    const sweep = f.catering.app.get(NoShowSweep);
    f.clock.set(new Date('2026-12-07T04:59:00Z')); // 12:59 CST: still serving
    expect(await sweep.sweep()).toEqual([]);
    f.clock.set(new Date('2026-12-07T05:00:00Z'));
    const marked = await sweep.sweep();
    const booked: Array<{ count: string }> = await f.database.query(`SELECT count(*) FROM reservation WHERE status = 'booked'`);
    expect(Number(booked[0]!.count)).toBe(0);
    const noShows: Array<{ id: string }> = await f.database.query(`SELECT id FROM reservation WHERE status = 'no-show' ORDER BY id`);
    expect([...marked].sort()).toEqual(noShows.map((row) => row.id));
    expect(marked.length).toBeGreaterThan(10);
    expect(await sweep.sweep()).toEqual([]);
    expect((await f.call(f.staff('cutoff-early'), 'GET', '/meal-accounts/cutoff-early')).body).toMatchObject({ balanceFen: 3_500, heldFen: 0 });
    const statement = (await f.call(f.staff('cutoff-early'), 'GET', '/meal-accounts/cutoff-early/entries')).body;
    expect(statement.map((entry) => [entry['kind'], entry['amountFen']])).toEqual([['charge', -1_500], ['release', 1_500], ['hold', -1_500], ['top-up', 5_000]]);
    expect(statement[0]!['note']).toContain('未就餐');
    // Each no-show captured its hold once: one charge per no-show, nothing held any more.
    const captured: Array<{ charges: string; held: string }> = await f.database.query(
      `SELECT count(*) FILTER (WHERE kind = 'charge' AND reference LIKE 'capture-of:%') AS charges, coalesce(-sum(amount_fen) FILTER (WHERE kind IN ('hold', 'release')), 0) AS held FROM meal_account_entry WHERE agency_id = $1`,
      [f.agencyId],
    );
    const staffNoShows: Array<{ count: string }> = await f.database.query(`SELECT count(*) FROM reservation WHERE status = 'no-show' AND kind = 'staff'`);
    expect({ charges: Number(captured[0]!.charges), held: Number(captured[0]!.held) }).toEqual({ charges: Number(staffNoShows[0]!.count), held: 0 });
  });
});
