import type { TransportTripView } from '@houqin/api-client';
import { bookingsAround, conflictingTrip, describeTimeline, timelineBars, timelineRange } from './timeline';

const VEHICLE_A = '11111111-1111-4111-8111-111111111111';
const VEHICLE_B = '22222222-2222-4222-8222-222222222222';

function trip(id: string, startsAt: string, endsAt: string, extra: Partial<TransportTripView> = {}): TransportTripView {
  return {
    id,
    requestedBy: 'someone',
    purpose: `trip ${id}`,
    passengers: 2,
    passengerRank: 'division',
    origin: '机关大院',
    destination: '市财政局',
    distanceKm: 8,
    outOfCity: false,
    startsAt,
    endsAt,
    status: 'dispatched',
    approvalReasons: [],
    requestedAt: startsAt,
    ...extra,
  };
}

const onA = (plateNumber = '闽A12345') => ({ assignment: { kind: 'fleet' as const, vehicleId: VEHICLE_A, plateNumber, driverId: 'd', driverName: '林师傅', dispatchedBy: 'm', dispatchedAt: '2026-12-01T00:00:00Z' } });

describe("the dispatcher's timeline", () => {
  // The candidate: 10:00–12:00 on 8 December, Beijing time.
  const candidate = trip('candidate', '2026-12-08T10:00:00+08:00', '2026-12-08T12:00:00+08:00', { status: 'approved' });

  it("covers the trip's days from midnight to midnight in Beijing, also when it runs past midnight", () => {
    const day = timelineRange(candidate);
    expect(new Date(day.start).toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(new Date(day.end).toISOString()).toBe('2026-12-08T16:00:00.000Z');
    const overnight = timelineRange({ startsAt: '2026-12-08T22:00:00+08:00', endsAt: '2026-12-09T02:00:00+08:00' });
    expect((overnight.end - overnight.start) / 3_600_000).toBe(48);
    // Ending at midnight does not add the next day.
    expect(timelineRange({ startsAt: '2026-12-08T22:00:00+08:00', endsAt: '2026-12-09T00:00:00+08:00' }).end).toBe(day.end);
  });

  it('marks the bookings that overlap the window as conflicts; back-to-back ones are not', () => {
    const bookings = bookingsAround(
      [
        trip('overlapping', '2026-12-08T11:00:00+08:00', '2026-12-08T13:00:00+08:00', onA()),
        trip('before', '2026-12-08T08:00:00+08:00', '2026-12-08T10:00:00+08:00', onA()),
        trip('after', '2026-12-08T12:00:00+08:00', '2026-12-08T14:00:00+08:00', { ...onA(), status: 'in-progress' }),
      ],
      candidate,
    );
    expect(bookings.map((booking) => [booking.tripId, booking.conflict])).toEqual([
      ['before', false],
      ['overlapping', true],
      ['after', false],
    ]);
  });

  it('leaves out what holds no vehicle: the candidate itself, cancelled, completed and rental trips', () => {
    const bookings = bookingsAround(
      [
        trip('candidate', candidate.startsAt, candidate.endsAt, onA()),
        trip('cancelled', candidate.startsAt, candidate.endsAt, { ...onA(), status: 'cancelled' }),
        trip('completed', candidate.startsAt, candidate.endsAt, { ...onA(), status: 'completed' }),
        trip('rental', candidate.startsAt, candidate.endsAt, { assignment: { kind: 'rental', contractId: 'c', vendorId: 'v', vendorName: '租车公司', dispatchedBy: 'm', dispatchedAt: '2026-12-01T00:00:00Z' } }),
      ],
      candidate,
    );
    expect(bookings).toEqual([]);
  });

  it("draws each booking in its vehicle's row, clipped to the day", () => {
    const range = timelineRange(candidate);
    const bookings = bookingsAround(
      [
        trip('overnight', '2026-12-07T20:00:00+08:00', '2026-12-08T09:00:00+08:00', onA()),
        trip('tomorrow', '2026-12-09T09:00:00+08:00', '2026-12-09T10:00:00+08:00', onA()),
      ],
      candidate,
    );
    const bars = timelineBars(
      [
        { vehicleId: VEHICLE_B, plateNumber: '闽AD23456' },
        { vehicleId: VEHICLE_A, plateNumber: '闽A12345' },
      ],
      bookings,
      range,
    );
    expect(bars.map((bar) => [bar.booking.tripId, bar.value[0], new Date(bar.value[1]).toISOString(), new Date(bar.value[2]).toISOString()])).toEqual([['overnight', 1, '2026-12-07T16:00:00.000Z', '2026-12-08T01:00:00.000Z']]);
  });

  it('says in words which vehicle is free and which booking overlaps the window', () => {
    const bookings = bookingsAround([trip('overlapping', '2026-12-08T11:00:00+08:00', '2026-12-08T13:00:00+08:00', { ...onA(), purpose: '送文件' })], candidate);
    const t = (key: string) => ({ 'dispatch.free': 'free', 'dispatch.overlaps': 'overlaps this trip', 'dispatch.thisTrip': 'This trip' })[key] ?? key;
    expect(
      describeTimeline(
        [
          { vehicleId: VEHICLE_A, plateNumber: '闽A12345' },
          { vehicleId: VEHICLE_B, plateNumber: '闽AD23456' },
        ],
        bookings,
        { start: Date.parse(candidate.startsAt), end: Date.parse(candidate.endsAt) },
        'en',
        t,
      ),
    ).toBe('This trip 10:00 AM–12:00 PM; 闽A12345: 11:00 AM–1:00 PM 送文件 (overlaps this trip); 闽AD23456: free');
  });

  it("reads the conflicting trip out of the service's 409", () => {
    const detail = `vehicle ${VEHICLE_A} is already booked for trip 33333333-3333-4333-8333-333333333333 from 2026-12-08T03:00:00.000Z to 2026-12-08T05:00:00.000Z`;
    expect(conflictingTrip(detail)).toEqual({ tripId: '33333333-3333-4333-8333-333333333333', span: { start: Date.parse('2026-12-08T03:00:00.000Z'), end: Date.parse('2026-12-08T05:00:00.000Z') } });
    expect(conflictingTrip(`driver x is already booked for another trip over a to b`)).toBeUndefined();
  });
});
