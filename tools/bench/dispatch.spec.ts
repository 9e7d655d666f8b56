import { BOOKING_SLOTS, MIN_POOL_DAYS, bookingsOf, cstInstant, existingBooking, expectedDecisions, fleetMember, poolSize, tripRequest } from './dispatch';

const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

describe('the dispatch plan', () => {
  const firstDay = '2026-12-08';

  it('reads wall-clock times in China Standard Time, day after day', () => {
    expect(cstInstant(firstDay, 0, '08:00').toISOString()).toBe('2026-12-08T00:00:00.000Z');
    expect(cstInstant(firstDay, 24, '13:30').toISOString()).toBe('2027-01-01T05:30:00.000Z');
  });

  it('registers a fleet of unique plates and licences, each driver licensed for the vehicle paired with them', () => {
    const fleet = Array.from({ length: 200 }, (_, index) => fleetMember(index));
    expect(new Set(fleet.map((member) => member.vehicle.plateNumber)).size).toBe(200);
    expect(new Set(fleet.map((member) => member.driver.licenceNumber)).size).toBe(200);
    for (const member of fleet) {
      expect(member.vehicle.plateNumber).toMatch(/^京A\d{5}$/);
      expect(member.driver.licenceClass).toBe(member.vehicle.vehicleType === 'minibus' ? 'B1' : 'C1');
    }
    expect(fleet.filter((member) => member.vehicle.vehicleType === 'minibus')).toHaveLength(20);
  });

  it('spreads 10,000 bookings over 200 vehicles, 50 each over 25 days, none of one vehicle overlapping another', () => {
    const all = Array.from({ length: 10_000 }, (_, b) => existingBooking(b, 200, firstDay));
    const ofVehicle = all.filter((booking) => booking.vehicle === 7);
    expect(ofVehicle).toHaveLength(50);
    expect(bookingsOf(7, 200, 10_000)).toBe(50);
    for (let i = 0; i < ofVehicle.length; i += 1) for (let j = i + 1; j < ofVehicle.length; j += 1) expect(overlaps(ofVehicle[i]!, ofVehicle[j]!)).toBe(false);
    expect(ofVehicle[49]!.endsAt.toISOString()).toBe(cstInstant(firstDay, 24, BOOKING_SLOTS[1][1]).toISOString());
  });

  it('refuses exactly the requests whose window overlaps a booking of their vehicle, and no two requests overlap', () => {
    // An uneven fleet: bookings do not divide evenly, and some days are booked for some vehicles only.
    const vehicles = 8;
    const bookings = 37;
    const existing = Array.from({ length: bookings }, (_, b) => existingBooking(b, vehicles, firstDay));
    const pool = poolSize(vehicles, bookings);
    expect(pool).toBe(vehicles * MIN_POOL_DAYS);
    const requests = Array.from({ length: pool }, (_, k) => tripRequest(k, vehicles, bookings, firstDay));
    for (const request of requests) {
      const collides = existing.some((booking) => booking.vehicle === request.vehicle && overlaps(booking, request));
      expect(request.refused).toBe(collides);
    }
    for (let i = 0; i < requests.length; i += 1) {
      for (let j = i + 1; j < requests.length; j += 1) if (requests[i]!.vehicle === requests[j]!.vehicle) expect(overlaps(requests[i]!, requests[j]!)).toBe(false);
    }
    expect(requests.some((request) => request.refused)).toBe(true);
  });

  it('refuses about a quarter of the requests of the default sizes, every vehicle some days only', () => {
    expect(poolSize(200, 10_000)).toBe(5000);
    expect(expectedDecisions(0, 5000, 200, 10_000)).toEqual({ dispatched: 3750, refused: 1250 });
    expect(expectedDecisions(300, 1300, 200, 10_000)).toEqual({ dispatched: 750, refused: 250 });
    const refusedDays = Array.from({ length: 25 }, (_, day) => tripRequest(day * 200 + 3, 200, 10_000, firstDay).refused);
    expect(refusedDays.filter(Boolean).length).toBeGreaterThan(0);
    expect(refusedDays.filter((refused) => !refused).length).toBeGreaterThan(0);
  });
});
