import { randomUUID } from 'node:crypto';
import { evaluationService } from '@houqin/evaluation';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';

/**
 * Work on hold leaves a trace: a work order put on hold (with its reason) and resumed in the real
 * maintenance service reaches evaluation's audit trail (审计留痕) as work-order.held and
 * work-order.resumed, with who, when and why, on one in-process broker, each service with its own
 * PostgreSQL database.
 */
describe('a work order on hold in the audit trail', () => {
  const agencyId = randomUUID();
  const requester = testCaller({ agencyId, userId: 'staff-1', roles: ['staff'] });
  const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });
  const auditor = testCaller({ agencyId, userId: 'auditor-1', roles: ['auditor'] });
  let evaluationDb: TestDatabase;
  let maintenanceDb: TestDatabase;
  let evaluation: RunningService;
  let maintenance: RunningService;

  beforeAll(async () => {
    const broker = new InProcessBroker();
    [evaluationDb, maintenanceDb] = await Promise.all([createTestDatabase('hold_audit_evaluation'), createTestDatabase('hold_audit_maintenance')]);
    // Evaluation first, so its consumer is subscribed before anything is published.
    evaluation = await startService(evaluationService, { env: inProcessServiceEnv(evaluationDb.url, { LOG_LEVEL: 'fatal' }), broker });
    maintenance = await startService(maintenanceService, { env: inProcessServiceEnv(maintenanceDb.url, { LOG_LEVEL: 'fatal' }), broker });
  });

  afterAll(async () => {
    await maintenance?.shutdown();
    await evaluation?.shutdown();
    await Promise.all([maintenanceDb?.drop(), evaluationDb?.drop()]);
  });

  const work = (path: string, body: unknown = {}) => callService(maintenance.url, manager, 'POST', path, body);

  it('shows why the resolution clock stopped and when work resumed', async () => {
    const reported = await callService(maintenance.url, requester, 'POST', '/repair-requests', { location: { building: 'Main Building', room: '204' }, description: 'The window will not close' });
    expect(reported.status).toBe(201);
    const triaged = await work(`/repair-requests/${reported.body['id'] as string}/triage`, { category: 'building' });
    expect(triaged.status).toBe(201);
    const workOrder = triaged.body['id'] as string;
    // The internal team (内部后勤班组) takes the work: a logistics manager acts for it.
    expect((await work(`/work-orders/${workOrder}/assign`, { internal: true })).status).toBe(200);
    expect((await work(`/work-orders/${workOrder}/accept`)).status).toBe(200);
    expect((await work(`/work-orders/${workOrder}/start`)).status).toBe(200);
    expect((await work(`/work-orders/${workOrder}/hold`, { reason: 'The occupant must choose the replacement handle' })).status).toBe(200);
    expect((await callService(maintenance.url, requester, 'POST', `/work-orders/${workOrder}/resume`)).status).toBe(200);

    const trail = await waitFor(
      async () => {
        const answer = await callService(evaluation.url, auditor, 'GET', `/audit-trail?subject=${workOrder}`);
        const types = answer.body.map((entry) => entry['eventType']);
        return types.includes('houqin.maintenance.work-order.resumed.v1') ? answer.body : undefined;
      },
      { description: 'evaluation to record the hold and its end' },
    );
    const held = trail.find((entry) => entry['eventType'] === 'houqin.maintenance.work-order.held.v1');
    const resumed = trail.find((entry) => entry['eventType'] === 'houqin.maintenance.work-order.resumed.v1');
    expect(held?.['payload']).toMatchObject({ workOrderId: workOrder, heldBy: 'manager-1', reason: 'The occupant must choose the replacement handle' });
    expect(resumed?.['payload']).toMatchObject({ workOrderId: workOrder, resumedBy: 'staff-1', reason: 'The occupant must choose the replacement handle', heldMinutes: 0 });
    expect(Number(held?.['sequence'])).toBeLessThan(Number(resumed?.['sequence']));
  });
});
