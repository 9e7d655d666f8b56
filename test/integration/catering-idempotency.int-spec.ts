import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Caller } from '@houqin/observability';
import { TEST_REDIS_URL, internalToken } from '@houqin/testing';
import { CateringFixture, MONDAY, accountWith, canteenWithLunch, publishedDish, startCatering } from './catering-fixture';

/**
 * Catering's commands that publish no event — opening a meal account, booking a lunch, cancelling
 * it — sent again under their Idempotency-Key after Redis has forgotten the key (a restart, an
 * eviction): the key committed with the command, so the retry is refused as applied, naming what it
 * changed, never applied twice nor refused as a duplicate or an illegal transition.
 */
describe("catering's event-less commands under an Idempotency-Key Redis forgot", () => {
  let f: CateringFixture;
  let canteenId: string;
  let dishId: string;
  const redis = new Redis(TEST_REDIS_URL);

  beforeAll(async () => {
    f = await startCatering('catering_idempotency', { REDIS_URL: TEST_REDIS_URL });
    canteenId = await canteenWithLunch(f, 'Canteen of the registry', 50);
    dishId = await publishedDish(f, canteenId);
  });

  afterAll(async () => {
    await f?.shutdown();
    redis.disconnect();
  });

  /** The same request twice under one key, Redis made to forget the key in between. */
  async function twice(caller: Caller, path: string, body: unknown): Promise<[{ status: number; body: Record<string, unknown> }, { status: number; body: Record<string, unknown> }]> {
    const key = randomUUID();
    const send = async () => {
      const response = await fetch(`${f.catering.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${internalToken(caller)}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const first = await send();
    await redis.del(`houqin:idempotency:catering:${caller.agencyId}:${caller.userId}:${key}`);
    return [first, await send()];
  }

  it('opens a meal account once: the retry is refused as applied, naming the staff member', async () => {
    const [first, retried] = await twice(f.manager, '/meal-accounts', { staffId: 'staff-open', staffCategory: 'civil-servant', overdraftLimitFen: 0 });
    expect(first.status).toBe(201);
    expect(retried).toMatchObject({ status: 409, body: { type: 'urn:houqin:problem:idempotency-key-applied', resourceId: 'staff-open' } });
  });

  it('books a lunch once, and cancels it once: each retry is refused as applied, naming the booking', async () => {
    await accountWith(f, 'staff-diner', 100_00);
    const diner = f.staff('staff-diner');
    const [booked, bookedAgain] = await twice(diner, `/canteens/${canteenId}/reservations`, { date: MONDAY, period: 'lunch', dishIds: [dishId] });
    expect(booked.status).toBe(201);
    const id = String(booked.body['id']);
    expect(bookedAgain).toMatchObject({ status: 409, body: { type: 'urn:houqin:problem:idempotency-key-applied', resourceId: id } });

    const [cancelled, cancelledAgain] = await twice(diner, `/reservations/${id}/cancel`, {});
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(cancelledAgain).toMatchObject({ status: 409, body: { type: 'urn:houqin:problem:idempotency-key-applied', resourceId: id } });
    expect(await f.database.query(`SELECT status FROM reservation WHERE diner_id = $1`, ['staff-diner'])).toEqual([{ status: 'cancelled' }]);
  });
});
