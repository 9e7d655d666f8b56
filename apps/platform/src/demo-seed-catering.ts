import { BUSINESS_UTC_OFFSET_MINUTES } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import type { DemoApi } from './demo-seed';

export interface CateringSeedInput {
  /** The catering vendor of the registry that runs the canteen. */
  vendorId: string;
  agencyId: string;
  people: { manager: Caller; admin: Caller; requester: Caller; approver: Caller };
  year: number;
  now: Date;
}

export interface CateringSeedResult {
  contractId: string;
  canteenId: string;
  menuId: string;
  reservations: number;
  servedMeals: number;
  inspectionId: string;
}

const DISHES = [
  { name: '红烧肉', priceFen: 12_00, allergens: ['soybeans', 'gluten'], nutrition: { energyKcal: 610, proteinG: 24, fatG: 46, carbohydrateG: 18, sodiumMg: 980 }, ingredients: [{ name: '猪五花肉', supplierName: '福州闽侯肉联厂', batch: 'MH-PK-1206' }, { name: '酱油', supplierName: '福建古龙酱园', batch: 'GL-2611-17' }] },
  { name: '清炒时蔬', priceFen: 4_00, allergens: [], nutrition: { energyKcal: 120, proteinG: 4, fatG: 7, carbohydrateG: 11, sodiumMg: 420 }, ingredients: [{ name: '上海青', supplierName: '闽侯蔬菜合作社', batch: 'VG-1206-08' }] },
  { name: '番茄炒蛋', priceFen: 6_00, allergens: ['eggs'], nutrition: { energyKcal: 260, proteinG: 14, fatG: 18, carbohydrateG: 9, sodiumMg: 560 }, ingredients: [{ name: '鸡蛋', supplierName: '连江蛋品公司', batch: 'EG-1205-02' }, { name: '番茄', supplierName: '闽侯蔬菜合作社', batch: 'VG-1206-03' }] },
  { name: '米饭', priceFen: 1_00, allergens: [], nutrition: { energyKcal: 230, proteinG: 4, fatG: 0.5, carbohydrateG: 51, sodiumMg: 2 }, ingredients: [{ name: '大米', supplierName: '五常米业', batch: 'RC-2610-A' }] },
] as const;

/** YYYY-MM-DD and HH:MM of an instant, China Standard Time. */
function cst(at: Date): { date: string; time: string } {
  const iso = new Date(at.getTime() + BUSINESS_UTC_OFFSET_MINUTES * 60_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Catering for the demo agency: a catering contract (食堂承包) with the registry's caterer signed
 * in procurement, its canteen run by that operator with the contract's targets, a week of menus the
 * operator drafted and the manager approved, meal accounts with the month's subsidy rule, bookings
 * for tomorrow's lunch, meals served at the counter in the period being served (so that they show
 * whenever the demo starts, that period's window is set around the time of seeding) with a rating, and a passed
 * food-safety inspection.
 */
export async function seedCatering(api: DemoApi, input: CateringSeedInput): Promise<CateringSeedResult> {
  const { manager, admin, requester, approver } = input.people;
  const operator: Caller = { agencyId: input.agencyId, userId: 'demo-vendor-meishi-chef', roles: ['vendor'], vendorId: input.vendorId };

  const requisition = await api(requester, 'POST', '/procurement/requisitions', {
    title: `${input.year} 年度机关食堂承包经营`,
    category: 'catering',
    fiscalYear: input.year,
    lines: [{ description: '机关第一食堂承包经营服务 (12 个月)', quantity: 1, estimatedUnitPrice: 48_000_00 }],
  });
  const requisitionId = String(requisition['id']);
  await api(requester, 'POST', `/procurement/requisitions/${requisitionId}/submit`);
  await api(approver, 'POST', `/procurement/requisitions/${requisitionId}/approve`, { comment: '同意' });
  const contract = await api(manager, 'POST', '/procurement/contracts', {
    title: `${input.year} 年度机关第一食堂承包经营合同`,
    requisitionId,
    vendorId: input.vendorId,
    serviceType: 'catering',
    scope: { description: '机关第一食堂早、中、晚餐及公务接待餐' },
    validFrom: `${input.year}-01-01T00:00:00+08:00`,
    validTo: `${input.year + 1}-12-31T23:59:59+08:00`,
    priceTerms: { monthlyFee: 4_000_00 },
    slaTerms: { minInspectionPassRate: 95, minSatisfactionScore: 4.2 },
    penaltyRules: [{ breach: 'inspection-failed', amount: 2_000_00, capPerMonth: 10_000_00 }],
  });
  const contractId = String(contract['id']);
  await api(admin, 'POST', `/procurement/contracts/${contractId}/sign`);
  await until(async () => ((await api(manager, 'GET', '/catering/catering-contracts')) as unknown as Array<{ contractId: string }>).some((known) => known.contractId === contractId), 'catering learning the catering contract');

  const canteen = await api(manager, 'POST', '/catering/canteens', { name: '机关第一食堂', location: { building: '办公楼 A座', floor: '1' }, capacity: 200, mealPeriods: ['lunch', 'dinner'] });
  const canteenId = String(canteen['id']);
  await api(manager, 'POST', `/catering/canteens/${canteenId}/operator-periods`, { contractId });
  // The period being served at the time of seeding gets a window around it, the other its usual one.
  const now = cst(input.now);
  const later = cst(new Date(input.now.getTime() + 90 * 60_000));
  const earlier = cst(new Date(input.now.getTime() - 30 * 60_000));
  const around = { servesFrom: earlier.date === now.date ? earlier.time : '00:00', servesUntil: later.date === now.date ? later.time : '23:59' };
  const servingNow = now.time >= '09:00' && now.time < '15:00' ? 'lunch' : 'dinner';
  const windows = {
    lunch: servingNow === 'lunch' ? around : { servesFrom: '11:30', servesUntil: '13:00' },
    dinner: servingNow === 'dinner' ? around : { servesFrom: '17:30', servesUntil: '19:00' },
  };
  await api(manager, 'PUT', `/catering/canteens/${canteenId}/meal-periods/lunch`, { ...windows.lunch, cutoffMinutes: 120, capacity: 180 });
  await api(manager, 'PUT', `/catering/canteens/${canteenId}/meal-periods/dinner`, { ...windows.dinner, cutoffMinutes: 60, capacity: 120 });

  const dishIds: string[] = [];
  for (const dish of DISHES) dishIds.push(String((await api(operator, 'POST', `/catering/canteens/${canteenId}/dishes`, dish))['id']));
  const days = Array.from({ length: 7 }, (_, day) => addDays(now.date, day)).flatMap((date) => [
    { date, period: 'lunch', dishIds },
    { date, period: 'dinner', dishIds: [dishIds[1]!, dishIds[2]!, dishIds[3]!] },
  ]);
  const menu = await api(operator, 'POST', `/catering/canteens/${canteenId}/menus`, { kind: 'weekly', startsOn: now.date, days });
  const menuId = String(menu['id']);
  await api(operator, 'POST', `/catering/menus/${menuId}/submit`);
  await api(manager, 'POST', `/catering/menus/${menuId}/approve`, { note: '荤素搭配合理' });

  await api(manager, 'PUT', '/catering/meal-subsidies/rules', { rules: [{ staffCategory: '在编', monthlyFen: 300_00 }, { staffCategory: '聘用', monthlyFen: 200_00 }] });
  const diners: Array<[Caller, string]> = [[requester, '在编'], [approver, '在编'], [manager, '聘用']];
  for (const [diner, staffCategory] of diners) {
    await api(manager, 'POST', '/catering/meal-accounts', { staffId: diner.userId, staffCategory, overdraftLimitFen: 20_00 });
    await api(manager, 'POST', `/catering/meal-accounts/${diner.userId}/top-ups`, { amountFen: 200_00, idempotencyKey: `demo-opening-${diner.userId}` });
  }

  const tomorrow = addDays(now.date, 1);
  let reservations = 0;
  for (const [diner] of diners) {
    await api(diner, 'POST', `/catering/canteens/${canteenId}/reservations`, { date: tomorrow, period: 'lunch', dishIds: [dishIds[0]!, dishIds[1]!, dishIds[3]!] });
    reservations += 1;
  }
  let servedMeals = 0;
  const served: string[] = [];
  for (const [diner] of diners.slice(0, 2)) {
    const meal = await api(operator, 'POST', `/catering/canteens/${canteenId}/check-ins`, { staffId: diner.userId, dishIds: [dishIds[2]!, dishIds[3]!], idempotencyKey: `demo-walk-in-${diner.userId}` });
    served.push(String(meal['id']));
    servedMeals += 1;
  }
  await api(requester, 'POST', `/catering/meals/${served[0]!}/rating`, { score: 5, comment: '番茄炒蛋味道好' });

  const inspection = await api(manager, 'POST', `/catering/canteens/${canteenId}/inspections`, {
    items: [
      { code: 'kitchen-hygiene', category: 'hygiene', description: '后厨操作间地面、台面清洁', passed: true },
      { code: 'cold-room', category: 'storage-temperature', description: '冷藏库温度', storage: 'chilled', measuredCelsius: 3.5 },
      { code: 'freezer', category: 'storage-temperature', description: '冷冻库温度', storage: 'frozen', measuredCelsius: -18 },
      { code: 'health-cert-chef', category: 'health-certificate', description: '主厨健康证', holderName: '黄师傅', certificateExpiresOn: `${input.year + 1}-06-30` },
      { code: 'samples', category: 'sample-retention', description: '每餐每样留样', retainedHours: 48, sampleGrams: 150 },
    ],
  });
  return { contractId, canteenId, menuId, reservations, servedMeals, inspectionId: String(inspection['id']) };
}

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
