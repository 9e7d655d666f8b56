import { Caller } from '@houqin/observability';
import type { DemoApi } from './demo-seed';

export interface TransportSeedInput {
  /** The rental company of the registry (租车公司) that takes trips the fleet cannot. */
  vendorId: string;
  agencyId: string;
  people: { manager: Caller; admin: Caller; requester: Caller; approver: Caller };
  year: number;
  now: Date;
}

export interface TransportSeedResult {
  contractId: string;
  vehicles: number;
  drivers: number;
  trips: Record<string, string>;
}

const MINUTE = 60_000;

/** A day from now, YYYY-MM-DD (UTC is close enough for a document expiry a year or weeks away). */
function daysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Official vehicles for the demo agency (公务用车): a rental contract with the registry's rental
 * company signed in procurement, five vehicles (one in the workshop, one whose annual inspection
 * expires within the warning period) and three drivers (one on leave), and trips at every stage —
 * waiting for approval, approved, refused, dispatched for tomorrow, on the road, completed and
 * rated (one by the fleet, one by the rental company, whose dispatcher confirmed it in time), cancelled.
 * The trips of today run from the time of seeding, so that whenever the demo starts they are short
 * hops already driven.
 */
export async function seedTransport(api: DemoApi, input: TransportSeedInput): Promise<TransportSeedResult> {
  const { manager, admin, requester, approver } = input.people;
  const driverAccount: Caller = { agencyId: input.agencyId, userId: 'demo-driver-lin', roles: ['staff'] };
  /** The rental company's dispatcher, answering the trips dispatched to it. */
  const rentalDispatcher: Caller = { agencyId: input.agencyId, userId: 'demo-vendor-gongwu-dispatcher', roles: ['vendor'], vendorId: input.vendorId };

  const requisition = await api(requester, 'POST', '/procurement/requisitions', {
    title: `${input.year} 年度公务租车服务`,
    category: 'transport',
    fiscalYear: input.year,
    lines: [{ description: '公务租车 (含驾驶员), 按公里计费', quantity: 1, estimatedUnitPrice: 45_000_00 }],
  });
  const requisitionId = String(requisition['id']);
  await api(requester, 'POST', `/procurement/requisitions/${requisitionId}/submit`);
  await api(approver, 'POST', `/procurement/requisitions/${requisitionId}/approve`, { comment: '同意' });
  const contract = await api(manager, 'POST', '/procurement/contracts', {
    title: `${input.year} 年度公务租车服务合同`,
    requisitionId,
    vendorId: input.vendorId,
    serviceType: 'transport',
    scope: { description: '公务用车不足时的轿车、商务车和大客车租赁, 含驾驶员' },
    validFrom: `${input.year}-01-01T00:00:00+08:00`,
    validTo: `${input.year + 1}-12-31T23:59:59+08:00`,
    priceTerms: { unitRates: [{ unit: 'km', description: '每公里 (含驾驶员)', rate: 3_50 }] },
    slaTerms: { minPunctualityRate: 95, maxDispatchResponseMinutes: 30 },
    penaltyRules: [{ breach: 'late-pickup', amount: 200_00, capPerMonth: 2_000_00 }],
  });
  const contractId = String(contract['id']);
  await api(admin, 'POST', `/procurement/contracts/${contractId}/sign`);
  await until(async () => ((await api(manager, 'GET', '/transport/transport-contracts')) as unknown as Array<{ contractId: string }>).some((known) => known.contractId === contractId), 'transport learning the rental contract');

  const valid = { insuranceExpiresOn: daysFrom(input.now, 300), inspectionExpiresOn: daysFrom(input.now, 240) };
  const fleet = [
    { plateNumber: '闽A12345', vehicleType: 'sedan', seats: 5, odometerKm: 48_210, fuel: 'petrol', ...valid },
    { plateNumber: '闽AD23456', vehicleType: 'sedan', seats: 5, odometerKm: 12_560, fuel: 'electric', ...valid },
    { plateNumber: '闽A35678', vehicleType: 'minibus', seats: 14, odometerKm: 86_400, fuel: 'diesel', ...valid },
    { plateNumber: '闽A46789', vehicleType: 'suv', seats: 7, odometerKm: 63_020, fuel: 'petrol', insuranceExpiresOn: valid.insuranceExpiresOn, inspectionExpiresOn: daysFrom(input.now, 20) },
    { plateNumber: '闽A57890', vehicleType: 'sedan', seats: 5, odometerKm: 152_300, fuel: 'petrol', ...valid },
  ];
  const vehicles: string[] = [];
  for (const vehicle of fleet) vehicles.push(String((await api(manager, 'POST', '/transport/vehicles', vehicle))['id']));
  await api(manager, 'PUT', `/transport/vehicles/${vehicles[0]!}/service-schedule`, { intervalKm: 10_000, intervalMonths: 12 });
  await api(manager, 'POST', `/transport/vehicles/${vehicles[4]!}/send-for-service`, { reason: '更换刹车片和轮胎' });

  const health = { healthCheckedOn: daysFrom(input.now, -90), healthCheckExpiresOn: daysFrom(input.now, 275) };
  const drivers: string[] = [];
  for (const driver of [
    { name: '林师傅', userId: driverAccount.userId, phone: '13905910011', licenceClass: 'C1', licenceNumber: '350102197805120011', licenceExpiresOn: daysFrom(input.now, 1_500), ...health },
    { name: '郑师傅', phone: '13905910012', licenceClass: 'B1', licenceNumber: '350103198203150012', licenceExpiresOn: daysFrom(input.now, 900), ...health },
    { name: '吴师傅', phone: '13905910013', licenceClass: 'A1', licenceNumber: '350104197511080013', licenceExpiresOn: daysFrom(input.now, 2_000), ...health },
  ]) {
    drivers.push(String((await api(manager, 'POST', '/transport/drivers', driver))['id']));
  }
  await api(manager, 'PATCH', `/transport/drivers/${drivers[2]!}`, { status: 'on-leave', statusNote: '年休假' });

  const at = (minutes: number) => new Date(input.now.getTime() + minutes * MINUTE).toISOString();
  const request = async (purpose: string, destination: string, from: number, until: number, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> =>
    api(requester, 'POST', '/transport/trips', { purpose, passengers: 2, passengerRank: 'division', origin: '机关大院', destination, distanceKm: 8, startsAt: at(from), endsAt: at(until), ...extra });
  /** Approved by the policy within working hours; otherwise (a demo started at night) by the approver. */
  const approved = async (trip: Record<string, unknown>): Promise<string> => {
    const id = String(trip['id']);
    if (trip['status'] === 'pending-approval') await api(approver, 'POST', `/transport/trips/${id}/approve`, { note: '同意' });
    return id;
  };

  const trips: Record<string, string> = {};
  trips['pending-approval'] = String((await request('赴厦门参加全省机关事务工作会议', '厦门市', 24 * 60, 34 * 60, { distanceKm: 270, outOfCity: true }))['id']);
  trips['approved'] = await approved(await request('赴市档案馆移交档案', '福州市档案馆', 26 * 60, 28 * 60));
  const refused = await request('周末接送家属', '长乐国际机场', 30 * 60, 32 * 60, { passengerRank: 'staff', distanceKm: 50 });
  trips['rejected'] = String(refused['id']);
  await api(approver, 'POST', `/transport/trips/${trips['rejected']}/reject`, { note: '非公务用途, 不予派车' });

  trips['dispatched'] = await approved(await request('陪同省厅检查组调研', '鼓楼区政府', 25 * 60, 27 * 60, { passengers: 4 }));
  await api(manager, 'POST', `/transport/trips/${trips['dispatched']}/dispatch`, { vehicleId: vehicles[0]!, driverId: drivers[0]! });

  trips['completed'] = await approved(await request('送文件至市财政局', '福州市财政局', 2, 62));
  await api(manager, 'POST', `/transport/trips/${trips['completed']}/dispatch`, { vehicleId: vehicles[1]!, driverId: drivers[0]! });
  await api(driverAccount, 'POST', `/transport/trips/${trips['completed']}/start`, { odometerKm: 12_560 });
  await api(driverAccount, 'POST', `/transport/trips/${trips['completed']}/end`, { odometerKm: 12_568, fuelFen: 0, parkingFen: 10_00 });
  await api(requester, 'POST', `/transport/trips/${trips['completed']}/rating`, { score: 5, comment: '准时, 驾驶平稳' });

  trips['in-progress'] = await approved(await request('接上级督查组', '福州站', 3, 180, { passengers: 8 }));
  await api(manager, 'POST', `/transport/trips/${trips['in-progress']}/dispatch`, { vehicleId: vehicles[2]!, driverId: drivers[1]! });
  await api(manager, 'POST', `/transport/trips/${trips['in-progress']}/start`, { odometerKm: 86_400 });

  trips['rental-completed'] = await approved(await request('全体干部赴教育基地学习', '福州市委党校', 4, 120, { passengers: 30 }));
  await api(manager, 'POST', `/transport/trips/${trips['rental-completed']}/dispatch`, { contractId });
  await api(rentalDispatcher, 'POST', `/transport/trips/${trips['rental-completed']}/rental-confirmation`, { plateNumber: '闽A·D8866', driverName: '陈师傅', driverPhone: '13905910021' });
  await api(manager, 'POST', `/transport/trips/${trips['rental-completed']}/start`, {});
  await api(manager, 'POST', `/transport/trips/${trips['rental-completed']}/end`, { distanceKm: 9, rentalFen: 600_00, parkingFen: 20_00 });
  await api(requester, 'POST', `/transport/trips/${trips['rental-completed']}/rating`, { score: 4 });

  trips['cancelled'] = await approved(await request('赴区行政服务中心', '鼓楼区行政服务中心', 28 * 60, 29 * 60));
  await api(requester, 'POST', `/transport/trips/${trips['cancelled']}/cancel`, { reason: '会议改为视频会议' });

  return { contractId, vehicles: vehicles.length, drivers: drivers.length, trips };
}

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
