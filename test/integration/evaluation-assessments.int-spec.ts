import { randomUUID } from 'node:crypto';
import { FixedClock } from '@houqin/domain';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller } from '@houqin/testing';
import { startGateway, viaGateway } from './gateway-fixture';

/**
 * Third-party assessments (第三方评估) against the real evaluation service and PostgreSQL, and
 * through a real gateway: an agency engages an evaluator organisation whose accounts draft, revise
 * and submit assessments of vendors with evidence; a declared tie to the vendor refuses (422 naming
 * the tie); a submitted assessment is locked (409 naming its state, and the table refuses too); an
 * evaluator sees its own organisation's work only, and never another agency's.
 */
describe('evaluation: third-party assessments', () => {
  const broker = new InProcessBroker();
  const clock = new FixedClock(new Date('2026-12-05T02:00:00Z'));
  const east = `agency-east-${randomUUID()}`;
  const west = `agency-west-${randomUUID()}`;
  const adminEast = testCaller({ agencyId: east, userId: 'admin-east', roles: ['agency-admin'] });
  const adminWest = testCaller({ agencyId: west, userId: 'admin-west', roles: ['agency-admin'] });
  const evaluatorEast = testCaller({ agencyId: east, userId: 'evaluator-huaxin-1', roles: ['evaluator'] });
  const colleagueEast = testCaller({ agencyId: east, userId: 'evaluator-huaxin-2', roles: ['evaluator'] });
  const rivalEast = testCaller({ agencyId: east, userId: 'evaluator-zhongping-1', roles: ['evaluator'] });
  const evaluatorWest = testCaller({ agencyId: west, userId: 'evaluator-west-1', roles: ['evaluator'] });
  const outsider = testCaller({ agencyId: east, userId: 'evaluator-not-engaged', roles: ['evaluator'] });
  const vendors = { a: randomUUID(), b: randomUUID(), tied: randomUUID() };
  const evidence = [{ fileName: '现场检查记录.pdf', contentType: 'application/pdf', sizeBytes: 52_000, url: 'https://files.agency.example/assessments/site-check.pdf', sha256: 'AB'.repeat(32) }];
  const scores = (score: number) => ['workmanship', 'safety', 'records', 'conduct'].map((code) => ({ code, score }));
  let database: TestDatabase;
  let evaluation: RunningService;
  let gateway: RunningService;
  let huaxin: string;

  beforeAll(async () => {
    database = await createTestDatabase('evaluation_assessments');
    evaluation = await startService(evaluationService, { env: inProcessServiceEnv(database.url, { LOG_LEVEL: 'fatal' }), broker, clock });
    gateway = await startGateway({ EVALUATION_URL: evaluation.url });
    const registered = await call(adminEast, 'POST', '/evaluator-organisations', {
      name: '华信绩效评估有限公司',
      creditCode: '91350100MA2XY01234',
      accounts: [evaluatorEast.userId, colleagueEast.userId],
      from: '2026-01-01T00:00:00+08:00',
      until: '2027-01-01T00:00:00+08:00',
    });
    expect(registered.status).toBe(201);
    huaxin = registered.body.id as string;
    expect((await call(adminEast, 'POST', '/evaluator-organisations', { name: '中平评估', accounts: [rivalEast.userId], from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' })).status).toBe(201);
    expect((await call(adminWest, 'POST', '/evaluator-organisations', { name: '西城评估', accounts: [evaluatorWest.userId], from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' })).status).toBe(201);
  });

  afterAll(async () => {
    await gateway?.shutdown();
    await evaluation?.shutdown();
    await database?.drop();
  });

  const call = (caller: Caller, method: string, path: string, body?: unknown) => callService(evaluation.url, caller, method, path, body);
  const draft = (caller: Caller, vendorId: string, body: object = {}) => call(caller, 'POST', '/assessments', { vendorId, serviceType: 'maintenance', period: '2026-11', ...body });

  it('lets an evaluator of the engaged organisation draft, revise and submit an assessment with evidence; the overall score is the weighted mean', async () => {
    const drafted = await draft(evaluatorEast, vendors.a, { scores: scores(80).slice(0, 2) });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ status: 'draft', organisationId: huaxin, vendorId: vendors.a, period: '2026-11', criteria: expect.arrayContaining([expect.objectContaining({ code: 'workmanship', weight: 35 })]) });
    const id = drafted.body.id as string;

    const early = await call(evaluatorEast, 'POST', `/assessments/${id}/submit`);
    expect(early.status).toBe(422);
    expect(early.body.detail).toContain('missing: records, conduct');

    const revised = await call(colleagueEast, 'PATCH', `/assessments/${id}`, {
      scores: [{ code: 'workmanship', score: 100 }, { code: 'safety', score: 80 }, { code: 'records', score: 60 }, { code: 'conduct', score: 50, comment: '响应偏慢' }],
      evidence,
      summary: '11 月现场抽查三处',
    });
    expect(revised.status).toBe(200);
    const submitted = await call(evaluatorEast, 'POST', `/assessments/${id}/submit`);
    expect(submitted.status).toBe(200);
    // 100×35 + 80×25 + 60×20 + 50×20 = 7 700 points of 10 000
    expect(submitted.body).toMatchObject({ status: 'submitted', overallScore: 77, submittedBy: evaluatorEast.userId, evidence: [{ sha256: 'ab'.repeat(32) }] });
  });

  it('refuses changes and a second submission once submitted (409 naming the state), and the table refuses them too', async () => {
    const drafted = await draft(evaluatorEast, vendors.b, { scores: scores(90), evidence });
    const id = drafted.body.id as string;
    expect((await call(evaluatorEast, 'POST', `/assessments/${id}/submit`)).status).toBe(200);

    const change = await call(evaluatorEast, 'PATCH', `/assessments/${id}`, { scores: scores(40) });
    expect(change.status).toBe(409);
    expect(change.body).toMatchObject({ currentState: 'submitted' });
    const again = await call(evaluatorEast, 'POST', `/assessments/${id}/submit`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'submitted' });

    await expect(database.query(`UPDATE assessment SET overall_score = 10 WHERE id = $1`, [id])).rejects.toThrow(/submitted and locked/);
    await expect(database.query(`DELETE FROM assessment WHERE id = $1`, [id])).rejects.toThrow(/submitted and locked/);
    expect((await call(adminEast, 'GET', `/assessments/${id}`)).body).toMatchObject({ overallScore: 90 });
  });

  it('refuses an organisation that declared a tie to the vendor, naming the tie (conflict of interest)', async () => {
    const declared = await call(evaluatorEast, 'POST', `/evaluator-organisations/${huaxin}/ties`, { vendorId: vendors.tied, nature: 'shareholding', note: '股东持股 5%' });
    expect(declared.status).toBe(201);
    expect(declared.body.ties).toEqual([expect.objectContaining({ vendorId: vendors.tied, nature: 'shareholding', declaredBy: evaluatorEast.userId })]);

    const refused = await draft(colleagueEast, vendors.tied, { scores: scores(95) });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('urn:houqin:problem:conflict-of-interest');
    expect(refused.body.detail).toMatch(/华信绩效评估有限公司 declared a shareholding tie to vendor .* \(股东持股 5%\): conflict of interest/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'vendorId' })]);
    // Another organisation, without a tie, may assess the vendor.
    expect((await draft(rivalEast, vendors.tied)).status).toBe(201);
  });

  it('refuses a draft already under way once a tie is declared', async () => {
    const vendorId = randomUUID();
    const drafted = await draft(evaluatorEast, vendorId, { scores: scores(70), evidence });
    await call(adminEast, 'POST', `/evaluator-organisations/${huaxin}/ties`, { vendorId, nature: 'consulting' });
    const submit = await call(evaluatorEast, 'POST', `/assessments/${drafted.body.id as string}/submit`);
    expect(submit.status).toBe(422);
    expect(submit.body.type).toBe('urn:houqin:problem:conflict-of-interest');
  });

  it('refuses an evaluator account that acts for no engaged organisation, and an account named by two organisations', async () => {
    const refused = await draft(outsider, vendors.a);
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('urn:houqin:problem:no-evaluator-organisation');
    const twice = await call(adminEast, 'POST', '/evaluator-organisations', { name: '重复', accounts: [rivalEast.userId], from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' });
    expect(twice.status).toBe(409);
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'accounts' })]);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const answers = await Promise.all([
      draft(evaluatorEast, vendors.a, { period: '2026-13' }),
      draft(evaluatorEast, vendors.a, { scores: [{ code: 'workmanship', score: 120 }] }),
      draft(evaluatorEast, vendors.a, { evidence: [{ ...evidence[0], url: 'ftp://files/x.pdf' }] }),
      call(adminEast, 'POST', '/evaluator-organisations', { name: '', accounts: [], from: 'soon', until: '2027-01-01T00:00:00+08:00' }),
    ]);
    for (const answer of answers) expect(answer.status).toBe(400);
    const fields = answers.map((answer) => (answer.body.errors as Array<{ field: string }>).map((error) => error.field));
    expect(fields[0]).toContain('period');
    expect(fields[1]).toContain('scores[0].score');
    expect(fields[2]).toContain('evidence[0].url');
    expect(fields[3]).toEqual(expect.arrayContaining(['name', 'accounts', 'from']));
  });

  it("shows an evaluator only its own organisation's assessments; operators see all of the agency", async () => {
    const rivals = await draft(rivalEast, vendors.b);
    const own = await call(evaluatorEast, 'GET', '/assessments?limit=200');
    expect(own.status).toBe(200);
    expect(own.body.length).toBeGreaterThan(0);
    expect(own.body.every((assessment) => assessment.organisationId === huaxin)).toBe(true);
    expect((await call(evaluatorEast, 'GET', `/assessments/${rivals.body.id as string}`)).status).toBe(404);
    const all = await call(adminEast, 'GET', '/assessments?limit=200');
    expect(all.body.map((assessment) => assessment.id)).toEqual(expect.arrayContaining([rivals.body.id, ...own.body.map((assessment) => assessment.id)]));
    const organisations = await call(evaluatorEast, 'GET', '/evaluator-organisations');
    expect(organisations.body.map((organisation) => organisation.name)).toEqual(['华信绩效评估有限公司']);
  });

  describe('through the gateway', () => {
    it('lets an evaluator of agency East read East’s assessments and never West’s: X-Agency-Id West answers 404, West’s ids are unknown', async () => {
      const westDraft = await draft(evaluatorWest, vendors.a);
      expect(westDraft.status).toBe(201);

      const ownList = await viaGateway(gateway, 'GET', '/evaluation/assessments', { caller: evaluatorEast });
      expect(ownList.status).toBe(200);
      expect((ownList.body as unknown as Array<{ agencyId: string }>).every((assessment) => assessment.agencyId === east)).toBe(true);

      const aimedAtWest = await viaGateway(gateway, 'GET', '/evaluation/assessments', { caller: evaluatorEast, headers: { 'x-agency-id': west } });
      expect(aimedAtWest.status).toBe(404);
      const westOne = await viaGateway(gateway, 'GET', `/evaluation/assessments/${westDraft.body.id as string}`, { caller: evaluatorEast });
      expect(westOne.status).toBe(404);
      const draftInWest = await viaGateway(gateway, 'POST', '/evaluation/assessments', { caller: evaluatorEast, headers: { 'x-agency-id': west }, body: { vendorId: vendors.a, serviceType: 'maintenance', period: '2026-11' } });
      expect(draftInWest.status).toBe(404);
      const westOrganisations = await viaGateway(gateway, 'GET', '/evaluation/evaluator-organisations', { caller: evaluatorEast, headers: { 'x-agency-id': west } });
      expect(westOrganisations.status).toBe(404);
    });

    it('refuses an evaluator what only operators do (403): engaging organisations, publishing scorecards', async () => {
      const engage = await viaGateway(gateway, 'POST', '/evaluation/evaluator-organisations', { caller: evaluatorEast, body: { name: '自聘', accounts: ['x'], from: '2026-01-01T00:00:00+08:00', until: '2027-01-01T00:00:00+08:00' } });
      expect(engage.status).toBe(403);
      const publish = await viaGateway(gateway, 'POST', '/evaluation/scorecards', { caller: evaluatorEast, body: { party: vendors.a, serviceType: 'maintenance', period: '2026-11' } });
      expect(publish.status).toBe(403);
    });
  });
});
