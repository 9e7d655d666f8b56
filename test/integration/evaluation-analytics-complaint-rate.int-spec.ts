import { randomUUID } from 'node:crypto';
import { WorkOrderVerified } from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller } from '@houqin/testing';

/**
 * The complaint rate (投诉率) of the reform-effect analytics against the real evaluation service and
 * PostgreSQL: the complaints about maintenance filed through the complaints API in a month (China
 * Standard Time), withdrawn ones left out and rejected ones counted, over the work orders maintenance
 * verified in that month — not another month's, another service type's or another agency's.
 */
describe('evaluation: the complaint rate of the reform-effect analytics', () => {
  const broker = new InProcessBroker();
  const clock = new FixedClock(new Date('2026-03-20T04:00:00Z'));
  const agencyId = `agency-${randomUUID()}`;
  const otherAgencyId = `agency-${randomUUID()}`;
  const vendorId = randomUUID();
  let database: TestDatabase;
  let evaluation: RunningService;

  const who = (userId: string, roles: Caller['roles'], agency = agencyId): Caller => testCaller({ agencyId: agency, userId, roles });
  const staff = who('staff-wang', ['staff']);
  const colleague = who('staff-zhao', ['staff']);
  const manager = who('manager-li', ['logistics-manager']);
  const call = async (caller: Caller, method: string, path: string, body?: unknown) => {
    const answer = await callService(evaluation.url, caller, method, path, body);
    return { status: answer.status, body: answer.body as Record<string, unknown> };
  };

  /** A work order of the vendor verified at `verifiedAt`, as maintenance announces it. */
  async function verified(agency: string, verifiedAt: string): Promise<string> {
    const workOrderId = randomUUID();
    const at = (minutesBefore: number) => new Date(new Date(verifiedAt).getTime() - minutesBefore * 60_000).toISOString();
    const event = WorkOrderVerified.create({
      subject: workOrderId,
      origin: { agencyId: agency, correlationId: randomUUID() },
      data: {
        workOrderId,
        origin: 'repair-request',
        repairRequestId: randomUUID(),
        priority: 'normal',
        category: 'hvac',
        location: { building: 'Building A' },
        vendorId,
        contractId: randomUUID(),
        reportedBy: 'staff-wang',
        reportedAt: at(300),
        acceptedAt: at(240),
        completedAt: at(60),
        responseMinutes: 60,
        resolutionMinutes: 240,
        onHoldMinutes: 0,
        reopenCount: 0,
        firstTimeFix: true,
        cost: { labourFen: 20_000, partsFen: 0, extraFen: 0, totalFen: 20_000 },
        verifiedBy: 'staff-wang',
        verifiedAt,
      },
    });
    await broker.publish(WorkOrderVerified.topic, workOrderId, Buffer.from(JSON.stringify(event)));
    return workOrderId;
  }

  /** A complaint filed through the API when the clock says `filedAt`; answers its id. */
  async function complaint(caller: Caller, filedAt: string, about: Record<string, unknown>): Promise<string> {
    clock.set(new Date(filedAt));
    const filed = await call(caller, 'POST', '/complaints', { category: 'service-quality', description: '维修后当天又坏了', ...about });
    expect(filed.status).toBe(201);
    return String(filed.body['id']);
  }

  beforeAll(async () => {
    database = await createTestDatabase('evaluation_complaint_rate');
    const env = inProcessServiceEnv(database.url, { SURVEY_SWEEP_INTERVAL_MS: '3600000', COMPLAINT_SWEEP_INTERVAL_MS: '3600000' });
    evaluation = await startService(evaluationService, { env, broker, clock });
  });

  afterAll(async () => {
    await evaluation?.shutdown();
    await database?.drop();
  });

  it('counts the month’s complaints received (rejected too, withdrawn not) per 100 work orders verified in it, both in China Standard Time', async () => {
    // 7 work orders verified in March (CST): the first at midnight on 1 March in Beijing (still 28 February in UTC).
    const march = ['2026-02-28T16:00:00Z', '2026-03-02T02:00:00Z', '2026-03-05T06:00:00Z', '2026-03-09T03:00:00Z', '2026-03-12T08:00:00Z', '2026-03-17T01:00:00Z', '2026-03-19T07:00:00Z'];
    const workOrders: string[] = [];
    for (const verifiedAt of march) workOrders.push(await verified(agencyId, verifiedAt));
    // Not March's: verified at 00:10 on 1 April in Beijing; and another agency's work orders.
    await verified(agencyId, '2026-03-31T16:10:00Z');
    for (const verifiedAt of march.slice(0, 3)) await verified(otherAgencyId, verifiedAt);
    const about = (index: number) => ({ serviceType: 'maintenance', instanceId: workOrders[index] });

    // Counted (3): one filed at 00:30 on 1 March in Beijing, one left undecided, one rejected after investigation.
    await complaint(staff, '2026-02-28T16:30:00Z', about(0));
    await complaint(colleague, '2026-03-06T02:00:00Z', about(1));
    const rejected = await complaint(staff, '2026-03-10T02:00:00Z', about(2));
    expect((await call(manager, 'POST', `/complaints/${rejected}/triage`, { severity: 'minor', investigatorId: 'manager-li' })).status).toBe(200);
    const decision = await call(manager, 'POST', `/complaints/${rejected}/decision`, { outcome: 'rejected', reasons: '复查空调运行正常' });
    expect(decision.body).toMatchObject({ status: 'decided', outcome: 'rejected' });

    // Not counted: withdrawn; about procurement; filed at 23:59:59 on 28 February in Beijing; another agency's.
    const withdrawn = await complaint(colleague, '2026-03-11T02:00:00Z', about(3));
    expect((await call(colleague, 'POST', `/complaints/${withdrawn}/withdraw`, { reason: '已经修好了' })).body).toMatchObject({ status: 'withdrawn' });
    await complaint(staff, '2026-03-12T02:00:00Z', { serviceType: 'procurement', vendorId });
    await complaint(staff, '2026-02-28T15:59:59Z', about(4));
    await complaint(who('staff-qian', ['staff'], otherAgencyId), '2026-03-13T02:00:00Z', about(5));

    clock.set(new Date('2026-03-20T04:00:00Z'));
    const report = await call(manager, 'GET', '/analytics/reform-effect?serviceType=maintenance&from=2026-02&to=2026-04&pivot=2026-03-01');
    expect(report.status).toBe(200);
    const months = report.body['months'] as Array<{ month: string; figures: Array<{ code: string; value: number | null; sampleSize: number }> }>;
    const rate = (key: string) => months.find((month) => month.month === key)?.figures.find((figure) => figure.code === 'complaint-rate');
    // 3 complaints over 7 verified work orders: 42.857… per 100.
    expect(rate('2026-03')).toEqual({ code: 'complaint-rate', value: 42.86, sampleSize: 7 });
    // February had a complaint but no verified work order: no rate, not a made-up one. April: 1 order, no complaint.
    expect(rate('2026-02')).toEqual({ code: 'complaint-rate', value: null, sampleSize: 0 });
    expect(rate('2026-04')).toEqual({ code: 'complaint-rate', value: 0, sampleSize: 1 });
    // From March on: 3 complaints over 8 work orders, from the sums.
    const comparison = report.body['beforeAfter'] as { figures: Array<Record<string, unknown>> };
    expect(comparison.figures.find((figure) => figure['code'] === 'complaint-rate')).toMatchObject({ before: null, after: 37.5 });
    expect((report.body['figures'] as Array<Record<string, unknown>>).find((figure) => figure['code'] === 'complaint-rate')).toMatchObject({
      instancesKpiCode: 'maintenance.first-time-fix',
      better: 'lower',
    });

    const dashboard = await call(manager, 'GET', '/dashboard');
    expect(dashboard.body).toMatchObject({ month: '2026-03', maintenanceThisMonth: { complaintRate: 42.86 } });
    // The other agency: 1 complaint over its 3 work orders.
    const other = await call(who('manager-zhou', ['logistics-manager'], otherAgencyId), 'GET', '/analytics/reform-effect?serviceType=maintenance&from=2026-03&to=2026-03');
    expect((other.body['months'] as Array<{ figures: Array<{ code: string; value: number | null }> }>)[0]?.figures.find((figure) => figure.code === 'complaint-rate')?.value).toBe(33.33);
  });
});
