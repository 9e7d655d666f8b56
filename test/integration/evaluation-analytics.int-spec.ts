import { randomUUID } from 'node:crypto';
import { platformEvents } from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, internalToken, testCaller } from '@houqin/testing';
import { KPI_EVENT_TYPES, foldFacts } from '../../libs/services/evaluation/src/kpis/domain/kpi-facts';
import { sumsForPeriod } from '../../libs/services/evaluation/src/kpis/domain/kpi-values';
import { parsePeriod, periodOf } from '../../libs/services/evaluation/src/kpis/domain/period';
import { ScenarioEvent, kpiScenario } from '../../libs/services/evaluation/src/kpis/kpi-scenario';

/**
 * Reform-effect analytics (改革效果评估) against the real evaluation service: a year of an agency's
 * maintenance history, delivered as events, gives each month's cost per work order and SLA
 * compliance as the events say (all vendors and the internal team together), satisfaction from the
 * answers staff gave, the change around the date the agency outsourced, and the same report as CSV.
 */
describe('evaluation: reform-effect analytics', () => {
  const broker = new InProcessBroker();
  const agencyId = randomUUID();
  const otherAgencyId = randomUUID();
  const vendors = [randomUUID(), randomUUID(), randomUUID()];
  const VENDOR_NAMES = ['北京安泰楼宇设备维保有限公司', '北京华信物业管理有限公司', '=HYPERLINK("http://evil")'];
  let database: TestDatabase;
  let evaluation: RunningService;
  let events: ScenarioEvent[];

  const manager = (agency = agencyId): Caller => testCaller({ agencyId: agency, userId: 'manager-1', roles: ['logistics-manager'] });
  const staff = testCaller({ agencyId, userId: 'staff-1', roles: ['staff'] });
  const call = (caller: Caller, method: string, path: string, body?: unknown) => callService(evaluation.url, caller, method, path, body);

  async function deliver(event: ScenarioEvent): Promise<void> {
    const contract = platformEvents.get(event.type);
    const envelope = contract.create({ subject: event.subject, origin: { agencyId: event.agencyId, correlationId: randomUUID() }, data: event.data, id: event.id, time: new Date(event.time) });
    await broker.publish(contract.topic, event.subject, Buffer.from(JSON.stringify(envelope)));
  }

  /** A month's figure from the events alone, every party of the agency together. */
  function expectedMonth(key: string, code: string, scale: (numerator: number, denominator: number) => number): number | null {
    const rows = [...sumsForPeriod(foldFacts(events).values(), parsePeriod(key)).values()].filter((row) => row.code === code);
    const numerator = rows.reduce((sum, row) => sum + row.numerator, 0);
    const denominator = rows.reduce((sum, row) => sum + row.denominator, 0);
    return denominator > 0 ? scale(numerator, denominator) : null;
  }
  const percent = (n: number, d: number) => Math.round((n * 10_000) / d) / 100;
  const meanFen = (n: number, d: number) => Math.round(n / d);

  const verifiedIn = (month: string) =>
    events.filter((event) => event.type === KPI_EVENT_TYPES.workOrderVerified && periodOf(new Date(event.time), 'month').key === month).map((event) => event.subject);

  beforeAll(async () => {
    database = await createTestDatabase('evaluation_analytics');
    evaluation = await startService(evaluationService, { env: inProcessServiceEnv(database.url), broker, clock: new FixedClock(new Date('2026-03-20T04:00:00Z')) });
    events = kpiScenario({ agencyId, seed: 2026, vendors, workOrders: 120, receipts: 0, year: 2026 });
    for (const event of events) await deliver(event);
    // Procurement's registry names the vendors; exports name them as registered.
    for (const [index, vendorId] of vendors.entries()) {
      await deliver({
        id: randomUUID(),
        type: 'houqin.procurement.vendor.registered.v1',
        time: new Date('2026-01-02T01:00:00Z').toISOString(),
        agencyId,
        subject: vendorId,
        data: {
          vendorId,
          name: VENDOR_NAMES[index],
          unifiedSocialCreditCode: '91110000802100433B',
          categories: ['maintenance'],
          contact: { name: '刘工', phone: '13901010002' },
          status: 'active',
          registeredBy: 'manager-1',
          registeredAt: new Date('2026-01-02T01:00:00Z').toISOString(),
        },
      });
    }
    // Another agency's history must not leak into this one's figures.
    for (const event of kpiScenario({ agencyId: otherAgencyId, seed: 7, vendors, workOrders: 20, receipts: 0, year: 2026 })) await deliver(event);
  });

  afterAll(async () => {
    await evaluation?.shutdown();
    await database?.drop();
  });

  async function answer(workOrderId: string, overall: number): Promise<void> {
    const [survey] = await database.query<{ id: string; questions: Array<{ code: string }> }>(`SELECT id, questions FROM survey WHERE agency_id = $1 AND instance_id = $2`, [agencyId, workOrderId]);
    if (!survey) throw new Error(`no survey was issued for work order ${workOrderId}`);
    const scores = Object.fromEntries(survey.questions.map((question) => [question.code, overall]));
    const answered = await call(staff, 'POST', `/surveys/${survey.id}/answer`, { scores });
    expect(answered.status).toBe(200);
  }

  it('gives each month’s cost per work order and SLA compliance as the events say, for this agency only', async () => {
    const report = await call(manager(), 'GET', '/analytics/reform-effect?serviceType=maintenance&from=2026-01&to=2026-12');
    expect(report.status).toBe(200);
    const months = report.body['months'] as Array<{ month: string; figures: Array<{ code: string; value: number | null; sampleSize: number }> }>;
    expect(months.map((month) => month.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    let measured = 0;
    for (const month of months) {
      const figure = (code: string) => month.figures.find((value) => value.code === code)?.value;
      expect([month.month, figure('cost-per-unit')]).toEqual([month.month, expectedMonth(month.month, 'maintenance.cost-per-work-order', meanFen)]);
      expect([month.month, figure('sla-compliance')]).toEqual([month.month, expectedMonth(month.month, 'maintenance.resolution-within-sla', percent)]);
      if (figure('cost-per-unit') !== null) measured += 1;
    }
    expect(measured).toBeGreaterThan(6);
  });

  it('takes satisfaction from the answers of the services completed in each month, and compares before and after the pivot', async () => {
    const [march1, march2] = verifiedIn('2026-03');
    const [september] = verifiedIn('2026-09');
    await answer(march1!, 2);
    await answer(march2!, 3);
    await answer(september!, 5);
    const report = await call(manager(), 'GET', '/analytics/reform-effect?serviceType=maintenance&from=2026-01&to=2026-12&pivot=2026-07-01');
    expect(report.status).toBe(200);
    const months = report.body['months'] as Array<{ month: string; figures: Array<{ code: string; value: number | null; sampleSize: number }> }>;
    const satisfaction = (key: string) => months.find((month) => month.month === key)?.figures.find((figure) => figure.code === 'satisfaction');
    expect(satisfaction('2026-03')).toEqual({ code: 'satisfaction', value: 2.5, sampleSize: 2 });
    expect(satisfaction('2026-09')).toEqual({ code: 'satisfaction', value: 5, sampleSize: 1 });
    expect(satisfaction('2026-05')).toEqual({ code: 'satisfaction', value: null, sampleSize: 0 });
    const comparison = report.body['beforeAfter'] as { pivotMonth: string; monthsBefore: number; monthsAfter: number; figures: Array<Record<string, unknown>> };
    expect(comparison).toMatchObject({ pivotMonth: '2026-07', monthsBefore: 6, monthsAfter: 6 });
    expect(comparison.figures.find((figure) => figure['code'] === 'satisfaction')).toMatchObject({ before: 2.5, after: 5, change: 2.5, changePercent: 100, improved: true });
    const firstHalf = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    const halfCost = (keys: string[]) => {
      const rows = keys.flatMap((key) => [...sumsForPeriod(foldFacts(events).values(), parsePeriod(key)).values()]).filter((row) => row.code === 'maintenance.cost-per-work-order');
      return meanFen(rows.reduce((sum, row) => sum + row.numerator, 0), rows.reduce((sum, row) => sum + row.denominator, 0));
    };
    expect(comparison.figures.find((figure) => figure['code'] === 'cost-per-unit')).toMatchObject({ before: halfCost(firstHalf) });
  });

  it('shows the month of the service’s clock on the dashboard, with the figures the supervisors compare', async () => {
    const [report, dashboard] = await Promise.all([
      call(manager(), 'GET', '/analytics/reform-effect?serviceType=maintenance&from=2026-03&to=2026-03'),
      call(manager(), 'GET', '/dashboard'),
    ]);
    expect(dashboard.status).toBe(200);
    const march = (report.body['months'] as Array<{ figures: Array<{ code: string; value: number | null }> }>)[0]!.figures;
    const value = (code: string) => march.find((figure) => figure.code === code)?.value;
    expect(dashboard.body).toMatchObject({
      month: '2026-03',
      maintenanceThisMonth: { costPerWorkOrderFen: value('cost-per-unit'), slaCompliance: value('sla-compliance'), satisfaction: 2.5, surveyAnswers: 2 },
      surveys: { openFollowUps: 1 },
    });
    expect(value('cost-per-unit')).not.toBeNull();
  });

  it('exports the report as CSV in UTF-8 with a byte-order mark, one row per month and figure', async () => {
    const response = await fetch(`${evaluation.url}/analytics/reform-effect/export?serviceType=maintenance&from=2026-03&to=2026-04&pivot=2026-04-01`, {
      headers: { authorization: `Bearer ${internalToken(manager())}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('agency,service type,month,figure,label,unit,value,sample size');
    // 2 months × 4 figures, then before/after × 4 figures, then the final empty line.
    expect(lines).toHaveLength(1 + 8 + 8 + 1);
    expect(lines.filter((line) => line.startsWith(`${agencyId},maintenance,2026-03,`))).toHaveLength(4);
  });

  it.each([
    ['serviceType=plumbing&from=2026-01&to=2026-02', 'serviceType'],
    ['from=2026-01&to=2026-02', 'serviceType'],
    ['serviceType=maintenance&to=2026-02', 'from'],
    ['serviceType=maintenance&from=2026-13&to=2027-02', 'from'],
    ['serviceType=maintenance&from=2026-03&to=2026-02', 'to'],
    ['serviceType=maintenance&from=2016-01&to=2026-02', 'to'],
    ['serviceType=maintenance&from=2026-01&to=2026-02&pivot=2026-02-30', 'pivot'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const answer = await call(manager(), 'GET', `/analytics/reform-effect?${query}`);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain(`"${field}"`);
  });

  async function csv(path: string): Promise<{ status: number; lines: string[][] }> {
    const response = await fetch(`${evaluation.url}${path}`, { headers: { authorization: `Bearer ${internalToken(manager())}` } });
    // response.text() would drop the byte-order mark; the bytes keep it.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    if (response.status !== 200) return { status: response.status, lines: [[text]] };
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // The exports here hold no quoted commas except in the defused formula name.
    return { status: response.status, lines: text.slice(1).split('\r\n').filter((line) => line !== '').map((line) => line.split(',')) };
  }

  it('exports the period’s KPI values naming each vendor as procurement registered it', async () => {
    const { lines } = await csv('/analytics/exports/kpi-values?period=2026-03&serviceType=maintenance');
    const [header, ...rows] = lines;
    expect(header).toEqual(['period', 'service type', 'party', 'vendor', 'kpi', 'name', 'unit', 'value', 'target', 'weight', 'sample size']);
    const json = await call(manager(), 'GET', '/kpis/values?period=2026-03&serviceType=maintenance');
    const expected = (json.body as unknown as Array<{ party: string; kpis: Array<{ code: string; value: number | null }> }>).flatMap((party) => party.kpis.map((kpi) => `${party.party}|${kpi.code}|${kpi.value ?? ''}`));
    expect(rows.map((row) => `${row[2]}|${row[4]}|${row[7]}`).sort()).toEqual(expected.sort());
    expect(rows.find((row) => row[2] === vendors[0])?.[3]).toBe(VENDOR_NAMES[0]);
    expect(rows.find((row) => row[2] === 'internal-team')?.[3]).toBe('Internal team (内部后勤班组)');
    // A vendor name that a spreadsheet would run as a formula is defused.
    const hostile = rows.find((row) => row[2] === vendors[2]);
    expect(hostile?.[3]?.startsWith('"\'=HYPERLINK(')).toBe(true);
  });

  it('exports the scorecard standings in rank order and the survey response rates', async () => {
    const standings = await csv('/analytics/exports/scorecards?period=2026-03&serviceType=maintenance');
    const [header, ...rows] = standings.lines;
    expect(header?.slice(0, 8)).toEqual(['period', 'service type', 'party', 'vendor', 'rank', 'ranked among', 'score', 'standing']);
    const drafts = (await call(manager(), 'GET', '/scorecards/drafts?serviceType=maintenance&period=2026-03')).body as unknown as Array<{ party: string; rank: number | null; score: number | null }>;
    expect(rows.map((row) => [row[2], row[4], row[6]])).toEqual(drafts.map((draft) => [draft.party, draft.rank === null ? '' : String(draft.rank), draft.score === null ? '' : String(draft.score)]));
    const rates = await csv('/analytics/exports/survey-response-rates?period=2026-03');
    expect(rates.lines[0]).toEqual(['period', 'service type', 'party', 'vendor', 'issued', 'answered', 'expired', 'pending', 'response rate', 'mean score']);
    const answered = rates.lines.slice(1).reduce((sum, row) => sum + Number(row[5]), 0);
    expect(answered).toBe(2);
    expect((await csv('/analytics/exports/scorecards?period=2026-03')).status).toBe(400);
    expect((await csv('/analytics/exports/kpi-values?period=March')).status).toBe(400);
  });
});
