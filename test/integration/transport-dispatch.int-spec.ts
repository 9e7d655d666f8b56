import { TransportFixture, approvedTrip, driver, startTransport, vehicle } from './transport-fixture';

/**
 * Dispatch (派车) against the real transport service and PostgreSQL: however many dispatches of
 * one vehicle, or one driver, race into overlapping windows, the exclusion constraints let exactly
 * one through and the rest answer 409 naming the trip that holds the booking; back-to-back windows
 * both succeed; a cancelled trip frees its booking.
 */
describe('transport dispatch never double-books', () => {
  let f: TransportFixture;

  beforeAll(async () => {
    f = await startTransport('transport_dispatch');
  });

  afterAll(async () => {
    await f?.shutdown();
  });

  it('lets exactly one of 50 concurrent dispatches of the same vehicle into overlapping windows through; the rest get 409 naming its trip', async () => {
    const car = await vehicle(f);
    const drivers: string[] = [];
    const trips: string[] = [];
    for (let i = 0; i < 50; i++) {
      drivers.push(await driver(f));
      // Windows from 09:00–11:00 shifted a minute each: every pair overlaps.
      trips.push(await approvedTrip(f, `09:${String(i).padStart(2, '0')}`, `11:${String(i).padStart(2, '0')}`));
    }
    const answers = await Promise.all(trips.map((trip, i) => f.call(f.manager, 'POST', `/trips/${trip}/dispatch`, { vehicleId: car, driverId: drivers[i] })));
    const won = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(49);
    const winner = won[0]!.body['id'] as string;
    for (const answer of refused) {
      expect(answer.body['detail']).toContain(`is already booked for trip ${winner}`);
      expect(answer.body['errors']).toEqual([expect.objectContaining({ field: 'vehicleId' })]);
    }
    const rows: Array<{ count: string }> = await f.database.query(`SELECT count(*) FROM trip WHERE vehicle_id = $1 AND status = 'dispatched'`, [car]);
    expect(Number(rows[0]!.count)).toBe(1);
  });

  it('lets exactly one of 50 concurrent dispatches of the same driver into overlapping windows through; the rest get 409 naming its trip', async () => {
    const chauffeur = await driver(f);
    const cars: string[] = [];
    const trips: string[] = [];
    for (let i = 0; i < 50; i++) {
      cars.push(await vehicle(f));
      trips.push(await approvedTrip(f, `13:${String(i).padStart(2, '0')}`, `15:${String(i).padStart(2, '0')}`));
    }
    const answers = await Promise.all(trips.map((trip, i) => f.call(f.manager, 'POST', `/trips/${trip}/dispatch`, { vehicleId: cars[i], driverId: chauffeur })));
    const won = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const answer of refused) {
      expect(answer.body['detail']).toContain(`driver ${chauffeur} is already booked for trip ${won[0]!.body['id'] as string}`);
      expect(answer.body['errors']).toEqual([expect.objectContaining({ field: 'driverId' })]);
    }
  });

  it('books back-to-back windows of the same vehicle and driver; a cancelled trip frees its window', async () => {
    const car = await vehicle(f);
    const chauffeur = await driver(f);
    const first = await approvedTrip(f, '08:00', '09:00');
    const second = await approvedTrip(f, '09:00', '10:00');
    const overlapping = await approvedTrip(f, '08:30', '09:30');
    expect((await f.call(f.manager, 'POST', `/trips/${first}/dispatch`, { vehicleId: car, driverId: chauffeur })).status).toBe(200);
    expect((await f.call(f.manager, 'POST', `/trips/${second}/dispatch`, { vehicleId: car, driverId: chauffeur })).status).toBe(200);
    const refused = await f.call(f.manager, 'POST', `/trips/${overlapping}/dispatch`, { vehicleId: car, driverId: chauffeur });
    expect(refused.status).toBe(409);
    expect(refused.body['detail']).toContain(`trip ${first}`);
    expect((await f.call(f.staff('requester-1'), 'POST', `/trips/${first}/cancel`, { reason: '会议改期' })).status).toBe(200);
    // Still 409: the second trip holds 09:00–09:30.
    const stillRefused = await f.call(f.manager, 'POST', `/trips/${overlapping}/dispatch`, { vehicleId: car, driverId: chauffeur });
    expect(stillRefused.status).toBe(409);
    expect(stillRefused.body['detail']).toContain(`trip ${second}`);
    expect((await f.call(f.staff('requester-1'), 'POST', `/trips/${second}/cancel`, { reason: '改乘地铁' })).status).toBe(200);
    expect((await f.call(f.manager, 'POST', `/trips/${overlapping}/dispatch`, { vehicleId: car, driverId: chauffeur })).status).toBe(200);
  });

  it('suggests the smallest free vehicle that seats the passengers, never one booked, in the workshop or with an expired document', async () => {
    const trip = await approvedTrip(f, '16:00', '17:00', { passengers: 4, vehicleType: 'suv' });
    const small = await vehicle(f, { vehicleType: 'suv', seats: 5 });
    const big = await vehicle(f, { vehicleType: 'suv', seats: 7 });
    const expired = await vehicle(f, { vehicleType: 'suv', seats: 5, insuranceExpiresOn: '2026-12-01' });
    const workshop = await vehicle(f, { vehicleType: 'suv', seats: 5 });
    await f.call(f.manager, 'POST', `/vehicles/${workshop}/send-for-service`, { reason: '更换刹车片' });
    await driver(f);
    const options = await f.call(f.manager, 'GET', `/trips/${trip}/dispatch-options`);
    expect(options.status).toBe(200);
    const offered = (options.body['vehicles'] as Array<{ vehicle: { id: string } }>).map((option) => option.vehicle.id);
    expect(offered.slice(0, 2)).toEqual([small, big]);
    expect(offered).not.toContain(expired);
    expect(offered).not.toContain(workshop);
    const notOffered = options.body['notOffered'] as Array<{ vehicle: { id: string }; reasons: Array<{ code: string }> }>;
    expect(notOffered.find((entry) => entry.vehicle.id === expired)!.reasons.map((reason) => reason.code)).toContain('insurance-expired');
    expect(notOffered.find((entry) => entry.vehicle.id === workshop)!.reasons.map((reason) => reason.code)).toContain('in-workshop');
  });
});
