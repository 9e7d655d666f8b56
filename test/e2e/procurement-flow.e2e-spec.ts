import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { ContractSigned, EventEnvelope, VendorSanctioned } from '@houqin/contracts';
import { Caller } from '@houqin/observability';
import {
  ServiceProcess,
  TEST_ACCESS_TOKEN_SECRET,
  TEST_BID_SEALING_KEY,
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_KAFKA_BROKERS,
  TestDatabase,
  callGateway,
  expectStatus,
  createTestDatabase,
  freePort,
  startServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@houqin/testing';

/**
 * Procurement end to end, every step through the gateway as the agency's people and the vendors'
 * staff would take it, with procurement and the gateway as their own OS processes on real Kafka
 * and PostgreSQL: a requisition approved through its chain, an open tender for it, sealed bids,
 * the opening, committee scoring, the award, the contract — and ContractSigned on Kafka carrying
 * the SLA terms maintenance will run its clocks on. Then evaluation's sanction (published by the
 * test until evaluation decides sanctions) makes the sanctioned vendor ineligible for a new tender.
 */
const run = uniqueSuffix();
const agencyId = `agency-flow-${run}`;
const person = (userId: string, roles: string[]): Caller => ({ agencyId, userId, roles });
const people = {
  requester: person('staff-zhang', ['staff']),
  approver: person('approver-li', ['approver']),
  manager: person('manager-wang', ['staff', 'logistics-manager']),
  admin: person('admin-chen', ['agency-admin']),
  experts: [person('expert-1', ['evaluator']), person('expert-2', ['evaluator']), person('expert-3', ['evaluator'])],
};
const vendorAccount = (vendorId: string): Caller => ({ agencyId, userId: `vendor-staff-${vendorId.slice(0, 8)}`, roles: ['vendor'], vendorId });

const databases = {} as Record<'procurement' | 'gateway', TestDatabase>;
const processes: ServiceProcess[] = [];
let gateway: ServiceProcess;
let kafka: Kafka;
let consumer: Consumer;
let producer: Producer;
const signed: Array<EventEnvelope<Record<string, unknown>>> = [];

const as = (caller: Caller, method: string, path: string, body?: unknown) => callGateway(gateway.url, caller, method, `/procurement${path}`, body);


beforeAll(async () => {
  for (const name of ['procurement', 'gateway'] as const) databases[name] = await createTestDatabase(`flow_${name}`);
  const procurementPort = await freePort();
  const procurement = startServiceProcess({
    app: 'procurement',
    port: procurementPort,
    label: 'procurement',
    env: {
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      BID_SEALING_KEY: TEST_BID_SEALING_KEY,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      KAFKA_CONSUMER_GROUP: `procurement-flow-${run}`,
      DATABASE_URL: databases.procurement.url,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_INTERVAL_MS: '100',
    },
  });
  processes.push(procurement);
  gateway = startServiceProcess({
    app: 'gateway',
    port: await freePort(),
    label: 'gateway',
    env: {
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      ACCESS_TOKEN_SECRET: TEST_ACCESS_TOKEN_SECRET,
      WEBHOOK_SECRET_KEY: 'e2e-webhook-secret-key-0123456789abcdef',
      DATABASE_URL: databases.gateway.url,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      KAFKA_CONSUMER_GROUP: `gateway-flow-${run}`,
      LOG_LEVEL: 'warn',
      PROCUREMENT_URL: `http://127.0.0.1:${procurementPort}`,
      ...Object.fromEntries(['maintenance', 'catering', 'transport', 'evaluation'].map((service) => [`${service.toUpperCase()}_URL`, 'http://127.0.0.1:9'])),
    },
  });
  processes.push(gateway);
  await Promise.all(processes.map((child) => child.waitUntilReady(90_000)));

  kafka = new Kafka({ clientId: `flow-${run}`, brokers: TEST_KAFKA_BROKERS.split(','), logLevel: 0 });
  producer = kafka.producer();
  await producer.connect();
  consumer = kafka.consumer({ groupId: `flow-observer-${run}` });
  await consumer.connect();
  await consumer.subscribe({ topic: ContractSigned.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const envelope = JSON.parse(message.value!.toString('utf8')) as EventEnvelope<Record<string, unknown>>;
      if (envelope.type === ContractSigned.type && envelope.agencyid === agencyId) signed.push(envelope);
    },
  });
});

afterAll(async () => {
  await consumer?.disconnect();
  await producer?.disconnect();
  await Promise.all(processes.map((child) => child.stop()));
  await Promise.all(Object.values(databases).map((database) => database.drop()));
});

describe('procurement end to end through the gateway on Kafka', () => {
  const vendors = {} as Record<'huaxin' | 'gulou', string>;
  let requisitionId: string;
  let tenderId: string;
  const bids = {} as Record<'huaxin' | 'gulou', string>;

  it('registers qualified vendors and the year’s budget', async () => {
    const registrations = [
      ['huaxin', '北京华信物业管理有限公司', '91110000802100433B'],
      ['gulou', '福州市鼓楼区后勤服务有限公司', '91350100M000100Y43'],
    ] as const;
    for (const [key, name, unifiedSocialCreditCode] of registrations) {
      const vendor = await expectStatus(as(people.manager, 'POST', '/vendors', { name, unifiedSocialCreditCode, categories: ['maintenance'], contact: { name: '联系人', phone: '13800138000' } }), 201);
      vendors[key] = String(vendor['id']);
      await expectStatus(as(people.manager, 'POST', `/vendors/${vendors[key]}/qualifications`, { kind: 'service-permit', number: `WX-${key}`, category: 'maintenance', issuedOn: '2026-01-01', expiresOn: '2029-12-31' }), 201);
    }
    await expectStatus(as(people.admin, 'POST', '/budgets', { fiscalYear: 2026, category: 'maintenance', allocated: 2_000_000_00 }), 201);
  });

  it('approves a requisition through its three steps, choosing an open tender by its amount', async () => {
    const raised = await expectStatus(
      as(people.requester, 'POST', '/requisitions', {
        title: '2027 年度办公楼设施维修服务',
        category: 'maintenance',
        fiscalYear: 2026,
        lines: [{ description: 'Building maintenance services, 12 months', quantity: 1, estimatedUnitPrice: 1_200_000_00 }],
      }),
      201,
    );
    requisitionId = String(raised['id']);
    await expectStatus(as(people.requester, 'POST', `/requisitions/${requisitionId}/submit`), 200);
    // The requester never approves their own requisition.
    expect((await as({ ...people.requester, roles: ['staff', 'approver'] }, 'POST', `/requisitions/${requisitionId}/approve`, {})).status).toBe(422);
    await expectStatus(as(people.approver, 'POST', `/requisitions/${requisitionId}/approve`, {}), 200);
    await expectStatus(as(people.manager, 'POST', `/requisitions/${requisitionId}/approve`, {}), 200);
    const approved = await expectStatus(as(people.admin, 'POST', `/requisitions/${requisitionId}/approve`, {}), 200);
    expect(approved).toMatchObject({ status: 'approved', procurementMethod: 'open-tender' });
  });

  it('runs the open tender: sealed bids, the opening, committee scoring, the award', async () => {
    const deadline = new Date(Date.now() + 4000).toISOString();
    const tender = await expectStatus(
      as(people.manager, 'POST', '/tenders', {
        title: '2027 年度办公楼设施维修服务',
        category: 'maintenance',
        method: 'open-tender',
        requisitionId,
        budgetCeiling: 1_200_000_00,
        criteria: { weights: { price: 40, technical: 45, service: 15 }, technical: [{ name: 'staffing plan', maxPoints: 20 }], service: [{ name: 'response commitment', maxPoints: 10 }] },
        bidDeadline: deadline,
        openingAt: deadline,
        publicationDays: 0,
      }),
      201,
    );
    tenderId = String(tender['id']);
    await expectStatus(as(people.manager, 'POST', `/tenders/${tenderId}/publish`), 200);
    for (const [key, price] of [['huaxin', 1_100_000_00], ['gulou', 1_150_000_00]] as const) {
      const bid = await expectStatus(as(vendorAccount(vendors[key]), 'POST', `/tenders/${tenderId}/bids`, { price, technicalProposal: `${key}: 驻场 5 人, 30 分钟到场` }), 201);
      bids[key] = String(bid['bidId']);
    }
    // Sealed: before the opening even the logistics manager sees no price.
    const sealed = (await expectStatus(as(people.manager, 'GET', `/tenders/${tenderId}/bids`), 200)) as unknown as Array<Record<string, unknown>>;
    expect(sealed.every((bid) => bid['contentVisible'] === false && bid['price'] === undefined)).toBe(true);
    await expectStatus(as(people.manager, 'POST', `/tenders/${tenderId}/committee`, { members: people.experts.map((expert) => ({ userId: expert.userId, conflicts: [] })) }), 200);
    await waitFor(async () => (await as(people.manager, 'POST', `/tenders/${tenderId}/open`)).status === 200, { description: 'the opening', timeoutMs: 30_000 });
    for (const expert of people.experts) {
      for (const [key, points] of [['huaxin', 18], ['gulou', 12]] as const) {
        await expectStatus(as(expert, 'POST', `/tenders/${tenderId}/scores`, { bidId: bids[key], technical: { 'staffing plan': points }, service: { 'response commitment': points / 2 } }), 200);
      }
    }
    const proposed = await expectStatus(as(people.manager, 'POST', `/tenders/${tenderId}/propose-award`), 200);
    expect(proposed).toMatchObject({ status: 'award-proposed', award: { vendorId: vendors.huaxin, price: 1_100_000_00 } });
    expect(await expectStatus(as(people.manager, 'POST', `/tenders/${tenderId}/finalise-award`), 200)).toMatchObject({ status: 'awarded' });
  });

  it('signs the contract from the award and publishes ContractSigned on Kafka with the SLA terms', async () => {
    const slaTerms = {
      priorities: {
        urgent: { responseHours: 1, resolutionHours: 4 },
        high: { responseHours: 4, resolutionHours: 24 },
        normal: { responseHours: 24, resolutionHours: 72 },
        low: { responseHours: 72, resolutionHours: 240 },
      },
    };
    const drafted = await expectStatus(
      as(people.manager, 'POST', '/contracts', {
        title: '2027 年度办公楼设施维修服务合同',
        tenderId,
        serviceType: 'maintenance',
        scope: { description: 'Repair and upkeep of the office buildings' },
        validFrom: '2027-01-01T00:00:00+08:00',
        validTo: '2027-12-31T23:59:59+08:00',
        priceTerms: { monthlyFee: 91_666_67 },
        slaTerms,
        penaltyRules: [{ breach: 'response-late', amount: 5_000_00, capPerMonth: 50_000_00 }],
      }),
      201,
    );
    const contractId = String(drafted['id']);
    await expectStatus(as(people.admin, 'POST', `/contracts/${contractId}/sign`), 200);
    const [event] = await waitFor(() => signed.length > 0 && signed, { description: 'ContractSigned on Kafka', timeoutMs: 30_000 });
    expect(event!.subject).toBe(contractId);
    expect(event!.data).toMatchObject({ contractId, vendorId: vendors.huaxin, serviceType: 'maintenance', tenderId, slaTerms: { serviceType: 'maintenance', ...slaTerms }, priceTerms: { fixedTotal: 1_100_000_00 } });
  });

  it('keeps a vendor sanctioned by evaluation out of the next tender', async () => {
    const sanction = VendorSanctioned.create({
      subject: vendors.gulou,
      origin: { agencyId, correlationId: randomUUID() },
      data: { vendorId: vendors.gulou, agencyId, kind: 'suspension', reason: 'Three SLA breaches in one quarter', from: new Date().toISOString(), decidedBy: 'evaluation-board' },
    });
    await producer.send({ topic: VendorSanctioned.topic, acks: -1, messages: [{ key: vendors.gulou, value: JSON.stringify(sanction) }] });
    const next = await expectStatus(
      as(people.manager, 'POST', '/tenders', {
        title: '2027 年度电梯维保服务',
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
    await expectStatus(as(people.manager, 'POST', `/tenders/${String(next['id'])}/publish`), 200);
    const refused = await waitFor(
      async () => {
        const attempt = await as(vendorAccount(vendors.gulou), 'POST', `/tenders/${String(next['id'])}/bids`, { price: 250_000_00, technicalProposal: 'plan' });
        return attempt.status === 422 && attempt;
      },
      { description: 'the sanction applied by procurement', timeoutMs: 30_000 },
    );
    expect(JSON.stringify(refused.body)).toContain('sanction');
    expect(await expectStatus(as(people.manager, 'GET', `/vendors/${vendors.gulou}`), 200)).toMatchObject({ status: 'suspended' });
    // The other vendor still bids.
    await expectStatus(as(vendorAccount(vendors.huaxin), 'POST', `/tenders/${String(next['id'])}/bids`, { price: 260_000_00, technicalProposal: 'plan' }), 201);
  });
});
