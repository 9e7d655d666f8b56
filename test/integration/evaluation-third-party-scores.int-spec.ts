import { randomUUID } from 'node:crypto';
import { FixedClock } from '@houqin/domain';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller } from '@houqin/testing';

/**
 * What a scorecard counts of the third-party assessments (第三方评估): each evaluator organisation
 * once per period assessed — its latest submitted assessment — so no organisation weighs more by
 * submitting more; and a quarter's or a year's scorecard counts the assessments of the months and
 * quarters inside it.
 */
describe('evaluation: third-party scores in a scorecard', () => {
  const broker = new InProcessBroker();
  let database: TestDatabase;
  let evaluation: RunningService;
  const clock = new FixedClock(new Date('2026-12-05T02:00:00Z'));
  const agencyId = `agency-third-party-${randomUUID()}`;
  const manager = testCaller({ agencyId, userId: 'manager-tp', roles: ['logistics-manager'] });
  const call = (caller: Caller, method: string, path: string, body?: unknown) => callService(evaluation.url, caller, method, path, body);
  const evidence = [{ fileName: 'inspection.pdf', contentType: 'application/pdf', sizeBytes: 1_000, url: 'https://files.agency.example/inspection.pdf' }];

  beforeAll(async () => {
    database = await createTestDatabase('evaluation_third_party');
    evaluation = await startService(evaluationService, { env: inProcessServiceEnv(database.url, { LOG_LEVEL: 'fatal' }), broker, clock });
    expect((await call(manager, 'PUT', '/scorecards/policies/maintenance', { weights: { kpi: 0, survey: 0, thirdParty: 100 } })).status).toBe(200);
  });

  afterAll(async () => {
    await evaluation?.shutdown();
    await database?.drop();
  });

  async function organisation(label: string): Promise<Caller> {
    const evaluator = testCaller({ agencyId, userId: `evaluator-${label}`, roles: ['evaluator'] });
    const registered = await call(manager, 'POST', '/evaluator-organisations', { name: `${label} 评估中心`, accounts: [evaluator.userId], from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' });
    expect(registered.status).toBe(201);
    return evaluator;
  }

  async function assess(evaluator: Caller, vendorId: string, period: string, score: number): Promise<void> {
    const scores = ['workmanship', 'safety', 'records', 'conduct'].map((code) => ({ code, score }));
    const drafted = await call(evaluator, 'POST', '/assessments', { vendorId, serviceType: 'maintenance', period, scores, evidence });
    expect(drafted.status).toBe(201);
    expect((await call(evaluator, 'POST', `/assessments/${drafted.body['id'] as string}/submit`)).status).toBe(200);
    clock.advance(60_000);
  }

  const thirdParty = async (vendorId: string, period: string) =>
    (await call(manager, 'GET', `/scorecards/drafts/${vendorId}?serviceType=maintenance&period=${period}`)).body['thirdParty'] as { score: number | null; assessments: unknown[] };

  it('counts an organisation once per period however often it submits, its latest assessment', async () => {
    const vendor = randomUUID();
    const busy = await organisation('busy');
    const other = await organisation('other');
    for (const score of [40, 40, 40, 50]) await assess(busy, vendor, '2026-10', score);
    await assess(other, vendor, '2026-10', 90);
    // (50 + 90) / 2, not (40 + 40 + 40 + 50 + 90) / 5.
    expect(await thirdParty(vendor, '2026-10')).toMatchObject({ score: 70, assessments: [expect.anything(), expect.anything()] });
  });

  it("counts the months' assessments in the quarter's and the year's scorecard", async () => {
    const vendor = randomUUID();
    const monthly = await organisation('monthly');
    await assess(monthly, vendor, '2026-07', 60);
    await assess(monthly, vendor, '2026-08', 80);
    await assess(monthly, vendor, '2026-Q4', 90);
    expect(await thirdParty(vendor, '2026-Q3')).toMatchObject({ score: 70 });
    expect(await thirdParty(vendor, '2026')).toMatchObject({ score: 76.67 });
    expect(await thirdParty(vendor, '2026-09')).toMatchObject({ score: null });
  });
});
