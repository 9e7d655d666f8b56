import { randomUUID } from 'node:crypto';
import { VendorSanctioned } from '@houqin/contracts';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { procurementService } from '@houqin/procurement';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TestDatabase, createTestDatabase, inProcessServiceEnv, internalToken, testCaller, waitFor } from '@houqin/testing';

/**
 * Tendering against the real procurement service: sealed bids nobody reads before opening (stored
 * encrypted), conflict-of-interest refusal, the whole flow to the award with its events in the
 * outbox, objections, and a sanction from evaluation making a vendor ineligible.
 */
describe('procurement tendering (招投标)', () => {
  const broker = new InProcessBroker();
  let database: TestDatabase;
  let procurement: RunningService;
  const agencyId = `agency-${randomUUID()}`;
  const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager', 'agency-admin'] });
  const vendorIds: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  const vendorAccount = (vendor: 'a' | 'b' | 'c'): Caller => testCaller({ agencyId, userId: `vendor-user-${vendor}`, roles: ['vendor'], vendorId: vendorIds[vendor] });
  const expert = (n: number): Caller => testCaller({ agencyId, userId: `expert-${n}`, roles: ['evaluator'] });

  beforeAll(async () => {
    database = await createTestDatabase('tenders');
    procurement = await startService(procurementService, {
      env: inProcessServiceEnv(database.url, { BID_SEALING_KEY: TEST_BID_SEALING_KEY }),
      broker,
    });
    const codes = { a: '91350100M000100Y43', b: '91110000802100433B', c: '91440300708461136T' };
    for (const key of ['a', 'b', 'c'] as const) {
      const registered = await call('POST', '/vendors', { name: `供应商 ${key.toUpperCase()}`, unifiedSocialCreditCode: codes[key], categories: ['cleaning'], contact: { name: '王经理', phone: '13800138000' } });
      expect(registered.status).toBe(201);
      vendorIds[key] = registered.body['id'] as string;
    }
    // A and B hold a cleaning permit; C holds none.
    for (const key of ['a', 'b'] as const) {
      const qualified = await call('POST', `/vendors/${vendorIds[key]}/qualifications`, { kind: 'service-permit', number: `BJ-${key}`, category: 'cleaning', issuedOn: '2026-01-01', expiresOn: '2029-01-01' });
      expect(qualified.status).toBe(201);
    }
  });

  afterAll(async () => {
    await procurement?.shutdown();
    await database?.drop();
  });

  async function call(method: string, path: string, body?: unknown, caller: Caller = manager) {
    const response = await fetch(`${procurement.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${internalToken(caller)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, text, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  const criteria = {
    weights: { price: 40, technical: 45, service: 15 },
    technical: [
      { name: 'staffing plan', maxPoints: 20 },
      { name: 'equipment', maxPoints: 10 },
    ],
    service: [{ name: 'response commitment', maxPoints: 10 }],
  };

  /** A published tender whose deadline and opening are `inMs` away (awaited with waitFor, never slept). */
  async function publishedTender(options: { inMs?: number; publicationDays?: number } = {}): Promise<string> {
    const deadline = new Date(Date.now() + (options.inMs ?? 2500)).toISOString();
    const created = await call('POST', '/tenders', {
      title: '2027 年度办公楼保洁服务',
      category: 'cleaning',
      method: 'open-tender',
      budgetCeiling: 100_000_000,
      criteria,
      bidDeadline: deadline,
      openingAt: deadline,
      publicationDays: options.publicationDays ?? 0,
    });
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    expect((await call('POST', `/tenders/${id}/publish`)).status).toBe(200);
    return id;
  }

  async function openWhenDue(id: string) {
    return waitFor(
      async () => {
        const opened = await call('POST', `/tenders/${id}/open`);
        if (opened.status === 422) return undefined;
        return opened;
      },
      { timeoutMs: 15_000, intervalMs: 200, description: 'the opening time' },
    );
  }

  async function outboxTypes(subject: string): Promise<Array<{ type: string; data: Record<string, unknown>; causationid?: string }>> {
    const rows = await database.query<{ envelope: { type: string; data: Record<string, unknown>; causationid?: string } }>(
      `SELECT envelope FROM outbox_event WHERE envelope->>'subject' = $1 ORDER BY position`,
      [subject],
    );
    return rows.map((row) => row.envelope);
  }

  const full = (staffing: number, equipment: number, response: number) => ({ technical: { 'staffing plan': staffing, equipment }, service: { 'response commitment': response } });

  it('refuses weights that do not sum to 100 with a 422 naming criteria, and a second publication with a 409 naming the state', async () => {
    const bad = await call('POST', '/tenders', {
      title: 'x',
      category: 'cleaning',
      method: 'request-for-quotation',
      budgetCeiling: 1000,
      criteria: { ...criteria, weights: { price: 40, technical: 45, service: 10 } },
      bidDeadline: new Date(Date.now() + 60_000).toISOString(),
      openingAt: new Date(Date.now() + 60_000).toISOString(),
      publicationDays: 0,
    });
    expect(bad.status).toBe(422);
    expect(bad.body['errors']).toEqual([expect.objectContaining({ field: 'criteria', rule: 'weights-must-sum-to-100' })]);
    const id = await publishedTender({ inMs: 60_000 });
    const again = await call('POST', `/tenders/${id}/publish`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'published', type: 'urn:houqin:problem:illegal-transition' });
  });

  it('refuses a bid from a vendor without a valid qualification, giving the reason, and from an account that is not a vendor', async () => {
    const id = await publishedTender({ inMs: 60_000 });
    const refused = await call('POST', `/tenders/${id}/bids`, { price: 50_000_00, technicalProposal: 'C' }, vendorAccount('c'));
    expect(refused.status).toBe(422);
    expect(refused.body['detail']).toContain('no valid qualification for cleaning');
    expect((await call('POST', `/tenders/${id}/bids`, { price: 50_000_00, technicalProposal: 'M' })).status).toBe(422);
  });

  describe('one tender from publication to award', () => {
    let tenderId = '';
    const proposalA = `SEALED-PROPOSAL-A ${randomUUID()}`;
    const proposalB = `SEALED-PROPOSAL-B ${randomUUID()}`;
    const bidIds: Record<'a' | 'b', string> = { a: '', b: '' };

    beforeAll(async () => {
      tenderId = await publishedTender({ inMs: 3000 });
      const committee = await call('POST', `/tenders/${tenderId}/committee`, {
        members: [
          { userId: 'expert-1', conflicts: [] },
          { userId: 'expert-2', conflicts: [] },
          { userId: 'expert-3', conflicts: [vendorIds.b] },
        ],
      });
      expect(committee.status).toBe(200);
      const first = await call('POST', `/tenders/${tenderId}/bids`, { price: 95_000_00, technicalProposal: 'first draft' }, vendorAccount('a'));
      expect(first.status).toBe(201);
      const replaced = await call('POST', `/tenders/${tenderId}/bids`, { price: 90_000_00, technicalProposal: proposalA }, vendorAccount('a'));
      expect(replaced.status).toBe(201);
      expect(replaced.body).toMatchObject({ bidId: first.body['bidId'], replaced: true, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const b = await call('POST', `/tenders/${tenderId}/bids`, { price: 80_000_00, technicalProposal: proposalB }, vendorAccount('b'));
      expect(b.status).toBe(201);
      bidIds.a = replaced.body['bidId'] as string;
      bidIds.b = b.body['bidId'] as string;
    });

    it('lets nobody — admins, the committee and the bidders included — read a bid before the opening, and stores it encrypted', async () => {
      const roles: Array<[string, Caller]> = [
        ['platform-admin', testCaller({ agencyId, userId: 'root', roles: ['platform-admin'] })],
        ['agency-admin', testCaller({ agencyId, userId: 'admin-1', roles: ['agency-admin'] })],
        ['logistics-manager', manager],
        ['approver', testCaller({ agencyId, userId: 'approver-1', roles: ['approver'] })],
        ['staff', testCaller({ agencyId, userId: 'staff-1', roles: ['staff'] })],
        ['vendor (the other bidder)', vendorAccount('b')],
        ['vendor (the bidder itself)', vendorAccount('a')],
        ['evaluator (committee member)', expert(1)],
        ['auditor', testCaller({ agencyId, userId: 'auditor-1', roles: ['auditor'] })],
        ['supervisor', testCaller({ agencyId, userId: 'supervisor-1', roles: ['supervisor'] })],
      ];
      for (const [role, caller] of roles) {
        const list = await call('GET', `/tenders/${tenderId}/bids`, undefined, caller);
        const one = await call('GET', `/tenders/${tenderId}/bids/${bidIds.a}`, undefined, caller);
        for (const answer of [list, one]) {
          expect({ role, leaks: answer.text.includes('SEALED-PROPOSAL') || answer.text.includes('9000000') }).toEqual({ role, leaks: false });
        }
        expect({ role, status: list.status }).toEqual({ role, status: 200 });
        for (const bid of list.body as unknown as Array<Record<string, unknown>>) {
          expect({ role, contentVisible: bid['contentVisible'], price: bid['price'], digest: typeof bid['digest'] }).toEqual({ role, contentVisible: false, price: undefined, digest: 'string' });
        }
      }
      // A vendor account sees only its own bid: the other bidder's is not found.
      expect((await call('GET', `/tenders/${tenderId}/bids/${bidIds.a}`, undefined, vendorAccount('b'))).status).toBe(404);
      expect(((await call('GET', `/tenders/${tenderId}/bids`, undefined, vendorAccount('b'))).body as unknown as Array<{ id: string }>).map((bid) => bid.id)).toEqual([bidIds.b]);

      const stored = await database.query<{ sealed_content: string; price: string | null; technical_proposal: string | null }>(
        'SELECT sealed_content, price, technical_proposal FROM tender_bid WHERE tender_id = $1',
        [tenderId],
      );
      expect(stored).toHaveLength(2);
      for (const row of stored) {
        expect(row.sealed_content).toMatch(/^v1\./);
        expect(row.sealed_content).not.toContain('SEALED-PROPOSAL');
        expect(row.sealed_content).not.toContain('9000000');
        expect(row.sealed_content).not.toContain('8000000');
        expect(row.price).toBeNull();
        expect(row.technical_proposal).toBeNull();
      }
    });

    it('refuses to open before the opening time, then opens and publishes the prices', async () => {
      const early = await call('POST', `/tenders/${tenderId}/open`);
      expect(early.status).toBe(422);
      expect(early.body['type']).toBe('urn:houqin:problem:opening-time-not-reached');
      const opened = await openWhenDue(tenderId);
      expect(opened.status).toBe(200);
      expect(opened.body['status']).toBe('opened');
      // A bid after the deadline is refused.
      expect((await call('POST', `/tenders/${tenderId}/bids`, { price: 1, technicalProposal: 'late' }, vendorAccount('a'))).status).toBe(409);
    });

    it('after opening lets committee members read the content, a bidder its own bid only, and still not staff', async () => {
      const read = await call('GET', `/tenders/${tenderId}/bids/${bidIds.a}`, undefined, expert(2));
      expect(read.body).toMatchObject({ contentVisible: true, price: 90_000_00, technicalProposal: proposalA });
      const own = await call('GET', `/tenders/${tenderId}/bids/${bidIds.b}`, undefined, vendorAccount('b'));
      expect(own.body).toMatchObject({ contentVisible: true, technicalProposal: proposalB });
      const staff = await call('GET', `/tenders/${tenderId}/bids/${bidIds.a}`, undefined, testCaller({ agencyId, userId: 'staff-1', roles: ['staff'] }));
      expect(staff.body['contentVisible']).toBe(false);
      expect(staff.text).not.toContain('SEALED-PROPOSAL');
    });

    it('refuses scores from a member who declared a link to a bidder (conflict of interest)', async () => {
      const refused = await call('POST', `/tenders/${tenderId}/scores`, { bidId: bidIds.a, ...full(20, 10, 10) }, expert(3));
      expect(refused.status).toBe(422);
      expect(refused.body['type']).toBe('urn:houqin:problem:conflict-of-interest');
      expect((await call('POST', `/tenders/${tenderId}/scores`, { bidId: bidIds.a, ...full(20, 10, 10) }, testCaller({ agencyId, userId: 'outsider', roles: ['evaluator'] }))).status).toBe(422);
    });

    it('scores, ranks, proposes the best bid and awards it after the publication period, with the events in the outbox', async () => {
      expect((await call('POST', `/tenders/${tenderId}/propose-award`)).body['currentState']).toBe('opened');
      const scores: Array<[number, 'a' | 'b', ReturnType<typeof full>]> = [
        [1, 'a', full(20, 10, 10)],
        [2, 'a', full(18, 9, 9)],
        [1, 'b', full(10, 5, 5)],
        [2, 'b', full(12, 5, 5)],
      ];
      let last: Record<string, unknown> = {};
      for (const [member, bid, points] of scores) {
        const scored = await call('POST', `/tenders/${tenderId}/scores`, { bidId: bidIds[bid], ...points }, expert(member));
        expect(scored.status).toBe(200);
        last = scored.body;
      }
      expect(last['status']).toBe('scored');
      const ranking = await call('GET', `/tenders/${tenderId}/ranking`);
      // A: price 80/90 × 40 = 35.56; technical (45 + 40.5) / 2 = 42.75; service (15 + 13.5) / 2 = 14.25 → 92.56
      // B: price 40; technical (22.5 + 25.5) / 2 = 24; service 7.5 → 71.5
      expect((ranking.body as unknown as Array<Record<string, unknown>>).map((row) => [row['bidId'], row['total']])).toEqual([
        [bidIds.a, 92.56],
        [bidIds.b, 71.5],
      ]);
      const proposed = await call('POST', `/tenders/${tenderId}/propose-award`);
      expect(proposed.body).toMatchObject({ status: 'award-proposed', award: { bidId: bidIds.a, vendorId: vendorIds.a, price: 90_000_00, total: 92.56 } });
      const awarded = await call('POST', `/tenders/${tenderId}/finalise-award`);
      expect(awarded.status).toBe(200);
      expect(awarded.body['status']).toBe('awarded');
      const events = await outboxTypes(tenderId);
      expect(events.map((event) => event.type)).toEqual([
        'houqin.procurement.tender.published.v1',
        'houqin.procurement.tender.bids-opened.v1',
        'houqin.procurement.tender.award-proposed.v1',
        'houqin.procurement.tender.awarded.v1',
      ]);
      expect(events[1]!.data).toMatchObject({ bidCount: 2, bids: expect.arrayContaining([expect.objectContaining({ vendorId: vendorIds.a, price: 90_000_00 }), expect.objectContaining({ vendorId: vendorIds.b, price: 80_000_00 })]) });
      expect(events[3]!.data).toMatchObject({ tenderId, vendorId: vendorIds.a, price: 90_000_00, category: 'cleaning' });
    });
  });

  it('suspends the award while an objection is open; dismissed it continues, upheld it cancels the tender', async () => {
    const id = await publishedTender({ inMs: 2000, publicationDays: 3 });
    expect((await call('POST', `/tenders/${id}/committee`, { members: [{ userId: 'expert-1', conflicts: [] }] })).status).toBe(200);
    const bid = await call('POST', `/tenders/${id}/bids`, { price: 70_000_00, technicalProposal: 'plan' }, vendorAccount('a'));
    expect((await openWhenDue(id)).status).toBe(200);
    expect((await call('POST', `/tenders/${id}/scores`, { bidId: bid.body['bidId'], ...full(15, 8, 8) }, expert(1))).body['status']).toBe('scored');
    expect((await call('POST', `/tenders/${id}/propose-award`)).status).toBe(200);
    const staff = testCaller({ agencyId, userId: 'staff-1', roles: ['staff'] });
    const objected = await call('POST', `/tenders/${id}/objections`, { reason: 'the winner lacks certified staff' }, staff);
    expect(objected.body['status']).toBe('award-suspended');
    const objectionId = (objected.body['objections'] as Array<{ id: string }>)[0]!.id;
    const blocked = await call('POST', `/tenders/${id}/finalise-award`);
    expect(blocked.status).toBe(409);
    expect(blocked.body['currentState']).toBe('award-suspended');
    const dismissed = await call('POST', `/tenders/${id}/objections/${objectionId}/resolve`, { outcome: 'dismissed', note: 'certificates checked' });
    expect(dismissed.body['status']).toBe('award-proposed');
    // Three days of publication still run.
    expect((await call('POST', `/tenders/${id}/finalise-award`)).body['type']).toBe('urn:houqin:problem:publication-period-running');
    const second = await call('POST', `/tenders/${id}/objections`, { reason: 'the price is below cost' }, staff);
    const secondId = (second.body['objections'] as Array<{ id: string; status: string }>).find((objection) => objection.status === 'open')!.id;
    const upheld = await call('POST', `/tenders/${id}/objections/${secondId}/resolve`, { outcome: 'upheld', note: 'below-cost bid confirmed' });
    expect(upheld.body['status']).toBe('cancelled');
    expect((await outboxTypes(id)).map((event) => event.type)).toContain('houqin.procurement.tender.cancelled.v1');
  });

  it('makes a vendor sanctioned by evaluation ineligible to bid, once however often the event is delivered', async () => {
    const id = await publishedTender({ inMs: 60_000 });
    const sanction = VendorSanctioned.create({
      subject: vendorIds.b,
      origin: { agencyId, correlationId: randomUUID() },
      data: {
        vendorId: vendorIds.b,
        agencyId,
        kind: 'suspension',
        reason: 'two food safety violations in one quarter',
        from: new Date(Date.now() - 1000).toISOString(),
        until: new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString(),
        decidedBy: 'evaluator-7',
      },
    });
    // Delivered twice, as Kafka may: the inbox applies it once.
    for (let delivery = 0; delivery < 2; delivery += 1) await broker.publish(VendorSanctioned.topic, vendorIds.b, Buffer.from(JSON.stringify(sanction)));
    const vendor = await call('GET', `/vendors/${vendorIds.b}`);
    expect(vendor.body).toMatchObject({ status: 'suspended', suspension: { bySanction: true, suspendedBy: 'evaluator-7', reason: 'two food safety violations in one quarter' } });
    const suspendedEvents = (await outboxTypes(vendorIds.b)).filter((event) => event.type === 'houqin.procurement.vendor.suspended.v1');
    expect(suspendedEvents).toHaveLength(1);
    expect(suspendedEvents[0]!.causationid).toBe(sanction.id);
    const refused = await call('POST', `/tenders/${id}/bids`, { price: 50_000_00, technicalProposal: 'B' }, vendorAccount('b'));
    expect(refused.status).toBe(422);
    expect(refused.body['detail']).toContain('sanctioned');

    const blacklisting = VendorSanctioned.create({
      subject: vendorIds.b,
      origin: { agencyId, correlationId: randomUUID() },
      data: { vendorId: vendorIds.b, agencyId, kind: 'blacklisting', reason: 'forged inspection records', from: new Date().toISOString(), decidedBy: 'evaluator-7' },
    });
    await broker.publish(VendorSanctioned.topic, vendorIds.b, Buffer.from(JSON.stringify(blacklisting)));
    expect((await call('GET', `/vendors/${vendorIds.b}`)).body).toMatchObject({ status: 'blacklisted', blacklisting: { reason: 'forged inspection records' } });
    expect((await outboxTypes(vendorIds.b)).map((event) => event.type)).toContain('houqin.procurement.vendor.blacklisted.v1');
    expect((await call('POST', `/tenders/${id}/bids`, { price: 50_000_00, technicalProposal: 'B' }, vendorAccount('b'))).body['detail']).toContain('blacklisted');
  });
});
