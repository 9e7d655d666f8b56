import { randomUUID } from 'node:crypto';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { procurementService } from '@houqin/procurement';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';
import { periodOf, previousPeriod } from '../../libs/services/evaluation/src/kpis/domain/period';

/**
 * A tender's past-performance criterion (履约评价) on the real evaluation and procurement services,
 * each with its own PostgreSQL database, events on one in-process broker: scorecards published in
 * evaluation reach procurement's projection of vendors' latest scores (an older period published
 * later does not replace a newer one; a correction does; one without a score does not replace a
 * scored one), and the tender's ranking fills the criterion from it — half the points for a vendor
 * without a published score.
 */
describe("procurement: a tender's past-performance criterion", () => {
  const broker = new InProcessBroker();
  const agencyId = `agency-${randomUUID()}`;
  const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager', 'agency-admin'] });
  const evaluator = testCaller({ agencyId, userId: 'evaluator-1', roles: ['evaluator'] });
  const secondEvaluator = testCaller({ agencyId, userId: 'evaluator-2', roles: ['evaluator'] });
  const expert = testCaller({ agencyId, userId: 'expert-1', roles: ['evaluator'] });
  const lastMonth = previousPeriod(periodOf(new Date(), 'month'));
  const monthBefore = previousPeriod(lastMonth);
  const vendorIds: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  const vendorAccount = (key: 'a' | 'b' | 'c'): Caller => testCaller({ agencyId, userId: `vendor-user-${key}`, roles: ['vendor'], vendorId: vendorIds[key] });
  const scorecards: Record<string, string> = {};
  let evaluationDb: TestDatabase;
  let procurementDb: TestDatabase;
  let evaluation: RunningService;
  let procurement: RunningService;

  const evaluate = (caller: Caller, method: string, path: string, body?: unknown) => callService(evaluation.url, caller, method, path, body);
  const procure = (caller: Caller, method: string, path: string, body?: unknown) => callService(procurement.url, caller, method, path, body);

  async function assess(vendorId: string, period: string, score: number, by: Caller = evaluator): Promise<void> {
    const scores = ['workmanship', 'safety', 'records', 'conduct'].map((code) => ({ code, score }));
    const evidence = [{ fileName: 'inspection.pdf', contentType: 'application/pdf', sizeBytes: 1_000, url: `https://files.agency.example/${randomUUID()}.pdf` }];
    const drafted = await evaluate(by, 'POST', '/assessments', { vendorId, serviceType: 'maintenance', period, scores, evidence });
    expect(drafted.status).toBe(201);
    expect((await evaluate(by, 'POST', `/assessments/${drafted.body.id as string}/submit`)).status).toBe(200);
  }

  async function publish(key: 'a' | 'b', period: string): Promise<void> {
    const published = await evaluate(manager, 'POST', '/scorecards', { party: vendorIds[key], serviceType: 'maintenance', period });
    expect(published.status).toBe(201);
    scorecards[`${key}:${period}`] = published.body.id as string;
  }

  async function kept(): Promise<Record<string, { period: string; version: number; score: number | null }>> {
    const rows = await procurementDb.query<{ vendor_id: string; period: string; version: number; score: string | null }>(
      `SELECT vendor_id, period, version, score FROM vendor_performance WHERE agency_id = $1 AND service_type = 'maintenance'`,
      [agencyId],
    );
    return Object.fromEntries(rows.map((row) => [row.vendor_id, { period: row.period, version: row.version, score: row.score === null ? null : Number(row.score) }]));
  }

  beforeAll(async () => {
    [evaluationDb, procurementDb] = await Promise.all([createTestDatabase('past_performance_evaluation'), createTestDatabase('past_performance_procurement')]);
    procurement = await startService(procurementService, { env: inProcessServiceEnv(procurementDb.url, { LOG_LEVEL: 'fatal', BID_SEALING_KEY: TEST_BID_SEALING_KEY }), broker });
    evaluation = await startService(evaluationService, { env: inProcessServiceEnv(evaluationDb.url, { LOG_LEVEL: 'fatal' }), broker });

    const codes = { a: '91350100M000100Y43', b: '91110000802100433B', c: '91440300708461136T' };
    for (const key of ['a', 'b', 'c'] as const) {
      const registered = await procure(manager, 'POST', '/vendors', { name: `维修公司 ${key.toUpperCase()}`, unifiedSocialCreditCode: codes[key], categories: ['maintenance'], contact: { name: '王经理', phone: '13800138000' } });
      expect(registered.status).toBe(201);
      vendorIds[key] = registered.body.id as string;
      const qualified = await procure(manager, 'POST', `/vendors/${vendorIds[key]}/qualifications`, { kind: 'service-permit', number: `FZ-${key}`, category: 'maintenance', issuedOn: '2026-01-01', expiresOn: '2099-01-01' });
      expect(qualified.status).toBe(201);
    }

    // Only the third-party assessments count, so each scorecard's score is its assessment's.
    expect((await evaluate(manager, 'PUT', '/scorecards/policies/maintenance', { weights: { kpi: 0, survey: 0, thirdParty: 100 } })).status).toBe(200);
    const day = 24 * 3600_000;
    const term = { from: new Date(Date.now() - 400 * day).toISOString(), until: new Date(Date.now() + 400 * day).toISOString() };
    expect((await evaluate(manager, 'POST', '/evaluator-organisations', { name: '华信评估', accounts: [evaluator.userId], ...term })).status).toBe(201);
    expect((await evaluate(manager, 'POST', '/evaluator-organisations', { name: '闽正评估', accounts: [secondEvaluator.userId], ...term })).status).toBe(201);
    await assess(vendorIds.a, lastMonth.key, 90);
    await assess(vendorIds.a, monthBefore.key, 40);
    await assess(vendorIds.b, lastMonth.key, 60);
    await publish('a', lastMonth.key);
    await publish('b', lastMonth.key);
    // An older period, published after the newer one: it does not become A's latest score.
    await publish('a', monthBefore.key);
  });

  afterAll(async () => {
    // Evaluation first: its relay delivers to procurement, which must still be there.
    await evaluation?.shutdown();
    await procurement?.shutdown();
    await Promise.all([evaluationDb?.drop(), procurementDb?.drop()]);
  });

  it("keeps each vendor's latest published score: the latest period, not the last publication", async () => {
    const scores = await waitFor(
      async () => {
        const rows = await kept();
        const published = await evaluationDb.query<{ n: string }>(`SELECT count(*) AS n FROM outbox_event WHERE event_type LIKE 'houqin.evaluation.%' AND published_at IS NULL`);
        if (Object.keys(rows).length < 2 || Number(published[0]!.n) > 0) throw new Error(JSON.stringify(rows));
        return rows;
      },
      { description: 'the published scorecards to reach procurement' },
    );
    expect(scores).toEqual({
      [vendorIds.a]: { period: lastMonth.key, version: 1, score: 90 },
      [vendorIds.b]: { period: lastMonth.key, version: 1, score: 60 },
    });
  });

  it('keeps a vendor\'s scored period when a later scorecard without a score is published (a month without work)', async () => {
    const quiet = randomUUID();
    await assess(quiet, monthBefore.key, 95);
    for (const period of [monthBefore.key, lastMonth.key]) {
      const published = await evaluate(manager, 'POST', '/scorecards', { party: quiet, serviceType: 'maintenance', period });
      expect(published.status).toBe(201);
      scorecards[`quiet:${period}`] = published.body.id as string;
    }
    expect((await evaluate(manager, 'GET', `/scorecards/${scorecards[`quiet:${lastMonth.key}`]!}`)).body).toMatchObject({ period: lastMonth.key, score: null });
    // Every event of the unscored publication has been handled by procurement's inbox.
    const events = await evaluationDb.query<{ id: string }>(`SELECT envelope->>'id' AS id FROM outbox_event WHERE envelope->'data'->>'scorecardId' = $1`, [
      scorecards[`quiet:${lastMonth.key}`],
    ]);
    expect(events).toHaveLength(2); // scorecard.published and vendor.score-changed
    await waitFor(
      async () => {
        const handled = await procurementDb.query<{ n: string }>(`SELECT count(*) AS n FROM inbox_event WHERE event_id = ANY($1::uuid[])`, [events.map((event) => event.id)]);
        if (Number(handled[0]!.n) < events.length) throw new Error(`${handled[0]!.n} of ${events.length} handled`);
        return true;
      },
      { description: 'the unscored publication to reach procurement' },
    );
    expect((await kept())[quiet]).toEqual({ period: monthBefore.key, version: 1, score: 95 });
  });

  describe('a tender scoring past performance', () => {
    let tenderId = '';
    const bidIds: Record<string, string> = {};

    beforeAll(async () => {
      const deadline = new Date(Date.now() + 3000).toISOString();
      const created = await procure(manager, 'POST', '/tenders', {
        title: '2027 年度办公楼维修服务',
        category: 'maintenance',
        method: 'open-tender',
        budgetCeiling: 100_000_000,
        // One point per point: price 40, technical 40 ('plan'), service 20 ('response' 10 + past performance 10).
        criteria: {
          weights: { price: 40, technical: 40, service: 20 },
          technical: [{ name: 'plan', maxPoints: 40 }],
          service: [
            { name: 'response', maxPoints: 10 },
            { name: 'past performance', maxPoints: 10, kind: 'past-performance' },
          ],
        },
        bidDeadline: deadline,
        openingAt: deadline,
        publicationDays: 0,
      });
      expect(created.status).toBe(201);
      tenderId = created.body.id as string;
      expect(created.body.criteria).toMatchObject({ service: [{ name: 'response' }, { name: 'past performance', kind: 'past-performance' }] });
      expect((await procure(manager, 'POST', `/tenders/${tenderId}/publish`)).status).toBe(200);
      expect((await procure(manager, 'POST', `/tenders/${tenderId}/committee`, { members: [{ userId: expert.userId, conflicts: [] }] })).status).toBe(200);
      for (const key of ['a', 'b', 'c'] as const) {
        const bid = await procure(vendorAccount(key), 'POST', `/tenders/${tenderId}/bids`, { price: 80_000_00, technicalProposal: `proposal ${key}` });
        expect(bid.status).toBe(201);
        bidIds[key] = bid.body.bidId as string;
      }
      await waitFor(
        async () => {
          const opened = await procure(manager, 'POST', `/tenders/${tenderId}/open`);
          if (opened.status !== 200) throw new Error(`${opened.status}`);
          return true;
        },
        { timeoutMs: 15_000, intervalMs: 200, description: 'the opening time' },
      );
    });

    it('refuses the committee scoring the past-performance criterion (it is filled from the scorecards)', async () => {
      const refused = await procure(expert, 'POST', `/tenders/${tenderId}/scores`, { bidId: bidIds.a, technical: { plan: 30 }, service: { response: 8, 'past performance': 10 } });
      expect(refused.status).toBe(422);
      expect(refused.body.type).toBe('urn:houqin:problem:filled-from-scorecards');
    });

    it("fills it from each bidder's latest published score, half the points without one", async () => {
      for (const key of ['a', 'b', 'c'] as const) {
        expect((await procure(expert, 'POST', `/tenders/${tenderId}/scores`, { bidId: bidIds[key], technical: { plan: 30 }, service: { response: 8 } })).status).toBe(200);
      }
      const ranking = await procure(manager, 'GET', `/tenders/${tenderId}/ranking`);
      // Same price (40) and committee points (30 + 8) for all: A 90 → 9 points, B 60 → 6, C none → 5.
      expect(ranking.body.map((row) => [row.vendorId, row.serviceScore, row.total, row.rank])).toEqual([
        [vendorIds.a, 17, 87, 1],
        [vendorIds.b, 14, 84, 2],
        [vendorIds.c, 13, 83, 3],
      ]);
      expect(ranking.body.map((row) => row.pastPerformance)).toEqual([
        { score: 90, points: 9 },
        { score: 60, points: 6 },
        { score: null, points: 5 },
      ]);
    });

    it("follows a correction of the vendor's scorecard", async () => {
      // A second evaluator organisation's assessment, submitted after publication.
      await assess(vendorIds.b, lastMonth.key, 100, secondEvaluator);
      const corrected = await evaluate(manager, 'POST', `/scorecards/${scorecards[`b:${lastMonth.key}`]!}/corrections`, { reason: '补交的第三方评估' });
      expect(corrected.body).toMatchObject({ version: 2, score: 80 });
      await waitFor(
        async () => {
          const row = (await kept())[vendorIds.b];
          if (row?.version !== 2) throw new Error(JSON.stringify(row));
          return row;
        },
        { description: 'the correction to reach procurement' },
      );
      const ranking = await procure(manager, 'GET', `/tenders/${tenderId}/ranking`);
      expect(ranking.body.find((row) => row.vendorId === vendorIds.b)).toMatchObject({ serviceScore: 16, total: 86, rank: 2 });
    });
  });
});
