import { randomUUID } from 'node:crypto';
import { ComplaintUpheld, EventEnvelope, RectificationOverdue, ScorecardPublished, ViolationRecorded, ViolationVoided } from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService } from '@houqin/service-kit';
import { TestDatabase, testCaller, waitFor } from '@houqin/testing';
import { SanctionSweep } from '../../libs/services/evaluation/src/sanctions/sanction-sweep';
import { EvaluationWithReplica, RunningEvaluation, startEvaluation } from './evaluation-fixture';

/**
 * Sanctions (处罚) against the real evaluation service and PostgreSQL, on the in-process broker,
 * behind a real gateway: offences arrive as events (a violation delivered twice counts once), an
 * agency's rule fires once and proposes a suspension with its evidence, a manager confirms it
 * (vendor.sanctioned) or an automatic agency has it confirmed by 'system', the end of the period is
 * recorded exactly once with two replicas sweeping at once (vendor.reinstated), a sanction lifted
 * early is announced too, and a vendor account reads its own vendor's sanctions only.
 */
const DAY = 24 * 3_600_000;
const broker = new InProcessBroker();
const clock = new FixedClock(new Date('2026-12-01T02:00:00.000Z'));
let running: EvaluationWithReplica;
let database: TestDatabase;
let evaluation: RunningService;
/** A second replica of evaluation on the same database (its own bus: it consumes nothing here). */
let replica: RunningService;

beforeAll(async () => {
  // The sweep runs when the tests say so, not on a timer.
  running = await startEvaluation({ name: 'sanctions', broker, clock, replica: true, env: { SANCTION_SWEEP_INTERVAL_MS: '3600000' } });
  ({ database, evaluation, replica } = running);
});

afterAll(() => running?.shutdown());

function agency() {
  const agencyId = `agency-${randomUUID()}`;
  return {
    agencyId,
    admin: testCaller({ agencyId, userId: 'admin-lin', roles: ['agency-admin'] }),
    manager: testCaller({ agencyId, userId: 'manager-chen', roles: ['logistics-manager'] }),
    evaluator: testCaller({ agencyId, userId: 'evaluator-sun', roles: ['evaluator'] }),
    auditor: testCaller({ agencyId, userId: 'auditor-he', roles: ['auditor'] }),
  };
}

const through: RunningEvaluation['through'] = (...request) => running.through(...request);

/** Six points in thirty days suspend for ten days, confirmed by a human unless `automatic`. */
async function pointsRule(people: ReturnType<typeof agency>, automatic: boolean): Promise<void> {
  const put = await through(people.admin, 'PUT', '/evaluation/sanctions/rules', {
    rules: [{ offence: 'penalty-points', threshold: 6, windowDays: 30, measure: 'suspension', suspensionDays: 10 }],
    ladder: { windowDays: 365, suspensionDays: 15 },
    automatic,
  });
  expect(put.status).toBe(200);
}

async function publish(event: EventEnvelope, topic: string): Promise<void> {
  await broker.publish(topic, event.subject, Buffer.from(JSON.stringify(event)));
}

/** A violation recorded against the vendor, as the violations capability announces it; the same violation id may be delivered again as a new event. */
function violation(agencyId: string, vendorId: string, points: number, violationId = randomUUID(), occurredAt = clock.now()): EventEnvelope {
  return ViolationRecorded.create({
    subject: violationId,
    origin: { agencyId, correlationId: randomUUID() },
    data: {
      violationId,
      agencyId,
      party: vendorId,
      vendorId,
      serviceType: 'maintenance',
      source: 'sla-breach',
      sourceRef: `sla-clock:${violationId}`,
      severity: 'major',
      penaltyPoints: points,
      penaltyAmount: 20_000,
      settlementPeriod: '2026-12',
      description: 'Resolution deadline missed',
      occurredAt: occurredAt.toISOString(),
      recordedBy: 'system',
      recordedAt: clock.now().toISOString(),
      answerable: [{ kind: 'vendor', vendorId }],
    },
  });
}

type OutboxRow = { event_type: string; data: Record<string, unknown> };
async function published(agencyId: string, type: string): Promise<OutboxRow[]> {
  return database.query(`SELECT event_type, envelope->'data' AS data FROM outbox_event WHERE event_type = $1 AND envelope->>'agencyid' = $2 ORDER BY position`, [type, agencyId]);
}

async function proposalsOf(people: ReturnType<typeof agency>, vendorId: string): Promise<Array<Record<string, unknown>>> {
  const listed = await through(people.manager, 'GET', `/evaluation/sanctions/proposals?vendorId=${vendorId}`);
  expect(listed.status).toBe(200);
  return listed.body;
}

async function offencesOf(agencyId: string, vendorId: string): Promise<number> {
  const rows: Array<{ count: string }> = await database.query(`SELECT count(*) FROM sanction_offence WHERE agency_id = $1 AND vendor_id = $2`, [agencyId, vendorId]);
  return Number(rows[0]?.count);
}

/** An open suspension proposal for a fresh vendor of the agency: 4 + 3 points. */
async function proposedSuspension(people: ReturnType<typeof agency>): Promise<{ vendorId: string; proposal: Record<string, unknown> }> {
  const vendorId = randomUUID();
  await publish(violation(people.agencyId, vendorId, 4), ViolationRecorded.topic);
  await publish(violation(people.agencyId, vendorId, 3), ViolationRecorded.topic);
  const proposal = await waitFor(async () => (await proposalsOf(people, vendorId))[0], { description: 'the suspension proposal' });
  return { vendorId, proposal };
}

describe('sanction rules fire once per offence', () => {
  it('proposes one suspension when the violation that reaches the threshold is delivered twice, and none for a later one while it is open', async () => {
    const people = agency();
    await pointsRule(people, false);
    const vendorId = randomUUID();
    await publish(violation(people.agencyId, vendorId, 5), ViolationRecorded.topic);
    await waitFor(async () => (await offencesOf(people.agencyId, vendorId)) === 1 || undefined, { description: 'the first offence' });
    expect(await proposalsOf(people, vendorId)).toEqual([]);

    // Five points, then one more delivered again (the same event twice, and the same violation as a new event): six reach the threshold once.
    const reaching = randomUUID();
    const reachingEvent = violation(people.agencyId, vendorId, 1, reaching);
    await publish(reachingEvent, ViolationRecorded.topic);
    await publish(reachingEvent, ViolationRecorded.topic);
    await publish(violation(people.agencyId, vendorId, 1, reaching), ViolationRecorded.topic);
    const proposal = await waitFor(async () => (await proposalsOf(people, vendorId))[0], { description: 'the proposal' });
    expect(proposal).toMatchObject({ status: 'open', measure: 'suspension', suspensionDays: 10, figure: 6, threshold: 6, windowDays: 30, rule: { key: 'penalty-points>=6/30d:suspension-10d' } });
    expect((proposal['evidence'] as unknown[]).length).toBe(2);

    // A later violation while the proposal is open adds to the ledger, not a second proposal.
    await publish(violation(people.agencyId, vendorId, 2), ViolationRecorded.topic);
    await waitFor(async () => (await offencesOf(people.agencyId, vendorId)) === 3 || undefined, { description: 'the later offence' });
    expect(await proposalsOf(people, vendorId)).toHaveLength(1);
    expect(await published(people.agencyId, 'houqin.evaluation.sanction.proposed.v1')).toHaveLength(1);
  });

  it('does not count a voided violation, nor an offence outside the window', async () => {
    const people = agency();
    await pointsRule(people, false);
    const vendorId = randomUUID();
    const voided = randomUUID();
    await publish(violation(people.agencyId, vendorId, 5, voided), ViolationRecorded.topic);
    await publish(violation(people.agencyId, vendorId, 5, randomUUID(), new Date(clock.now().getTime() - 30 * DAY)), ViolationRecorded.topic);
    await waitFor(async () => (await offencesOf(people.agencyId, vendorId)) === 2 || undefined, { description: 'two offences' });
    const voidedEvent = ViolationVoided.create({
      subject: voided,
      origin: { agencyId: people.agencyId, correlationId: randomUUID() },
      data: { violationId: voided, agencyId: people.agencyId, party: vendorId, vendorId, penaltyPoints: 5, penaltyAmount: 20_000, settlementPeriod: '2026-12', reason: 'recorded in error', voidedBy: 'manager-chen', voidedAt: clock.now().toISOString() },
    });
    await publish(voidedEvent, ViolationVoided.topic);
    await waitFor(async () => {
      const rows: unknown[] = await database.query(`SELECT 1 FROM sanction_offence WHERE source_ref = $1 AND withdrawn_at IS NOT NULL`, [voided]);
      return rows.length === 1 || undefined;
    }, { description: 'the voided offence withdrawn' });
    // 5 voided + 5 thirty days ago (outside (t − 30d, t]) + 4 now: below six.
    await publish(violation(people.agencyId, vendorId, 4), ViolationRecorded.topic);
    await waitFor(async () => (await offencesOf(people.agencyId, vendorId)) === 3 || undefined, { description: 'the third offence' });
    expect(await proposalsOf(people, vendorId)).toEqual([]);
  });
});

describe('confirmed by a human, or automatically', () => {
  it('a manager confirms a suspension within the period with a reason: vendor.sanctioned names the sanction; the proposal is decided once', async () => {
    const people = agency();
    await pointsRule(people, false);
    const { vendorId, proposal } = await proposedSuspension(people);
    const id = String(proposal['id']);
    const supervision = async () => (await through(people.manager, 'GET', '/evaluation/dashboard')).body['supervision'] as Record<string, unknown>;
    expect(await supervision()).toMatchObject({ sanctions: { pendingProposals: 1, inForce: 0 } });
    expect((await through(people.evaluator, 'POST', `/evaluation/sanctions/proposals/${id}/confirm`, {})).status).toBe(403);
    expect((await through(people.auditor, 'POST', `/evaluation/sanctions/proposals/${id}/confirm`, {})).status).toBe(403);
    expect((await through(people.auditor, 'GET', `/evaluation/sanctions/proposals/${id}`)).body).toMatchObject({ id, status: 'open' });
    const tooLong = new Date(clock.now().getTime() + 11 * DAY).toISOString();
    const refused = await through(people.manager, 'POST', `/evaluation/sanctions/proposals/${id}/confirm`, { reason: 'longer', until: tooLong });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('until');

    const until = new Date(clock.now().getTime() + 3 * DAY).toISOString();
    const confirmed = await through(people.manager, 'POST', `/evaluation/sanctions/proposals/${id}/confirm`, { reason: '首次暂停，缩短为三天', until });
    expect(confirmed.status).toBe(200);
    const sanction = confirmed.body['sanction'] as Record<string, unknown>;
    expect(sanction).toMatchObject({ vendorId, measure: 'suspension', status: 'active', inForce: true, until, decidedBy: 'manager-chen' });
    expect((await through(people.admin, 'POST', `/evaluation/sanctions/proposals/${id}/dismiss`, { reason: 'late' })).status).toBe(409);
    expect(await supervision()).toMatchObject({ sanctions: { pendingProposals: 0, inForce: 1 } });

    const [announced] = await published(people.agencyId, 'houqin.evaluation.vendor.sanctioned.v1');
    expect(announced?.data).toMatchObject({ vendorId, kind: 'suspension', until, decidedBy: 'manager-chen', sanctionId: sanction['id'], proposalId: id, rule: 'penalty-points>=6/30d:suspension-10d' });
    expect((await through(people.auditor, 'GET', `/evaluation/sanctions/${String(sanction['id'])}`)).status).toBe(200);
  });

  it('a dismissed proposal takes a reason and publishes sanction-proposal.dismissed', async () => {
    const people = agency();
    await pointsRule(people, false);
    const { proposal } = await proposedSuspension(people);
    const dismissed = await through(people.manager, 'POST', `/evaluation/sanctions/proposals/${String(proposal['id'])}/dismiss`, { reason: '超时因大楼停电' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', decisionReason: '超时因大楼停电' });
    expect(await published(people.agencyId, 'houqin.evaluation.sanction-proposal.dismissed.v1')).toHaveLength(1);
    expect(await published(people.agencyId, 'houqin.evaluation.vendor.sanctioned.v1')).toEqual([]);
  });

  it("an agency that opted in to automatic sanctions has the proposal confirmed at once by 'system'", async () => {
    const people = agency();
    await pointsRule(people, true);
    const { vendorId } = await proposedSuspension(people);
    const [proposal] = await waitFor(async () => {
      const listed = await proposalsOf(people, vendorId);
      return listed[0]?.['status'] === 'confirmed' ? listed : undefined;
    }, { description: 'the confirmed proposal' });
    expect(proposal).toMatchObject({ decidedBy: 'system' });
    const [announced] = await waitFor(async () => {
      const rows = await published(people.agencyId, 'houqin.evaluation.vendor.sanctioned.v1');
      return rows.length > 0 ? rows : undefined;
    }, { description: 'vendor.sanctioned' });
    expect(announced?.data).toMatchObject({ vendorId, kind: 'suspension', decidedBy: 'system', until: new Date(clock.now().getTime() + 10 * DAY).toISOString() });
  });
});

describe('the end of a period', () => {
  it('ends a suspension whose period passed exactly once with two replicas sweeping at once, and announces vendor.reinstated', async () => {
    const people = agency();
    await pointsRule(people, false);
    const { vendorId, proposal } = await proposedSuspension(people);
    const until = new Date(clock.now().getTime() + 3_600_000);
    const confirmed = await through(people.manager, 'POST', `/evaluation/sanctions/proposals/${String(proposal['id'])}/confirm`, { reason: '一小时', until: until.toISOString() });
    expect(confirmed.status).toBe(200);
    const sanctionId = String((confirmed.body['sanction'] as Record<string, unknown>)['id']);
    const sweeps = [evaluation, replica].map((service) => service.app.get(SanctionSweep));

    // A millisecond before the end nothing ends.
    clock.set(new Date(until.getTime() - 1));
    expect((await Promise.all(sweeps.map((sweep) => sweep.sweep()))).flat()).not.toContain(sanctionId);

    clock.set(new Date(until.getTime() + 60_000));
    const results = await Promise.all([...sweeps, ...sweeps].map((sweep) => sweep.sweep()));
    expect(results.flat().filter((id) => id === sanctionId)).toHaveLength(1);
    expect((await Promise.all(sweeps.map((sweep) => sweep.sweep()))).flat()).not.toContain(sanctionId);

    const reinstated = await published(people.agencyId, 'houqin.evaluation.vendor.reinstated.v1');
    expect(reinstated).toHaveLength(1);
    expect(reinstated[0]?.data).toMatchObject({ vendorId, sanctionId, kind: 'suspension', cause: 'period-ended', until: until.toISOString(), reinstatedAt: until.toISOString(), reinstatedBy: 'system' });
    const read = await through(people.manager, 'GET', `/evaluation/sanctions/${sanctionId}`);
    expect(read.body).toMatchObject({ status: 'ended', endCause: 'period-ended', inForce: false });
  });

  it('an agency admin lifts a sanction early, once, with a reason: vendor.reinstated (lifted-early); a manager may not', async () => {
    const people = agency();
    await pointsRule(people, false);
    const { proposal } = await proposedSuspension(people);
    const confirmed = await through(people.manager, 'POST', `/evaluation/sanctions/proposals/${String(proposal['id'])}/confirm`, {});
    const sanctionId = String((confirmed.body['sanction'] as Record<string, unknown>)['id']);
    expect((await through(people.manager, 'POST', `/evaluation/sanctions/${sanctionId}/lift`, { reason: '整改到位' })).status).toBe(403);
    const lifted = await through(people.admin, 'POST', `/evaluation/sanctions/${sanctionId}/lift`, { reason: '整改到位' });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ status: 'lifted', endCause: 'lifted-early', liftedBy: 'admin-lin', liftReason: '整改到位' });
    const again = await through(people.admin, 'POST', `/evaluation/sanctions/${sanctionId}/lift`, { reason: 'again' });
    expect(again.status).toBe(409);
    const reinstated = await published(people.agencyId, 'houqin.evaluation.vendor.reinstated.v1');
    expect(reinstated.map((row) => row.data)).toEqual([expect.objectContaining({ sanctionId, cause: 'lifted-early', reinstatedBy: 'admin-lin', reason: '整改到位' })]);
  });
});

describe('who reads sanctions', () => {
  it("a vendor account sees its own vendor's sanctions only; another agency sees none", async () => {
    const people = agency();
    await pointsRule(people, true);
    const own = await proposedSuspension(people);
    const other = await proposedSuspension(people);
    const sanctions = await waitFor(async () => {
      const listed = await through(people.manager, 'GET', '/evaluation/sanctions');
      return listed.body.length === 2 ? listed.body : undefined;
    }, { description: 'two sanctions' });
    const otherSanction = sanctions.find((sanction) => sanction['vendorId'] === other.vendorId);

    const vendor = testCaller({ agencyId: people.agencyId, userId: 'vendor-staff-1', roles: ['vendor'], vendorId: own.vendorId });
    const mine = await through(vendor, 'GET', '/evaluation/sanctions');
    expect(mine.status).toBe(200);
    expect(mine.body.map((sanction) => sanction['vendorId'])).toEqual([own.vendorId]);
    expect((await through(vendor, 'GET', `/evaluation/sanctions?vendorId=${other.vendorId}`)).body).toEqual([]);
    expect((await through(vendor, 'GET', `/evaluation/sanctions/${String(otherSanction?.['id'])}`)).status).toBe(404);
    expect((await through(vendor, 'GET', '/evaluation/sanctions/proposals')).status).toBe(403);

    const stranger = agency();
    expect((await through(stranger.manager, 'GET', '/evaluation/sanctions')).body).toEqual([]);
    expect((await through(stranger.manager, 'GET', '/evaluation/sanctions/proposals')).body).toEqual([]);
    expect((await through(stranger.manager, 'GET', `/evaluation/sanctions/${String(otherSanction?.['id'])}`)).status).toBe(404);
  });

  it("reads the platform's defaults until the agency sets its own, and refuses a suspension without its period naming the field", async () => {
    const people = agency();
    const defaults = await through(people.evaluator, 'GET', '/evaluation/sanctions/rules');
    expect(defaults.body).toMatchObject({ source: 'default', automatic: false, ladder: { windowDays: 365, suspensionDays: 30 } });
    const refused = await through(people.admin, 'PUT', '/evaluation/sanctions/rules', {
      rules: [{ offence: 'upheld-complaint', threshold: 2, windowDays: 90, measure: 'suspension' }],
      ladder: { windowDays: 365, suspensionDays: 30 },
      automatic: false,
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('rules[0].suspensionDays');
    expect((await through(people.manager, 'PUT', '/evaluation/sanctions/rules', { rules: [], ladder: { windowDays: 1, suspensionDays: 1 }, automatic: false })).status).toBe(403);
  });

});

describe('offences of every kind', () => {
  it("counts a scorecard series by its latest version's standing: a correction out of failing withdraws it, one back to failing counts again", async () => {
    const people = agency();
    const vendorId = randomUUID();
    const october = randomUUID();
    const scorecard = (scorecardId: string, period: string, version: number, standing: 'failing' | 'warning', correctionOf?: string) =>
      ScorecardPublished.create({
        subject: scorecardId,
        origin: { agencyId: people.agencyId, correlationId: randomUUID() },
        data: {
          scorecardId,
          agencyId: people.agencyId,
          party: vendorId,
          vendorId,
          serviceType: 'maintenance',
          period,
          periodStart: `${period}-01T00:00:00+08:00`,
          periodEnd: period === '2026-10' ? '2026-11-01T00:00:00+08:00' : '2026-12-01T00:00:00+08:00',
          version,
          score: standing === 'failing' ? 52.5 : 66,
          standing,
          rankedAmong: 3,
          publishedBy: 'manager-chen',
          publishedAt: clock.now().toISOString(),
          ...(correctionOf ? { correctionOf, reason: 'inspection scores re-entered' } : {}),
        },
      });
    const counted = async () => {
      const rows: Array<{ source_ref: string; withdrawn: boolean }> = await database.query(
        `SELECT source_ref, withdrawn_at IS NOT NULL AS withdrawn FROM sanction_offence WHERE agency_id = $1 AND kind = 'failing-scorecard' ORDER BY source_ref`,
        [people.agencyId],
      );
      return rows;
    };
    // Under the defaults two failing scorecards in 180 days propose a suspension.
    await publish(scorecard(october, '2026-10', 1, 'failing'), ScorecardPublished.topic);
    const correction = randomUUID();
    await publish(scorecard(correction, '2026-10', 2, 'warning', october), ScorecardPublished.topic);
    await waitFor(async () => (await counted())[0]?.withdrawn === true || undefined, { description: 'the corrected scorecard withdrawn' });
    await publish(scorecard(randomUUID(), '2026-11', 1, 'failing'), ScorecardPublished.topic);
    await waitFor(async () => (await counted()).length === 2 || undefined, { description: "November's failing scorecard" });
    expect(await proposalsOf(people, vendorId)).toEqual([]);

    await publish(scorecard(randomUUID(), '2026-10', 3, 'failing', correction), ScorecardPublished.topic);
    const proposal = await waitFor(async () => (await proposalsOf(people, vendorId))[0], { description: 'the suspension proposal' });
    expect(proposal).toMatchObject({ measure: 'suspension', suspensionDays: 30, figure: 2, threshold: 2, rule: { key: 'failing-scorecard>=2/180d:suspension-30d' } });
    expect(await counted()).toEqual([
      { source_ref: 'maintenance:2026-10', withdrawn: false },
      { source_ref: 'maintenance:2026-11', withdrawn: false },
    ]);
  });

  it('climbs the ladder: three overdue rectifications earn a warning, three more after it a suspension (the default rules)', async () => {
    const people = agency();
    const vendorId = randomUUID();
    const overdue = async (days: number) => {
      const noticeId = randomUUID();
      const deadline = new Date(clock.now().getTime() - days * DAY).toISOString();
      await publish(
        RectificationOverdue.create({
          subject: noticeId,
          origin: { agencyId: people.agencyId, correlationId: randomUUID() },
          data: { noticeId, agencyId: people.agencyId, party: vendorId, vendorId, deadline, escalatedAt: clock.now().toISOString(), escalateTo: 'logistics-manager', answerable: [{ kind: 'vendor', vendorId }] },
        }),
        RectificationOverdue.topic,
      );
    };
    for (const days of [5, 4, 3]) await overdue(days);
    const warning = await waitFor(async () => (await proposalsOf(people, vendorId))[0], { description: 'the warning proposal' });
    expect(warning).toMatchObject({ measure: 'warning', figure: 3, rule: { key: 'overdue-rectification>=3/90d:warning' } });
    const confirmed = await through(people.manager, 'POST', `/evaluation/sanctions/proposals/${String(warning['id'])}/confirm`, {});
    expect(confirmed.body['sanction']).toMatchObject({ measure: 'warning', status: 'issued', inForce: false });
    expect((await published(people.agencyId, 'houqin.evaluation.vendor.warned.v1')).map((row) => row.data)).toEqual([expect.objectContaining({ vendorId, rule: 'overdue-rectification>=3/90d:warning' })]);

    // The warned notices never count again for the rule: two more do not reach three, the third does, and the warning raises it to a suspension.
    for (const days of [2, 1]) await overdue(days);
    await waitFor(async () => (await offencesOf(people.agencyId, vendorId)) === 5 || undefined, { description: 'five overdue notices' });
    expect(await proposalsOf(people, vendorId)).toHaveLength(1);
    await overdue(0);
    const raised = await waitFor(async () => (await proposalsOf(people, vendorId)).find((proposal) => proposal['status'] === 'open'), { description: 'the raised proposal' });
    expect(raised).toMatchObject({ measure: 'suspension', suspensionDays: 30, escalatedFrom: 'warning', figure: 3 });
  });

  it('counts upheld complaints under the default rules: the third in 90 days proposes a warning', async () => {
    const people = agency();
    const vendorId = randomUUID();
    for (const day of [2, 1, 0]) {
      const complaintId = randomUUID();
      await publish(
        ComplaintUpheld.create({
          subject: complaintId,
          origin: { agencyId: people.agencyId, correlationId: randomUUID() },
          data: {
            complaintId,
            agencyId: people.agencyId,
            party: vendorId,
            vendorId,
            category: 'service-quality',
            severity: 'minor',
            reasons: '维修后仍漏水',
            decidedBy: 'manager-chen',
            decidedAt: new Date(clock.now().getTime() - day * DAY).toISOString(),
            onAppeal: false,
            answerable: [{ kind: 'vendor', vendorId }],
          },
        }),
        ComplaintUpheld.topic,
      );
    }
    const proposal = await waitFor(async () => (await proposalsOf(people, vendorId))[0], { description: 'the warning proposal' });
    expect(proposal).toMatchObject({ measure: 'warning', figure: 3, threshold: 3, rule: { key: 'upheld-complaint>=3/90d:warning' } });
  });
});
