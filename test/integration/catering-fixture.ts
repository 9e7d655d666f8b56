import { randomUUID } from 'node:crypto';
import { cateringService } from '@houqin/catering';
import { EventContract } from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller } from '@houqin/testing';

/**
 * The catering service on a real PostgreSQL database with the in-process broker and a clock the
 * test sets: what every catering-*.int-spec starts, and the steps a test needs to reach a booking
 * (a canteen, its lunch period, a dish on a published menu, an account with money).
 */
export interface CateringFixture {
  broker: InProcessBroker;
  clock: FixedClock;
  database: TestDatabase;
  catering: RunningService;
  agencyId: string;
  manager: Caller;
  admin: Caller;
  staff(id: string): Caller;
  call(caller: Caller, method: string, path: string, body?: unknown): ReturnType<typeof callService>;
  publish<T>(contract: EventContract<T>, subject: string, data: T): Promise<void>;
  outbox(type: string): Promise<Array<Record<string, unknown>>>;
  shutdown(): Promise<void>;
}

/** 2026-12-07 is a Monday; 08:00 China Standard Time, before lunch's cut-off. */
export const MONDAY = '2026-12-07';
export const BEFORE_CUTOFF = new Date('2026-12-07T00:00:00Z');

export async function startCatering(label: string, env: Record<string, string> = {}): Promise<CateringFixture> {
  const broker = new InProcessBroker();
  const clock = new FixedClock(BEFORE_CUTOFF);
  const database = await createTestDatabase(label);
  const catering = await startService(cateringService, { env: inProcessServiceEnv(database.url, env), broker, clock });
  const agencyId = `agency-${randomUUID()}`;
  return {
    broker,
    clock,
    database,
    catering,
    agencyId,
    manager: testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] }),
    admin: testCaller({ agencyId, userId: 'admin-1', roles: ['agency-admin'] }),
    staff: (id: string) => testCaller({ agencyId, userId: id, roles: ['staff'] }),
    call: (caller, method, path, body) => callService(catering.url, caller, method, path, body),
    async publish(contract, subject, data) {
      const event = contract.create({ subject, origin: { agencyId, correlationId: randomUUID() }, data });
      await broker.publish(contract.topic, subject, Buffer.from(JSON.stringify(event)));
    },
    async outbox(type: string) {
      const rows: Array<{ envelope: { data: Record<string, unknown> } }> = await database.query(`SELECT envelope FROM outbox_event WHERE event_type = $1 ORDER BY position`, [type]);
      return rows.map((row) => row.envelope.data);
    },
    async shutdown() {
      await catering.shutdown();
      await database.drop();
    },
  };
}

/** A canteen (no operator: the agency runs it) serving lunch 11:30–13:00, cut-off 2 h before, with `capacity` meals. */
export async function canteenWithLunch(f: CateringFixture, name: string, capacity: number): Promise<string> {
  const canteen = await f.call(f.manager, 'POST', '/canteens', { name, location: { building: 'Building 2' }, capacity: 100, mealPeriods: ['lunch'] });
  if (canteen.status !== 201) throw new Error(`canteen: ${canteen.status} ${JSON.stringify(canteen.body)}`);
  const id = canteen.body['id'] as string;
  const period = await f.call(f.manager, 'PUT', `/canteens/${id}/meal-periods/lunch`, { servesFrom: '11:30', servesUntil: '13:00', cutoffMinutes: 120, capacity });
  if (period.status !== 200) throw new Error(`period: ${period.status} ${JSON.stringify(period.body)}`);
  return id;
}

export const INGREDIENTS = [
  { name: '猪五花肉', supplierId: '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e', supplierName: '京郊肉联厂', batch: 'PK-20261206-03', receivedOn: '2026-12-06' },
  { name: '酱油', supplierName: '老字号酱园', batch: 'SY-2611-17' },
];

/** A dish declared by `by` and a daily menu for Monday's lunch drafted by `by`, submitted, and approved by the agency admin. */
export async function publishedDish(f: CateringFixture, canteenId: string, by: Caller = f.manager, priceFen = 1_500): Promise<string> {
  const dish = await f.call(by, 'POST', `/canteens/${canteenId}/dishes`, {
    name: '红烧肉',
    priceFen,
    allergens: ['soybeans', 'gluten'],
    nutrition: { energyKcal: 620, proteinG: 28, fatG: 22, carbohydrateG: 75, sodiumMg: 1_100 },
    ingredients: INGREDIENTS,
  });
  if (dish.status !== 201) throw new Error(`dish: ${dish.status} ${JSON.stringify(dish.body)}`);
  const dishId = dish.body['id'] as string;
  const menu = await f.call(by, 'POST', `/canteens/${canteenId}/menus`, { kind: 'daily', startsOn: MONDAY, days: [{ date: MONDAY, period: 'lunch', dishIds: [dishId] }] });
  if (menu.status !== 201) throw new Error(`menu: ${menu.status} ${JSON.stringify(menu.body)}`);
  const menuId = menu.body['id'] as string;
  await f.call(by, 'POST', `/menus/${menuId}/submit`);
  const approved = await f.call(f.admin, 'POST', `/menus/${menuId}/approve`, {});
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  return dishId;
}

export async function accountWith(f: CateringFixture, staffId: string, balanceFen: number, overdraftLimitFen = 0): Promise<void> {
  const opened = await f.call(f.manager, 'POST', '/meal-accounts', { staffId, staffCategory: 'civil-servant', overdraftLimitFen });
  if (opened.status !== 201) throw new Error(`account: ${opened.status} ${JSON.stringify(opened.body)}`);
  if (balanceFen > 0) await f.call(f.manager, 'POST', `/meal-accounts/${staffId}/top-ups`, { amountFen: balanceFen, idempotencyKey: `opening:${staffId}` });
}
