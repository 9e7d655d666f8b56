import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ContractSigned, EventData, WorkOrderCancelled, WorkOrderVerified } from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';
import { SurveyResultsRepository } from '../../libs/services/evaluation/src/surveys/survey-results.repository';
import { SurveySweep } from '../../libs/services/evaluation/src/surveys/survey-sweep';
import { EvaluationWithReplica, RunningEvaluation, signedContract, startEvaluation } from './evaluation-fixture';

/**
 * Satisfaction surveys (满意度调查) against the real evaluation and maintenance services and
 * PostgreSQL, on the in-process broker, behind a real gateway: a repair request's work order
 * verified in maintenance issues a survey to the person who reported the fault, who sees and
 * answers it through the gateway, once; cancelled work gets none; sampling decides the same on
 * redelivery; a low score opens a follow-up (回访); reminders and expiry fire exactly once with two
 * replicas sweeping at once. Evaluation reads a fixed clock the tests move forward.
 */
const DAY = 24 * 3_600_000;
const HOUR = 3_600_000;
const broker = new InProcessBroker();
const clock = new FixedClock(new Date());
let maintenanceDb: TestDatabase;
let maintenance: RunningService;
let running: EvaluationWithReplica;
let evaluationDb: TestDatabase;
let evaluation: RunningService;
/** A second replica of evaluation on the same database (its own bus: it consumes nothing here). */
let replica: RunningService;

beforeAll(async () => {
  maintenanceDb = await createTestDatabase('surveys_maintenance');
  maintenance = await startService(maintenanceService, { env: inProcessServiceEnv(maintenanceDb.url), broker });
  // Sweeps run when the tests say so, not on a timer.
  const env = { SURVEY_SWEEP_INTERVAL_MS: '3600000' };
  running = await startEvaluation({ name: 'surveys', env, broker, clock, replica: true, gateway: { MAINTENANCE_URL: maintenance.url } });
  ({ database: evaluationDb, evaluation, replica } = running);
});

afterAll(async () => {
  await running?.shutdown();
  await maintenance?.shutdown();
  await maintenanceDb?.drop();
});

function agency() {
  const agencyId = `agency-${randomUUID()}`;
  return {
    agencyId,
    manager: testCaller({ agencyId, userId: 'manager-li', roles: ['staff', 'logistics-manager'] }),
    reporter: testCaller({ agencyId, userId: 'staff-wang', roles: ['staff'] }),
    colleague: testCaller({ agencyId, userId: 'staff-zhao', roles: ['staff'] }),
    evaluator: testCaller({ agencyId, userId: 'evaluator-sun', roles: ['evaluator'] }),
  };
}

const through: RunningEvaluation['through'] = (...request) => running.through(...request);

/** A repair request reported by `reporter`, done by the internal team, up to (not including) verification. */
async function completedRepair(people: ReturnType<typeof agency>): Promise<string> {
  const reported = await through(people.reporter, 'POST', '/maintenance/repair-requests', { location: { building: 'Building B', room: '204' }, description: '卫生间水龙头漏水', priority: 'normal' });
  expect(reported.status).toBe(201);
  const triaged = await through(people.manager, 'POST', `/maintenance/repair-requests/${String(reported.body['id'])}/triage`, { category: 'plumbing' });
  expect(triaged.status).toBe(201);
  const id = String(triaged.body['id']);
  expect((await through(people.manager, 'POST', `/maintenance/work-orders/${id}/assign`, { internal: true })).status).toBe(200);
  for (const step of ['accept', 'start', 'complete']) expect((await through(people.manager, 'POST', `/maintenance/work-orders/${id}/${step}`, {})).status).toBe(200);
  return id;
}

/** A vendor holding the agency's maintenance contract, as procurement announces it to maintenance. */
async function contractedVendor(people: ReturnType<typeof agency>): Promise<string> {
  const data = signedContract({ agencyId: people.agencyId, vendorId: randomUUID(), signedAt: new Date().toISOString() });
  const event = ContractSigned.create({ subject: data.contractId, origin: { agencyId: people.agencyId, correlationId: randomUUID() }, data });
  await broker.publish(ContractSigned.topic, data.contractId, Buffer.from(JSON.stringify(event)));
  return data.vendorId;
}

type SurveyRow = { id: string; status: string; respondent_id: string; party: string; instance_id: string };
const surveysOf = (agencyId: string): Promise<SurveyRow[]> =>
  evaluationDb.query(`SELECT id, status, respondent_id, party, instance_id FROM survey WHERE agency_id = $1 ORDER BY instance_id`, [agencyId]);

async function surveyFor(agencyId: string, instanceId: string): Promise<SurveyRow> {
  return waitFor(async () => (await evaluationDb.query<SurveyRow>(`SELECT id, status, respondent_id, party, instance_id FROM survey WHERE agency_id = $1 AND instance_id = $2`, [agencyId, instanceId]))[0], {
    description: `the survey of ${instanceId}`,
  });
}

const eventsOf = (subject: string) => running.outboxOf(subject);

/** A work order verified, as maintenance announces it (delivered as a new event each time: past the inbox). */
async function deliverVerified(agencyId: string, data: { workOrderId: string; reportedBy: string; vendorId?: string; origin?: EventData<typeof WorkOrderVerified>['origin'] }): Promise<void> {
  const at = new Date().toISOString();
  const event = WorkOrderVerified.create({
    subject: data.workOrderId,
    origin: { agencyId, correlationId: randomUUID() },
    data: {
      workOrderId: data.workOrderId,
      origin: data.origin ?? 'repair-request',
      ...(data.origin === 'preventive-plan' ? { preventivePlanId: randomUUID() } : { repairRequestId: randomUUID() }),
      priority: 'normal',
      category: 'plumbing',
      location: { building: 'Building C' },
      ...(data.vendorId ? { vendorId: data.vendorId, contractId: randomUUID() } : {}),
      reportedBy: data.reportedBy,
      reportedAt: at,
      acceptedAt: at,
      completedAt: at,
      responseMinutes: 5,
      resolutionMinutes: 60,
      onHoldMinutes: 0,
      reopenCount: 0,
      firstTimeFix: true,
      cost: { labourFen: 0, partsFen: 0, extraFen: 0, totalFen: 0 },
      verifiedBy: data.reportedBy,
      verifiedAt: at,
    },
  });
  await broker.publish(WorkOrderVerified.topic, data.workOrderId, Buffer.from(JSON.stringify(event)));
}

const good = { timeliness: 5, quality: 4, attitude: 5, overall: 5 };

describe('evaluation: satisfaction surveys (满意度调查)', () => {
  it("issues a survey to the person who reported the fault when its work order is verified; they see it and answer it once through the gateway, and no one else can", async () => {
    const people = agency();
    const workOrderId = await completedRepair(people);
    expect(await surveysOf(people.agencyId)).toEqual([]);
    expect((await through(people.reporter, 'POST', `/maintenance/work-orders/${workOrderId}/verify`)).status).toBe(200);

    const issued = await surveyFor(people.agencyId, workOrderId);
    expect(issued).toMatchObject({ status: 'pending', respondent_id: 'staff-wang', party: 'internal-team' });
    const pending = await through(people.reporter, 'GET', '/evaluation/surveys/pending');
    expect(pending.status).toBe(200);
    expect(pending.body.map((survey) => survey['id'])).toEqual([issued.id]);
    expect(pending.body[0]).toMatchObject({ serviceType: 'maintenance', instanceId: workOrderId, status: 'pending' });
    expect((pending.body[0]!['questions'] as Array<{ code: string }>).map((question) => question.code)).toEqual(['timeliness', 'quality', 'attitude', 'overall']);
    expect((await through(people.colleague, 'GET', '/evaluation/surveys/pending')).body).toEqual([]);

    // Someone else's survey does not exist for them; staff may not list the agency's surveys.
    expect((await through(people.colleague, 'POST', `/evaluation/surveys/${issued.id}/answer`, { scores: good })).status).toBe(404);
    expect((await through(people.colleague, 'GET', `/evaluation/surveys/${issued.id}`)).status).toBe(404);
    expect((await through(people.reporter, 'GET', '/evaluation/surveys')).status).toBe(403);

    const incomplete = await through(people.reporter, 'POST', `/evaluation/surveys/${issued.id}/answer`, { scores: { timeliness: 5, overall: 5 } });
    expect(incomplete.status).toBe(422);
    expect(JSON.stringify(incomplete.body)).toContain('scores.quality');
    const offScale = await through(people.reporter, 'POST', `/evaluation/surveys/${issued.id}/answer`, { scores: { ...good, quality: 9 } });
    expect(offScale.status).toBe(400);
    expect(JSON.stringify(offScale.body)).toContain('scores');

    const answered = await through(people.reporter, 'POST', `/evaluation/surveys/${issued.id}/answer`, { scores: good, comment: '师傅很快就修好了' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answer: { scores: good, overall: 5, comment: '师傅很快就修好了' } });
    expect(answered.body['followUpId']).toBeUndefined();

    const again = await through(people.reporter, 'POST', `/evaluation/surveys/${issued.id}/answer`, { scores: { ...good, overall: 1 } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'answered' });
    expect((await through(people.reporter, 'GET', '/evaluation/surveys/pending')).body).toEqual([]);
    expect(await evaluationDb.query(`SELECT overall FROM survey_answer WHERE survey_id = $1`, [issued.id])).toEqual([{ overall: 5 }]);

    const events = await eventsOf(issued.id);
    expect(events.map((event) => event.type)).toEqual(['houqin.evaluation.survey.issued.v1', 'houqin.evaluation.survey.answered.v1']);
    expect(events[0]!.data).toMatchObject({ serviceType: 'maintenance', instanceId: workOrderId, party: 'internal-team', respondentId: 'staff-wang', questions: ['timeliness', 'quality', 'attitude', 'overall'] });
    expect(events[1]!.data).toMatchObject({ scores: good, overall: 5, comment: '师傅很快就修好了' });
  });

  it('refuses a second answer for the same person and instance even when two arrive at once', async () => {
    const people = agency();
    const workOrderId = randomUUID();
    await deliverVerified(people.agencyId, { workOrderId, reportedBy: 'staff-wang' });
    const { id } = await surveyFor(people.agencyId, workOrderId);
    const answers = await Promise.all([1, 2, 3].map((overall) => callService(evaluation.url, people.reporter, 'POST', `/surveys/${id}/answer`, { scores: { ...good, overall } })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    expect(await evaluationDb.query(`SELECT count(*)::int AS answers FROM survey_answer WHERE instance_id = $1`, [workOrderId])).toEqual([{ answers: 1 }]);
    expect((await eventsOf(id)).filter((event) => event.type === 'houqin.evaluation.survey.answered.v1')).toHaveLength(1);
  });

  it('issues no survey for cancelled work, nor when a completion of the cancelled work arrives later', async () => {
    const people = agency();
    const vendorId = await contractedVendor(people);
    const reported = await through(people.reporter, 'POST', '/maintenance/repair-requests', { location: { building: 'Building B' }, description: '走廊灯不亮', priority: 'low' });
    const triaged = await through(people.manager, 'POST', `/maintenance/repair-requests/${String(reported.body['id'])}/triage`, { category: 'electrical' });
    const workOrderId = String(triaged.body['id']);
    expect((await through(people.manager, 'POST', `/maintenance/work-orders/${workOrderId}/assign`, { vendorId })).status).toBe(200);
    expect((await through(people.manager, 'POST', `/maintenance/work-orders/${workOrderId}/cancel`, { reason: '重复报修' })).status).toBe(200);
    await waitFor(async () => (await evaluationDb.query(`SELECT 1 FROM survey_cancelled_instance WHERE instance_id = $1`, [workOrderId])).length > 0, { description: 'the cancellation to reach evaluation' });

    await deliverVerified(people.agencyId, { workOrderId, reportedBy: 'staff-wang' });
    expect(await surveysOf(people.agencyId)).toEqual([]);
    expect((await through(people.reporter, 'GET', '/evaluation/surveys/pending')).body).toEqual([]);
  });

  it('withdraws an unanswered survey whose service is cancelled afterwards, and keeps an answered one', async () => {
    const people = agency();
    const [unanswered, answered] = [randomUUID(), randomUUID()];
    for (const workOrderId of [unanswered, answered]) await deliverVerified(people.agencyId, { workOrderId, reportedBy: 'staff-wang' });
    const answeredSurvey = await surveyFor(people.agencyId, answered);
    expect((await callService(evaluation.url, people.reporter, 'POST', `/surveys/${answeredSurvey.id}/answer`, { scores: good })).status).toBe(200);
    for (const workOrderId of [unanswered, answered]) {
      const event = WorkOrderCancelled.create({
        subject: workOrderId,
        origin: { agencyId: people.agencyId, correlationId: randomUUID() },
        data: { workOrderId, origin: 'repair-request', priority: 'normal', category: 'plumbing', location: { building: 'Building C' }, previousStatus: 'in-progress', reason: '报修人撤回', cancelledBy: 'manager-li', cancelledAt: new Date().toISOString() },
      });
      await broker.publish(WorkOrderCancelled.topic, workOrderId, Buffer.from(JSON.stringify(event)));
    }
    expect((await surveysOf(people.agencyId)).map((survey) => [survey.instance_id, survey.status]).sort()).toEqual(
      [
        [unanswered, 'withdrawn'],
        [answered, 'answered'],
      ].sort(),
    );
    const withdrawn = await surveyFor(people.agencyId, unanswered);
    expect((await eventsOf(withdrawn.id)).map((event) => event.type)).toEqual(['houqin.evaluation.survey.issued.v1', 'houqin.evaluation.survey.withdrawn.v1']);
    expect((await callService(evaluation.url, people.reporter, 'POST', `/surveys/${withdrawn.id}/answer`, { scores: good })).body).toMatchObject({ currentState: 'withdrawn' });
  });

  it('issues one survey per instance however often its completion is delivered, and none for work raised by the platform', async () => {
    const people = agency();
    const workOrderId = randomUUID();
    for (let delivery = 0; delivery < 3; delivery += 1) await deliverVerified(people.agencyId, { workOrderId, reportedBy: 'staff-wang' });
    await deliverVerified(people.agencyId, { workOrderId: randomUUID(), reportedBy: 'facility-owner', origin: 'preventive-plan' });
    const surveys = await surveysOf(people.agencyId);
    expect(surveys.map((survey) => survey.instance_id)).toEqual([workOrderId]);
    expect((await eventsOf(surveys[0]!.id)).map((event) => event.type)).toEqual(['houqin.evaluation.survey.issued.v1']);
  });

  it("samples at the agency's rate per service type, deciding the same for a redelivered completion", async () => {
    const people = agency();
    expect((await through(people.manager, 'GET', '/evaluation/surveys/sampling')).body).toContainEqual({ serviceType: 'maintenance', percent: 100, source: 'default' });
    expect((await through(people.reporter, 'PUT', '/evaluation/surveys/sampling', { serviceType: 'maintenance', percent: 50 })).status).toBe(403);
    expect((await through(people.manager, 'PUT', '/evaluation/surveys/sampling', { serviceType: 'maintenance', percent: 101 })).status).toBe(400);
    expect((await through(people.manager, 'PUT', '/evaluation/surveys/sampling', { serviceType: 'laundry', percent: 50 })).status).toBe(400);
    expect((await through(people.manager, 'PUT', '/evaluation/surveys/sampling', { serviceType: 'maintenance', percent: 50 })).body).toEqual({ serviceType: 'maintenance', percent: 50, source: 'agency' });

    const instances = Array.from({ length: 40 }, () => randomUUID());
    for (const workOrderId of instances) await deliverVerified(people.agencyId, { workOrderId, reportedBy: 'staff-wang' });
    const firstRound = (await surveysOf(people.agencyId)).map((survey) => survey.instance_id);
    // About half, not none and not all.
    expect(firstRound.length).toBeGreaterThan(5);
    expect(firstRound.length).toBeLessThan(35);
    // Delivered again (new event ids, past the inbox): the same instances and no others.
    for (const workOrderId of instances) await deliverVerified(people.agencyId, { workOrderId, reportedBy: 'staff-wang' });
    expect((await surveysOf(people.agencyId)).map((survey) => survey.instance_id)).toEqual(firstRound);

    expect((await through(people.manager, 'PUT', '/evaluation/surveys/sampling', { serviceType: 'maintenance', percent: 0 })).status).toBe(200);
    await deliverVerified(people.agencyId, { workOrderId: randomUUID(), reportedBy: 'staff-wang' });
    expect(await surveysOf(people.agencyId)).toHaveLength(firstRound.length);
  });

  it('opens a follow-up (回访) for the logistics manager on a low overall score, closed once with a note', async () => {
    const people = agency();
    const vendorId = randomUUID();
    const [low, borderline, fine] = [randomUUID(), randomUUID(), randomUUID()];
    for (const workOrderId of [low, borderline, fine]) await deliverVerified(people.agencyId, { workOrderId, reportedBy: 'staff-wang', vendorId });
    const answer = async (workOrderId: string, overall: number) =>
      through(people.reporter, 'POST', `/evaluation/surveys/${(await surveyFor(people.agencyId, workOrderId)).id}/answer`, { scores: { ...good, overall }, comment: '维修后仍然漏水' });
    const lowAnswer = await answer(low, 1);
    expect(lowAnswer.body['followUpId']).toEqual(expect.any(String));
    expect((await answer(borderline, 2)).body['followUpId']).toEqual(expect.any(String));
    expect((await answer(fine, 3)).body['followUpId']).toBeUndefined();

    expect((await through(people.reporter, 'GET', '/evaluation/survey-follow-ups')).status).toBe(403);
    const open = await through(people.manager, 'GET', '/evaluation/survey-follow-ups?status=open');
    expect(open.body.map((followUp) => [followUp['instanceId'], followUp['overall']])).toEqual([
      [low, 1],
      [borderline, 2],
    ]);
    expect(open.body[0]).toMatchObject({ party: vendorId, respondentId: 'staff-wang', comment: '维修后仍然漏水', status: 'open' });
    const followUpId = String(lowAnswer.body['followUpId']);
    expect((await through(people.manager, 'POST', `/evaluation/survey-follow-ups/${followUpId}/close`, { note: '' })).status).toBe(400);
    const closed = await through(people.manager, 'POST', `/evaluation/survey-follow-ups/${followUpId}/close`, { note: '已电话回访，安排返修' });
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'manager-li', note: '已电话回访，安排返修' });
    expect((await through(people.manager, 'POST', `/evaluation/survey-follow-ups/${followUpId}/close`, { note: 'again' })).body).toMatchObject({ currentState: 'closed' });
    expect((await through(people.manager, 'GET', '/evaluation/survey-follow-ups?status=open')).body.map((followUp) => followUp['instanceId'])).toEqual([borderline]);
    expect((await eventsOf((await surveyFor(people.agencyId, low)).id))[1]!.data).toMatchObject({ overall: 1, followUpId });
  });

  it('tracks response rates per party and service type for the period, and offers scorecards the satisfaction of a party', async () => {
    const people = agency();
    const [vendorA, vendorB] = [randomUUID(), randomUUID()];
    const instances = { a1: randomUUID(), a2: randomUUID(), a3: randomUUID(), b1: randomUUID(), internal: randomUUID() };
    for (const [key, workOrderId] of Object.entries(instances)) {
      await deliverVerified(people.agencyId, { workOrderId, reportedBy: 'staff-wang', ...(key.startsWith('a') ? { vendorId: vendorA } : key.startsWith('b') ? { vendorId: vendorB } : {}) });
    }
    for (const [workOrderId, overall] of [
      [instances.a1, 4],
      [instances.a2, 5],
      [instances.internal, 3],
    ] as const) {
      const { id } = await surveyFor(people.agencyId, workOrderId);
      expect((await callService(evaluation.url, people.reporter, 'POST', `/surveys/${id}/answer`, { scores: { ...good, overall } })).status).toBe(200);
    }
    const month = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 7);
    expect((await through(people.reporter, 'GET', `/evaluation/surveys/response-rates?period=${month}`)).status).toBe(403);
    expect((await through(people.evaluator, 'GET', '/evaluation/surveys/response-rates?period=2026-13')).status).toBe(400);
    const rates = await through(people.evaluator, 'GET', `/evaluation/surveys/response-rates?period=${month}`);
    expect(rates.status).toBe(200);
    const rows = rates.body['rows'] as unknown as Array<Record<string, unknown>>;
    const row = (party: string) => rows.find((candidate) => candidate['party'] === party);
    expect(row(vendorA)).toMatchObject({ serviceType: 'maintenance', issued: 3, answered: 2, pending: 1, expired: 0, responseRate: 2 / 3, meanScore: 4.5 });
    expect(row(vendorB)).toMatchObject({ issued: 1, answered: 0, responseRate: 0, meanScore: null });
    expect(row('internal-team')).toMatchObject({ issued: 1, answered: 1, responseRate: 1, meanScore: 3 });
    expect(rates.body['total']).toMatchObject({ issued: 5, answered: 3, responseRate: 3 / 5, meanScore: 4 });
    expect(((await through(people.evaluator, 'GET', `/evaluation/surveys/response-rates?period=${month}&party=${vendorB}`)).body['rows'] as unknown[]).length).toBe(1);
    // The previous year holds none of them.
    expect((await through(people.evaluator, 'GET', `/evaluation/surveys/response-rates?period=${Number(month.slice(0, 4)) - 1}`)).body['rows']).toEqual([]);

    const results = evaluation.app.get(SurveyResultsRepository);
    const manager = evaluation.app.get(DataSource).manager;
    const year = Number(month.slice(0, 4));
    const period = { kind: 'year' as const, key: String(year), start: new Date(Date.UTC(year, 0, 1) - 8 * HOUR), end: new Date(Date.UTC(year + 1, 0, 1) - 8 * HOUR) };
    expect(await results.satisfaction(manager, people.agencyId, { kind: 'vendor', vendorId: vendorA }, 'maintenance', period)).toEqual({ issued: 3, answered: 2, responseRate: 2 / 3, meanScore: 4.5 });
    expect(await results.satisfaction(manager, people.agencyId, { kind: 'internal-team' }, 'maintenance', period)).toEqual({ issued: 1, answered: 1, responseRate: 1, meanScore: 3 });
    expect(await results.satisfaction(manager, people.agencyId, { kind: 'vendor', vendorId: vendorA }, 'transport', period)).toEqual({ issued: 0, answered: 0, responseRate: null, meanScore: null });
  });

  // Moves the shared clock: keep last.
  it('reminds before expiry and expires unanswered surveys exactly once, with two replicas sweeping at once', async () => {
    const people = agency();
    const instances = Array.from({ length: 30 }, () => randomUUID());
    for (const workOrderId of instances) await deliverVerified(people.agencyId, { workOrderId, reportedBy: 'staff-wang' });
    const surveys = await waitFor(async () => {
      const rows = await surveysOf(people.agencyId);
      return rows.length === instances.length ? rows : undefined;
    });
    const answeredEarly = surveys[0]!;
    expect((await callService(evaluation.url, people.reporter, 'POST', `/surveys/${answeredEarly.id}/answer`, { scores: good })).status).toBe(200);
    const sweeps = [evaluation, replica].map((service) => service.app.get(SurveySweep));
    const mine = new Set(surveys.map((survey) => survey.id));
    /** Four sweeps at once, two per replica; what they did to this agency's surveys. */
    const sweepTogether = async () => {
      const results = await Promise.all([...sweeps, ...sweeps].map((sweep) => sweep.sweep()));
      const reminded = results.flatMap((result) => result.reminded);
      const expired = results.flatMap((result) => result.expired);
      // No survey of any agency taken by two sweeps.
      expect(new Set(reminded).size).toBe(reminded.length);
      expect(new Set(expired).size).toBe(expired.length);
      return { reminded: reminded.filter((id) => mine.has(id)).sort(), expired: expired.filter((id) => mine.has(id)).sort() };
    };
    const countOf = async (type: string) =>
      (await evaluationDb.query<{ subject: string; count: number }>(
        `SELECT message_key AS subject, count(*)::int AS count FROM outbox_event WHERE event_type = $1 AND message_key = ANY($2) GROUP BY message_key`,
        [type, surveys.map((survey) => survey.id)],
      )) as Array<{ subject: string; count: number }>;
    const unanswered = surveys.slice(1).map((survey) => survey.id).sort();

    // Default terms: open 14 days, reminded 48 hours before.
    clock.advance(12 * DAY - HOUR);
    expect(await sweepTogether()).toEqual({ reminded: [], expired: [] });
    clock.advance(HOUR);
    const reminding = await sweepTogether();
    expect(reminding.reminded).toEqual(unanswered);
    expect(reminding.expired).toEqual([]);
    expect(await sweepTogether()).toEqual({ reminded: [], expired: [] });
    const reminders = await countOf('houqin.evaluation.survey.reminded.v1');
    expect(reminders.map((row) => row.subject).sort()).toEqual(unanswered);
    expect(reminders.every((row) => row.count === 1)).toBe(true);

    // At the expiry instant, an answer is refused as expired before any sweep has recorded it.
    clock.advance(2 * DAY);
    const late = await through(people.reporter, 'POST', `/evaluation/surveys/${unanswered[0]!}/answer`, { scores: good });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ currentState: 'expired' });
    expect((await through(people.reporter, 'GET', '/evaluation/surveys/pending')).body).toEqual([]);
    const listed = await through(people.manager, 'GET', '/evaluation/surveys?status=expired&limit=200');
    expect(listed.body.filter((survey) => mine.has(String(survey['id']))).map((survey) => survey['status'])).toEqual(unanswered.map(() => 'expired'));
    expect((await through(people.manager, 'GET', '/evaluation/surveys?status=pending&limit=200')).body.filter((survey) => mine.has(String(survey['id'])))).toEqual([]);

    const expiring = await sweepTogether();
    expect(expiring.expired).toEqual(unanswered);
    expect(expiring.reminded).toEqual([]);
    expect(await sweepTogether()).toEqual({ reminded: [], expired: [] });
    const expiries = await countOf('houqin.evaluation.survey.expired.v1');
    expect(expiries.map((row) => row.subject).sort()).toEqual(unanswered);
    expect(expiries.every((row) => row.count === 1)).toBe(true);
    expect((await surveysOf(people.agencyId)).filter((survey) => survey.status === 'expired')).toHaveLength(unanswered.length);
    expect((await surveyFor(people.agencyId, answeredEarly.instance_id)).status).toBe('answered');
  });
});
