import { Page } from 'playwright-core';
import { waitFor } from '@houqin/testing';
import { DESKTOP, PASSWORD, PHONE, useConsoleBrowser } from './console-browser';

/**
 * Official vehicles (公务用车) in the console, in a real browser against `npm start`'s platform: a
 * staff member requests a trip on their phone (the API's refusal of a return before the departure
 * beside that field), the manager approves it and dispatches it on the vehicles' timeline — where a
 * booking another dispatcher made meanwhile shows as overlapping, and the database's refusal names
 * that trip — the driver sets off and finishes on their phone (an odometer below the start refused
 * beside the field), and the trip shows completed to the requester, who rates it.
 */

const MINUTE = 60_000;
const FIVE_MINUTES = 5 * MINUTE;

/** What the picker shows for an instant: Beijing's wall clock, whatever the browser's zone. */
const beijing = (at: number) => new Date(at + 8 * 60 * MINUTE).toISOString().slice(0, 16).replace('T', ' ');
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Types a date and time into an Ant Design picker and leaves it, which takes it (Enter would submit the form). */
async function pick(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(value);
  await input.press('Tab');
  expect(await input.inputValue()).toBe(value);
}

/** Ant Design spaces two-character Chinese button labels (派 车). */
const button = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

describe('official vehicles in the web console (npm start, in chromium)', () => {
  const session = useConsoleBrowser('console-transport');
  const { pageAs, shoot } = session;
  const run = Date.now().toString(36);
  const people = { staff: `zhou.staff.${run}`, manager: `wu.manager.${run}`, driver: `he.driver.${run}`, rental: `lin.rental.${run}` };
  let driverId: string;
  /** The demo's rental contract (租车公司) and its vendor, whose dispatcher has an account of the vendor role. */
  let rental: { contractId: string; vendorName: string };

  beforeAll(async () => {
    const admin = session.admin;
    await admin.gateway.identityCreateUser({ body: { username: people.staff, displayName: '周敏', roles: ['staff'], password: PASSWORD } });
    await admin.gateway.identityCreateUser({ body: { username: people.manager, displayName: '吴刚', roles: ['logistics-manager'], password: PASSWORD } });
    // The driver signs in with a staff account that the driver's record names.
    const account = await admin.gateway.identityCreateUser({ body: { username: people.driver, displayName: '何师傅', roles: ['staff'], password: PASSWORD } });
    const driver = await admin.transport.driversRegister({
      body: { name: '何师傅', userId: account.id, phone: '13905910099', licenceClass: 'C1', licenceNumber: `350105${run}`.slice(0, 18), licenceExpiresOn: day(1500), healthCheckedOn: day(-30), healthCheckExpiresOn: day(300) },
    });
    driverId = driver.id;
    const contract = (await admin.transport.rentalsList()).find((known) => known.status === 'signed' && !known.barred)!;
    rental = { contractId: contract.contractId, vendorName: contract.vendorName };
    await admin.gateway.identityCreateUser({ body: { username: people.rental, displayName: '林调度', roles: ['vendor'], vendorId: contract.vendorId, password: PASSWORD } });
  }, 60_000);

  it('takes a trip from the staff member’s phone through approval and dispatch on the timeline to the driver’s phone and back to completed', async () => {
    const purpose = `赴省财政厅报送决算 ${run}`;
    // Within the hour the driver may set off in, on the picker's five-minute steps.
    const startsAt = Math.ceil(Date.now() / FIVE_MINUTES) * FIVE_MINUTES + 15 * MINUTE;
    const endsAt = startsAt + 120 * MINUTE;

    // Staff at phone width: 45 km is beyond the agency's 30, so an approver must agree. A return
    // before the departure is the API's to refuse, and its refusal shows beside the return.
    const staff = await pageAs(people.staff, PHONE, '/trips/new');
    await staff.getByLabel('用车事由').fill(purpose);
    await staff.getByLabel('乘车人数').fill('2');
    await staff.getByLabel('车型').click();
    await staff.locator('.ant-select-item-option').filter({ hasText: '轿车' }).click();
    await staff.getByLabel('出发地').fill('机关大院');
    await staff.getByLabel('目的地').fill('省财政厅');
    await staff.getByLabel('预计往返里程（公里）').fill('45');
    await pick(staff, '出发时间（北京时间）', beijing(startsAt));
    await pick(staff, '返回时间（北京时间）', beijing(startsAt - 60 * MINUTE));
    await staff.getByRole('button', { name: '提交申请' }).click();
    const returnItem = staff.locator('.ant-form-item').filter({ has: staff.getByLabel('返回时间（北京时间）') });
    await returnItem.locator('.ant-form-item-explain-error').filter({ hasText: 'endsAt' }).waitFor();
    await shoot(staff, 'trip-request-field-error.zh-CN.phone');
    await pick(staff, '返回时间（北京时间）', beijing(endsAt));
    await staff.getByRole('button', { name: '提交申请' }).click();
    await staff.waitForURL(/\/trips\?highlight=/);
    const tripId = new URL(staff.url()).searchParams.get('highlight')!;
    const mine = staff.getByTestId(`trip-${tripId}`);
    await mine.locator('.ant-tag').filter({ hasText: '待审批' }).waitFor();
    await mine.getByText('里程超出规定').waitFor();
    await shoot(staff, 'my-trips.zh-CN.phone');
    const requested = await session.admin.transport.tripsGet({ id: tripId });
    expect([requested.startsAt, requested.endsAt]).toEqual([new Date(startsAt).toISOString(), new Date(endsAt).toISOString()]);

    // The manager approves it with a note...
    const manager = await pageAs(people.manager, DESKTOP, '/trip-desk');
    const pending = manager.getByRole('tabpanel').locator('.ant-table-row').filter({ hasText: purpose });
    await pending.waitFor();
    // The requester by name (the agency's directory), not by user id.
    await pending.getByText('周敏', { exact: true }).waitFor();
    await shoot(manager, 'trip-desk.zh-CN.desktop');
    await pending.getByRole('button', { name: button('同意') }).click();
    await manager.locator('.ant-popover').getByLabel('审批意见（可不填）').fill('同意，注意行车安全');
    await manager.locator('.ant-popover').getByRole('button', { name: button('同意') }).click();
    await pending.waitFor({ state: 'detached' });

    // ...and opens its dispatch: the vehicles' day on a timeline, the best vehicle proposed.
    await manager.getByRole('tab', { name: /待派车/ }).click();
    await manager.getByRole('tabpanel').locator('.ant-table-row').filter({ hasText: purpose }).getByRole('button', { name: button('派车') }).click();
    await manager.waitForURL(new RegExp(`trip=${tripId}`));
    const timeline = manager.getByTestId('dispatch-timeline');
    const described = () => timeline.locator('[aria-label]').last().getAttribute('aria-label').then((label) => label ?? '');
    await waitFor(async () => (await described()).includes('本次用车'), { description: 'the timeline' });
    await manager.getByTestId('dispatch-driver').click();
    await manager.locator('.ant-select-item-option').filter({ hasText: '何师傅' }).click();

    // Meanwhile another dispatcher books the proposed vehicle for an overlapping trip (with another
    // driver): the timeline shows it overlapping, live, and the database refuses the double booking.
    const options = await session.admin.transport.dispatchOptions({ id: tripId });
    const proposed = options.vehicles[0]!;
    const otherDriver = proposed.drivers.find((driver) => driver.id !== driverId)!;
    const blockingPurpose = `接省厅检查组 ${run}`;
    const colleague = await session.clientAs(people.staff);
    const blocking = await colleague.transport.tripsRequest({
      body: { purpose: blockingPurpose, passengers: 2, passengerRank: 'division', origin: '机关大院', destination: '福州站', distanceKm: 8, startsAt: new Date(startsAt + 30 * MINUTE).toISOString(), endsAt: new Date(startsAt + 90 * MINUTE).toISOString(), vehicleType: 'sedan' },
    });
    if (blocking.status === 'pending-approval') await session.admin.transport.tripsApprove({ id: blocking.id, body: {} });
    await session.admin.transport.dispatchDispatchTrip({ id: blocking.id, body: { vehicleId: proposed.vehicle.id, driverId: otherDriver.id } });
    await waitFor(async () => (await described()).includes(`${proposed.vehicle.plateNumber}: `) && (await described()).includes(`${blockingPurpose} (与本次用车冲突)`), { description: 'the overlapping booking on the timeline' });
    await shoot(manager, 'dispatch-timeline.zh-CN.desktop');
    await manager.getByRole('button', { name: button('派车') }).click();
    const conflict = manager.getByTestId('dispatch-conflict');
    await conflict.getByText(blockingPurpose).waitFor();
    const vehicleItem = manager.locator('.ant-form-item').filter({ has: manager.getByTestId('dispatch-vehicle') });
    await vehicleItem.locator('.ant-form-item-explain-error').filter({ hasText: blocking.id }).waitFor();
    await shoot(manager, 'dispatch-conflict.zh-CN.desktop');

    // The options are read again: the proposed vehicle is no longer offered; the next one is.
    await manager.getByTestId('dispatch-vehicle').click();
    const next = manager.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)').first();
    const nextPlate = ((await next.innerText()).split(' · ')[0] ?? '').trim();
    expect(nextPlate).not.toBe(proposed.vehicle.plateNumber);
    await next.click();
    await manager.getByTestId('dispatch-driver').click();
    await manager.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '何师傅' }).click();
    await manager.getByRole('button', { name: button('派车') }).click();
    await manager.waitForURL(/tab=road/);
    await manager.getByRole('tabpanel').locator('.ant-table-row').filter({ hasText: purpose }).filter({ hasText: nextPlate }).waitFor();

    // The driver, on their phone: sets off with the odometer (the vehicle's last reading proposed)...
    const driver = await pageAs(people.driver, PHONE, '/driving');
    const card = driver.getByTestId(`driving-${tripId}`);
    await card.waitFor();
    const odometer = card.getByLabel('里程表读数（公里）');
    const startKm = Number((await odometer.inputValue()).replace(/\D/g, ''));
    expect(startKm).toBeGreaterThan(0);
    await shoot(driver, 'driving.zh-CN.phone');
    // The list read again after setting off fails once (a phone between cell towers, a shed 503):
    // the trip stays on screen, marked as read earlier, until a read succeeds again.
    await driver.route(/\/api\/v1\/transport\/trips\?/, (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'urn:houqin:problem:overloaded', title: 'Service Unavailable', status: 503, detail: 'transport is busy; try again in 1 s' }) }), { times: 1 });
    await card.getByRole('button', { name: button('出发') }).click();
    await driver.getByTestId('stale-data').waitFor();
    await card.waitFor();
    await card.locator('.ant-tag').filter({ hasText: '行驶中' }).waitFor();
    await driver.getByTestId('stale-data').waitFor({ state: 'detached' });
    // ...and finishes: an end reading below the start is refused beside the odometer, then the trip
    // ends with its fuel and parking typed in yuan.
    await card.getByLabel('里程表读数（公里）').fill(String(startKm - 5));
    await card.getByRole('button', { name: button('收车') }).click();
    const odometerItem = card.locator('.ant-form-item').filter({ has: driver.getByLabel('里程表读数（公里）') });
    await odometerItem.locator('.ant-form-item-explain-error').waitFor();
    await shoot(driver, 'driving-field-error.zh-CN.phone');
    await card.getByLabel('里程表读数（公里）').fill(String(startKm + 8));
    await card.getByLabel('油费/充电费（元）').fill('35.5');
    await card.getByLabel('停车费（元）').fill('10');
    await card.getByRole('button', { name: button('收车') }).click();
    await card.locator('.ant-tag').filter({ hasText: '已完成' }).waitFor();
    const completed = await session.admin.transport.tripsGet({ id: tripId });
    expect(completed.status).toBe('completed');
    expect(completed.end).toMatchObject({ odometerKm: startKm + 8, drivenKm: 8, fuelFen: 3550, parkingFen: 1000, costFen: 4550 });

    // The requester sees it completed, with its cost, and rates it.
    await staff.reload();
    const done = staff.getByTestId(`trip-${tripId}`);
    await done.locator('.ant-tag').filter({ hasText: '已完成' }).waitFor();
    await done.getByText(/¥45\.50/).waitFor();
    await done.locator('.ant-rate-star').nth(4).click();
    await done.getByRole('button', { name: '提交评价' }).click();
    await done.getByText('您的评价').waitFor();
    await shoot(staff, 'my-trips-completed.zh-CN.phone');
    expect((await session.admin.transport.tripsGet({ id: tripId })).rating).toMatchObject({ score: 5 });

    // The fleet: documents nearing expiry are flagged; in English too.
    await manager.goto(`${session.url}/fleet`);
    await manager.locator('.ant-tag').filter({ hasText: '天后到期' }).first().waitFor();
    await shoot(manager, 'fleet.zh-CN.desktop');
    await manager.getByText('English', { exact: true }).click();
    await manager.getByRole('heading', { name: 'Fleet & drivers' }).waitFor();
    await manager.getByRole('menuitem', { name: 'Trip approval & dispatch' }).waitFor();
    await shoot(manager, 'fleet.en.desktop');
    await manager.goto(`${session.url}/trip-desk?tab=road&trip=${blocking.id}`);
    await waitFor(async () => (await described()).includes('This trip'), { description: 'the English timeline' });
    await shoot(manager, 'dispatch-timeline.en.desktop');
  }, 240_000);

  it('has the rental company confirm a trip the manager dispatched to it, in time, and the manager end it with the company’s distance and charge', async () => {
    const startsAt = Math.ceil(Date.now() / FIVE_MINUTES) * FIVE_MINUTES + 15 * MINUTE;
    const staff = await session.clientAs(people.staff);
    const requestTrip = async (purpose: string) => {
      const trip = await staff.transport.tripsRequest({
        body: { purpose, passengers: 12, passengerRank: 'division', origin: '机关大院', destination: '平潭综合实验区', distanceKm: 20, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 180 * MINUTE).toISOString() },
      });
      if (trip.status === 'pending-approval') await session.admin.transport.tripsApprove({ id: trip.id, body: {} });
      return trip.id;
    };
    const purpose = `调研组赴平潭 ${run}`;
    const tripId = await requestTrip(purpose);
    const otherPurpose = `接调研组返程 ${run}`;
    const otherId = await requestTrip(otherPurpose);

    // The manager sends the first to the rental company from the dispatch panel; the answer is owed within 30 minutes.
    const manager = await pageAs(people.manager, DESKTOP, `/trip-desk?tab=dispatch&trip=${tripId}`);
    const contractRow = manager.locator('.ant-card').filter({ hasText: '社会化租车' }).locator('.ant-table-row').filter({ hasText: rental.vendorName });
    await contractRow.getByRole('button', { name: '派给租车公司' }).click();
    await manager.waitForURL(/tab=road/);
    const onTheRoad = manager.getByRole('tabpanel').locator('.ant-table-row').filter({ hasText: purpose });
    await onTheRoad.locator('.ant-tag').filter({ hasText: /^待确认，.* 前（剩 (29|30) 分钟）$/ }).waitFor();
    const managerClient = await session.clientAs(people.manager);
    await managerClient.transport.dispatchDispatchTrip({ id: otherId, body: { contractId: rental.contractId } });

    // The rental company's dispatcher sees both with their deadlines. A mobile number short of a digit is
    // refused beside its field; then the vehicle and driver are confirmed within the contract's time.
    const vendor = await pageAs(people.rental, DESKTOP, '/rental-trips');
    const card = vendor.getByTestId(`rental-${tripId}`);
    await card.locator('.ant-tag').filter({ hasText: '待确认' }).waitFor();
    await vendor.getByTestId(`rental-${otherId}`).waitFor();
    await shoot(vendor, 'rental-trips.zh-CN.desktop');
    // Its menu has 租车派单 and none of the agency's transport pages.
    const vendorMenu = await vendor.locator('.ant-layout-sider .ant-menu-item').allInnerTexts();
    expect(vendorMenu).toContain('租车派单');
    expect(vendorMenu).not.toContain('用车申请');
    expect(vendorMenu).not.toContain('用车审批与派车');
    await card.getByLabel('车牌号').fill('闽A·D8866');
    await card.getByLabel('驾驶员姓名').fill('陈师傅');
    await card.getByLabel('驾驶员手机号').fill('1390591002');
    await card.getByRole('button', { name: '确认派车' }).click();
    const phoneItem = card.locator('.ant-form-item').filter({ has: vendor.getByLabel('驾驶员手机号') });
    await phoneItem.locator('.ant-form-item-explain-error').filter({ hasText: 'driverPhone' }).waitFor();
    await shoot(vendor, 'rental-confirm-field-error.zh-CN.desktop');
    await card.getByLabel('驾驶员手机号').fill('13905910021');
    await card.getByRole('button', { name: '确认派车' }).click();
    await card.locator('.ant-tag').filter({ hasText: /^已确认，用时 \d+ 分钟，在响应时限内$/ }).waitFor();
    await card.getByText('闽AD8866').waitFor();
    expect((await session.admin.transport.tripsGet({ id: tripId })).rentalResponse?.confirmation).toMatchObject({ plateNumber: '闽AD8866', driverName: '陈师傅', driverPhone: '13905910021', withinSla: true });

    // The second is answered meanwhile by a colleague (the form already filled here): the 409 says so.
    const other = vendor.getByTestId(`rental-${otherId}`);
    await other.getByLabel('车牌号').fill('闽A·D8867');
    await other.getByLabel('驾驶员姓名').fill('郑师傅');
    await other.getByLabel('驾驶员手机号').fill('13905910022');
    const colleague = await session.clientAs(people.rental);
    await colleague.transport.tripsConfirmRental({ id: otherId, body: { plateNumber: '闽AD8867', driverName: '郑师傅', driverPhone: '13905910022' } });
    await other.getByRole('button', { name: '确认派车' }).click();
    // The list read again shows the colleague's answer, and the notice stays with the trip.
    await other.locator('.ant-tag').filter({ hasText: /^已确认，/ }).waitFor();
    await other.getByText('闽AD8867').waitFor();
    await other.getByRole('alert').filter({ hasText: '此行程已确认过或已不能确认' }).waitFor();
    await shoot(vendor, 'rental-confirm-conflict.zh-CN.desktop');
    await vendor.getByText('English', { exact: true }).click();
    await vendor.getByRole('heading', { name: 'Rental dispatches' }).waitFor();
    await shoot(vendor, 'rental-trips.en.desktop');

    // The manager sees the answer live, sets the trip off (no odometer: the car is the company's) and
    // ends it with the distance and charge the company reports, in yuan. A distance no car drives in
    // the minutes since departure is refused beside the distance.
    await onTheRoad.locator('.ant-tag').filter({ hasText: /^已确认，用时 \d+ 分钟，在响应时限内$/ }).waitFor();
    await onTheRoad.getByRole('button', { name: button('出发') }).click();
    await onTheRoad.locator('.ant-tag').filter({ hasText: '行驶中' }).waitFor();
    await onTheRoad.getByRole('button', { name: button('收车') }).click();
    const endForm = manager.getByRole('dialog');
    await endForm.getByLabel('租车公司报的里程（公里）').fill('46');
    await endForm.getByLabel('租车费用（元）').fill('680.5');
    await endForm.getByLabel('停车费（元）').fill('15');
    await endForm.getByRole('button', { name: button('收车') }).click();
    const distanceItem = endForm.locator('.ant-form-item').filter({ has: manager.getByLabel('租车公司报的里程（公里）') });
    await distanceItem.locator('.ant-form-item-explain-error').filter({ hasText: 'not plausible' }).waitFor();
    await shoot(manager, 'rental-end-field-error.zh-CN.desktop');
    await endForm.getByLabel('租车公司报的里程（公里）').fill('9');
    await endForm.getByRole('button', { name: button('收车') }).click();
    await onTheRoad.waitFor({ state: 'detached' });
    const ended = await session.admin.transport.tripsGet({ id: tripId });
    expect(ended.status).toBe('completed');
    expect(ended.end).toMatchObject({ drivenKm: 9, rentalFen: 68050, parkingFen: 1500, costFen: 69550 });

    // On the fleet page the contract's SLA measured, beside its targets, as the API counts it.
    const contract = (await session.admin.transport.rentalsList()).find((known) => known.contractId === rental.contractId)!;
    const response = contract.performance.dispatchResponse;
    expect(response).toMatchObject({ meetsSla: true, late: 0, unanswered: 0 });
    await manager.goto(`${session.url}/fleet`);
    const contracts = manager.locator('.ant-card').filter({ hasText: '租车合同履约' }).locator('.ant-table-row').filter({ hasText: rental.vendorName });
    await contracts.getByText(`${response.measured} 次中按时 ${response.withinSla} 次，迟复 0，未复 0`).waitFor();
    expect(await contracts.locator('.ant-tag').filter({ hasText: '达标' }).count()).toBe(2);
    await shoot(manager, 'rental-contracts.zh-CN.desktop');
  }, 120_000);

  it('shows each role its transport pages only', async () => {
    const staff = await pageAs(people.staff, PHONE, '/trip-desk');
    // Staff may not approve: the deep link lands on their first page.
    await staff.waitForURL(/\/repairs$/);
    await staff.getByRole('button', { name: '打开菜单' }).click();
    const menu = staff.locator('.ant-drawer .ant-menu');
    await menu.getByText('用车申请').waitFor();
    expect(await menu.getByText('我的用车').count()).toBe(1);
    expect(await menu.getByText('用车审批与派车').count()).toBe(0);
    expect(await menu.getByText('车辆与驾驶员').count()).toBe(0);
    await menu.getByText('我的出车').click();
    // Not a driver: the page says so instead of listing nothing.
    await staff.getByText('未登记为本单位驾驶员', { exact: false }).waitFor();

    const manager = await pageAs(people.manager, DESKTOP, '/driving');
    await manager.waitForURL(/\/dashboard$/);
    const entries = await manager.locator('.ant-layout-sider .ant-menu-item').allInnerTexts();
    expect(entries).toEqual(expect.arrayContaining(['用车申请', '我的用车', '用车审批与派车', '车辆与驾驶员']));
    expect(entries).not.toContain('我的出车');
    expect(entries).not.toContain('租车派单');
  }, 60_000);
});
