import { randomUUID } from 'node:crypto';
import { ContractExpired, ContractSigned, EventContract, VendorSanctioned, VendorSuspended } from '@houqin/contracts';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';

/**
 * Work orders against the real maintenance service and PostgreSQL, with procurement's and
 * evaluation's events published on the in-process broker: the asset register, the contract
 * projection, assignment refusing vendors without an active contract and suspended or sanctioned
 * ones, automatic assignment when exactly one vendor fits, vendor isolation, and the whole
 * lifecycle with response and resolution times in the outbox.
 */
describe('maintenance work orders', () => {
  const broker = new InProcessBroker();
  const agencyId = `agency-${randomUUID()}`;
  const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });
  const requester = testCaller({ agencyId, userId: 'staff-1', roles: ['staff'] });
  const colleague = testCaller({ agencyId, userId: 'staff-2', roles: ['staff'] });
  const stranger = testCaller({ agencyId: `agency-${randomUUID()}`, userId: 'admin-9', roles: ['agency-admin'] });
  const vendors = { a: randomUUID(), b: randomUUID(), s: randomUUID(), x: randomUUID(), m1: randomUUID(), m2: randomUUID() };
  const vendorAccount = (vendorId: string): Caller => testCaller({ agencyId, userId: `vendor-user-${vendorId.slice(0, 8)}`, roles: ['vendor'], vendorId });
  let database: TestDatabase;
  let maintenance: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('maintenance_work_orders');
    maintenance = await startService(maintenanceService, {
      env: inProcessServiceEnv(database.url),
      broker,
    });
  });

  afterAll(async () => {
    await maintenance?.shutdown();
    await database?.drop();
  });

  const call = (caller: Caller, method: string, path: string, body?: unknown) => callService(maintenance.url, caller, method, path, body);

  async function clocksOf(workOrderId: string): Promise<Array<{ kind: string; status: string; target_ms: string }>> {
    return database.query(`SELECT kind, status, target_ms FROM sla_clock WHERE work_order_id = $1 ORDER BY kind`, [workOrderId]);
  }

  async function outboxOf(subject: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
    const rows: Array<{ event_type: string; envelope: { data: Record<string, unknown> } }> = await database.query(`SELECT event_type, envelope FROM outbox_event WHERE message_key = $1 ORDER BY position`, [subject]);
    return rows.map((row) => ({ type: row.event_type, data: row.envelope.data }));
  }

  async function publish<T>(contract: EventContract<T>, subject: string, data: T): Promise<string> {
    const event = contract.create({ subject, origin: { agencyId, correlationId: randomUUID() }, data });
    await broker.publish(contract.topic, subject, Buffer.from(JSON.stringify(event)));
    return JSON.stringify(event);
  }

  const hours = (responseHours: number, resolutionHours: number) => ({ responseHours, resolutionHours });
  function signed(vendorId: string, scope: { buildings?: string[]; assetCategories?: string[] }, overrides: Record<string, unknown> = {}) {
    const contractId = randomUUID();
    return {
      contractId,
      agencyId,
      vendorId,
      vendorName: `维修公司 ${vendorId.slice(0, 4)}`,
      serviceType: 'maintenance' as const,
      title: '办公楼维修服务',
      scope: { description: 'Repair and upkeep', ...scope },
      validFrom: '2026-01-01T00:00:00+08:00',
      validTo: '2099-01-01T00:00:00+08:00',
      slaTerms: { serviceType: 'maintenance' as const, priorities: { urgent: hours(1, 4), high: hours(4, 24), normal: hours(24, 72), low: hours(72, 240) } },
      penaltyRules: [{ breach: 'response-late' as const, amount: 5_000, capPerMonth: 50_000 }],
      priceTerms: { monthlyFee: 300_000, unitRates: [] },
      signedBy: 'admin-1',
      signedAt: new Date().toISOString(),
      ...overrides,
    };
  }

  async function report(building: string, extra: Record<string, unknown> = {}): Promise<string> {
    const answer = await call(requester, 'POST', '/repair-requests', { location: { building, room: '301' }, description: 'The air conditioner leaks water', priority: 'high', ...extra });
    expect(answer.status).toBe(201);
    return answer.body['id'] as string;
  }

  async function triage(building: string, body: Record<string, unknown> = { category: 'hvac' }): Promise<string> {
    const answer = await call(manager, 'POST', `/repair-requests/${await report(building)}/triage`, body);
    expect(answer.status).toBe(201);
    return answer.body['id'] as string;
  }

  let assetId: string;
  let contractA: string;

  it('keeps the asset register: unique codes, lookup by the QR label code, monotonic meters', async () => {
    const registered = await call(manager, 'POST', '/assets', {
      code: 'ac-0042',
      name: 'Split air conditioner, room 301',
      category: 'hvac',
      location: { building: 'Building A', floor: '3', room: '301' },
      criticality: 'high',
      acquiredOn: '2024-05-01',
      acquisitionValue: 1_250_000,
      warrantyEndsOn: '2027-05-01',
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ code: 'AC-0042', category: 'hvac', acquisitionValue: 1_250_000, meters: {} });
    assetId = registered.body['id'] as string;
    const duplicate = await call(manager, 'POST', '/assets', { code: 'AC-0042', name: 'Another', category: 'it', location: { building: 'Building A' }, criticality: 'low' });
    expect(duplicate.status).toBe(409);

    expect((await call(requester, 'GET', '/assets/by-code/Ac-0042')).body).toMatchObject({ id: assetId, name: 'Split air conditioner, room 301' });
    expect((await call(requester, 'GET', '/assets/by-code/AC-9999')).status).toBe(404);
    expect((await call(stranger, 'GET', '/assets/by-code/AC-0042')).status).toBe(404);
    expect((await call(stranger, 'GET', `/assets/${assetId}`)).status).toBe(404);
    expect((await call(manager, 'GET', '/assets?category=hvac')).body.map((asset) => asset['id'])).toEqual([assetId]);

    expect((await call(manager, 'POST', `/assets/${assetId}/meter-readings`, { kind: 'hours', value: 100 })).status).toBe(200);
    expect((await call(manager, 'POST', `/assets/${assetId}/meter-readings`, { kind: 'hours', value: 100 })).status).toBe(200);
    const backwards = await call(manager, 'POST', `/assets/${assetId}/meter-readings`, { kind: 'hours', value: 99.5 });
    expect(backwards.status).toBe(422);
    expect(backwards.body['detail']).toContain('last read 100');
    const counted = await call(manager, 'POST', `/assets/${assetId}/meter-readings`, { kind: 'count', value: 3 });
    expect(counted.body['meters']).toMatchObject({ hours: { value: 100 }, count: { value: 3 } });
    expect(await database.query(`SELECT kind, value FROM asset_meter_reading WHERE asset_id = $1 ORDER BY read_at, kind`, [assetId])).toHaveLength(3);
  });

  it('projects maintenance contracts once however often they are delivered, ignoring other service types', async () => {
    const data = signed(vendors.a, { buildings: ['Building A'], assetCategories: ['hvac'] });
    contractA = data.contractId;
    const envelope = ContractSigned.create({ subject: data.contractId, origin: { agencyId, correlationId: randomUUID() }, data });
    for (let delivery = 0; delivery < 2; delivery += 1) await broker.publish(ContractSigned.topic, data.contractId, Buffer.from(JSON.stringify(envelope)));
    // The same contract in a second envelope (past the inbox): the handler itself leaves it as it was.
    await publish(ContractSigned, data.contractId, data);
    await publish(ContractSigned, randomUUID(), { ...signed(vendors.b, {}), serviceType: 'cleaning', slaTerms: { serviceType: 'cleaning', minInspectionPassRate: 90 } });
    const known = await waitFor(async () => {
      const list = (await call(manager, 'GET', '/vendor-contracts')).body;
      return list.length > 0 ? list : undefined;
    });
    expect(known).toHaveLength(1);
    expect(known[0]).toMatchObject({ contractId: contractA, vendorId: vendors.a, buildings: ['Building A'], assetCategories: ['hvac'], status: 'signed', active: true, assignable: true });
    expect((await call(stranger, 'GET', '/vendor-contracts')).body).toEqual([]);
  });

  let workOrder: string;

  it('triages a request into a work order assigned automatically to the one vendor whose contract fits', async () => {
    const photo = { fileName: 'leak.jpg', contentType: 'image/jpeg', sizeBytes: 482_133, url: 'https://files.agency.example/repairs/leak.jpg' };
    const refused = await call(requester, 'POST', '/repair-requests', {
      location: { building: 'Building A' },
      description: 'Leak',
      attachments: [{ ...photo, url: 'http://plain.example/leak.jpg' }],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body['errors'])).toContain('"field":"attachments[0].url"');
    const requestId = await report('Building A', { assetCode: 'AC-0042', attachments: [photo] });
    expect((await call(requester, 'GET', `/repair-requests/${requestId}`)).body['attachments']).toEqual([photo]);
    const triaged = await call(manager, 'POST', `/repair-requests/${requestId}/triage`, { autoAssign: true });
    expect(triaged.status).toBe(201);
    expect(triaged.body).toMatchObject({ status: 'assigned', category: 'hvac', assetId, priority: 'high', assignee: 'vendor', vendorId: vendors.a, contractId: contractA, repairRequestId: requestId });
    workOrder = triaged.body['id'] as string;
    expect((await call(requester, 'GET', `/repair-requests/${requestId}`)).body).toMatchObject({ status: 'triaged', workOrderId: workOrder });
    // The vendor sees the photos of the fault on its work order.
    expect((await call(vendorAccount(vendors.a), 'GET', `/work-orders/${workOrder}`)).body['attachments']).toEqual([photo]);
    const again = await call(manager, 'POST', `/repair-requests/${requestId}/triage`, { category: 'hvac' });
    expect(again.status).toBe(409);
    expect(again.body['detail']).toContain('repair request is triaged');
    expect((await outboxOf(workOrder)).map((event) => event.type)).toEqual(['houqin.maintenance.work-order.triaged.v1', 'houqin.maintenance.work-order.assigned.v1']);
    expect((await outboxOf(workOrder))[1]!.data).toMatchObject({ assignee: 'vendor', automatic: true, vendorId: vendors.a, contractId: contractA });
  });

  it('refuses vendors without an active covering contract and suspended or sanctioned vendors, naming the reason', async () => {
    await publish(ContractSigned, randomUUID(), signed(vendors.s, { buildings: ['Building S'] }));
    const expiring = signed(vendors.x, { buildings: ['Building S'] });
    await publish(ContractSigned, expiring.contractId, expiring);
    await publish(ContractExpired, expiring.contractId, { contractId: expiring.contractId, agencyId, vendorId: vendors.x, vendorName: expiring.vendorName, serviceType: 'maintenance', validTo: expiring.validTo, expiredAt: new Date().toISOString() });
    const id = await triage('Building S');

    const expired = await call(manager, 'POST', `/work-orders/${id}/assign`, { vendorId: vendors.x });
    expect(expired.status).toBe(422);
    expect(expired.body['detail']).toContain('holds no active maintenance contract covering hvac work in Building S');
    const uncontracted = await call(manager, 'POST', `/work-orders/${id}/assign`, { vendorId: vendors.a });
    expect(uncontracted.status).toBe(422);
    expect(uncontracted.body['detail']).toContain('holds no active maintenance contract');

    await publish(VendorSuspended, vendors.s, {
      vendorId: vendors.s,
      name: '济南机电维修有限公司',
      unifiedSocialCreditCode: '91370100MA3C0NTR21',
      categories: ['maintenance'],
      status: 'suspended',
      previousStatus: 'active',
      reason: 'lapsed liability insurance',
      suspendedBy: 'manager-1',
      suspendedAt: new Date(Date.now() - 1000).toISOString(),
    });
    const named = await waitFor(async () => {
      const answer = await call(manager, 'POST', `/work-orders/${id}/assign`, { vendorId: vendors.s });
      return answer.status === 422 ? answer : undefined;
    });
    expect(named.body['detail']).toContain(`vendor ${vendors.s} is suspended until further notice: lapsed liability insurance`);
    const automatic = await call(manager, 'POST', `/work-orders/${id}/assign`, {});
    expect(automatic.status).toBe(422);
    expect(automatic.body['detail']).toContain('lapsed liability insurance');
    expect((await call(manager, 'GET', `/work-orders/${id}`)).body['status']).toBe('triaged');

    const internal = await call(manager, 'POST', `/work-orders/${id}/assign`, { internal: true });
    expect(internal.status).toBe(200);
    expect(internal.body).toMatchObject({ status: 'assigned', assignee: 'internal' });
    expect(internal.body['vendorId']).toBeUndefined();
    // The internal team works without contractual SLA clocks.
    expect(await clocksOf(id)).toEqual([]);
  });

  it('asks for a choice when several vendors fit, takes one of them, and refuses one sanctioned by evaluation', async () => {
    await publish(ContractSigned, randomUUID(), signed(vendors.m1, { buildings: ['Building M'] }));
    await publish(ContractSigned, randomUUID(), signed(vendors.m2, { assetCategories: ['hvac', 'plumbing'] }));
    const id = await triage('Building M');
    const several = await call(manager, 'POST', `/work-orders/${id}/assign`, {});
    expect(several.status).toBe(422);
    expect(several.body['detail']).toContain('2 vendors hold an active contract');

    await publish(VendorSanctioned, vendors.m1, { vendorId: vendors.m1, agencyId, kind: 'suspension', reason: 'three late responses in a quarter', from: new Date(Date.now() - 1000).toISOString(), until: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(), decidedBy: 'evaluator-7' });
    const sanctioned = await call(manager, 'POST', `/work-orders/${id}/assign`, { vendorId: vendors.m1 });
    expect(sanctioned.status).toBe(422);
    expect(sanctioned.body['detail']).toContain('sanctioned by evaluation');
    expect(sanctioned.body['detail']).toContain('three late responses in a quarter');
    const chosen = await call(manager, 'POST', `/work-orders/${id}/assign`, { vendorId: vendors.m2 });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ vendorId: vendors.m2, status: 'assigned' });
    expect((await outboxOf(id)).at(-1)!.data).toMatchObject({ automatic: false, vendorId: vendors.m2 });
  });

  it('shows a vendor account only the work orders assigned to its vendor', async () => {
    expect((await call(vendorAccount(vendors.b), 'GET', `/work-orders/${workOrder}`)).status).toBe(404);
    expect((await call(vendorAccount(vendors.b), 'POST', `/work-orders/${workOrder}/accept`)).status).toBe(404);
    expect((await call(vendorAccount(vendors.b), 'GET', '/work-orders')).body).toEqual([]);
    expect((await call(vendorAccount(vendors.a), 'GET', '/work-orders')).body.map((order) => order['id'])).toEqual([workOrder]);
    expect((await call(vendorAccount(vendors.a), 'GET', `/work-orders/${workOrder}`)).body['id']).toBe(workOrder);
    expect((await call(stranger, 'GET', `/work-orders/${workOrder}`)).status).toBe(404);
  });

  it('runs the lifecycle to closed, publishing response and resolution times less the time on hold', async () => {
    const vendor = vendorAccount(vendors.a);
    await database.query(`UPDATE work_order SET reported_at = reported_at - interval '90 minutes' WHERE id = $1`, [workOrder]);
    // The assignment started the contract's clocks for a high-priority request: response 4 h, resolution 24 h.
    expect(await clocksOf(workOrder)).toEqual([
      { kind: 'resolution', status: 'running', target_ms: String(24 * 3_600_000) },
      { kind: 'response', status: 'running', target_ms: String(4 * 3_600_000) },
    ]);
    // Five hours have passed since the report as far as the response clock knows: the acceptance comes too late.
    await database.query(
      `UPDATE sla_clock SET started_at = started_at - interval '5 hours', deadline = deadline - interval '5 hours', at_risk_at = at_risk_at - interval '5 hours' WHERE work_order_id = $1 AND kind = 'response'`,
      [workOrder],
    );

    const early = await call(vendor, 'POST', `/work-orders/${workOrder}/start`);
    expect(early.status).toBe(409);
    expect(early.body['detail']).toContain('work order is assigned; cannot start');
    expect((await call(manager, 'POST', `/work-orders/${workOrder}/accept`)).status).toBe(422);

    expect((await call(vendor, 'POST', `/work-orders/${workOrder}/accept`)).body).toMatchObject({ status: 'accepted', acceptedAt: expect.any(String) });
    expect((await clocksOf(workOrder)).map((clock) => [clock.kind, clock.status])).toEqual([
      ['resolution', 'running'],
      ['response', 'breached'],
    ]);
    // The work order shows its clocks: the response breached by about an hour, the resolution running.
    const shown = await call(manager, 'GET', `/work-orders/${workOrder}`);
    expect(shown.body['slaClocks']).toEqual([
      expect.objectContaining({ kind: 'resolution', status: 'running', calendar: 'round-the-clock', targetMinutes: 24 * 60, deadline: expect.any(String), atRiskAt: expect.any(String) }),
      expect.objectContaining({ kind: 'response', status: 'breached', targetMinutes: 4 * 60, breachedAt: expect.any(String), stoppedAt: expect.any(String) }),
    ]);
    const response = (shown.body['slaClocks'] as Array<{ kind: string; remainingMinutes: number }>).find((clock) => clock.kind === 'response')!;
    expect(response.remainingMinutes).toBeGreaterThanOrEqual(-61);
    expect(response.remainingMinutes).toBeLessThanOrEqual(-59);
    const breaches = (await outboxOf(workOrder)).filter((event) => event.type === 'houqin.maintenance.sla.breached.v1');
    expect(breaches).toEqual([expect.objectContaining({ data: expect.objectContaining({ kind: 'response', vendorId: vendors.a, contractId: contractA }) })]);
    expect((await call(vendor, 'POST', `/work-orders/${workOrder}/start`)).body['status']).toBe('in-progress');
    expect((await call(vendor, 'POST', `/work-orders/${workOrder}/costs/labour`, { worker: 'Wu, HVAC technician', minutes: 90, hourlyRateFen: 12_000 })).status).toBe(201);
    expect((await call(manager, 'POST', `/work-orders/${workOrder}/costs/extra`, { description: 'Scaffold hire', amountFen: 5_000 })).status).toBe(201);
    // A hold says what the work waits on: the audit trail shows why the resolution clock stopped.
    const unexplained = await call(vendor, 'POST', `/work-orders/${workOrder}/hold`, {});
    expect(unexplained.status).toBe(400);
    expect(JSON.stringify(unexplained.body)).toContain('reason');
    expect((await call(vendor, 'POST', `/work-orders/${workOrder}/hold`, { reason: '   ' })).body).toMatchObject({ status: 422, errors: [{ field: 'reason' }] });
    expect((await clocksOf(workOrder)).find((clock) => clock.kind === 'resolution')?.status).toBe('running');
    const held = await call(vendor, 'POST', `/work-orders/${workOrder}/hold`, { reason: 'Waiting for the office to be unlocked' });
    expect(held.body).toMatchObject({ status: 'on-hold-requester', holdReason: 'Waiting for the office to be unlocked' });
    expect((await clocksOf(workOrder)).find((clock) => clock.kind === 'resolution')?.status).toBe('paused');
    await database.query(`UPDATE work_order SET hold_started_at = hold_started_at - interval '30 minutes' WHERE id = $1`, [workOrder]);
    const resumed = await call(requester, 'POST', `/work-orders/${workOrder}/resume`);
    expect(resumed.body).toMatchObject({ status: 'in-progress', onHoldMinutes: 30 });
    expect(resumed.body['holdReason']).toBeUndefined();
    expect((await clocksOf(workOrder)).find((clock) => clock.kind === 'resolution')?.status).toBe('running');
    expect((await call(vendor, 'POST', `/work-orders/${workOrder}/complete`, { resolutionNote: 'Cleared the condensate drain' })).body['status']).toBe('completed');
    expect((await clocksOf(workOrder)).find((clock) => clock.kind === 'resolution')?.status).toBe('met');

    expect((await call(colleague, 'POST', `/work-orders/${workOrder}/verify`)).status).toBe(422);
    expect((await call(requester, 'POST', `/work-orders/${workOrder}/reopen`, { reason: 'Still dripping' })).body).toMatchObject({ status: 'in-progress', reopenCount: 1 });
    expect((await call(vendor, 'POST', `/work-orders/${workOrder}/complete`, {})).body['status']).toBe('completed');
    const verified = await call(requester, 'POST', `/work-orders/${workOrder}/verify`);
    expect(verified.body).toMatchObject({ status: 'verified', verifiedAt: expect.any(String) });
    const cancelLate = await call(manager, 'POST', `/work-orders/${workOrder}/cancel`, { reason: 'too late' });
    expect(cancelLate.status).toBe(409);
    expect(cancelLate.body['detail']).toContain('work order is verified; cannot cancel');
    const closed = await call(manager, 'POST', `/work-orders/${workOrder}/close`);
    expect(closed.body).toMatchObject({ status: 'closed', reopenCount: 1 });

    const events = (await outboxOf(workOrder)).filter((event) => event.type.startsWith('houqin.maintenance.work-order.'));
    expect(events.map((event) => event.type.replace('houqin.maintenance.work-order.', ''))).toEqual([
      'triaged.v1',
      'assigned.v1',
      'accepted.v1',
      'started.v1',
      'held.v1',
      'resumed.v1',
      'completed.v1',
      'reopened.v1',
      'completed.v1',
      'verified.v1',
      'closed.v1',
    ]);
    const [row]: Array<{ reported_at: Date; completed_at: Date; on_hold_ms: string }> = await database.query(`SELECT reported_at, completed_at, on_hold_ms FROM work_order WHERE id = $1`, [workOrder]);
    const resolution = Math.floor((row!.completed_at.getTime() - row!.reported_at.getTime() - Number(row!.on_hold_ms)) / 60_000);
    expect(resolution).toBeGreaterThanOrEqual(59);
    expect(resolution).toBeLessThanOrEqual(60);
    const kpis = { responseMinutes: 90, resolutionMinutes: resolution, onHoldMinutes: 30, vendorId: vendors.a, contractId: contractA, reportedBy: 'staff-1' };
    expect(events[2]!.data).toMatchObject({ responseMinutes: 90, vendorId: vendors.a });
    expect(events[4]!.data).toMatchObject({ heldBy: vendor.userId, reason: 'Waiting for the office to be unlocked', vendorId: vendors.a });
    expect(events[5]!.data).toMatchObject({ resumedBy: 'staff-1', reason: 'Waiting for the office to be unlocked', heldMinutes: 30, onHoldMinutes: 30 });
    expect(events[6]!.data).toMatchObject({ ...kpis, firstTimeFix: true, reopenCount: 0, resolutionNote: 'Cleared the condensate drain' });
    expect(events[7]!.data).toMatchObject({ reason: 'Still dripping', reopenCount: 1 });
    expect(events[9]!.data).toMatchObject({ ...kpis, firstTimeFix: false, reopenCount: 1, verifiedBy: 'staff-1' });
    // Cost per work order: the verified and closed events carry the costs recorded on it.
    const cost = { labourFen: 18_000, partsFen: 0, extraFen: 5_000, totalFen: 23_000 };
    expect(events[9]!.data['cost']).toEqual(cost);
    expect(events[10]!.data).toMatchObject({ cost, reopenCount: 1, firstTimeFix: false, closedBy: 'manager-1' });

    // The dashboard's KPIs of the month are those of the verified events.
    const dashboard = await call(manager, 'GET', '/dashboard');
    expect(dashboard.body['workOrders']).toMatchObject({
      sla: { breachedThisMonth: 1 },
      thisMonth: { verified: 1, firstTimeFixRate: 0, reopenRate: 100, meanResponseMinutes: 90, meanResolutionMinutes: resolution, costPerWorkOrderFen: 23_000 },
    });
  });

  it('cancels an open work order with its reason and previous state', async () => {
    // Only vendor m2's contract covers plumbing (in every building).
    const id = await triage('Building A', { category: 'plumbing', autoAssign: true });
    const cancelled = await call(manager, 'POST', `/work-orders/${id}/cancel`, { reason: 'Reported twice' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Reported twice' });
    expect((await outboxOf(id)).at(-1)).toMatchObject({ type: 'houqin.maintenance.work-order.cancelled.v1', data: { previousStatus: 'assigned', reason: 'Reported twice', vendorId: vendors.m2 } });
    expect((await clocksOf(id)).map((clock) => clock.status)).toEqual(['cancelled', 'cancelled']);
    expect((await call(manager, 'POST', `/work-orders/${id}/assign`, {})).status).toBe(409);
  });

  it('cancels work that runs no SLA clock: still triaged, or given to the internal team', async () => {
    const waiting = await triage('Building A', { category: 'plumbing' });
    const internal = await triage('Building A', { category: 'plumbing' });
    expect((await call(manager, 'POST', `/work-orders/${internal}/assign`, { internal: true })).status).toBe(200);
    for (const id of [waiting, internal]) {
      expect(await clocksOf(id)).toEqual([]);
      const cancelled = await call(manager, 'POST', `/work-orders/${id}/cancel`, { reason: 'Fixed by the requester' });
      expect([cancelled.status, cancelled.body['status']]).toEqual([200, 'cancelled']);
      expect((await outboxOf(id)).at(-1)).toMatchObject({ type: 'houqin.maintenance.work-order.cancelled.v1' });
    }
  });
});
