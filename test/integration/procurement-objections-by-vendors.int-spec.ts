import { randomUUID } from 'node:crypto';
import { InProcessBroker } from '@houqin/messaging';
import { procurementService } from '@houqin/procurement';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TestDatabase, createTestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';
import { startGateway, viaGateway } from './gateway-fixture';

/**
 * An objection (质疑) during the publication period of a proposed award is first a bidder's right:
 * a vendor account objects for its own vendor, through the gateway, and the award is suspended with
 * the objection recorded against that vendor. Auditors and supervisors, who only read, may not.
 */
let database: TestDatabase;
let procurement: RunningService;
let gateway: RunningService;
const agencyId = randomUUID();
const manager = testCaller({ agencyId, userId: randomUUID(), roles: ['logistics-manager'] });
const expert = testCaller({ agencyId, userId: randomUUID(), roles: ['evaluator'] });

beforeAll(async () => {
  database = await createTestDatabase('objections_by_vendors');
  procurement = await startService(procurementService, { env: inProcessServiceEnv(database.url, { LOG_LEVEL: 'fatal', BID_SEALING_KEY: TEST_BID_SEALING_KEY }), broker: new InProcessBroker() });
  gateway = await startGateway({ PROCUREMENT_URL: procurement.url });
});

afterAll(async () => {
  await gateway?.shutdown();
  await procurement?.shutdown();
  await database?.drop();
});

async function ok(caller: ReturnType<typeof testCaller>, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await viaGateway(gateway, method, path, { caller, ...(body !== undefined ? { body } : {}) });
  if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body ?? {};
}

async function vendor(name: string, unifiedSocialCreditCode: string): Promise<string> {
  const id = String((await ok(manager, 'POST', '/procurement/vendors', { name, unifiedSocialCreditCode, categories: ['cleaning'], contact: { name: '王经理', phone: '13800138000' } }))['id']);
  await ok(manager, 'POST', `/procurement/vendors/${id}/qualifications`, { kind: 'service-permit', number: `P-${unifiedSocialCreditCode.slice(-4)}`, category: 'cleaning', issuedOn: '2026-01-01', expiresOn: '2029-01-01' });
  return id;
}

it('lets a bidder object to the proposed award for its own vendor, suspending it; an auditor may not', async () => {
  const winner = await vendor('福州市鼓楼区保洁服务有限公司', '91350100M000100Y43');
  const loser = await vendor('福州市台江区物业管理有限公司', '91350100M000200Y4T');
  const deadline = new Date(Date.now() + 1500).toISOString();
  const tender = String(
    (
      await ok(manager, 'POST', '/procurement/tenders', {
        title: '2027 年度办公楼保洁服务',
        category: 'cleaning',
        method: 'open-tender',
        budgetCeiling: 100_000_000,
        criteria: { weights: { price: 40, technical: 45, service: 15 }, technical: [{ name: 'staffing plan', maxPoints: 20 }], service: [{ name: 'response commitment', maxPoints: 10 }] },
        bidDeadline: deadline,
        openingAt: deadline,
        publicationDays: 3,
      })
    )['id'],
  );
  await ok(manager, 'POST', `/procurement/tenders/${tender}/publish`);
  await ok(manager, 'POST', `/procurement/tenders/${tender}/committee`, { members: [{ userId: expert.userId, conflicts: [] }] });
  const loserStaff = testCaller({ agencyId, userId: randomUUID(), roles: ['vendor'], vendorId: loser });
  const bids = [
    await ok(testCaller({ agencyId, userId: randomUUID(), roles: ['vendor'], vendorId: winner }), 'POST', `/procurement/tenders/${tender}/bids`, { price: 80_000_000, technicalProposal: 'Two teams' }),
    await ok(loserStaff, 'POST', `/procurement/tenders/${tender}/bids`, { price: 90_000_000, technicalProposal: 'One team' }),
  ];
  await waitFor(async () => (await viaGateway(gateway, 'POST', `/procurement/tenders/${tender}/open`, { caller: manager })).status === 200, { description: 'the opening time', timeoutMs: 15_000 });
  for (const bid of bids) {
    await ok(expert, 'POST', `/procurement/tenders/${tender}/scores`, { bidId: bid['bidId'], technical: { 'staffing plan': 15 }, service: { 'response commitment': 8 } });
  }
  expect(await ok(manager, 'POST', `/procurement/tenders/${tender}/propose-award`)).toMatchObject({ status: 'award-proposed' });

  const auditor = await viaGateway(gateway, 'POST', `/procurement/tenders/${tender}/objections`, { caller: testCaller({ agencyId, roles: ['auditor'] }), body: { reason: 'x' } });
  expect(auditor.status).toBe(403);
  const objected = await viaGateway(gateway, 'POST', `/procurement/tenders/${tender}/objections`, { caller: loserStaff, body: { reason: 'the winner lacks certified staff' } });
  expect(objected.status).toBe(200);
  expect(objected.body).toMatchObject({ status: 'award-suspended', objections: [expect.objectContaining({ raisedBy: loserStaff.userId, status: 'open' })] });
  // Recorded against the vendor the account acts for.
  const [record] = await database.query<{ details: { objections: Array<{ vendorId?: string }> } }>(`SELECT details FROM tender WHERE id = $1`, [tender]);
  expect(record!.details.objections.map((objection) => objection.vendorId)).toEqual([loser]);
});
