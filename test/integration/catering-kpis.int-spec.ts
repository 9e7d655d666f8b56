import { randomUUID } from 'node:crypto';
import { ComplaintOverturned, ComplaintUpheld, EventContract, FoodWasteRecorded, InspectionFailed, InspectionPassed, MealRated, MealServed } from '@houqin/contracts';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';

/**
 * Catering's events fill the catering KPIs of the operator in evaluation (real service, PostgreSQL,
 * inbox and handlers): mean meal rating, inspection pass rate, food waste per meal, a survey
 * issued to the staff member served, and the complaint rate without the complaints overturned on
 * appeal.
 */
describe('catering KPIs in evaluation', () => {
  const broker = new InProcessBroker();
  const agencyId = `agency-${randomUUID()}`;
  const vendorId = randomUUID();
  const contractId = randomUUID();
  const canteenId = randomUUID();
  let database: TestDatabase;
  let evaluation: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('catering_kpis');
    evaluation = await startService(evaluationService, { env: inProcessServiceEnv(database.url), broker });
  });

  afterAll(async () => {
    await evaluation?.shutdown();
    await database?.drop();
  });

  async function publish<T>(contract: EventContract<T>, subject: string, data: T): Promise<void> {
    const event = contract.create({ subject, origin: { agencyId, correlationId: randomUUID() }, data });
    await broker.publish(contract.topic, subject, Buffer.from(JSON.stringify(event)));
  }

  it("records the ratings, the inspections and the food waste in the operator's KPIs, and asks the staff served", async () => {
    const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });
    expect((await callService(evaluation.url, manager, 'PUT', '/surveys/sampling', { serviceType: 'catering', percent: 100 })).status).toBe(200);
    const dishIds = [randomUUID()];
    const meals = [randomUUID(), randomUUID(), randomUUID()];
    for (const [index, mealId] of meals.entries()) {
      await publish(MealServed, mealId, {
        mealId,
        canteenId,
        serviceDate: '2026-11-16',
        period: 'lunch',
        kind: 'staff',
        dinerId: `staff-${index}`,
        covers: 1,
        dishIds,
        amountFen: 1_500,
        vendorId,
        contractId,
        servedBy: 'chef',
        servedAt: '2026-11-16T04:00:00.000Z',
      });
    }
    await publish(MealRated, meals[0]!, { mealId: meals[0]!, canteenId, score: 5, vendorId, contractId, ratedBy: 'staff-0', ratedAt: '2026-11-16T05:00:00.000Z' });
    await publish(MealRated, meals[1]!, { mealId: meals[1]!, canteenId, score: 2, vendorId, contractId, ratedBy: 'staff-1', ratedAt: '2026-11-16T05:00:00.000Z' });
    const inspection = { canteenId, vendorId, contractId, inspectedBy: 'manager-1', inspectedAt: '2026-11-17T02:00:00.000Z' };
    for (let i = 0; i < 3; i++) await publish(InspectionPassed, randomUUID(), { ...inspection, inspectionId: randomUUID(), score: 100, items: 5 });
    await publish(InspectionFailed, randomUUID(), { ...inspection, inspectionId: randomUUID(), score: 60, failedItems: [{ code: 'cold-room', description: '冷藏库 9 °C' }] });
    await publish(FoodWasteRecorded, canteenId, { canteenId, serviceDate: '2026-11-16', period: 'lunch', wasteGrams: 1_000, mealsServed: 3, vendorId, contractId, recordedBy: 'chef', recordedAt: '2026-11-16T06:00:00.000Z' });

    const kpis = await waitFor(
      async () => {
        const answer = await callService(evaluation.url, manager, 'GET', `/kpis/values?period=2026-11&serviceType=catering&party=${vendorId}`);
        const values = (answer.body[0]?.['kpis'] ?? []) as Array<{ code: string; value: number | null; sampleSize: number }>;
        return values.find((kpi) => kpi.code === 'catering.waste-per-meal')?.value !== null && values.find((kpi) => kpi.code === 'catering.inspection-pass')?.sampleSize === 4 ? values : undefined;
      },
      { description: 'the catering KPIs' },
    );
    const value = (code: string) => kpis.find((kpi) => kpi.code === code)?.value;
    expect(value('catering.meal-rating')).toBe(3.5);
    expect(value('catering.inspection-pass')).toBe(75);
    expect(value('catering.waste-per-meal')).toBe(333.3);
    expect(value('catering.complaint-rate')).toBe(0);
    const surveys: Array<{ respondent_id: string; instance_id: string }> = await database.query(
      `SELECT respondent_id, instance_id FROM survey WHERE agency_id = $1 AND service_type = 'catering' ORDER BY respondent_id`,
      [agencyId],
    );
    expect(surveys).toEqual(meals.map((mealId, index) => ({ respondent_id: `staff-${index}`, instance_id: mealId })));
  });

  it('leaves a complaint overturned on appeal out of the complaint rate, whether the overturn arrives after or before the upholding', async () => {
    const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });
    const decidedAt = '2026-11-18T02:00:00.000Z';
    const upheld = (complaintId: string) =>
      publish(ComplaintUpheld, complaintId, {
        complaintId,
        agencyId,
        party: vendorId,
        vendorId,
        serviceType: 'catering',
        category: 'food-quality',
        severity: 'minor',
        reasons: '菜品不熟',
        decidedBy: 'manager-1',
        decidedAt,
        onAppeal: false,
        answerable: [{ kind: 'vendor', vendorId, role: 'ran the canteen' }],
      });
    const overturned = (complaintId: string) =>
      publish(ComplaintOverturned, complaintId, { complaintId, agencyId, party: vendorId, vendorId, serviceType: 'catering', reasons: '复核不成立', decidedBy: 'admin-1', decidedAt: '2026-11-25T02:00:00.000Z' });
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    await upheld(first);
    await overturned(first);
    await overturned(second);
    await upheld(second);
    await upheld(third);
    // Three meals served in the month; of three upheld complaints only the third still stands.
    const rate = await waitFor(
      async () => {
        const answer = await callService(evaluation.url, manager, 'GET', `/kpis/values?period=2026-11&serviceType=catering&party=${vendorId}`);
        const kpi = ((answer.body[0]?.['kpis'] ?? []) as Array<{ code: string; value: number | null }>).find((candidate) => candidate.code === 'catering.complaint-rate');
        const inbox: Array<{ count: string }> = await database.query(`SELECT count(DISTINCT event_id) FROM inbox_event WHERE event_type LIKE 'houqin.evaluation.complaint.%'`);
        return Number(inbox[0]!.count) === 5 && kpi;
      },
      { description: 'the five complaint events handled' },
    );
    expect(rate.value).toBe(33.33);
  });
});
