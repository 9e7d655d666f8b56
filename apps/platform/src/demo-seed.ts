import type { Logger } from 'pino';
import { DEMO_AGENCY } from '@houqin/gateway';
import { Caller } from '@houqin/observability';
import { seedCatering } from './demo-seed-catering';
import { seedMaintenance } from './demo-seed-maintenance';
import { seedSupervision } from './demo-seed-supervision';
import { seedTransport } from './demo-seed-transport';

/** The demo agency every launcher's demo token acts for (a real agency of the gateway's identity store). */
export const DEMO_AGENCY_ID = DEMO_AGENCY.id;

/** The people of the demo agency the seed acts as (their tokens are signed by the platform). */
export const DEMO_PEOPLE = {
  manager: { agencyId: DEMO_AGENCY_ID, userId: 'demo-logistics-manager', roles: ['staff', 'logistics-manager'] },
  admin: { agencyId: DEMO_AGENCY_ID, userId: 'demo-agency-admin', roles: ['agency-admin'] },
  requester: { agencyId: DEMO_AGENCY_ID, userId: 'demo-staff-zhang', roles: ['staff'] },
  approver: { agencyId: DEMO_AGENCY_ID, userId: 'demo-approver-li', roles: ['approver'] },
} satisfies Record<string, Caller>;

interface DemoVendor {
  key: string;
  name: string;
  unifiedSocialCreditCode: string;
  categories: string[];
  contact: { name: string; phone: string };
  permits: Array<{ kind: string; number: string; category: string }>;
}

const VENDORS: DemoVendor[] = [
  {
    key: 'gulou',
    name: '福州市鼓楼区后勤服务有限公司',
    unifiedSocialCreditCode: '91350100M000100Y43',
    categories: ['maintenance', 'cleaning'],
    contact: { name: '陈经理', phone: '13805910001' },
    permits: [
      { kind: 'service-permit', number: 'FZ-WX-2026-0113', category: 'maintenance' },
      { kind: 'service-permit', number: 'FZ-BJ-2026-0077', category: 'cleaning' },
    ],
  },
  {
    key: 'huaxin',
    name: '北京华信物业管理有限公司',
    unifiedSocialCreditCode: '91110000802100433B',
    categories: ['maintenance'],
    contact: { name: '刘工', phone: '13901010002' },
    permits: [{ kind: 'service-permit', number: 'BJ-WX-2025-3301', category: 'maintenance' }],
  },
  {
    key: 'meishi',
    name: '深圳市美食餐饮管理有限公司',
    unifiedSocialCreditCode: '91440300708461136T',
    categories: ['catering', 'supplies'],
    contact: { name: '黄女士', phone: '13602550003' },
    permits: [{ kind: 'food-operation-permit', number: 'JY14403050012345', category: 'catering' }],
  },
  {
    key: 'gongwu',
    name: '福州市公务用车租赁有限公司',
    unifiedSocialCreditCode: '91350100MA2Y8K7Q3F',
    categories: ['transport'],
    contact: { name: '许经理', phone: '13805910004' },
    permits: [{ kind: 'service-permit', number: 'FZ-ZC-2026-0021', category: 'transport' }],
  },
];

export type TokenFor = (caller: Caller) => string;

/** A call to the gateway's API as one of the demo people; `path` starts with the service, e.g. `/procurement/vendors`. */
export type DemoApi = (caller: Caller, method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

class SeedError extends Error {}

/**
 * Demo data for the single-process platform, through the gateway's API as the agency's people would
 * enter it: three vendors of the registry with their permits, the year's budgets, a requisition
 * approved through its chain, and an open tender for the buildings' maintenance with two sealed
 * bids; then maintenance (see demo-seed-maintenance.ts), supervision (demo-seed-supervision.ts) and catering (demo-seed-catering.ts).
 * Runs once: a demo agency that already has vendors is left as it is.
 */
export async function seedDemo(gatewayUrl: string, tokenFor: TokenFor, logger: Logger, now = new Date()): Promise<'seeded' | 'already-there'> {
  const api: DemoApi = async (caller, method, path, body) => {
    const response = await fetch(`${gatewayUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${tokenFor(caller)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new SeedError(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };
  const call = (caller: Caller, method: string, path: string, body?: unknown) => api(caller, method, `/procurement${path}`, body);
  const existing = (await call(DEMO_PEOPLE.manager, 'GET', '/vendors?limit=1')) as unknown as unknown[];
  if (existing.length > 0) return 'already-there';

  const year = now.getUTCFullYear();
  const vendorIds: Record<string, string> = {};
  for (const vendor of VENDORS) {
    const { key, permits, ...registration } = vendor;
    vendorIds[key] = String((await call(DEMO_PEOPLE.manager, 'POST', '/vendors', registration))['id']);
    for (const permit of permits) {
      await call(DEMO_PEOPLE.manager, 'POST', `/vendors/${vendorIds[key]}/qualifications`, { ...permit, issuedOn: `${year - 1}-03-01`, expiresOn: `${year + 2}-02-28` });
    }
  }

  for (const [category, yuan] of [['supplies', 500_000], ['maintenance', 2_000_000], ['catering', 3_600_000], ['transport', 800_000]] as const) {
    await call(DEMO_PEOPLE.admin, 'POST', '/budgets', { fiscalYear: year, category, allocated: yuan * 100 });
  }

  const requisition = await call(DEMO_PEOPLE.requester, 'POST', '/requisitions', {
    title: '档案室办公家具',
    category: 'supplies',
    fiscalYear: year,
    lines: [
      { description: '密集架 (mobile shelving), 6 columns', quantity: 2, estimatedUnitPrice: 38_000_00 },
      { description: '档案柜 (archive cabinet)', quantity: 10, estimatedUnitPrice: 4_400_00 },
    ],
  });
  const requisitionId = String(requisition['id']);
  await call(DEMO_PEOPLE.requester, 'POST', `/requisitions/${requisitionId}/submit`);
  await call(DEMO_PEOPLE.approver, 'POST', `/requisitions/${requisitionId}/approve`, { comment: '同意' });
  await call(DEMO_PEOPLE.manager, 'POST', `/requisitions/${requisitionId}/approve`, { comment: '按询价采购' });

  const deadline = new Date(now.getTime() + 7 * 24 * 3600_000);
  deadline.setUTCHours(1, 30, 0, 0);
  const tender = await call(DEMO_PEOPLE.manager, 'POST', '/tenders', {
    title: `${year + 1} 年度机关办公楼设施设备维修维护服务`,
    category: 'maintenance',
    method: 'open-tender',
    budgetCeiling: 1_800_000_00,
    criteria: {
      weights: { price: 40, technical: 45, service: 15 },
      technical: [
        { name: 'staffing plan', maxPoints: 20 },
        { name: 'equipment and spare parts', maxPoints: 15 },
        { name: 'emergency response plan', maxPoints: 10 },
      ],
      service: [{ name: 'response-time commitment', maxPoints: 10 }],
    },
    bidDeadline: deadline.toISOString(),
    openingAt: deadline.toISOString(),
    publicationDays: 3,
  });
  const tenderId = String(tender['id']);
  await call(DEMO_PEOPLE.manager, 'POST', `/tenders/${tenderId}/publish`);
  const bidders: Array<[string, number, string]> = [
    ['gulou', 1_620_000_00, '驻场 6 人, 24 小时值班, 紧急故障 30 分钟到场'],
    ['huaxin', 1_540_000_00, '驻场 5 人, 备品备件库, 紧急故障 45 分钟到场'],
  ];
  for (const [key, price, proposal] of bidders) {
    const vendorAccount: Caller = { agencyId: DEMO_AGENCY_ID, userId: `demo-vendor-${key}`, roles: ['vendor'], vendorId: vendorIds[key]! };
    await call(vendorAccount, 'POST', `/tenders/${tenderId}/bids`, { price, technicalProposal: proposal });
  }
  logger.info({ vendors: Object.keys(vendorIds).length, requisitionId, tenderId, bidDeadline: deadline.toISOString() }, 'demo data seeded: vendors, budgets, an approved requisition, an open tender with two sealed bids');
  const maintenance = await seedMaintenance(api, { vendorId: vendorIds['gulou']!, agencyId: DEMO_AGENCY_ID, people: DEMO_PEOPLE, year, now });
  logger.info(maintenance, 'demo maintenance seeded: a signed maintenance contract, assets, repairs at every stage');
  const gulouAccount: Caller = { agencyId: DEMO_AGENCY_ID, userId: 'demo-vendor-gulou', roles: ['vendor'], vendorId: vendorIds['gulou']! };
  const supervision = await seedSupervision(api, {
    agencyId: DEMO_AGENCY_ID,
    people: DEMO_PEOPLE,
    contracted: { vendorId: vendorIds['gulou']!, account: gulouAccount },
    caterer: vendorIds['meishi']!,
    verifiedWorkOrderId: maintenance.workOrders['verified']!,
    now,
  });
  logger.info(supervision, 'demo supervision seeded: complaints, a violation, rectification notices, qualifications, an internal audit plan');
  const catering = await seedCatering(api, { vendorId: vendorIds['meishi']!, agencyId: DEMO_AGENCY_ID, people: DEMO_PEOPLE, year, now });
  logger.info(catering, "demo catering seeded: the caterer's contract and canteen, a week of menus, bookings, meals served and rated, a passed inspection");
  const transport = await seedTransport(api, { vendorId: vendorIds['gongwu']!, agencyId: DEMO_AGENCY_ID, people: DEMO_PEOPLE, year, now });
  logger.info(transport, 'demo transport seeded: a rental contract, vehicles and drivers, trips at every stage');
  return 'seeded';
}
