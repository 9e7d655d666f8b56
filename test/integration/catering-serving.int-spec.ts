import { randomUUID } from 'node:crypto';
import { ContractSigned, VendorReinstated, VendorSanctioned } from '@houqin/contracts';
import { testCaller, waitFor } from '@houqin/testing';
import { CateringFixture, INGREDIENTS, MONDAY, accountWith, canteenWithLunch, publishedDish, startCatering } from './catering-fixture';

/**
 * A canteen run by a contracted operator, against the real catering service and PostgreSQL with
 * procurement's and evaluation's events on the in-process broker: the contract's SLA terms become
 * the canteen's targets; the operator's menu is approved by the manager; a booked meal's hold is
 * captured as the charge when it is served at the counter by QR code, and the meal is traced back
 * to the supplier batches of its dishes; a walk-in is served and charged once; a meal is rated once; a failed inspection publishes inspection.failed; a
 * sanctioned operator gets no new contract period and the manager is warned.
 */
describe('catering serving, traceability and operators', () => {
  let f: CateringFixture;
  let canteenId: string;
  let dishId: string;
  const vendorId = randomUUID();
  const contractId = randomUUID();
  const nextContractId = randomUUID();
  let operator: ReturnType<typeof testCaller>;

  function signed(id: string) {
    return {
      contractId: id,
      agencyId: f.agencyId,
      vendorId,
      vendorName: '京华膳食服务有限公司',
      serviceType: 'catering' as const,
      title: '机关一食堂承包经营',
      scope: { description: 'Staff canteen, building 2' },
      validFrom: '2026-01-01T00:00:00+08:00',
      validTo: id === contractId ? '2026-12-31T00:00:00+08:00' : '2027-12-31T00:00:00+08:00',
      slaTerms: { serviceType: 'catering' as const, minInspectionPassRate: 95, minSatisfactionScore: 4.2 },
      penaltyRules: [{ breach: 'inspection-failed' as const, amount: 50_000, capPerMonth: 200_000 }],
      priceTerms: { monthlyFee: 8_000_000, unitRates: [] },
      signedBy: 'admin-1',
      signedAt: '2025-12-20T02:00:00.000Z',
    };
  }

  beforeAll(async () => {
    f = await startCatering('catering_serving');
    operator = testCaller({ agencyId: f.agencyId, userId: 'chef-zhou', roles: ['vendor'], vendorId });
    canteenId = await canteenWithLunch(f, '机关一食堂', 100);
    await f.publish(ContractSigned, contractId, signed(contractId));
    await waitFor(async () => (await f.call(f.manager, 'GET', '/catering-contracts')).body.length === 1, { description: 'the catering contract projected' });
  });

  afterAll(async () => {
    await f?.shutdown();
  });

  it("starts the operator's contract period with the contract's SLA terms as the canteen's targets", async () => {
    const stranger = testCaller({ agencyId: f.agencyId, userId: 'chef-x', roles: ['vendor'], vendorId: randomUUID() });
    expect((await f.call(operator, 'POST', `/canteens/${canteenId}/dishes`, { name: 'x', priceFen: 1, allergens: [], nutrition: { energyKcal: 1, proteinG: 1, fatG: 1, carbohydrateG: 1, sodiumMg: 1 }, ingredients: INGREDIENTS })).status).toBe(403);
    const period = await f.call(f.manager, 'POST', `/canteens/${canteenId}/operator-periods`, { contractId });
    expect(period.status).toBe(201);
    expect(period.body).toMatchObject({ vendorId, contractId, targets: { minInspectionPassRate: 95, minSatisfactionScore: 4.2 } });
    expect((await f.call(f.manager, 'GET', `/canteens/${canteenId}/operator`)).body['current']).toMatchObject({ vendorId, vendorName: '京华膳食服务有限公司' });
    expect((await f.call(stranger, 'POST', `/canteens/${canteenId}/menus`, { kind: 'daily', startsOn: MONDAY, days: [] })).status).toBe(400);
  });

  it("lets a vendor account read only the canteen its vendor runs: another canteen's lists answer 404", async () => {
    const stranger = testCaller({ agencyId: f.agencyId, userId: 'chef-x', roles: ['vendor'], vendorId: randomUUID() });
    const other = await canteenWithLunch(f, '机关二食堂', 50);
    const lists = (id: string) => ['operator', 'meal-periods', 'dishes', 'menus', 'reservations', `forecast?date=${MONDAY}&period=lunch`, 'food-waste', 'inspections'].map((list) => `/canteens/${id}/${list}`);
    for (const path of lists(canteenId)) {
      expect([path, (await f.call(operator, 'GET', path)).status]).toEqual([path, 200]);
      expect([path, (await f.call(stranger, 'GET', path)).status]).toEqual([path, 404]);
      expect([path, (await f.call(f.manager, 'GET', path)).status]).toEqual([path, 200]);
    }
    // A canteen the agency runs itself: no vendor sees it, the agency's people do.
    for (const path of lists(other)) {
      expect([path, (await f.call(operator, 'GET', path)).status]).toEqual([path, 404]);
      expect([path, (await f.call(f.manager, 'GET', path)).status]).toEqual([path, 200]);
    }
  });

  it('publishes the menu the operator drafted once the manager approves it (menu.published)', async () => {
    dishId = await publishedDish(f, canteenId, operator, 1_800);
    const published = await f.outbox('houqin.catering.menu.published.v1');
    expect(published).toEqual([expect.objectContaining({ canteenId, vendorId, contractId, draftedBy: 'chef-zhou', approvedBy: 'admin-1' })]);
  });

  it('serves a booked meal by QR code, publishes meal.served, and traces it to the supplier batches of its dishes', async () => {
    await accountWith(f, 'staff-wang', 10_000);
    const booked = await f.call(f.staff('staff-wang'), 'POST', `/canteens/${canteenId}/reservations`, { date: MONDAY, period: 'lunch', dishIds: [dishId] });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ vendorId, amountFen: 1_800 });
    // Booked: the price is held (预授权冻结), not yet charged.
    expect((await f.call(f.manager, 'GET', `/meal-accounts/staff-wang`)).body).toMatchObject({ balanceFen: 10_000 - 1_800, heldFen: 1_800 });
    const holdId = booked.body['chargeEntryId'];
    const early = await f.call(operator, 'POST', `/canteens/${canteenId}/check-ins`, { qrToken: booked.body['qrToken'] });
    expect(early.status).toBe(409);
    f.clock.set(new Date('2026-12-07T03:45:00Z')); // 11:45 CST
    const served = await f.call(operator, 'POST', `/canteens/${canteenId}/check-ins`, { qrToken: booked.body['qrToken'] });
    expect(served.status).toBe(201);
    expect(served.body).toMatchObject({ id: booked.body['id'], status: 'served', servedAt: '2026-12-07T03:45:00.000Z' });
    expect((await f.call(operator, 'POST', `/canteens/${canteenId}/check-ins`, { qrToken: booked.body['qrToken'] })).status).toBe(409);
    expect(await f.outbox('houqin.catering.meal.served.v1')).toEqual([
      expect.objectContaining({ mealId: booked.body['id'], dinerId: 'staff-wang', dishIds: [dishId], amountFen: 1_800, vendorId, contractId, servedBy: 'chef-zhou' }),
    ]);
    const trace = await f.call(f.manager, 'GET', `/meals/${String(booked.body['id'])}/trace`);
    expect(trace.status).toBe(200);
    expect(trace.body['dishes']).toEqual([{ dishId, name: '红烧肉', allergens: ['gluten', 'soybeans'], ingredients: INGREDIENTS }]);
    const stranger = testCaller({ agencyId: `agency-${randomUUID()}`, userId: 'x', roles: ['agency-admin'] });
    expect((await f.call(stranger, 'GET', `/meals/${String(booked.body['id'])}/trace`)).status).toBe(404);
    // Served: the hold is released and the charge taken in its place, in the serving's transaction.
    expect((await f.call(f.manager, 'GET', `/meal-accounts/staff-wang`)).body).toMatchObject({ balanceFen: 10_000 - 1_800, heldFen: 0 });
    const statement = (await f.call(f.manager, 'GET', `/meal-accounts/staff-wang/entries`)).body;
    expect(statement.map((entry) => [entry['kind'], entry['amountFen'], entry['reference']])).toEqual([
      ['charge', -1_800, `capture-of:${String(holdId)}`],
      ['release', 1_800, `release-of:${String(holdId)}`],
      ['hold', -1_800, `reservation:${String(booked.body['id'])}`],
      ['top-up', 10_000, undefined],
    ]);
    expect(served.body['chargeEntryId']).toBe(statement[0]!['id']);
  });

  it('serves and charges a walk-in once, however often the counter retries', async () => {
    await accountWith(f, 'staff-zhao', 5_000);
    const body = { staffId: 'staff-zhao', dishIds: [dishId], idempotencyKey: 'counter-1:0001' };
    const first = await f.call(operator, 'POST', `/canteens/${canteenId}/check-ins`, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'walk-in', status: 'served', amountFen: 1_800 });
    expect((await f.call(operator, 'POST', `/canteens/${canteenId}/check-ins`, body)).status).toBe(409);
    expect((await f.call(f.manager, 'GET', `/meal-accounts/staff-zhao`)).body['balanceFen']).toBe(3_200);
  });

  it('takes one rating per served meal, from the person served (meal.rated)', async () => {
    const [meal] = (await f.call(f.staff('staff-wang'), 'GET', '/reservations/mine')).body;
    expect((await f.call(f.staff('staff-zhao'), 'POST', `/meals/${String(meal!['id'])}/rating`, { score: 5 })).status).toBe(403);
    expect((await f.call(f.staff('staff-wang'), 'POST', `/meals/${String(meal!['id'])}/rating`, { score: 4, comment: '偏咸' })).status).toBe(201);
    expect((await f.call(f.staff('staff-wang'), 'POST', `/meals/${String(meal!['id'])}/rating`, { score: 5 })).status).toBe(409);
    expect(await f.outbox('houqin.catering.meal.rated.v1')).toEqual([expect.objectContaining({ mealId: meal!['id'], score: 4, vendorId })]);
  });

  it('weighs the food waste of a period once serving ended, over the meals served (food-waste.recorded)', async () => {
    expect((await f.call(operator, 'POST', `/canteens/${canteenId}/food-waste`, { date: MONDAY, period: 'lunch', wasteGrams: 300 })).status).toBe(409);
    f.clock.set(new Date('2026-12-07T05:30:00Z'));
    const weighed = await f.call(operator, 'POST', `/canteens/${canteenId}/food-waste`, { date: MONDAY, period: 'lunch', wasteGrams: 300 });
    expect(weighed.body).toMatchObject({ wasteGrams: 300, mealsServed: 2 });
    expect(await f.outbox('houqin.catering.food-waste.recorded.v1')).toEqual([expect.objectContaining({ wasteGrams: 300, mealsServed: 2, vendorId })]);
  });

  it('publishes inspection.failed for a failed food-safety inspection, naming the failed items and the operator', async () => {
    const failed = await f.call(f.manager, 'POST', `/canteens/${canteenId}/inspections`, {
      items: [
        { code: 'kitchen', category: 'hygiene', description: '后厨卫生', passed: true },
        { code: 'cold-room', category: 'storage-temperature', description: '冷藏库温度', storage: 'chilled', measuredCelsius: 9 },
        { code: 'cert-li', category: 'health-certificate', description: '帮厨健康证', holderName: '李帮厨', certificateExpiresOn: '2026-11-30' },
        { code: 'samples', category: 'sample-retention', description: '留样', retainedHours: 48, sampleGrams: 150 },
      ],
      photos: [{ fileName: 'cold-room.jpg', contentType: 'image/jpeg', sizeBytes: 204_800, sha256: 'a'.repeat(64), takenAt: '2026-12-07T05:20:00.000Z', itemCode: 'cold-room' }],
    });
    expect(failed.status).toBe(201);
    expect(failed.body).toMatchObject({ passed: false, score: 50, vendorId, contractId });
    const [event] = await f.outbox('houqin.catering.inspection.failed.v1');
    expect(event).toMatchObject({ canteenId, inspectionId: failed.body['id'], vendorId, contractId, score: 50, inspectedBy: 'manager-1' });
    expect((event!['failedItems'] as Array<{ code: string }>).map((item) => item.code)).toEqual(['cold-room', 'cert-li']);
  });

  it('warns the manager when the operator is sanctioned and gives it no new contract period', async () => {
    await f.publish(ContractSigned, nextContractId, signed(nextContractId));
    await waitFor(async () => (await f.call(f.manager, 'GET', '/catering-contracts')).body.length === 2, { description: 'the renewal projected' });
    await f.publish(VendorSanctioned, vendorId, {
      vendorId,
      agencyId: f.agencyId,
      kind: 'suspension',
      reason: '食品安全检查不合格，整改逾期',
      from: '2026-12-07T06:00:00.000Z',
      until: '2027-03-07T06:00:00.000Z',
      decidedBy: 'admin-1',
      sanctionId: randomUUID(),
    });
    const view = await waitFor(async () => {
      const answer = await f.call(f.manager, 'GET', `/canteens/${canteenId}/operator`);
      return (answer.body['warnings'] as unknown[]).length > 0 ? answer.body : undefined;
    }, { description: 'the warning' });
    expect(view['warnings']).toEqual([expect.objectContaining({ vendorId, kind: 'sanctioned', reason: '食品安全检查不合格，整改逾期' })]);
    expect(view['standing']).toMatchObject({ status: 'suspended', sanctioned: true });
    f.clock.set(new Date('2026-12-08T00:00:00Z'));
    const renewal = await f.call(f.manager, 'POST', `/canteens/${canteenId}/operator-periods`, { contractId: nextContractId });
    expect(renewal.status).toBe(422);
    expect(renewal.body['errors']).toEqual([expect.objectContaining({ field: 'contractId', rule: 'operator-barred' })]);
  });
  it("is not barred by a sanction that arrives after procurement's reinstatement ended it", async () => {
    // Another caterer: evaluation suspended it from 1 to 6 December; procurement applied the
    // suspension and announced its end on its own topic, which catering handles first.
    const caterer = randomUUID();
    const contract = randomUUID();
    await f.publish(ContractSigned, contract, { ...signed(contract), vendorId: caterer, vendorName: '四季膳食有限公司', validTo: '2027-12-31T00:00:00+08:00' });
    await waitFor(async () => (await f.call(f.manager, 'GET', '/catering-contracts')).body.some((known) => known['contractId'] === contract), { description: 'the contract projected' });
    const suspension = { from: '2026-12-01T00:00:00.000Z', until: '2026-12-06T00:00:00.000Z' };
    await f.publish(VendorReinstated, caterer, {
      vendorId: caterer,
      name: '四季膳食有限公司',
      unifiedSocialCreditCode: '91440300708461136T',
      categories: ['catering'],
      status: 'active',
      previousStatus: 'suspended',
      cause: 'suspension-ended',
      reason: '处罚期满',
      reinstatedBy: 'system',
      reinstatedAt: suspension.until,
      suspendedAt: suspension.from,
      suspendedUntil: suspension.until,
      suspensionBySanction: true,
    });
    await waitFor(async () => (await f.database.query(`SELECT 1 FROM catering_vendor_standing WHERE vendor_id = $1 AND status = 'active'`, [caterer])).length === 1, { description: 'the reinstatement' });
    await f.publish(VendorSanctioned, caterer, { vendorId: caterer, agencyId: f.agencyId, kind: 'suspension', reason: '整改逾期', ...suspension, decidedBy: 'admin-1', sanctionId: randomUUID() });
    // The earlier test's sanction and this one.
    await waitFor(async () => (await f.database.query(`SELECT count(DISTINCT event_id)::int AS n FROM inbox_event WHERE event_type = $1`, [VendorSanctioned.type]))[0].n === 2, { description: 'the late sanction handled' });
    const canteen = await canteenWithLunch(f, '机关三食堂', 80);
    const period = await f.call(f.manager, 'POST', `/canteens/${canteen}/operator-periods`, { contractId: contract });
    expect(period.status).toBe(201);
    expect((await f.call(f.manager, 'GET', `/canteens/${canteen}/operator`)).body).toMatchObject({ standing: { status: 'active' }, warnings: [] });
  });
});
