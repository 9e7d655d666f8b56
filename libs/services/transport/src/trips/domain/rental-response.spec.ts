import { BusinessRuleViolation, FixedClock, IllegalTransitionError, NotFoundError } from '@houqin/domain';
import { DEFAULT_APPROVAL_POLICY } from './approval-policy';
import { confirmRental, markResponseBreached, minutesBetween, responseBreachDue } from './rental-response';
import { Trip, cancelTrip, dispatchTrip, requestTrip, startTrip } from './trip';

const DISPATCHED_AT = new Date('2026-12-07T02:00:00Z');
const VENDOR = '4f6a8c0e-2b4d-4f6a-8c0e-2b4d6f8a0c2e';
const minutesAfter = (minutes: number, seconds = 0) => new Date(DISPATCHED_AT.getTime() + minutes * 60_000 + seconds * 1_000);
const rental = { kind: 'rental' as const, contractId: 'contract-1', vendorId: VENDOR, vendorName: '首汽租车', responseMinutes: 30 };
const answer = { vendorId: VENDOR, plateNumber: '京b·66801', driverName: ' 赵师傅 ', driverPhone: '13901012345', confirmedBy: 'vendor-dispatcher-1' };

/** A trip for Tuesday morning, approved by the policy on Monday. */
function approvedTrip(): Trip {
  return requestTrip(
    {
      id: 'trip-1',
      agencyId: 'agency-1',
      requestedBy: 'staff-wang',
      purpose: '全体干部赴教育基地学习',
      passengers: 30,
      passengerRank: 'division',
      origin: '机关大院',
      destination: '市委党校',
      distanceKm: 12,
      outOfCity: false,
      startsAt: new Date('2026-12-08T09:00:00+08:00'),
      endsAt: new Date('2026-12-08T12:00:00+08:00'),
    },
    DEFAULT_APPROVAL_POLICY,
    new FixedClock(new Date('2026-12-07T01:00:00Z')),
  );
}

/** Dispatched to the rental vendor on Monday at 10:00 (China Standard Time) with a 30-minute response time. */
function dispatchedRental(): Trip {
  return dispatchTrip(approvedTrip(), rental, 'fleet-manager', new FixedClock(DISPATCHED_AT));
}

function violation(fn: () => unknown): BusinessRuleViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof BusinessRuleViolation) return error;
    throw error;
  }
  throw new Error('expected a business rule violation');
}

describe("a rental vendor's answer to a dispatch (租车响应时限)", () => {
  it('is due the contract’s response time after the dispatch', () => {
    expect(dispatchedRental().rentalResponse).toEqual({ targetMinutes: 30, dueAt: minutesAfter(30) });
    expect(dispatchedRental().assignment).not.toHaveProperty('responseMinutes');
  });

  it('records the vehicle and driver the vendor sends, within the SLA when it answers by the deadline (the deadline itself included)', () => {
    const { trip, breached } = confirmRental(dispatchedRental(), answer, new FixedClock(minutesAfter(30)));
    expect(breached).toBe(false);
    expect(trip.rentalResponse?.confirmation).toEqual({
      plateNumber: '京B66801',
      driverName: '赵师傅',
      driverPhone: '13901012345',
      confirmedBy: 'vendor-dispatcher-1',
      at: minutesAfter(30),
      responseMinutes: 30,
      withinSla: true,
    });
    expect(trip.rentalResponse?.breachedAt).toBeUndefined();
    expect(trip.status).toBe('dispatched');
  });

  it('counts a second past the deadline as late, in whole minutes rounded up, and announces the breach with the late answer', () => {
    const { trip, breached } = confirmRental(dispatchedRental(), answer, new FixedClock(minutesAfter(30, 1)));
    expect(breached).toBe(true);
    expect(trip.rentalResponse).toMatchObject({ breachedAt: minutesAfter(30, 1), confirmation: { responseMinutes: 31, withinSla: false } });
  });

  it('does not announce the breach again when the sweep already did', () => {
    const swept = markResponseBreached(dispatchedRental(), minutesAfter(31));
    const { trip, breached } = confirmRental(swept, answer, new FixedClock(minutesAfter(45)));
    expect(breached).toBe(false);
    expect(trip.rentalResponse).toMatchObject({ breachedAt: minutesAfter(31), confirmation: { responseMinutes: 45, withinSla: false } });
  });

  it("is the trip's vendor's alone: another vendor does not find the trip", () => {
    expect(() => confirmRental(dispatchedRental(), { ...answer, vendorId: '9e1a3c5b-7d9f-4e2a-8b4c-6d8f0a2c4e6b' }, new FixedClock(minutesAfter(5)))).toThrow(NotFoundError);
  });

  it('is given once, and only while the rental trip is dispatched', () => {
    const clock = new FixedClock(minutesAfter(5));
    const { trip } = confirmRental(dispatchedRental(), answer, clock);
    expect(() => confirmRental(trip, answer, clock)).toThrow(IllegalTransitionError);
    const cancelled = cancelTrip(dispatchedRental(), 'staff-wang', '会议改期', clock);
    expect(() => confirmRental(cancelled, answer, clock)).toThrow(IllegalTransitionError);
    clock.set(new Date('2026-12-08T09:00:00+08:00'));
    const started = startTrip(dispatchedRental(), { startedBy: 'fleet-manager' }, clock);
    expect(() => confirmRental(started, answer, clock)).toThrow(IllegalTransitionError);
  });

  it('refuses a plate, a driver or a phone that is not one, naming the field', () => {
    const clock = new FixedClock(minutesAfter(5));
    expect(violation(() => confirmRental(dispatchedRental(), { ...answer, plateNumber: 'ABC-123' }, clock)).field).toBe('plateNumber');
    expect(violation(() => confirmRental(dispatchedRental(), { ...answer, driverName: '  ' }, clock)).field).toBe('driverName');
    expect(violation(() => confirmRental(dispatchedRental(), { ...answer, driverPhone: '010-12345678' }, clock)).field).toBe('driverPhone');
  });
});

describe('the breach of an unanswered dispatch', () => {
  it('falls due once the deadline has passed (not at it) without an answer, and only once', () => {
    const trip = dispatchedRental();
    expect(responseBreachDue(trip, minutesAfter(30))).toBe(false);
    expect(responseBreachDue(trip, minutesAfter(30, 1))).toBe(true);
    const breached = markResponseBreached(trip, minutesAfter(31));
    expect(breached.rentalResponse?.breachedAt).toEqual(minutesAfter(31));
    expect(responseBreachDue(breached, minutesAfter(60))).toBe(false);
    expect(() => markResponseBreached(breached, minutesAfter(60))).toThrow();
  });

  it('never falls due for an answered dispatch, or a trip cancelled by its deadline', () => {
    expect(responseBreachDue(confirmRental(dispatchedRental(), answer, new FixedClock(minutesAfter(10))).trip, minutesAfter(60))).toBe(false);
    expect(responseBreachDue(cancelTrip(dispatchedRental(), 'staff-wang', '会议改期', new FixedClock(minutesAfter(20))), minutesAfter(60))).toBe(false);
    expect(responseBreachDue(cancelTrip(dispatchedRental(), 'staff-wang', '会议改期', new FixedClock(minutesAfter(40))), minutesAfter(60))).toBe(true);
  });

  it('never falls due for a fleet trip', () => {
    const dispatched = dispatchTrip(approvedTrip(), { kind: 'fleet', vehicleId: 'v', plateNumber: '京A12345', driverId: 'd', driverName: '李师傅' }, 'fleet-manager', new FixedClock(DISPATCHED_AT));
    expect(dispatched.rentalResponse).toBeUndefined();
    expect(responseBreachDue(dispatched, minutesAfter(600))).toBe(false);
  });
});

describe('minutes between two instants', () => {
  it('are whole minutes rounded up, never negative', () => {
    expect(minutesBetween(DISPATCHED_AT, minutesAfter(12))).toBe(12);
    expect(minutesBetween(DISPATCHED_AT, minutesAfter(12, 1))).toBe(13);
    expect(minutesBetween(minutesAfter(1), DISPATCHED_AT)).toBe(0);
  });
});
