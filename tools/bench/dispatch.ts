import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Caller } from '@houqin/observability';
import { accessToken, callGateway, expectStatus } from '@houqin/testing';
import { BenchConfig, Cleanup, progress } from './context';
import { LoadClient } from './load-client';
import type { RequestVariant } from './http-load';
import { cstDay } from './lunch-rush';
import type { Cluster, Throughput } from './platform-bench';
import { inParallel, nowMs, perSecond, summarize } from './stats';

/**
 * Dispatch decisions (派车, issue 18) with `dispatchVehicles` vehicles (200), each with its driver,
 * already holding `dispatchBookings` bookings (10,000): approved trip requests are dispatched
 * through the gateway (`POST /transport/trips/:id/dispatch { vehicleId, driverId }`) by
 * `httpConcurrency` clients (16) for one window. A dispatch loads the trip under its row lock, the
 * vehicle and the driver, checks documents, workshop, seats and licence class, and saves the trip
 * as dispatched, where PostgreSQL's exclusion constraints (btree_gist over the trip's window) decide
 * whether the vehicle or the driver is booked already. About every fourth request asks for a vehicle
 * over a window that overlaps one of its existing bookings and is refused 409; the others fit (the first
 * of them back to back with a booking). Both are decisions.
 *
 * Setup: the vehicles and drivers are registered through the gateway (8 at a time). The 10,000
 * existing bookings and the pool of approved trip requests are written straight into transport's
 * database with one INSERT each (10,000 requests and dispatches through the API would take
 * minutes): rows exactly as the service writes them — an approved trip as `POST /trips` writes one
 * that the agency's policy approves at once (decided by `policy`, version 1), a booking as that trip
 * after `POST /trips/:id/dispatch` (status `dispatched`, the fleet assignment with plate and driver
 * name, version 2), the exclusion constraints checking every row. Requesting, approving and
 * dispatching a trip publish no event, so no outbox row is missing. `ANALYZE trip` follows, as
 * autovacuum would after such a load.
 *
 * Bookings: vehicle v (and its driver) on day d from tomorrow (China Standard Time) is booked
 * 08:00–10:00 and 13:00–15:00; 10,000 bookings over 200 vehicles fill 25 days. Trip request k asks
 * for vehicle k mod 200 on day d = ⌊k / 200⌋: 09:00–10:30 when (k + d) mod 4 = 3 (overlapping the
 * morning booking → 409 when that day is booked), 10:00–11:30 otherwise (free, adjacent to it). Each vehicle
 * is asked for once a day, so the requests never collide with one another; consecutive requests ask
 * for different vehicles.
 */
export interface DispatchResults {
  vehicles: number;
  existingBookings: number;
  /** Approved trip requests seeded; the warm-up and the window take them in order, each once. */
  pool: number;
  clients: number;
  /** The window; rate = decisions (dispatched or refused) per second, percentiles over all of them. */
  window: Throughput;
  /** 2xx: dispatched. */
  dispatched: number;
  /** 409: the vehicle or the driver was booked over the window. */
  refused: number;
  /** What the plan says those requests should have answered. */
  expected: { dispatched: number; refused: number };
  statuses: Record<string, number>;
  warmupRequests: number;
  /** The pool ran out before the window ended (the window is then shorter). */
  poolExhausted: boolean;
  /** Trips holding a booking in transport's database after the window: the seeded ones plus those dispatched (warm-up included). */
  bookingsAfter: number;
  problems: string[];
  setupMs: number;
  seedMs: number;
}

/** The two bookings a vehicle holds each day (CST), and the two windows trip requests ask for. */
export const BOOKING_SLOTS = [
  ['08:00', '10:00'],
  ['13:00', '15:00'],
] as const;
export const FREE_WINDOW = ['10:00', '11:30'] as const;
export const OVERLAPPING_WINDOW = ['09:00', '10:30'] as const;
/** Every this-many-th trip request asks for an overlapping window. */
export const OVERLAP_EVERY = 4;
/** The pool covers at least this many days (one request per vehicle and day). */
export const MIN_POOL_DAYS = 25;

/** A CST wall-clock time `day` days after `firstDay` (YYYY-MM-DD). */
export function cstInstant(firstDay: string, day: number, hhmm: string): Date {
  return new Date(Date.parse(`${firstDay}T${hhmm}:00+08:00`) + day * 86_400_000);
}

/** The fleet's `index`-th vehicle and its driver: mostly sedans, some SUVs, every tenth a minibus, whose driver holds B1. */
export function fleetMember(index: number): { vehicle: { plateNumber: string; vehicleType: string; seats: number }; driver: { name: string; licenceClass: string; licenceNumber: string } } {
  const kind = index % 10;
  const vehicle = kind === 9 ? { vehicleType: 'minibus', seats: 14 } : kind >= 7 ? { vehicleType: 'suv', seats: 7 } : { vehicleType: 'sedan', seats: 5 };
  return {
    vehicle: { plateNumber: `京A${String(10_000 + index)}`, ...vehicle },
    driver: { name: `司机${String(index + 1).padStart(3, '0')}`, licenceClass: kind === 9 ? 'B1' : 'C1', licenceNumber: `11010119800${String(100_000 + index)}` },
  };
}

/** How many bookings vehicle `vehicle` holds when `bookings` are spread over `vehicles`, booking b going to vehicle b mod vehicles. */
export function bookingsOf(vehicle: number, vehicles: number, bookings: number): number {
  return Math.floor(bookings / vehicles) + (vehicle < bookings % vehicles ? 1 : 0);
}

/** Existing booking `b`: its vehicle (and driver) and its window. */
export function existingBooking(b: number, vehicles: number, firstDay: string): { vehicle: number; startsAt: Date; endsAt: Date } {
  const vehicle = b % vehicles;
  const ordinal = Math.floor(b / vehicles);
  const [from, until] = BOOKING_SLOTS[ordinal % BOOKING_SLOTS.length]!;
  const day = Math.floor(ordinal / BOOKING_SLOTS.length);
  return { vehicle, startsAt: cstInstant(firstDay, day, from), endsAt: cstInstant(firstDay, day, until) };
}

/** The pool of trip requests: one per vehicle and day, over the booked days and at least MIN_POOL_DAYS. */
export function poolSize(vehicles: number, bookings: number): number {
  const bookedDays = Math.ceil(Math.ceil(bookings / vehicles) / BOOKING_SLOTS.length);
  return vehicles * Math.max(bookedDays, MIN_POOL_DAYS);
}

/** Trip request `k`: the vehicle (and driver) it is dispatched to, its window, and whether it must be refused. */
export function tripRequest(k: number, vehicles: number, bookings: number, firstDay: string): { vehicle: number; startsAt: Date; endsAt: Date; refused: boolean } {
  const vehicle = k % vehicles;
  const day = Math.floor(k / vehicles);
  // Shifted by the day, so that every vehicle is asked for an overlapping window on some days, not always or never.
  const overlapping = (k + day) % OVERLAP_EVERY === OVERLAP_EVERY - 1;
  const [from, until] = overlapping ? OVERLAPPING_WINDOW : FREE_WINDOW;
  // The morning booking of that day exists when the vehicle holds more than 2·day bookings.
  const refused = overlapping && bookingsOf(vehicle, vehicles, bookings) > day * BOOKING_SLOTS.length;
  return { vehicle, startsAt: cstInstant(firstDay, day, from), endsAt: cstInstant(firstDay, day, until), refused };
}

/** What requests [from, to) of the pool should answer. */
export function expectedDecisions(from: number, to: number, vehicles: number, bookings: number): { dispatched: number; refused: number } {
  let refused = 0;
  for (let k = from; k < to; k += 1) if (tripRequest(k, vehicles, bookings, '2026-01-01').refused) refused += 1;
  return { dispatched: to - from - refused, refused };
}

const TRIP = { purpose: '赴市财政局汇报', passengers: 2, passengerRank: 'division', origin: '机关大院', destination: '市财政局', distanceKm: 12 };

export async function dispatchScenario(config: BenchConfig, cleanup: Cleanup, cluster: Cluster): Promise<DispatchResults> {
  const setupStarted = nowMs();
  const gateway = cluster.byName['gateway']!;
  const agencyId = `${cluster.agencyId}-transport`;
  const manager: Caller = { agencyId, userId: 'fleet-manager', roles: ['logistics-manager'] };
  const ok = async (path: string, body: unknown) => expectStatus(callGateway(gateway.url, manager, 'POST', path, body), 201);
  const year = new Date().getUTCFullYear();
  const vehicles = config.dispatchVehicles;
  const bookings = config.dispatchBookings;

  progress(`dispatch: ${vehicles} vehicles and ${vehicles} drivers through the gateway, 8 at a time`);
  const fleet = await inParallel(
    Array.from({ length: vehicles }, (_, index) => fleetMember(index)),
    8,
    async (member) => {
      const vehicle = await ok('/transport/vehicles', { ...member.vehicle, odometerKm: 20_000, fuel: 'petrol', insuranceExpiresOn: `${year + 3}-12-31`, inspectionExpiresOn: `${year + 3}-12-31` });
      const driver = await ok('/transport/drivers', {
        ...member.driver,
        licenceExpiresOn: `${year + 6}-01-01`,
        healthCheckedOn: `${year - 1}-06-01`,
        healthCheckExpiresOn: `${year + 3}-06-01`,
      });
      return { vehicleId: String(vehicle['id']), plateNumber: member.vehicle.plateNumber, driverId: String(driver['id']), driverName: member.driver.name };
    },
  );

  const firstDay = cstDay(new Date(), 1);
  const pool = poolSize(vehicles, bookings);
  progress(`dispatch: ${bookings} existing bookings and ${pool} approved trip requests written into transport's database`);
  const seedStarted = nowMs();
  const database = new Client({ connectionString: cluster.databases['transport']!.url });
  await database.connect();
  const trips = Array.from({ length: pool }, (_, k) => ({ id: randomUUID(), ...tripRequest(k, vehicles, bookings, firstDay) }));
  let bookingsAfter = NaN;
  try {
    const now = new Date();
    const seeded = Array.from({ length: bookings }, (_, b) => existingBooking(b, vehicles, firstDay));
    await database.query(
      `INSERT INTO trip (id, agency_id, requested_by, purpose, passengers, passenger_rank, origin, destination, distance_km, out_of_city, starts_at, ends_at,
                         status, approval_reasons, decided_by, decided_at, decision_note,
                         assignment_kind, vehicle_id, driver_id, plate_number, driver_name, dispatched_by, dispatched_at, requested_at, version)
       SELECT b.id, $1, 'staff-requester', $2, $3, $4, $5, $6, $7, false, b.starts_at, b.ends_at,
              'dispatched', '{}', 'policy', $8, 'within the agency policy',
              'fleet', b.vehicle_id, b.driver_id, b.plate_number, b.driver_name, $9, $8, $8, 2
         FROM unnest($10::uuid[], $11::uuid[], $12::uuid[], $13::text[], $14::text[], $15::timestamptz[], $16::timestamptz[])
           AS b(id, vehicle_id, driver_id, plate_number, driver_name, starts_at, ends_at)`,
      [
        agencyId,
        TRIP.purpose,
        TRIP.passengers,
        TRIP.passengerRank,
        TRIP.origin,
        TRIP.destination,
        TRIP.distanceKm,
        now,
        manager.userId,
        seeded.map(() => randomUUID()),
        seeded.map((booking) => fleet[booking.vehicle]!.vehicleId),
        seeded.map((booking) => fleet[booking.vehicle]!.driverId),
        seeded.map((booking) => fleet[booking.vehicle]!.plateNumber),
        seeded.map((booking) => fleet[booking.vehicle]!.driverName),
        seeded.map((booking) => booking.startsAt.toISOString()),
        seeded.map((booking) => booking.endsAt.toISOString()),
      ],
    );
    await database.query(
      `INSERT INTO trip (id, agency_id, requested_by, purpose, passengers, passenger_rank, origin, destination, distance_km, out_of_city, starts_at, ends_at,
                         status, approval_reasons, decided_by, decided_at, decision_note, requested_at, version)
       SELECT t.id, $1, 'staff-requester', $2, $3, $4, $5, $6, $7, false, t.starts_at, t.ends_at,
              'approved', '{}', 'policy', $8, 'within the agency policy', $8, 1
         FROM unnest($9::uuid[], $10::timestamptz[], $11::timestamptz[]) AS t(id, starts_at, ends_at)`,
      [
        agencyId,
        TRIP.purpose,
        TRIP.passengers,
        TRIP.passengerRank,
        TRIP.origin,
        TRIP.destination,
        TRIP.distanceKm,
        now,
        trips.map((trip) => trip.id),
        trips.map((trip) => trip.startsAt.toISOString()),
        trips.map((trip) => trip.endsAt.toISOString()),
      ],
    );
    await database.query('ANALYZE trip');
    const seedMs = nowMs() - seedStarted;
    const setupMs = nowMs() - setupStarted;

    const client = new LoadClient();
    cleanup.push('stop the dispatch load worker', () => client.close());
    const variants: RequestVariant[] = trips.map((trip) => ({
      url: `${gateway.url}/api/v1/transport/trips/${trip.id}/dispatch`,
      body: JSON.stringify({ vehicleId: fleet[trip.vehicle]!.vehicleId, driverId: fleet[trip.vehicle]!.driverId }),
    }));
    const warmup = Math.min(config.warmupRequests, Math.floor(pool / 10));
    progress(`dispatch: ${config.httpConcurrency} clients, warm-up ${warmup} dispatches + ${config.windowMs} ms (setup took ${(setupMs / 1000).toFixed(1)} s, of which the SQL seed ${(seedMs / 1000).toFixed(1)} s)`);
    const result = await client.run({
      url: `${gateway.url}/api/v1/transport/trips`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken(manager)}` },
      body: '{}',
      expectStatus: 200,
      acceptStatuses: [409],
      concurrency: config.httpConcurrency,
      warmup,
      durationMs: config.windowMs,
      variants,
    });
    await client.close();
    if (result.failures > 0 && result.latencies.length === 0) throw new Error(`dispatch: the warm-up or the window failed: ${result.firstFailure}`);

    bookingsAfter = Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM trip WHERE agency_id = $1 AND status = 'dispatched'`, [agencyId])).rows[0]?.n ?? NaN);
    const dispatched = result.statuses['200'] ?? 0;
    const refused = result.statuses['409'] ?? 0;
    const expected = expectedDecisions(warmup, result.sent, vehicles, bookings);
    const problems: string[] = [];
    if (dispatched !== expected.dispatched || refused !== expected.refused) {
      problems.push(`${dispatched} dispatched and ${refused} refused (409), expected ${expected.dispatched} and ${expected.refused}`);
    }
    for (const [status, count] of Object.entries(result.statuses)) if (status !== '200' && status !== '409') problems.push(`${count} dispatches answered ${status}`);
    if (result.firstFailure) problems.push(`first unexpected answer: ${result.firstFailure}`);
    const expectedBookings = bookings + expectedDecisions(0, result.sent, vehicles, bookings).dispatched;
    if (bookingsAfter !== expectedBookings) problems.push(`transport holds ${bookingsAfter} dispatched trips, expected ${expectedBookings}`);
    const poolExhausted = result.sent >= pool;
    if (poolExhausted) progress(`dispatch: the pool of ${pool} trip requests ran out after ${(result.elapsedMs / 1000).toFixed(1)} s`);
    const window: Throughput = {
      label: 'dispatch decisions through the gateway',
      requestsPerSecond: perSecond(dispatched + refused, result.elapsedMs),
      latency: summarize(result.latencies),
      windowMs: result.elapsedMs,
      concurrency: config.httpConcurrency,
    };
    return {
      vehicles,
      existingBookings: bookings,
      pool,
      clients: config.httpConcurrency,
      window,
      dispatched,
      refused,
      expected,
      statuses: result.statuses,
      warmupRequests: warmup,
      poolExhausted,
      bookingsAfter,
      problems,
      setupMs,
      seedMs,
    };
  } finally {
    await database.end();
  }
}
