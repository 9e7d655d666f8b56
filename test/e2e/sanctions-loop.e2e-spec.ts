import { Caller } from '@houqin/observability';
import {
  GatewayAnswer,
  ServiceProcess,
  TEST_ACCESS_TOKEN_SECRET,
  TEST_BID_SEALING_KEY,
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_KAFKA_BROKERS,
  TestDatabase,
  callGateway,
  createTestDatabase,
  expectStatus,
  freePort,
  startServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@houqin/testing';

/**
 * The sanctions loop end to end, every service its own OS process on real Kafka and PostgreSQL,
 * driven through the gateway: a vendor misses its response deadlines (the SLA clocks are backdated
 * in maintenance's database), maintenance publishes sla.breached, evaluation records the
 * violations and its rule proposes a suspension, which a logistics manager confirms for a few
 * seconds. Maintenance then refuses to assign the vendor new work (work already assigned goes on)
 * and procurement refuses its bid and a direct purchase from it; when the period ends evaluation publishes
 * vendor.reinstated, and both take the vendor again. Procurement's own suspension sweep is kept
 * out of the way, so its reinstatement can only come from evaluation's event.
 */
const SERVICES = ['procurement', 'maintenance', 'evaluation'] as const;
type Service = (typeof SERVICES)[number];

const run = uniqueSuffix();
const agencyId = `agency-sanctions-${run}`;
const person = (userId: string, roles: string[]): Caller => ({ agencyId, userId, roles });
const people = {
  requester: person('staff-zhou', ['staff']),
  approver: person('approver-wang', ['approver']),
  manager: person('manager-chen', ['staff', 'logistics-manager']),
  admin: person('admin-lin', ['agency-admin']),
};
/** How long the manager suspends the vendor for: long enough to see both services refuse it, short enough to wait out. */
const SUSPENSION_MS = 15_000;

const databases = {} as Record<Service | 'gateway', TestDatabase>;
const ports = {} as Record<Service, number>;
const processes = {} as Record<Service | 'gateway', ServiceProcess>;

const SERVICE_TIMERS: Record<Service, Record<string, string>> = {
  maintenance: { SLA_SWEEP_INTERVAL_MS: '200' },
  evaluation: { SANCTION_SWEEP_INTERVAL_MS: '200' },
  // Procurement would end the suspension at its end by itself; here only evaluation's vendor.reinstated may.
  procurement: { BID_SEALING_KEY: TEST_BID_SEALING_KEY, VENDOR_SUSPENSION_SWEEP_MS: '86400000' },
};

const as = (caller: Caller, method: string, path: string, body?: unknown) => callGateway(processes.gateway.url, caller, method, path, body);
const ok = (answer: Promise<GatewayAnswer>, status = 200) => expectStatus(answer, status);

beforeAll(async () => {
  for (const name of [...SERVICES, 'gateway'] as const) databases[name] = await createTestDatabase(`sanctions_${name}`);
  for (const service of SERVICES) {
    ports[service] = await freePort();
    processes[service] = startServiceProcess({
      app: service,
      port: ports[service],
      label: service,
      env: {
        INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
        KAFKA_BROKERS: TEST_KAFKA_BROKERS,
        KAFKA_CONSUMER_GROUP: `${service}-sanctions-${run}`,
        DATABASE_URL: databases[service].url,
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_INTERVAL_MS: '100',
        ...SERVICE_TIMERS[service],
      },
    });
  }
  processes.gateway = startServiceProcess({
    app: 'gateway',
    port: await freePort(),
    label: 'gateway',
    env: {
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
      WEBHOOK_SECRET_KEY: 'e2e-webhook-secret-key-0123456789abcdef',
      DATABASE_URL: databases.gateway.url,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      KAFKA_CONSUMER_GROUP: `gateway-sanctions-${run}`,
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_URL`, `http://127.0.0.1:${ports[service]}`])),
      ...Object.fromEntries(['catering', 'transport'].map((service) => [`${service.toUpperCase()}_URL`, 'http://127.0.0.1:9'])),
    },
  });
  await Promise.all(Object.values(processes).map((child) => child.waitUntilReady(90_000)));
});

afterAll(async () => {
  await Promise.all(Object.values(processes).map((child) => child.stop()));
  await Promise.all(Object.values(databases).map((database) => database.drop()));
});

describe('sanctions on Kafka, each service its own process', () => {
  let vendorId: string;
  let sanctionId: string;
  /** A request for quotation open for bids while the vendor is suspended and after. */
  let tenderId: string;
  const vendor = (): Caller => ({ agencyId, userId: 'vendor-staff-he', roles: ['vendor'], vendorId });
  const late: string[] = [];

  async function approvedRequisition(category: string, title: string, estimatedUnitPrice: number): Promise<string> {
    const requisition = await ok(as(people.requester, 'POST', '/procurement/requisitions', { title, category, fiscalYear: 2026, lines: [{ description: title, quantity: 1, estimatedUnitPrice }] }), 201);
    const id = String(requisition['id']);
    await ok(as(people.requester, 'POST', `/procurement/requisitions/${id}/submit`));
    await ok(as(people.approver, 'POST', `/procurement/requisitions/${id}/approve`, {}));
    return id;
  }

  /** A repair reported and triaged, not yet assigned. */
  async function triaged(description: string, options: { autoAssign?: boolean } = {}): Promise<string> {
    const reported = await ok(as(people.requester, 'POST', '/maintenance/repair-requests', { location: { building: 'Main Building', room: '402' }, description, priority: 'urgent' }), 201);
    const workOrder = await ok(as(people.manager, 'POST', `/maintenance/repair-requests/${String(reported['id'])}/triage`, { category: 'hvac', ...(options.autoAssign ? { autoAssign: true } : {}) }), 201);
    return String(workOrder['id']);
  }

  /** A direct purchase order from the vendor, on a fresh approved requisition. */
  function directPurchase(): Promise<GatewayAnswer> {
    return approvedRequisition('maintenance', 'Compressor spare parts', 2_000_00).then((requisitionId) =>
      as(people.manager, 'POST', '/procurement/purchase-orders', {
        requisitionId,
        vendorId,
        lines: [{ quantity: 1, unitPrice: 2_000_00, expectedDeliveryDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) }],
      }),
    );
  }

  it('records each missed response deadline of the vendor as a violation, and the rule proposes a suspension once', async () => {
    const registered = await ok(
      as(people.manager, 'POST', '/procurement/vendors', { name: '北京安泰楼宇设备维保有限公司', unifiedSocialCreditCode: '91110000802100433B', categories: ['maintenance'], contact: { name: '联系人', phone: '13901010002' } }),
      201,
    );
    vendorId = String(registered['id']);
    // The permit that makes it eligible to bid for maintenance work.
    await ok(as(people.manager, 'POST', `/procurement/vendors/${vendorId}/qualifications`, { kind: 'service-permit', number: 'BJ-WX-2026-0412', category: 'maintenance', issuedOn: '2025-01-01', expiresOn: '2029-12-31' }), 201);
    await ok(as(people.admin, 'POST', '/procurement/budgets', { fiscalYear: 2026, category: 'maintenance', allocated: 1_000_000_00 }), 201);
    const contract = await ok(
      as(people.manager, 'POST', '/procurement/contracts', {
        title: 'HVAC maintenance',
        requisitionId: await approvedRequisition('maintenance', 'HVAC upkeep, 12 months', 36_000_00),
        vendorId,
        serviceType: 'maintenance',
        scope: { description: 'Air conditioning of the Main Building', buildings: ['Main Building'], assetCategories: ['hvac'] },
        validFrom: '2026-01-01T00:00:00+08:00',
        validTo: '2099-12-31T00:00:00+08:00',
        priceTerms: { monthlyFee: 3_000_00 },
        slaTerms: { priorities: { urgent: { responseHours: 1, resolutionHours: 4 }, high: { responseHours: 4, resolutionHours: 24 }, normal: { responseHours: 24, resolutionHours: 72 }, low: { responseHours: 72, resolutionHours: 240 } } },
        penaltyRules: [{ breach: 'response-late', amount: 500_00, capPerMonth: 5_000_00 }],
      }),
      201,
    );
    await ok(as(people.admin, 'POST', `/procurement/contracts/${String(contract['id'])}/sign`));
    await waitFor(async () => ((await ok(as(people.manager, 'GET', '/maintenance/vendor-contracts'))) as unknown as unknown[]).length > 0, { description: 'maintenance learning the contract' });

    // The agency's rule: two penalty points within 30 days suspend for a day (a late response is a minor violation, 1 point).
    await ok(
      as(people.admin, 'PUT', '/evaluation/sanctions/rules', {
        rules: [{ offence: 'penalty-points', threshold: 2, windowDays: 30, measure: 'suspension', suspensionDays: 1 }],
        ladder: { windowDays: 365, suspensionDays: 30 },
        automatic: false,
      }),
    );

    for (const description of ['No cooling on the third floor', 'Air conditioner in 405 blowing hot air']) {
      const workOrder = await triaged(description, { autoAssign: true });
      late.push(workOrder);
      // Two hours pass for the response clock (urgent: 1 h) without an answer from the vendor.
      await databases.maintenance.query(
        `UPDATE sla_clock SET started_at = started_at - interval '2 hours', deadline = deadline - interval '2 hours', at_risk_at = at_risk_at - interval '2 hours' WHERE work_order_id = $1 AND kind = 'response'`,
        [workOrder],
      );
    }

    const violations = await waitFor(
      async () => {
        const rows = (await ok(as(people.manager, 'GET', `/evaluation/violations?party=${vendorId}`))) as unknown as Array<Record<string, unknown>>;
        return rows.length === 2 && rows;
      },
      { description: 'two violations from the breached response clocks' },
    );
    expect(violations.map((violation) => violation['source'])).toEqual(['sla-breach', 'sla-breach']);

    const proposals = await waitFor(
      async () => {
        const rows = (await ok(as(people.manager, 'GET', `/evaluation/sanctions/proposals?vendorId=${vendorId}`))) as unknown as Array<Record<string, unknown>>;
        return rows.length > 0 && rows;
      },
      { description: 'the suspension proposal' },
    );
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ status: 'open', measure: 'suspension', suspensionDays: 1, figure: 2, threshold: 2 });
    expect((proposals[0]!['evidence'] as unknown[]).length).toBe(2);

    const tender = await ok(
      as(people.manager, 'POST', '/procurement/tenders', {
        title: '空调机组压缩机更换',
        category: 'maintenance',
        method: 'request-for-quotation',
        budgetCeiling: 300_000_00,
        criteria: { weights: { price: 60, technical: 30, service: 10 }, technical: [{ name: 'plan', maxPoints: 10 }], service: [{ name: 'response', maxPoints: 10 }] },
        bidDeadline: new Date(Date.now() + 3_600_000).toISOString(),
        openingAt: new Date(Date.now() + 3_600_000).toISOString(),
        publicationDays: 0,
      }),
      201,
    );
    tenderId = String(tender['id']);
    await ok(as(people.manager, 'POST', `/procurement/tenders/${tenderId}/publish`));
    const until = new Date(Date.now() + SUSPENSION_MS).toISOString();
    const confirmed = await ok(as(people.manager, 'POST', `/evaluation/sanctions/proposals/${String(proposals[0]!['id'])}/confirm`, { reason: '两次响应超时，暂停十五秒以作演示', until }));
    const sanction = confirmed['sanction'] as Record<string, unknown>;
    expect(sanction).toMatchObject({ measure: 'suspension', status: 'active', until });
    sanctionId = String(sanction['id']);
  });

  it('while suspended: maintenance refuses to assign it new work, procurement its bid and a direct purchase; work already assigned goes on', async () => {
    const waiting = await triaged('Thermostat in 410 unresponsive');
    const refusal = await waitFor(
      async () => {
        const answer = await as(people.manager, 'POST', `/maintenance/work-orders/${waiting}/assign`, { vendorId });
        return answer.status === 422 && answer;
      },
      { description: 'maintenance learning the sanction' },
    );
    expect(String(refusal.body?.['detail'])).toContain('sanctioned by evaluation');

    const purchase = await waitFor(
      async () => {
        const answer = await directPurchase();
        return answer.status === 422 && answer;
      },
      { description: 'procurement learning the sanction' },
    );
    expect(JSON.stringify(purchase.body)).toContain('vendor-not-active');
    const bid = await as(vendor(), 'POST', `/procurement/tenders/${tenderId}/bids`, { price: 250_000_00, technicalProposal: '两台压缩机更换, 48 小时完工' });
    expect(bid.status).toBe(422);
    expect(JSON.stringify(bid.body)).toContain('sanction');
    const registry = await ok(as(people.manager, 'GET', `/procurement/vendors/${vendorId}`));
    expect(registry).toMatchObject({ status: 'suspended', suspension: { bySanction: true } });

    // Existing work continues: the vendor still answers a work order assigned before the sanction.
    await ok(as(vendor(), 'POST', `/maintenance/work-orders/${late[0]!}/accept`));
    expect(Date.now()).toBeLessThan(new Date(String((await ok(as(people.manager, 'GET', `/evaluation/sanctions/${sanctionId}`)))['until'])).getTime());
  });

  it('when the period ends evaluation publishes vendor.reinstated, and both services take the vendor again', async () => {
    const ended = await waitFor(
      async () => {
        const read = await ok(as(people.manager, 'GET', `/evaluation/sanctions/${sanctionId}`));
        return read['status'] === 'ended' && read;
      },
      { description: 'the end of the period', timeoutMs: SUSPENSION_MS + 30_000 },
    );
    expect(ended).toMatchObject({ endCause: 'period-ended', inForce: false });
    const announced: Array<{ data: Record<string, unknown> }> = await databases.evaluation.query(
      `SELECT envelope->'data' AS data FROM outbox_event WHERE event_type = 'houqin.evaluation.vendor.reinstated.v1' AND message_key = $1`,
      [vendorId],
    );
    expect(announced).toEqual([{ data: expect.objectContaining({ sanctionId, kind: 'suspension', cause: 'period-ended', reinstatedBy: 'system' }) as unknown }]);

    // Procurement reinstated the vendor on evaluation's event (its own sweep is out of the way).
    const reinstated = await waitFor(
      async () => {
        const rows: Array<{ status: string; reinstatement_cause: string | null; reinstated_by: string | null }> = await databases.procurement.query(
          `SELECT status, reinstatement_cause, reinstated_by FROM vendor WHERE id = $1`,
          [vendorId],
        );
        return rows[0]?.status === 'active' && rows[0];
      },
      { description: "procurement's registry reinstating the vendor" },
    );
    expect(reinstated).toEqual({ status: 'active', reinstatement_cause: 'suspension-ended', reinstated_by: 'system' });
    // Maintenance lifted the evaluation standing.
    await waitFor(
      async () => {
        const rows: Array<{ status: string }> = await databases.maintenance.query(`SELECT status FROM maintenance_vendor_standing WHERE vendor_id = $1`, [vendorId]);
        return rows[0]?.status === 'active' || undefined;
      },
      { description: "maintenance's standing lifted" },
    );

    const next = await triaged('Air handler in 301 rattling');
    expect(await ok(as(people.manager, 'POST', `/maintenance/work-orders/${next}/assign`, { vendorId }))).toMatchObject({ vendorId, status: 'assigned' });
    expect((await directPurchase()).status).toBe(201);
    expect((await as(vendor(), 'POST', `/procurement/tenders/${tenderId}/bids`, { price: 250_000_00, technicalProposal: '两台压缩机更换, 48 小时完工' })).status).toBe(201);
  });
});
