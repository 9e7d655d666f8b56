import { randomUUID } from 'node:crypto';
import { InProcessBroker } from '@houqin/messaging';
import { ContractExpirySweep, procurementService } from '@houqin/procurement';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TestDatabase, createTestDatabase, inProcessServiceEnv, internalToken, testCaller, waitFor } from '@houqin/testing';

/**
 * Service contracts (服务合同) against the real procurement service and PostgreSQL: a draft from a
 * tender driven to its award through the tender API, and from an approved direct-purchase
 * requisition; SLA terms and penalty rules checked field by field, signing with an
 * eligible vendor publishing contract.signed with the terms, termination, vendor isolation, and the
 * expiry sweep publishing contract.expired exactly once with two service instances on one database.
 */
describe('procurement contracts', () => {
  const agencyId = `agency-${randomUUID()}`;
  const requester = testCaller({ agencyId, userId: 'staff-1', roles: ['staff'] });
  const approver = testCaller({ agencyId, userId: 'approver-1', roles: ['approver'] });
  const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });
  const admin = testCaller({ agencyId, userId: 'admin-1', roles: ['agency-admin'] });
  const stranger = testCaller({ agencyId: `agency-${randomUUID()}`, userId: 'admin-9', roles: ['agency-admin'] });
  let database: TestDatabase;
  let procurement: RunningService;
  let replica: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('procurement_contracts');
    const env = inProcessServiceEnv(database.url, { BID_SEALING_KEY: TEST_BID_SEALING_KEY, CONTRACT_EXPIRY_SWEEP_MS: '100' });
    procurement = await startService(procurementService, { env, broker: new InProcessBroker() });
    replica = await startService(procurementService, { env, broker: new InProcessBroker() });
  });

  afterAll(async () => {
    await replica?.shutdown();
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

  async function outboxOf(subject: string): Promise<Array<{ event_type: string; envelope: { data: Record<string, unknown> } }>> {
    return database.query(`SELECT event_type, envelope FROM outbox_event WHERE message_key = $1 ORDER BY position`, [subject]);
  }

  async function registerVendor(name: string, unifiedSocialCreditCode: string, categories: string[]): Promise<string> {
    const answer = await call(manager, 'POST', '/vendors', { name, unifiedSocialCreditCode, categories, contact: { name: '王经理', phone: '13800138000' } });
    expect(answer.status).toBe(201);
    return answer.body['id'] as string;
  }

  /** An approved requisition of one line costing `amount` fen: direct purchase below 50,000 yuan by the default policy. */
  async function approvedRequisition(category: string, amount: number): Promise<string> {
    const raised = await call(requester, 'POST', '/requisitions', {
      title: `Services for ${amount} fen`,
      fiscalYear: 2026,
      category,
      lines: [{ description: 'Service for the year', quantity: 1, estimatedUnitPrice: amount }],
    });
    const id = raised.body['id'] as string;
    expect((await call(requester, 'POST', `/requisitions/${id}/submit`)).status).toBe(200);
    expect((await call(approver, 'POST', `/requisitions/${id}/approve`, {})).status).toBe(200);
    if (amount >= 5_000_000) expect((await call(manager, 'POST', `/requisitions/${id}/approve`, {})).status).toBe(200);
    return id;
  }

  const hours = (responseHours: number, resolutionHours: number) => ({ responseHours, resolutionHours });
  const maintenanceTerms = {
    serviceType: 'maintenance',
    scope: { description: 'Repair and upkeep of the office buildings', buildings: ['building-a'], assetCategories: ['hvac', 'elevator'] },
    validFrom: '2026-01-01T00:00:00+08:00',
    validTo: '2099-01-01T00:00:00+08:00',
    priceTerms: { monthlyFee: 300_000, unitRates: [{ unit: 'call-out', description: 'Out-of-hours call-out', rate: 30_000 }] },
    slaTerms: { priorities: { urgent: hours(1, 4), high: hours(4, 24), normal: hours(24, 72), low: hours(72, 240) } },
    penaltyRules: [
      { breach: 'response-late', amount: 5_000, capPerMonth: 50_000 },
      { breach: 'resolution-late', percentOfMonthlyFee: 0.5, capPerMonth: 60_000 },
    ],
  };

  let mainVendor: string;
  let otherVendor: string;
  let cleaningOnlyVendor: string;
  let requisition: string;

  beforeAll(async () => {
    mainVendor = await registerVendor('济南物业服务有限公司', '91370100MA3C0NTR1X', ['maintenance', 'cleaning']);
    otherVendor = await registerVendor('济南机电维修有限公司', '91370100MA3C0NTR21', ['maintenance']);
    cleaningOnlyVendor = await registerVendor('济南保洁有限公司', '91370100MA3C0NTR34', ['cleaning']);
    for (const category of ['maintenance', 'cleaning']) {
      expect((await call(admin, 'POST', '/budgets', { fiscalYear: 2026, category, allocated: 100_000_000 })).status).toBe(201);
    }
    requisition = await approvedRequisition('maintenance', 3_600_000);
    const permit = { kind: 'service-permit', number: 'JN-M-1', category: 'maintenance', issuedOn: '2026-01-01', expiresOn: '2029-01-01' };
    expect((await call(manager, 'POST', `/vendors/${mainVendor}/qualifications`, permit)).status).toBe(201);
  });

  /** A maintenance tender driven through the tender API to its award to mainVendor at `price` fen (deadline 1.5 s ahead, awaited). */
  async function awardedTender(price: number): Promise<string> {
    const deadline = new Date(Date.now() + 1500).toISOString();
    const created = await call(manager, 'POST', '/tenders', {
      title: '2027 年度办公楼维修服务',
      category: 'maintenance',
      method: 'open-tender',
      budgetCeiling: 100_000_000,
      criteria: { weights: { price: 40, technical: 45, service: 15 }, technical: [{ name: 'staffing plan', maxPoints: 20 }], service: [{ name: 'response commitment', maxPoints: 10 }] },
      bidDeadline: deadline,
      openingAt: deadline,
      publicationDays: 0,
    });
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    expect((await call(manager, 'POST', `/tenders/${id}/publish`)).status).toBe(200);
    expect((await call(manager, 'POST', `/tenders/${id}/committee`, { members: [{ userId: 'expert-1', conflicts: [] }] })).status).toBe(200);
    const bidder = testCaller({ agencyId, userId: 'vendor-user-1', roles: ['vendor'], vendorId: mainVendor });
    const bid = await call(bidder, 'POST', `/tenders/${id}/bids`, { price, technicalProposal: 'Two teams on call around the clock' });
    expect(bid.status).toBe(201);
    await waitFor(async () => ((await call(manager, 'POST', `/tenders/${id}/open`)).status === 200 ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 200,
      description: 'the opening time',
    });
    const expert = testCaller({ agencyId, userId: 'expert-1', roles: ['evaluator'] });
    const scores = { bidId: bid.body['bidId'], technical: { 'staffing plan': 18 }, service: { 'response commitment': 9 } };
    expect((await call(expert, 'POST', `/tenders/${id}/scores`, scores)).status).toBe(200);
    expect((await call(manager, 'POST', `/tenders/${id}/propose-award`)).status).toBe(200);
    expect((await call(manager, 'POST', `/tenders/${id}/finalise-award`)).body).toMatchObject({ status: 'awarded' });
    return id;
  }

  it('drafts a contract from an awarded tender, its vendor and price from the award; a tender not awarded is refused (422)', async () => {
    const tenderId = await awardedTender(9_000_000);
    const { vendorId: _omitted, ...withoutVendor } = { vendorId: mainVendor, ...maintenanceTerms };
    const created = await call(manager, 'POST', '/contracts', { title: 'Maintenance by tender', tenderId, ...withoutVendor, priceTerms: { monthlyFee: 750_000 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', tenderId, vendorId: mainVendor, vendorName: '济南物业服务有限公司', priceTerms: { fixedTotal: 9_000_000, monthlyFee: 750_000 } });
    expect((await call(admin, 'POST', `/contracts/${created.body['id'] as string}/sign`)).body).toMatchObject({ status: 'signed' });
    const [signed] = await outboxOf(created.body['id'] as string);
    expect(signed!.envelope.data).toMatchObject({ tenderId, vendorId: mainVendor, priceTerms: { fixedTotal: 9_000_000 }, slaTerms: { serviceType: 'maintenance' } });

    const otherPrice = await call(manager, 'POST', '/contracts', { title: 'x', tenderId, ...withoutVendor, priceTerms: { fixedTotal: 1 } });
    expect(otherPrice.body).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'priceTerms.fixedTotal', rule: 'price-differs-from-award' })] });
    const otherVendorBody = await call(manager, 'POST', '/contracts', { title: 'x', tenderId, ...withoutVendor, vendorId: otherVendor });
    expect(otherVendorBody.body).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'vendorId', rule: 'vendor-not-awarded' })] });
    // One contract per award: a second one for the same tender is a 409 naming the field.
    const second = await call(manager, 'POST', '/contracts', { title: 'Maintenance by tender, again', tenderId, ...withoutVendor });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ errors: [expect.objectContaining({ field: 'tenderId' })] });
    const draftTender = await call(manager, 'POST', '/tenders', {
      title: 'Not yet published',
      category: 'maintenance',
      method: 'open-tender',
      budgetCeiling: 100_000_000,
      criteria: { weights: { price: 40, technical: 45, service: 15 }, technical: [{ name: 'staffing plan', maxPoints: 20 }], service: [{ name: 'response commitment', maxPoints: 10 }] },
      bidDeadline: new Date(Date.now() + 86_400_000).toISOString(),
      openingAt: new Date(Date.now() + 86_400_000).toISOString(),
      publicationDays: 0,
    });
    expect(draftTender.status).toBe(201);
    const notAwarded = await call(manager, 'POST', '/contracts', { title: 'x', tenderId: draftTender.body['id'], ...withoutVendor });
    expect(notAwarded.status).toBe(422);
    expect(notAwarded.body).toMatchObject({ type: 'urn:houqin:problem:tender-not-awarded', errors: [expect.objectContaining({ field: 'tenderId' })] });
    expect(String(notAwarded.body['detail'])).toContain('draft');
  });

  /** A draft from a direct purchase of its own: one contract per requisition. */
  async function drafted(vendorId: string, changes: Record<string, unknown> = {}): Promise<string> {
    const requisitionId = await approvedRequisition('maintenance', 3_600_000);
    const answer = await call(manager, 'POST', '/contracts', { title: 'Building maintenance', requisitionId, vendorId, ...maintenanceTerms, ...changes });
    expect(answer.status).toBe(201);
    return answer.body['id'] as string;
  }

  let signedContract: string;
  let othersDraft: string;

  it('drafts a contract from an approved direct-purchase requisition and signs it, publishing contract.signed with the SLA terms', async () => {
    const created = await call(manager, 'POST', '/contracts', { title: ' Building maintenance 2026 ', requisitionId: requisition, vendorId: mainVendor, ...maintenanceTerms });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      inForce: false,
      title: 'Building maintenance 2026',
      vendorId: mainVendor,
      vendorName: '济南物业服务有限公司',
      serviceType: 'maintenance',
      requisitionId: requisition,
      slaTerms: { serviceType: 'maintenance', priorities: { urgent: { responseHours: 1, resolutionHours: 4 } } },
      createdBy: 'manager-1',
    });
    const id = created.body['id'] as string;
    expect(await outboxOf(id)).toEqual([]);

    const signed = await call(admin, 'POST', `/contracts/${id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'signed', inForce: true, signedBy: 'admin-1' });
    const events = await outboxOf(id);
    expect(events.map((row) => row.event_type)).toEqual(['houqin.procurement.contract.signed.v1']);
    expect(events[0]!.envelope.data).toEqual({
      contractId: id,
      agencyId,
      vendorId: mainVendor,
      vendorName: '济南物业服务有限公司',
      serviceType: 'maintenance',
      title: 'Building maintenance 2026',
      requisitionId: requisition,
      scope: maintenanceTerms.scope,
      validFrom: '2025-12-31T16:00:00.000Z',
      validTo: '2098-12-31T16:00:00.000Z',
      slaTerms: { serviceType: 'maintenance', ...maintenanceTerms.slaTerms },
      penaltyRules: maintenanceTerms.penaltyRules,
      priceTerms: maintenanceTerms.priceTerms,
      signedBy: 'admin-1',
      signedAt: signed.body['signedAt'],
    });
    await waitFor(
      async () => {
        const rows = await database.query<{ unpublished: string }>(`SELECT count(*) AS unpublished FROM outbox_event WHERE message_key = $1 AND published_at IS NULL`, [id]);
        return rows[0]!.unpublished === '0';
      },
      { description: 'contract.signed to be published' },
    );
    expect((await call(manager, 'GET', `/contracts/${id}`)).body).toMatchObject({ status: 'signed', signedBy: 'admin-1' });
    const again = await call(admin, 'POST', `/contracts/${id}/sign`);
    expect(again.status).toBe(409);
    expect(again.type).toContain('application/problem+json');
    expect(again.body).toMatchObject({ type: 'urn:houqin:problem:illegal-transition', currentState: 'signed' });
    signedContract = id;
  });

  it('refuses a suspended vendor at signing, naming why, and leaves the draft as it was', async () => {
    const id = await drafted(otherVendor);
    othersDraft = id;
    expect((await call(manager, 'POST', `/vendors/${otherVendor}/suspend`, { reason: 'Safety incident under investigation' })).status).toBe(200);
    const refused = await call(admin, 'POST', `/contracts/${id}/sign`);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'urn:houqin:problem:vendor-not-eligible', errors: [expect.objectContaining({ field: 'vendorId' })] });
    expect(String(refused.body['detail'])).toContain('suspended');
    expect((await call(manager, 'GET', `/contracts/${id}`)).body).toMatchObject({ status: 'draft' });
    expect(await outboxOf(id)).toEqual([]);
    // Nor can a new contract be drafted with it.
    const again = await call(manager, 'POST', '/contracts', { title: 'Again', requisitionId: requisition, vendorId: otherVendor, ...maintenanceTerms });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ type: 'urn:houqin:problem:vendor-not-eligible' });
  });

  it('refuses sources that are not an award or an approved direct purchase (422 naming the field, 404 for unknown ones)', async () => {
    const body = { title: 'Maintenance', vendorId: mainVendor, ...maintenanceTerms };
    const unknownTender = await call(manager, 'POST', '/contracts', { ...body, tenderId: randomUUID() });
    expect(unknownTender.status).toBe(404);
    const both = await call(manager, 'POST', '/contracts', { ...body, tenderId: randomUUID(), requisitionId: requisition });
    expect(both.body).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'tenderId', rule: 'source-required' })] });

    const byQuotation = await approvedRequisition('maintenance', 6_000_000);
    const notDirect = await call(manager, 'POST', '/contracts', { ...body, requisitionId: byQuotation });
    expect(notDirect.status).toBe(422);
    expect(notDirect.body).toMatchObject({ type: 'urn:houqin:problem:not-direct-purchase', errors: [expect.objectContaining({ field: 'requisitionId' })] });
    expect(String(notDirect.body['detail'])).toContain('request-for-quotation');

    const raised = await call(requester, 'POST', '/requisitions', { title: 'Draft', fiscalYear: 2026, category: 'maintenance', lines: [{ description: 'x', quantity: 1, estimatedUnitPrice: 1_000 }] });
    const notApproved = await call(manager, 'POST', '/contracts', { ...body, requisitionId: raised.body['id'] });
    expect(notApproved.body).toMatchObject({ status: 422, type: 'urn:houqin:problem:requisition-not-approved' });
    expect((await call(stranger, 'POST', '/contracts', { ...body, requisitionId: requisition })).status).toBe(404);

    const noVendor = await call(manager, 'POST', '/contracts', { ...body, vendorId: undefined, requisitionId: requisition });
    expect(noVendor.body).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'vendorId', rule: 'vendor-required' })] });
    const wrongCategory = await call(manager, 'POST', '/contracts', { ...body, vendorId: cleaningOnlyVendor, requisitionId: requisition });
    expect(wrongCategory.body).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'vendorId', rule: 'vendor-category' })] });
    const wrongType = await call(manager, 'POST', '/contracts', { ...body, requisitionId: requisition, serviceType: 'cleaning', slaTerms: { minInspectionPassRate: 95 } });
    expect(wrongType.body).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'serviceType' })] });
  });

  it('checks SLA terms, penalties, prices and validity field by field (422), and the request shape (400)', async () => {
    const body = { title: 'Maintenance', requisitionId: requisition, vendorId: mainVendor, ...maintenanceTerms };
    const fieldOf = async (changes: Record<string, unknown>) => {
      const answer = await call(manager, 'POST', '/contracts', { ...body, ...changes });
      expect(answer.status).toBe(422);
      return (answer.body['errors'] as Array<{ field: string }>)[0]!.field;
    };
    expect(await fieldOf({ slaTerms: { priorities: { ...maintenanceTerms.slaTerms.priorities, urgent: hours(8, 4) } } })).toBe('slaTerms.priorities.urgent.responseHours');
    expect(await fieldOf({ slaTerms: { priorities: { ...maintenanceTerms.slaTerms.priorities, low: hours(0, 4) } } })).toBe('slaTerms.priorities.low.responseHours');
    expect(await fieldOf({ slaTerms: { ...maintenanceTerms.slaTerms, deliveryDays: 3 } })).toBe('slaTerms.deliveryDays');
    expect(await fieldOf({ penaltyRules: [{ breach: 'late-pickup', amount: 1, capPerMonth: 10 }] })).toBe('penaltyRules[0].breach');
    expect(await fieldOf({ penaltyRules: [{ breach: 'response-late', amount: 100, percentOfMonthlyFee: 1, capPerMonth: 1_000 }] })).toBe('penaltyRules[0].amount');
    expect(await fieldOf({ priceTerms: { fixedTotal: 1_000_000 } })).toBe('penaltyRules[1].percentOfMonthlyFee');
    expect(await fieldOf({ validTo: '2025-06-01T00:00:00+08:00' })).toBe('validTo');

    const shape = await call(manager, 'POST', '/contracts', { ...body, validFrom: 'next year', slaTerms: { priorities: { ...maintenanceTerms.slaTerms.priorities, critical: hours(1, 2) } } });
    expect(shape.status).toBe(400);
    expect((shape.body['errors'] as Array<{ field: string }>).map((error) => error.field)).toEqual(expect.arrayContaining(['validFrom', 'slaTerms.priorities.critical']));
    expect((await call(manager, 'GET', '/contracts?status=active')).status).toBe(400);
    expect((await call(manager, 'GET', '/contracts?vendorId=nope')).status).toBe(400);
  });

  it('terminates a signed contract with a reason, publishing contract.terminated; illegal transitions are 409 naming the state', async () => {
    const id = await drafted(mainVendor);
    const early = await call(admin, 'POST', `/contracts/${id}/terminate`, { reason: 'Not needed' });
    expect(early.body).toMatchObject({ status: 409, currentState: 'draft' });
    expect((await call(admin, 'POST', `/contracts/${id}/sign`)).status).toBe(200);
    expect((await call(admin, 'POST', `/contracts/${id}/terminate`, {})).status).toBe(400);
    const terminated = await call(manager, 'POST', `/contracts/${id}/terminate`, { reason: 'Repeated late responses after two written warnings' });
    expect(terminated.status).toBe(200);
    expect(terminated.body).toMatchObject({ status: 'terminated', inForce: false, termination: { terminatedBy: 'manager-1', reason: 'Repeated late responses after two written warnings' } });
    expect((await call(admin, 'POST', `/contracts/${id}/sign`)).body).toMatchObject({ status: 409, currentState: 'terminated' });
    const events = await outboxOf(id);
    expect(events.map((row) => row.event_type)).toEqual(['houqin.procurement.contract.signed.v1', 'houqin.procurement.contract.terminated.v1']);
    expect(events[1]!.envelope.data).toMatchObject({ contractId: id, vendorId: mainVendor, reason: 'Repeated late responses after two written warnings', terminatedBy: 'manager-1' });
  });

  it("shows a vendor account its own vendor's contracts only, and other agencies none", async () => {
    const others = othersDraft;
    const vendorUser = testCaller({ agencyId, userId: 'vendor-user-1', roles: ['vendor'], vendorId: mainVendor });
    expect((await call(vendorUser, 'GET', `/contracts/${signedContract}`)).body).toMatchObject({ id: signedContract, vendorId: mainVendor });
    expect((await call(vendorUser, 'GET', `/contracts/${others}`)).status).toBe(404);
    const listed = (await call(vendorUser, 'GET', '/contracts')).body as unknown as Array<{ vendorId: string }>;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((contract) => contract.vendorId === mainVendor)).toBe(true);
    expect((await call(vendorUser, 'GET', `/contracts?vendorId=${otherVendor}`)).body).toEqual([]);
    const noVendor = testCaller({ agencyId, userId: 'vendor-user-2', roles: ['vendor'] });
    expect((await call(noVendor, 'GET', '/contracts')).body).toEqual([]);

    const byVendor = (await call(manager, 'GET', `/contracts?vendorId=${otherVendor}&status=draft&serviceType=maintenance`)).body as unknown as Array<{ id: string }>;
    expect(byVendor.map((contract) => contract.id)).toContain(others);
    expect((await call(manager, 'GET', `/contracts?vendorId=${otherVendor}&status=signed`)).body).toEqual([]);
    expect((await call(stranger, 'GET', `/contracts/${signedContract}`)).status).toBe(404);
    expect((await call(stranger, 'GET', '/contracts')).body).toEqual([]);
  });

  it('expires signed contracts past validTo exactly once with two instances sweeping the same database', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const id = await drafted(mainVendor);
      expect((await call(admin, 'POST', `/contracts/${id}/sign`)).status).toBe(200);
      ids.push(id);
    }
    const draftOnly = await drafted(mainVendor);
    // Their validity ends now: moved into the past rather than waited for.
    await database.query(`UPDATE procurement_contract SET valid_from = now() - interval '2 days', valid_to = now() - interval '1 second' WHERE id = ANY($1)`, [[...ids, draftOnly]]);
    const sweeps = [procurement, replica].map((service) => service.app.get(ContractExpirySweep));
    const swept = await Promise.all([...sweeps, ...sweeps].map((sweep) => sweep.sweep()));
    await waitFor(
      async () => {
        const rows = await database.query<{ status: string }>(`SELECT status FROM procurement_contract WHERE id = ANY($1)`, [ids]);
        return rows.every((row) => row.status === 'expired');
      },
      { description: 'the contracts to expire' },
    );
    // Whichever instance (or timer) got each one, no sweep expired a contract another had.
    const expiredByTheseCalls = swept.flat();
    expect(new Set(expiredByTheseCalls).size).toBe(expiredByTheseCalls.length);
    expect(await Promise.all(sweeps.map((sweep) => sweep.sweep()))).toEqual([[], []]);
    for (const id of ids) {
      const events = await outboxOf(id);
      expect(events.map((row) => row.event_type)).toEqual(['houqin.procurement.contract.signed.v1', 'houqin.procurement.contract.expired.v1']);
      expect(events[1]!.envelope.data).toMatchObject({ contractId: id, agencyId, vendorId: mainVendor, serviceType: 'maintenance' });
      expect((await call(manager, 'GET', `/contracts/${id}`)).body).toMatchObject({ status: 'expired', inForce: false });
    }
    expect((await call(manager, 'GET', `/contracts/${draftOnly}`)).body).toMatchObject({ status: 'draft' });
    expect((await call(admin, 'POST', `/contracts/${ids[0]}/terminate`, { reason: 'Too late' })).body).toMatchObject({ status: 409, currentState: 'expired' });
  });
});
