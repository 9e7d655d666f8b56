import { businessDay, businessMonth } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import type { DemoApi } from './demo-seed';

export interface MaintenanceSeedInput {
  /** The maintenance vendor that signs the buildings' maintenance contract. */
  vendorId: string;
  agencyId: string;
  people: { manager: Caller; admin: Caller; requester: Caller; approver: Caller };
  year: number;
  now: Date;
}

export interface MaintenanceSeedResult {
  contractId: string;
  assets: number;
  workOrders: Record<string, string>;
  preventivePlans: number;
}

const BUILDINGS = ['办公楼 A座', '办公楼 B座'];

const ASSETS = [
  { code: 'HVAC-A-001', name: '中央空调冷水机组 1号 (chiller)', category: 'hvac', location: { building: '办公楼 A座', floor: 'B1', room: '冷冻机房' }, criticality: 'critical', value: 1_860_000_00, hours: 18_250 },
  { code: 'ELV-A-001', name: '客梯 1号 (passenger lift)', category: 'elevator', location: { building: '办公楼 A座', floor: '1', room: '电梯厅' }, criticality: 'high', value: 420_000_00, count: 152_340 },
  { code: 'ELV-B-001', name: '客梯 2号 (passenger lift)', category: 'elevator', location: { building: '办公楼 B座', floor: '1', room: '电梯厅' }, criticality: 'high', value: 405_000_00, count: 98_770 },
  { code: 'ELC-B-001', name: '低压配电柜 (low-voltage switchgear)', category: 'electrical', location: { building: '办公楼 B座', floor: 'B1', room: '配电房' }, criticality: 'critical', value: 260_000_00 },
  { code: 'PLB-A-014', name: '生活水泵 (domestic water pump)', category: 'plumbing', location: { building: '办公楼 A座', floor: 'B1', room: '水泵房' }, criticality: 'medium', value: 38_000_00, hours: 9_120 },
] as const;

/**
 * Maintenance for the demo agency: a direct-purchase maintenance contract with its SLA terms signed
 * with a registry vendor (so maintenance learns the vendor as assignable), the buildings' equipment
 * register, and repairs at every stage — one waiting for triage, one assigned to the contracted
 * vendor, one in progress, one completed and verified by the person who reported it, with its
 * costs: spare parts issued from the store room for it, the vendor's labour and a call-out fee;
 * and three preventive plans (calendar and meter).
 */
export async function seedMaintenance(api: DemoApi, input: MaintenanceSeedInput): Promise<MaintenanceSeedResult> {
  const { manager, admin, requester, approver } = input.people;
  const vendor: Caller = { agencyId: input.agencyId, userId: 'demo-vendor-gulou-engineer', roles: ['vendor'], vendorId: input.vendorId };

  const requisition = await api(requester, 'POST', '/procurement/requisitions', {
    title: `${input.year} 年度办公楼空调电梯维保`,
    category: 'maintenance',
    fiscalYear: input.year,
    lines: [{ description: '空调、电梯、配电、给排水日常维保 (12 个月)', quantity: 1, estimatedUnitPrice: 48_000_00 }],
  });
  const requisitionId = String(requisition['id']);
  await api(requester, 'POST', `/procurement/requisitions/${requisitionId}/submit`);
  await api(approver, 'POST', `/procurement/requisitions/${requisitionId}/approve`, { comment: '同意直接采购' });
  const contract = await api(manager, 'POST', '/procurement/contracts', {
    title: `${input.year} 年度办公楼设施设备维保服务合同`,
    requisitionId,
    vendorId: input.vendorId,
    serviceType: 'maintenance',
    scope: { description: '办公楼 A座、B座 空调、电梯、配电、给排水维修维护', buildings: BUILDINGS, assetCategories: ['hvac', 'elevator', 'electrical', 'plumbing'] },
    validFrom: `${input.year}-01-01T00:00:00+08:00`,
    validTo: `${input.year + 1}-12-31T23:59:59+08:00`,
    priceTerms: { monthlyFee: 4_000_00 },
    slaTerms: {
      priorities: {
        urgent: { responseHours: 1, resolutionHours: 4 },
        high: { responseHours: 4, resolutionHours: 24 },
        normal: { responseHours: 24, resolutionHours: 72 },
        low: { responseHours: 72, resolutionHours: 240 },
      },
    },
    penaltyRules: [{ breach: 'response-late', amount: 500_00, capPerMonth: 5_000_00 }],
  });
  const contractId = String(contract['id']);
  await api(admin, 'POST', `/procurement/contracts/${contractId}/sign`);
  await until(async () => {
    const known = (await api(manager, 'GET', '/maintenance/vendor-contracts')) as unknown as Array<{ contractId?: string; id?: string }>;
    return known.some((entry) => entry.contractId === contractId || entry.id === contractId);
  }, 'maintenance learning the signed maintenance contract');

  const assetIds: Record<string, string> = {};
  for (const asset of ASSETS) {
    const registered = await api(manager, 'POST', '/maintenance/assets', {
      code: asset.code,
      name: asset.name,
      category: asset.category,
      location: asset.location,
      criticality: asset.criticality,
      acquiredOn: `${input.year - 4}-06-30`,
      acquisitionValue: asset.value,
      warrantyEndsOn: `${input.year + 1}-06-30`,
      contractId,
    });
    const id = String(registered['id']);
    assetIds[asset.code] = id;
    if ('hours' in asset) await api(manager, 'POST', `/maintenance/assets/${id}/meter-readings`, { kind: 'hours', value: asset.hours });
    if ('count' in asset) await api(manager, 'POST', `/maintenance/assets/${id}/meter-readings`, { kind: 'count', value: asset.count });
  }

  const report = async (assetCode: string | undefined, location: Record<string, string>, description: string, priority: string) =>
    String((await api(requester, 'POST', '/maintenance/repair-requests', { location, description, priority, ...(assetCode ? { assetCode } : {}) }))['id']);
  const triage = async (requestId: string, category?: string) =>
    String((await api(manager, 'POST', `/maintenance/repair-requests/${requestId}/triage`, { autoAssign: true, ...(category ? { category } : {}) }))['id']);
  const step = (caller: Caller, workOrderId: string, action: string, body: unknown = {}) => api(caller, 'POST', `/maintenance/work-orders/${workOrderId}/${action}`, body);

  await report(undefined, { building: '办公楼 B座', floor: '5', room: '508' }, '508 会议室顶灯闪烁 (ceiling lights flicker)', 'low');

  const assigned = await triage(await report('ELV-B-001', { building: '办公楼 B座', floor: '1' }, '2号客梯关门时有异响 (lift door grinds when closing)', 'high'));

  const inProgress = await triage(await report(undefined, { building: '办公楼 A座', floor: '3', room: '305' }, '305 办公室空调漏水 (air conditioner leaks)', 'normal'), 'hvac');
  await step(vendor, inProgress, 'accept');
  await step(vendor, inProgress, 'start');

  const verified = await triage(await report('PLB-A-014', { building: '办公楼 A座', floor: 'B1', room: '水泵房' }, '生活水泵运行噪声大 (domestic water pump noisy)', 'urgent'));
  await step(vendor, verified, 'accept');
  await step(vendor, verified, 'start');
  // The spare parts come out of the agency's store room for this work order: procurement's issue
  // reaches maintenance as a parts cost line; the vendor books the labour, the manager a call-out fee.
  const storeRoom = await api(manager, 'POST', '/procurement/store-rooms', { name: '维修备件库', location: '办公楼 A座 B1' });
  const bearing = await api(manager, 'POST', '/procurement/stock-items', { code: 'PUMP-BEARING-6205', name: '水泵轴承 6205-2RS', unitOfMeasure: '个', lowStockThreshold: 2, reorderQuantity: 10 });
  await api(manager, 'POST', `/procurement/stock-items/${String(bearing['id'])}/receipts`, { storeRoomId: storeRoom['id'], quantity: 8, unitCostFen: 86_00 });
  await api(manager, 'POST', `/procurement/stock-items/${String(bearing['id'])}/issues`, {
    storeRoomId: storeRoom['id'],
    quantity: 2,
    departmentId: 'logistics-office',
    requestedBy: 'demo-vendor-gulou-engineer',
    workOrderId: verified,
  });
  await api(vendor, 'POST', `/maintenance/work-orders/${verified}/costs/labour`, { worker: '陈师傅 (pump fitter)', minutes: 150, hourlyRateFen: 120_00 });
  await api(manager, 'POST', `/maintenance/work-orders/${verified}/costs/extra`, { description: '夜间紧急出车费 (night call-out)', amountFen: 200_00 });
  await step(vendor, verified, 'complete', { resolutionNote: '更换水泵轴承及机械密封, 试运行正常 (bearing and seal replaced)' });
  await step(requester, verified, 'verify');

  // Preventive plans (预防性维护): the lifts' quarterly safety check falls due today (the sweep raises
  // its work order for the contracted vendor within a minute), the chiller's service every 500
  // running hours, the fire extinguishers' monthly inspection by the internal team.
  const today = businessDay(input.now).date;
  const nextMonth = businessMonth(businessMonth(input.now).end).month;
  const plans = [
    {
      name: '客梯季度安全检查 (lift quarterly safety check)',
      description: '按 TSG T5002 进行季度维护保养, 检查制动器、门锁、限速器。',
      checklist: ['制动器 brake', '层门门锁 landing door locks', '限速器 overspeed governor', '紧急报警 emergency alarm'],
      assetId: assetIds['ELV-B-001'],
      priority: 'high',
      assignee: { kind: 'automatic' },
      trigger: { kind: 'calendar', every: 3, unit: 'month', firstDueOn: today, leadDays: 0 },
      schedule: 'fixed',
    },
    {
      name: '冷水机组 500 小时保养 (chiller 500-hour service)',
      description: '更换润滑油及油过滤器, 检查冷媒压力。',
      assetId: assetIds['HVAC-A-001'],
      assignee: { kind: 'automatic' },
      trigger: { kind: 'meter', meterKind: 'hours', every: 500, startReading: 18_000 },
      schedule: 'from-completion',
    },
    {
      name: '灭火器月度检查 (monthly fire extinguisher inspection)',
      description: '检查压力表、铅封、有效期, 填写检查卡。',
      category: 'fire-safety',
      location: { building: '办公楼 A座' },
      priority: 'normal',
      assignee: { kind: 'internal' },
      trigger: { kind: 'calendar', every: 1, unit: 'month', firstDueOn: `${nextMonth}-01`, leadDays: 3 },
      schedule: 'fixed',
    },
  ];
  for (const plan of plans) await api(manager, 'POST', '/maintenance/preventive-plans', plan);

  return { contractId, assets: ASSETS.length, workOrders: { assigned, inProgress, verified }, preventivePlans: plans.length };
}

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
