import { randomUUID } from 'node:crypto';
import { InProcessBroker } from '@houqin/messaging';
import { procurementService } from '@houqin/procurement';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TestDatabase, createTestDatabase, inProcessServiceEnv, internalToken, testCaller, waitFor } from '@houqin/testing';

/**
 * Budgets, approval chains and requisitions (采购申请) against the real procurement service and
 * PostgreSQL: the chain an amount calls for, segregation of duties, the budget committed on final
 * approval under a row lock, and every step's event in the outbox.
 */
describe('procurement requisitions', () => {
  const agencyId = `agency-${randomUUID()}`;
  const requester = testCaller({ agencyId, userId: 'staff-1', roles: ['staff'] });
  const approver = testCaller({ agencyId, userId: 'approver-1', roles: ['approver'] });
  const secondApprover = testCaller({ agencyId, userId: 'approver-2', roles: ['approver'] });
  const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });
  const admin = testCaller({ agencyId, userId: 'admin-1', roles: ['agency-admin', 'approver'] });
  const deputy = testCaller({ agencyId, userId: 'deputy-1', roles: ['staff', 'approver'] });
  const stranger = testCaller({ agencyId: `agency-${randomUUID()}`, userId: 'approver-9', roles: ['approver', 'agency-admin'] });
  let database: TestDatabase;
  let procurement: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('procurement_requisitions');
    procurement = await startService(procurementService, {
      env: inProcessServiceEnv(database.url, { BID_SEALING_KEY: TEST_BID_SEALING_KEY }),
      broker: new InProcessBroker(),
    });
  });

  afterAll(async () => {
    await procurement?.shutdown();
    await database?.drop();
  });

  async function call(caller: ReturnType<typeof testCaller>, method: string, path: string, body?: unknown) {
    const response = await fetch(`${procurement.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${internalToken(caller)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
  }

  async function allocate(category: string, allocated: number): Promise<string> {
    const answer = await call(admin, 'POST', '/budgets', { fiscalYear: 2026, category, allocated });
    expect(answer.status).toBe(201);
    return answer.body['id'] as string;
  }

  /** A submitted requisition of one line costing `amount` fen. */
  async function submitted(by: ReturnType<typeof testCaller>, category: string, amount: number): Promise<string> {
    const raised = await call(by, 'POST', '/requisitions', {
      title: `Purchase of ${amount} fen`,
      fiscalYear: 2026,
      category,
      lines: [{ description: 'Filing cabinets', quantity: 1, estimatedUnitPrice: amount }],
    });
    expect(raised.status).toBe(201);
    const id = raised.body['id'] as string;
    expect((await call(by, 'POST', `/requisitions/${id}/submit`)).status).toBe(200);
    return id;
  }

  async function outboxOf(subject: string): Promise<Array<{ event_type: string; envelope: { data: Record<string, unknown> } }>> {
    return database.query(`SELECT event_type, envelope FROM outbox_event WHERE message_key = $1 ORDER BY position`, [subject]);
  }

  let suppliesBudget: string;

  it('allocates a budget per fiscal year and category, once, showing allocated, committed, spent and available', async () => {
    suppliesBudget = await allocate('supplies', 50_000_000);
    const budget = await call(manager, 'GET', `/budgets/${suppliesBudget}`);
    expect(budget.body).toMatchObject({ fiscalYear: 2026, category: 'supplies', allocated: 50_000_000, committed: 0, spent: 0, available: 50_000_000 });
    const again = await call(admin, 'POST', '/budgets', { fiscalYear: 2026, category: 'supplies', allocated: 1_000 });
    expect(again.status).toBe(409);
    expect(again.body['errors']).toEqual([expect.objectContaining({ field: 'category', rule: 'unique' })]);
    expect(((await call(manager, 'GET', '/budgets?fiscalYear=2026')).body as unknown as Array<{ id: string }>).map((b) => b.id)).toEqual([suppliesBudget]);
    expect((await call(manager, 'GET', '/budgets?fiscalYear=2025')).body).toEqual([]);
    expect((await call(stranger, 'GET', `/budgets/${suppliesBudget}`)).status).toBe(404);
    expect((await outboxOf(suppliesBudget)).map((row) => row.event_type)).toEqual(['houqin.procurement.budget.allocated.v1']);
  });

  it('answers the default approval policy while the agency has set none', async () => {
    const policy = await call(requester, 'GET', '/approval-policy');
    expect(policy.status).toBe(200);
    expect(policy.body).toMatchObject({
      isDefault: true,
      tiers: [
        { upTo: 5_000_000, steps: ['approver'] },
        { upTo: 50_000_000, steps: ['approver', 'logistics-manager'] },
        { upTo: null, steps: ['approver', 'logistics-manager', 'agency-admin'] },
      ],
      methodThresholds: { directPurchaseBelow: 5_000_000, requestForQuotationBelow: 100_000_000 },
    });
  });

  it('walks a requisition through its chain to approval, committing the budget and choosing the method, with an event for each step', async () => {
    const raised = await call(requester, 'POST', '/requisitions', {
      title: 'Furniture for the new archive room',
      departmentId: 'general-office',
      fiscalYear: 2026,
      category: 'supplies',
      lines: [
        { description: 'Steel filing cabinet, 4 drawers', quantity: 30, estimatedUnitPrice: 300_000 },
        { itemCode: 'FUR-DESK-160', quantity: 10, estimatedUnitPrice: 300_000 },
      ],
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ status: 'draft', total: 12_000_000, requestedBy: 'staff-1', steps: [] });
    const id = raised.body['id'] as string;

    const submittedAnswer = await call(requester, 'POST', `/requisitions/${id}/submit`);
    expect(submittedAnswer.body).toMatchObject({ status: 'submitted', steps: [{ role: 'approver' }, { role: 'logistics-manager' }], currentStep: { step: 1, role: 'approver' } });

    const first = await call(approver, 'POST', `/requisitions/${id}/approve`, { comment: 'Within the plan' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'submitted', currentStep: { step: 2, role: 'logistics-manager' } });
    expect((first.body['steps'] as unknown[])[0]).toMatchObject({ role: 'approver', approvedBy: 'approver-1', comment: 'Within the plan' });

    const last = await call(manager, 'POST', `/requisitions/${id}/approve`, {});
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ status: 'approved', procurementMethod: 'request-for-quotation' });
    expect(last.body['currentStep']).toBeUndefined();

    expect((await call(manager, 'GET', `/budgets/${suppliesBudget}`)).body).toMatchObject({ committed: 12_000_000, available: 38_000_000 });
    expect((await call(manager, 'GET', `/requisitions/${id}`)).body).toMatchObject({ status: 'approved', procurementMethod: 'request-for-quotation' });
    expect(((await call(manager, 'GET', '/requisitions?status=approved')).body as unknown as Array<{ id: string }>).map((r) => r.id)).toContain(id);

    const events = await outboxOf(id);
    expect(events.map((row) => row.event_type)).toEqual([
      'houqin.procurement.requisition.submitted.v1',
      'houqin.procurement.requisition.step-approved.v1',
      'houqin.procurement.requisition.approved.v1',
    ]);
    expect(events[1]!.envelope.data).toMatchObject({ step: 1, of: 2, role: 'approver', approvedBy: 'approver-1', nextRole: 'logistics-manager' });
    expect(events[2]!.envelope.data).toMatchObject({ total: 12_000_000, procurementMethod: 'request-for-quotation', budgetId: suppliesBudget, departmentId: 'general-office' });
    const commitments = await outboxOf(suppliesBudget);
    expect(commitments.map((row) => row.event_type)).toEqual(['houqin.procurement.budget.allocated.v1', 'houqin.procurement.budget.committed.v1']);
    expect(commitments[1]!.envelope.data).toMatchObject({ requisitionId: id, amount: 12_000_000, committed: 12_000_000, overspend: 0 });
    // The relay publishes what the transaction wrote.
    await waitFor(async () => {
      const rows = await database.query<{ unpublished: string }>(`SELECT count(*) AS unpublished FROM outbox_event WHERE message_key = $1 AND published_at IS NULL`, [id]);
      return rows[0]!.unpublished === '0';
    }, { description: 'the requisition events to be published' });

    const again = await call(manager, 'POST', `/requisitions/${id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.type).toContain('application/problem+json');
    expect(again.body).toMatchObject({ type: 'urn:houqin:problem:illegal-transition', currentState: 'approved' });
    expect((await call(requester, 'POST', `/requisitions/${id}/withdraw`, {})).body).toMatchObject({ currentState: 'approved' });
  });

  it('refuses to let the requester approve their own requisition, even holding the approver role', async () => {
    const id = await submitted(deputy, 'supplies', 100_000);
    const own = await call(deputy, 'POST', `/requisitions/${id}/approve`, {});
    expect(own.status).toBe(422);
    expect(own.type).toContain('application/problem+json');
    expect(own.body).toMatchObject({ type: 'urn:houqin:problem:self-approval' });
    expect(String(own.body['detail'])).toContain('can never approve');
    expect((await call(deputy, 'POST', `/requisitions/${id}/reject`, { reason: 'changed my mind' })).body).toMatchObject({ type: 'urn:houqin:problem:self-approval' });
    expect((await call(deputy, 'GET', `/requisitions/${id}`)).body).toMatchObject({ status: 'submitted', currentStep: { step: 1, role: 'approver' } });
  });

  it('refuses an approver whose role is not the current step’s', async () => {
    const id = await submitted(requester, 'supplies', 100_000);
    const wrong = await call(manager, 'POST', `/requisitions/${id}/approve`, {});
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ type: 'urn:houqin:problem:not-current-approver', detail: 'step 1 of 1 is for a approver to approve' });
    expect((await outboxOf(id)).map((row) => row.event_type)).toEqual(['houqin.procurement.requisition.submitted.v1']);
  });

  it('rejects with a reason and closes the requisition', async () => {
    const id = await submitted(requester, 'supplies', 200_000);
    const noReason = await call(approver, 'POST', `/requisitions/${id}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body['errors']).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    const rejected = await call(approver, 'POST', `/requisitions/${id}/reject`, { reason: 'Stock on hand covers the quarter' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejection: { rejectedBy: 'approver-1', reason: 'Stock on hand covers the quarter' } });
    expect((await call(requester, 'POST', `/requisitions/${id}/submit`)).body).toMatchObject({ currentState: 'rejected' });
    const events = await outboxOf(id);
    expect(events.map((row) => row.event_type)).toEqual(['houqin.procurement.requisition.submitted.v1', 'houqin.procurement.requisition.rejected.v1']);
    expect(events[1]!.envelope.data).toMatchObject({ role: 'approver', rejectedBy: 'approver-1', reason: 'Stock on hand covers the quarter' });
  });

  it('lets the requester alone withdraw before the final approval', async () => {
    const id = await submitted(requester, 'supplies', 300_000);
    const notTheirs = await call(admin, 'POST', `/requisitions/${id}/withdraw`, {});
    expect(notTheirs.status).toBe(422);
    expect(notTheirs.body).toMatchObject({ type: 'urn:houqin:problem:requester-only' });
    const withdrawn = await call(requester, 'POST', `/requisitions/${id}/withdraw`, { reason: 'Bought through the framework agreement' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawal: { withdrawnBy: 'staff-1', reason: 'Bought through the framework agreement' } });
    expect((await call(approver, 'POST', `/requisitions/${id}/approve`, {})).body).toMatchObject({ status: 409, currentState: 'withdrawn' });
    expect((await outboxOf(id)).map((row) => row.event_type)).toEqual(['houqin.procurement.requisition.submitted.v1', 'houqin.procurement.requisition.withdrawn.v1']);
  });

  it('lets exactly one of two concurrent final approvals take the last of a budget', async () => {
    const budget = await allocate('cleaning', 3_000_000);
    const [a, b] = [await submitted(requester, 'cleaning', 2_000_000), await submitted(requester, 'cleaning', 2_000_000)];
    const answers = await Promise.all([call(approver, 'POST', `/requisitions/${a}/approve`, {}), call(secondApprover, 'POST', `/requisitions/${b}/approve`, {})]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
    const refused = answers.find((answer) => answer.status === 422)!;
    expect(refused.body).toMatchObject({ type: 'urn:houqin:problem:budget-exceeded', errors: [expect.objectContaining({ field: 'amount' })] });
    expect(String(refused.body['detail'])).toContain('(1000000 fen) available');
    const state = (await call(manager, 'GET', `/budgets/${budget}`)).body;
    expect(state).toMatchObject({ allocated: 3_000_000, committed: 2_000_000, available: 1_000_000 });
    const loser = answers[0]!.status === 422 ? a : b;
    expect((await call(manager, 'GET', `/requisitions/${loser}`)).body).toMatchObject({ status: 'submitted', currentStep: { step: 1, role: 'approver' } });
    expect((await outboxOf(loser)).map((row) => row.event_type)).toEqual(['houqin.procurement.requisition.submitted.v1']);
    expect((await outboxOf(budget)).map((row) => row.event_type)).toEqual(['houqin.procurement.budget.allocated.v1', 'houqin.procurement.budget.committed.v1']);

    // Only an agency admin may commit beyond the budget, and the reason is kept with the commitment.
    expect((await call(approver, 'POST', `/requisitions/${loser}/approve`, { budgetOverrideReason: 'urgent' })).body).toMatchObject({
      type: 'urn:houqin:problem:override-not-authorised',
    });
    expect((await call(admin, 'POST', `/requisitions/${loser}/approve`, { budgetOverrideReason: 'Flood clean-up ordered by the bureau chief' })).status).toBe(200);
    expect((await call(manager, 'GET', `/budgets/${budget}`)).body).toMatchObject({ committed: 4_000_000, available: -1_000_000 });
    expect(await database.query(`SELECT overspend, override_by, override_reason FROM budget_commitment WHERE requisition_id = $1`, [loser])).toEqual([
      { overspend: '1000000', override_by: 'admin-1', override_reason: 'Flood clean-up ordered by the bureau chief' },
    ]);
  });

  it('refuses to approve without a budget for the year and category', async () => {
    const id = await submitted(requester, 'security', 100_000);
    const answer = await call(approver, 'POST', `/requisitions/${id}/approve`, {});
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ type: 'urn:houqin:problem:no-budget', errors: [expect.objectContaining({ field: 'category' })] });
  });

  it('follows the agency’s own approval policy once set', async () => {
    const refused = await call(admin, 'PUT', '/approval-policy', {
      tiers: [{ upTo: 1_000_000, steps: ['approver'] }, { upTo: 1_000_000, steps: ['logistics-manager'] }, { upTo: null, steps: ['agency-admin'] }],
      methodThresholds: { directPurchaseBelow: 1_000_000, requestForQuotationBelow: 10_000_000 },
    });
    expect(refused.status).toBe(422);
    expect(refused.body['errors']).toEqual([expect.objectContaining({ field: 'tiers[1].upTo', rule: 'tiers-not-ascending' })]);

    const set = await call(admin, 'PUT', '/approval-policy', {
      tiers: [{ upTo: 1_000_000, steps: ['logistics-manager'] }, { upTo: null, steps: ['approver', 'agency-admin'] }],
      methodThresholds: { directPurchaseBelow: 100_000, requestForQuotationBelow: 1_000_000 },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ isDefault: false, updatedBy: 'admin-1' });
    expect((await call(approver, 'GET', '/approval-policy')).body).toMatchObject({ isDefault: false, tiers: [{ upTo: 1_000_000 }, { upTo: null }] });
    expect((await outboxOf(agencyId)).map((row) => row.event_type)).toEqual(['houqin.procurement.approval-policy.updated.v1']);

    const id = await submitted(requester, 'supplies', 500_000);
    expect((await call(approver, 'GET', `/requisitions/${id}`)).body).toMatchObject({ steps: [{ role: 'logistics-manager' }] });
    expect((await call(manager, 'POST', `/requisitions/${id}/approve`, {})).body).toMatchObject({ status: 'approved', procurementMethod: 'request-for-quotation' });
  });

  it('answers bad input with a 400 problem naming the field', async () => {
    const fractional = await call(requester, 'POST', '/requisitions', {
      title: 'Paper',
      category: 'supplies',
      lines: [{ description: 'A4 paper', quantity: 1.5, estimatedUnitPrice: 12.5 }],
    });
    expect(fractional.status).toBe(400);
    expect(fractional.type).toContain('application/problem+json');
    expect((fractional.body['errors'] as Array<{ field: string }>).map((error) => error.field)).toEqual(
      expect.arrayContaining(['lines[0].quantity', 'lines[0].estimatedUnitPrice']),
    );
    const unknown = await call(requester, 'POST', '/requisitions', { title: 'Paper', category: 'supplies', lines: [], approved: true });
    expect(unknown.status).toBe(400);
    expect((unknown.body['errors'] as Array<{ field: string }>).map((error) => error.field)).toEqual(expect.arrayContaining(['approved', 'lines']));
    const noItem = await call(requester, 'POST', '/requisitions', { title: 'Paper', category: 'supplies', lines: [{ quantity: 1, estimatedUnitPrice: 100 }] });
    expect(noItem.status).toBe(422);
    expect(noItem.body['errors']).toEqual([expect.objectContaining({ field: 'lines[0].description' })]);
    expect((await call(requester, 'GET', '/requisitions?status=pending')).body['errors']).toEqual([expect.objectContaining({ field: 'status' })]);
    expect((await call(admin, 'POST', '/budgets', { fiscalYear: 2026, category: 'supplies', allocated: '100' })).body['errors']).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'allocated' })]),
    );
    expect((await call(requester, 'GET', '/requisitions/not-a-uuid')).status).toBe(400);
  });

  it('keeps requisitions within their agency', async () => {
    const id = await submitted(requester, 'supplies', 100_000);
    expect((await call(stranger, 'GET', `/requisitions/${id}`)).status).toBe(404);
    expect((await call(stranger, 'POST', `/requisitions/${id}/approve`, {})).status).toBe(404);
    expect((await call(stranger, 'GET', '/requisitions')).body).toEqual([]);
  });
});
