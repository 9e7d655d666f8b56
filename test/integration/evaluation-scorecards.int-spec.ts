import { randomUUID } from 'node:crypto';
import { WorkOrderVerified } from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';

/**
 * Scorecards (考核记分卡) against the real evaluation service and PostgreSQL: weights per agency and
 * service type summing to 100 (400 naming the field otherwise), standings by threshold, competition
 * rank among the vendors (ties share a rank: 1, 1, 3), trend against the previous period, drafts
 * computed on read from the KPIs (events through the real inbox), surveys and submitted third-party
 * assessments; a scorecard is published only for an ended period (422 otherwise); a published
 * scorecard is immutable (409, and the table refuses), a correction is a new version with its
 * reason, the old one kept superseded; scorecard.published and vendor.score-changed in the outbox.
 */
describe('evaluation: scorecards', () => {
  const broker = new InProcessBroker();
  const clock = new FixedClock(new Date('2026-12-05T02:00:00Z'));
  let database: TestDatabase;
  let evaluation: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('evaluation_scorecards');
    evaluation = await startService(evaluationService, { env: inProcessServiceEnv(database.url, { LOG_LEVEL: 'fatal' }), broker, clock });
  });

  afterAll(async () => {
    await evaluation?.shutdown();
    await database?.drop();
  });

  const call = (caller: Caller, method: string, path: string, body?: unknown) => callService(evaluation.url, caller, method, path, body);
  const evidence = [{ fileName: 'inspection.pdf', contentType: 'application/pdf', sizeBytes: 1_000, url: 'https://files.agency.example/inspection.pdf' }];

  /** An agency with its logistics manager and an engaged evaluator organisation. */
  async function agency(label: string) {
    const agencyId = `agency-${label}-${randomUUID()}`;
    const manager = testCaller({ agencyId, userId: `manager-${label}`, roles: ['logistics-manager'] });
    const evaluator = testCaller({ agencyId, userId: `evaluator-${label}`, roles: ['evaluator'] });
    const registered = await call(manager, 'POST', '/evaluator-organisations', { name: `${label} 评估`, accounts: [evaluator.userId], from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' });
    expect(registered.status).toBe(201);
    /** A submitted assessment giving every criterion the same score: its overall score is that score. */
    const assess = async (vendorId: string, period: string, score: number, by: Caller = evaluator) => {
      const scores = ['workmanship', 'safety', 'records', 'conduct'].map((code) => ({ code, score }));
      const drafted = await call(by, 'POST', '/assessments', { vendorId, serviceType: 'maintenance', period, scores, evidence });
      expect(drafted.status).toBe(201);
      expect((await call(by, 'POST', `/assessments/${drafted.body.id as string}/submit`)).status).toBe(200);
    };
    /** Another engaged evaluator organisation, with its own account. */
    const engage = async (name: string) => {
      const account = testCaller({ agencyId, userId: `evaluator-${label}-${name}`, roles: ['evaluator'] });
      const engaged = await call(manager, 'POST', '/evaluator-organisations', { name: `${name} 评估`, accounts: [account.userId], from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' });
      expect(engaged.status).toBe(201);
      return account;
    };
    return { agencyId, manager, evaluator, assess, engage };
  }

  describe('weights and thresholds', () => {
    it("offers the defaults until the agency sets its own, and refuses weights that do not sum to 100 naming the field", async () => {
      const { manager } = await agency('weights');
      const defaults = await call(manager, 'GET', '/scorecards/policies/maintenance');
      expect(defaults.body).toEqual({ serviceType: 'maintenance', weights: { kpi: 60, survey: 25, thirdParty: 15 }, thresholds: { excellent: 90, good: 75, warning: 60 }, source: 'default' });

      const over = await call(manager, 'PUT', '/scorecards/policies/maintenance', { weights: { kpi: 60, survey: 25, thirdParty: 20 } });
      expect(over.status).toBe(400);
      expect(over.body.errors).toEqual([expect.objectContaining({ field: 'weights', rule: 'sumsTo100' })]);
      expect(over.body.detail).toContain('= 105');
      const fraction = await call(manager, 'PUT', '/scorecards/policies/maintenance', { weights: { kpi: 59.5, survey: 25.5, thirdParty: 15 } });
      expect(fraction.status).toBe(400);
      expect((fraction.body.errors as Array<{ field: string }>).map((error) => error.field)).toEqual(expect.arrayContaining(['weights.kpi', 'weights.survey']));
      const thresholds = await call(manager, 'PUT', '/scorecards/policies/maintenance', { thresholds: { excellent: 90, good: 92, warning: 60 } });
      expect(thresholds.status).toBe(400);
      expect(thresholds.body.errors).toEqual([expect.objectContaining({ field: 'thresholds.good', rule: 'descending' })]);
      expect((await call(manager, 'PUT', '/scorecards/policies/cleaning', { weights: { kpi: 100, survey: 0, thirdParty: 0 } })).status).toBe(400);
      expect((await call(manager, 'GET', '/scorecards/policies/maintenance')).body).toMatchObject({ source: 'default' });

      const set = await call(manager, 'PUT', '/scorecards/policies/maintenance', { weights: { kpi: 50, survey: 30, thirdParty: 20 } });
      expect(set.status).toBe(200);
      expect((await call(manager, 'GET', '/scorecards/policies/maintenance')).body).toEqual({ serviceType: 'maintenance', weights: { kpi: 50, survey: 30, thirdParty: 20 }, thresholds: { excellent: 90, good: 75, warning: 60 }, source: 'agency' });
      expect((await call(manager, 'GET', '/scorecards/policies/catering')).body).toMatchObject({ source: 'default' });
    });
  });

  describe('standings and rank', () => {
    it('ranks the vendors with equal scores equally and skips the places they share (1, 1, 3), and places each by the thresholds', async () => {
      const { manager, assess } = await agency('rank');
      // Only the third-party assessments count here, so each vendor's composite is its assessment's score.
      expect((await call(manager, 'PUT', '/scorecards/policies/maintenance', { weights: { kpi: 0, survey: 0, thirdParty: 100 } })).status).toBe(200);
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      await assess(a, '2026-11', 80);
      await assess(b, '2026-11', 80);
      await assess(c, '2026-11', 70);

      const standings = await call(manager, 'GET', '/scorecards/drafts?serviceType=maintenance&period=2026-11');
      expect(standings.status).toBe(200);
      const row = (party: string) => standings.body.find((entry) => entry.party === party);
      expect(row(a)).toMatchObject({ score: 80, rank: 1, rankedAmong: 3, standing: 'good' });
      expect(row(b)).toMatchObject({ score: 80, rank: 1, rankedAmong: 3, standing: 'good' });
      expect(row(c)).toMatchObject({ score: 70, rank: 3, rankedAmong: 3, standing: 'warning' });
      expect(standings.body.map((entry) => entry.rank)).toEqual([1, 1, 3]);

      // Stricter thresholds of the agency move the standings, not the ranks.
      expect((await call(manager, 'PUT', '/scorecards/policies/maintenance', { thresholds: { excellent: 95, good: 85, warning: 75 } })).status).toBe(200);
      const stricter = await call(manager, 'GET', `/scorecards/drafts/${a}?serviceType=maintenance&period=2026-11`);
      expect(stricter.body).toMatchObject({ score: 80, standing: 'warning', rank: 1, thresholds: { excellent: 95, good: 85, warning: 75 } });
      expect((await call(manager, 'GET', `/scorecards/drafts/${c}?serviceType=maintenance&period=2026-11`)).body).toMatchObject({ standing: 'failing', rank: 3 });

      // The internal team (内部后勤班组) has a scorecard too, but is not ranked among the vendors.
      const team = await call(manager, 'GET', '/scorecards/drafts/internal-team?serviceType=maintenance&period=2026-11');
      expect(team.body).toMatchObject({ party: 'internal-team', score: null, standing: null, rank: null, rankedAmong: 3, missing: ['kpi', 'survey', 'thirdParty'] });
      const bad = await Promise.all([
        call(manager, 'GET', '/scorecards/drafts/somebody?serviceType=maintenance&period=2026-11'),
        call(manager, 'GET', `/scorecards/drafts/${a}?serviceType=maintenance&period=2026-13`),
        call(manager, 'GET', `/scorecards/drafts/${a}?serviceType=laundry&period=2026-11`),
      ]);
      expect(bad.map((answer) => [answer.status, (answer.body.errors as Array<{ field: string }>)[0]!.field])).toEqual([
        [400, 'party'],
        [400, 'period'],
        [400, 'serviceType'],
      ]);
    });

    it('computes the KPI component from the events the inbox received, and a vendor with worse work ranks below', async () => {
      const { agencyId, manager } = await agency('kpi');
      const [clean, sloppy] = [randomUUID(), randomUUID()];
      const at = (day: number, hour = 2) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();
      const verified = async (vendorId: string, day: number, reopenCount: number) => {
        const workOrderId = randomUUID();
        const event = WorkOrderVerified.create({
          subject: workOrderId,
          origin: { agencyId, correlationId: randomUUID() },
          data: {
            workOrderId,
            agencyId,
            origin: 'repair-request',
            repairRequestId: workOrderId,
            priority: 'normal',
            category: 'hvac',
            location: { building: 'Main building' },
            vendorId,
            contractId: vendorId,
            reportedBy: 'staff-1',
            reportedAt: at(day - 2),
            acceptedAt: at(day - 2, 3),
            completedAt: at(day - 1),
            responseMinutes: 60,
            resolutionMinutes: 1_440,
            onHoldMinutes: 0,
            reopenCount,
            firstTimeFix: reopenCount === 0,
            cost: { labourFen: 20_000, partsFen: 0, extraFen: 0, totalFen: 20_000 },
            verifiedBy: 'staff-1',
            verifiedAt: at(day),
          } as never,
        });
        await broker.publish(WorkOrderVerified.topic, workOrderId, Buffer.from(JSON.stringify(event)));
      };
      await verified(clean, 10, 0);
      await verified(clean, 12, 0);
      await verified(sloppy, 11, 1);
      await verified(sloppy, 13, 2);

      const draftOf = (vendorId: string) => call(manager, 'GET', `/scorecards/drafts/${vendorId}?serviceType=maintenance&period=2026-11`);
      const cleanDraft = await waitFor(
        async () => {
          const answer = await draftOf(clean);
          const lines = (answer.body.kpi as { lines: Array<{ code: string; sampleSize: number }> }).lines;
          if (lines.find((line) => line.code === 'maintenance.first-time-fix')?.sampleSize !== 2) throw new Error(JSON.stringify(answer.body.kpi));
          const other = await draftOf(sloppy);
          if ((other.body.kpi as { lines: Array<{ code: string; sampleSize: number }> }).lines.find((line) => line.code === 'maintenance.first-time-fix')?.sampleSize !== 2) throw new Error('sloppy not yet');
          return answer.body;
        },
        { description: 'the verified work orders to reach the KPIs' },
      );
      const kpi = cleanDraft.kpi as { score: number; lines: Array<{ code: string; value: number | null; attainment: number | null }> };
      expect(kpi.lines.find((line) => line.code === 'maintenance.first-time-fix')).toMatchObject({ value: 100, attainment: 100 });
      expect(kpi.lines.find((line) => line.code === 'maintenance.reopen-rate')).toMatchObject({ value: 0, attainment: 100 });
      // No survey and no assessment: the KPIs carry the whole composite.
      expect(cleanDraft).toMatchObject({ missing: ['survey', 'thirdParty'], appliedWeights: { kpi: 100, survey: 0, thirdParty: 0 }, score: kpi.score });
      const sloppyDraft = (await draftOf(sloppy)).body;
      expect((sloppyDraft.kpi as typeof kpi).lines.find((line) => line.code === 'maintenance.first-time-fix')).toMatchObject({ value: 0, attainment: 0 });
      expect(sloppyDraft.score as number).toBeLessThan(cleanDraft.score as number);
      expect(cleanDraft).toMatchObject({ rank: 1, rankedAmong: 2 });
      expect(sloppyDraft).toMatchObject({ rank: 2, rankedAmong: 2 });
    });
  });

  describe('publication, immutability and correction', () => {
    let setting: Awaited<ReturnType<typeof agency>>;
    const vendor = randomUUID();
    const rival = randomUUID();
    let first: Record<string, unknown>;

    beforeAll(async () => {
      setting = await agency('publish');
      expect((await call(setting.manager, 'PUT', '/scorecards/policies/maintenance', { weights: { kpi: 0, survey: 0, thirdParty: 100 } })).status).toBe(200);
      await setting.assess(vendor, '2026-10', 70);
      await setting.assess(vendor, '2026-11', 80);
      await setting.assess(rival, '2026-11', 90);
    });

    async function outbox(type: string, vendorId: string): Promise<Array<Record<string, unknown>>> {
      const rows = await database.query<{ envelope: { data: Record<string, unknown> } }>(
        `SELECT envelope FROM outbox_event WHERE event_type = $1 AND envelope->'data'->>'vendorId' = $2 ORDER BY position`,
        [type, vendorId],
      );
      return rows.map((row) => row.envelope.data);
    }

    it('publishes the draft as version 1 with its rank and its trend against the previous period', async () => {
      const october = await call(setting.manager, 'POST', '/scorecards', { party: vendor, serviceType: 'maintenance', period: '2026-10' });
      expect(october.status).toBe(201);
      expect(october.body).toMatchObject({ version: 1, status: 'published', score: 70, standing: 'warning', rank: 1, rankedAmong: 1 });

      const published = await call(setting.manager, 'POST', '/scorecards', { party: vendor, serviceType: 'maintenance', period: '2026-11' });
      expect(published.status).toBe(201);
      first = published.body;
      expect(first).toMatchObject({ version: 1, status: 'published', score: 80, standing: 'good', rank: 2, rankedAmong: 2, publishedBy: setting.manager.userId, period: '2026-11' });
      expect(first.trend).toMatchObject({ direction: 'up', change: 10, comparedWith: '2026-10', previous: [{ period: '2026-10', score: 70, published: true }, { period: '2026-09', score: null }, { period: '2026-08', score: null }] });
    });

    it('refuses to publish a scorecard for a period that has not ended (422 naming period), and nothing is frozen or announced', async () => {
      // The service's clock reads 5 December 2026: December, Q4 and 2026 are running, 2027 is to come.
      for (const period of ['2026-12', '2026-Q4', '2026', '2027']) {
        const early = await call(setting.manager, 'POST', '/scorecards', { party: vendor, serviceType: 'maintenance', period });
        expect(early.status).toBe(422);
        expect(early.body).toMatchObject({ type: 'urn:houqin:problem:period-not-ended', errors: [{ field: 'period', rule: 'period-not-ended' }] });
        expect((await call(setting.manager, 'GET', `/scorecards?party=${vendor}&period=${period}`)).body).toEqual([]);
      }
      // The running month's draft can still be read as it stands.
      expect((await call(setting.manager, 'GET', `/scorecards/drafts/${vendor}?serviceType=maintenance&period=2026-12`)).status).toBe(200);
      const announced = await database.query<{ n: string }>(
        `SELECT count(*) AS n FROM outbox_event WHERE envelope->'data'->>'vendorId' = $1 AND envelope->'data'->>'period' IN ('2026-12', '2026-Q4', '2026', '2027')`,
        [vendor],
      );
      expect(Number(announced[0]!.n)).toBe(0);
    });

    it('refuses to publish the same scorecard again (409 naming published) and keeps it as published when the inputs move', async () => {
      const again = await call(setting.manager, 'POST', '/scorecards', { party: vendor, serviceType: 'maintenance', period: '2026-11' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ currentState: 'published' });

      // A second evaluator organisation's assessment of November arrives after publication.
      await setting.assess(vendor, '2026-11', 90, await setting.engage('second'));
      expect((await call(setting.manager, 'GET', `/scorecards/drafts/${vendor}?serviceType=maintenance&period=2026-11`)).body).toMatchObject({ score: 85 });
      expect((await call(setting.manager, 'GET', `/scorecards/${first.id as string}`)).body).toMatchObject({ version: 1, status: 'published', score: 80 });

      await expect(database.query(`UPDATE scorecard SET score = 99 WHERE id = $1`, [first.id])).rejects.toThrow(/published and immutable/);
      await expect(database.query(`DELETE FROM scorecard WHERE id = $1`, [first.id])).rejects.toThrow(/never deleted/);
    });

    it('corrects with a new version and its reason; the old version stays, superseded, and cannot be corrected again', async () => {
      const noReason = await call(setting.manager, 'POST', `/scorecards/${first.id as string}/corrections`, {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));

      const corrected = await call(setting.manager, 'POST', `/scorecards/${first.id as string}/corrections`, { reason: '第三方评估补交，计入 11 月' });
      expect(corrected.status).toBe(201);
      expect(corrected.body).toMatchObject({ version: 2, status: 'published', score: 85, correctionOf: first.id, reason: '第三方评估补交，计入 11 月', rank: 2 });

      const old = await call(setting.manager, 'GET', `/scorecards/${first.id as string}`);
      expect(old.body).toMatchObject({ version: 1, status: 'superseded', supersededBy: corrected.body.id, score: 80 });
      const versions = await call(setting.manager, 'GET', `/scorecards/${corrected.body.id as string}/versions`);
      expect(versions.body.map((version) => [version.version, version.status, version.score])).toEqual([
        [1, 'superseded', 80],
        [2, 'published', 85],
      ]);
      const current = await call(setting.manager, 'GET', `/scorecards?party=${vendor}&period=2026-11&current=true`);
      expect(current.body.map((scorecard) => scorecard.id)).toEqual([corrected.body.id]);

      const stale = await call(setting.manager, 'POST', `/scorecards/${first.id as string}/corrections`, { reason: 'again' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ currentState: 'superseded' });
    });

    it('puts scorecard.published for each version and vendor.score-changed for each change of score in the outbox', async () => {
      const publishedEvents = await outbox('houqin.evaluation.scorecard.published.v1', vendor);
      expect(publishedEvents.map((event) => [event['period'], event['version'], event['score']])).toEqual([
        ['2026-10', 1, 70],
        ['2026-11', 1, 80],
        ['2026-11', 2, 85],
      ]);
      expect(publishedEvents[2]).toMatchObject({ correctionOf: first.id, reason: '第三方评估补交，计入 11 月', standing: 'good', rank: 2, rankedAmong: 2 });
      const changes = await outbox('houqin.evaluation.vendor.score-changed.v1', vendor);
      expect(changes.map((event) => [event['period'], event['version'], event['score'], event['previousScore']])).toEqual([
        ['2026-10', 1, 70, undefined],
        ['2026-11', 1, 80, undefined],
        ['2026-11', 2, 85, 80],
      ]);
    });

    it("shows a vendor its own scorecards only", async () => {
      const account = testCaller({ agencyId: setting.agencyId, userId: 'vendor-staff', roles: ['vendor'], vendorId: rival });
      expect((await call(setting.manager, 'POST', '/scorecards', { party: rival, serviceType: 'maintenance', period: '2026-11' })).status).toBe(201);
      const own = await call(account, 'GET', '/scorecards');
      expect(own.body.map((scorecard) => scorecard.party)).toEqual([rival]);
      expect(await call(account, 'GET', `/scorecards?party=${vendor}`)).toMatchObject({ status: 200, body: [] });
      expect((await call(account, 'GET', `/scorecards/${first.id as string}`)).status).toBe(404);
    });
  });
});
