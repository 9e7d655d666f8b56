import { BusinessRuleViolation, FixedClock, IllegalTransitionError, NotPermittedError } from '@houqin/domain';
import { DEFAULT_APPROVAL_POLICY, approvalReasons, validateApprovalPolicy } from './approval-policy';
import { Trip, TripRequest, approveTrip, cancelTrip, dispatchTrip, endTrip, markNoShow, punctuality, rateTrip, rejectTrip, requestTrip, startTrip } from './trip';

const MONDAY_0800 = new Date('2026-12-07T00:00:00Z');
const at = (hhmm: string, day = '2026-12-08') => new Date(`${day}T${hhmm}:00+08:00`);

function request(overrides: Partial<TripRequest> = {}): TripRequest {
  return {
    id: 'trip-1',
    agencyId: 'agency-1',
    requestedBy: 'staff-wang',
    purpose: '赴市财政局汇报',
    passengers: 2,
    passengerRank: 'division',
    origin: '机关大院',
    destination: '市财政局',
    distanceKm: 12,
    outOfCity: false,
    startsAt: at('09:00'),
    endsAt: at('11:00'),
    ...overrides,
  };
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

const fleet = { kind: 'fleet' as const, vehicleId: 'vehicle-1', plateNumber: '京A12345', driverId: 'driver-1', driverName: '李师傅' };

function dispatched(clock: FixedClock, overrides: Partial<TripRequest> = {}): Trip {
  return dispatchTrip(requestTrip(request(overrides), DEFAULT_APPROVAL_POLICY, clock), fleet, 'manager-1', clock);
}

describe('a trip request (公务用车申请)', () => {
  it('is approved by the policy at once when no rule asks for an approver', () => {
    const trip = requestTrip(request(), DEFAULT_APPROVAL_POLICY, new FixedClock(MONDAY_0800));
    expect(trip.status).toBe('approved');
    expect(trip.approvalReasons).toEqual([]);
    expect(trip.decision?.by).toBe('policy');
  });

  it('waits for an approver when it is long, leaves the city, runs after hours or carries a rank not entitled', () => {
    const trip = requestTrip(request({ distanceKm: 180, outOfCity: true, endsAt: at('20:00'), passengerRank: 'staff' }), DEFAULT_APPROVAL_POLICY, new FixedClock(MONDAY_0800));
    expect(trip.status).toBe('pending-approval');
    expect(trip.approvalReasons).toEqual(['distance', 'out-of-city', 'after-hours', 'passenger-rank']);
  });

  it('counts a trip over midnight or before the working day as after hours, and one ending at the close of the day as within', () => {
    const policy = DEFAULT_APPROVAL_POLICY;
    const base = { distanceKm: 1, outOfCity: false, passengerRank: 'division' as const };
    expect(approvalReasons({ ...base, startsAt: at('07:00'), endsAt: at('08:00') }, policy)).toEqual(['after-hours']);
    expect(approvalReasons({ ...base, startsAt: at('17:30'), endsAt: at('18:30') }, policy)).toEqual([]);
    expect(approvalReasons({ ...base, startsAt: at('17:30'), endsAt: at('09:00', '2026-12-09') }, policy)).toEqual(['after-hours']);
  });

  it('refuses a window that ends before it starts, starts in the past or books more than 72 hours, naming the field', () => {
    const clock = new FixedClock(MONDAY_0800);
    expect(violation(() => requestTrip(request({ endsAt: at('08:00') }), DEFAULT_APPROVAL_POLICY, clock)).field).toBe('endsAt');
    expect(violation(() => requestTrip(request({ startsAt: new Date('2026-12-06T00:00:00Z') }), DEFAULT_APPROVAL_POLICY, clock)).field).toBe('startsAt');
    expect(violation(() => requestTrip(request({ endsAt: at('11:00', '2026-12-12') }), DEFAULT_APPROVAL_POLICY, clock)).field).toBe('endsAt');
  });

  it('is never approved by its own requester', () => {
    const clock = new FixedClock(MONDAY_0800);
    const pending = requestTrip(request({ distanceKm: 200 }), DEFAULT_APPROVAL_POLICY, clock);
    expect(() => approveTrip(pending, 'staff-wang', undefined, clock)).toThrow(NotPermittedError);
    expect(() => rejectTrip(pending, 'staff-wang', 'no', clock)).toThrow(NotPermittedError);
    expect(approveTrip(pending, 'approver-zhao', '同意', clock)).toMatchObject({ status: 'approved', decision: { by: 'approver-zhao', note: '同意' } });
    expect(() => approveTrip(approveTrip(pending, 'approver-zhao', undefined, clock), 'approver-qian', undefined, clock)).toThrow(IllegalTransitionError);
  });

  it('cannot be dispatched before it is approved', () => {
    const clock = new FixedClock(MONDAY_0800);
    const pending = requestTrip(request({ distanceKm: 200 }), DEFAULT_APPROVAL_POLICY, clock);
    expect(() => dispatchTrip(pending, fleet, 'manager-1', clock)).toThrow(IllegalTransitionError);
  });

  it('validates an agency policy, naming the field', () => {
    expect(violation(() => validateApprovalPolicy({ ...DEFAULT_APPROVAL_POLICY, workingHours: { from: '18:00', until: '08:00' } })).field).toBe('workingHours.until');
    expect(violation(() => validateApprovalPolicy({ ...DEFAULT_APPROVAL_POLICY, entitledRanks: ['division', 'general'] })).field).toBe('entitledRanks[1]');
  });
});

describe('a trip on the road', () => {
  it('is on time within five minutes of the requested start, late after', () => {
    expect(punctuality(at('09:00'), at('09:05'))).toEqual({ onTime: true, lateMinutes: 5 });
    expect(punctuality(at('09:00'), at('09:06'))).toEqual({ onTime: false, lateMinutes: 6 });
    expect(punctuality(at('09:00'), at('08:50'))).toEqual({ onTime: true, lateMinutes: 0 });
  });

  it('starts with an odometer never below the vehicle’s last reading', () => {
    const clock = new FixedClock(at('08:55'));
    const trip = dispatched(new FixedClock(MONDAY_0800));
    expect(violation(() => startTrip(trip, { odometerKm: 19_999, vehicleOdometerKm: 20_000, startedBy: 'driver' }, clock)).field).toBe('odometerKm');
    expect(violation(() => startTrip(trip, { startedBy: 'driver' }, clock)).field).toBe('odometerKm');
    expect(startTrip(trip, { odometerKm: 20_000, vehicleOdometerKm: 20_000, startedBy: 'driver' }, clock).start).toMatchObject({ odometerKm: 20_000, onTime: true });
  });

  it('ends with an odometer not below the start and a plausible distance; costs in fen give the cost per km', () => {
    const clock = new FixedClock(at('09:00'));
    const started = startTrip(dispatched(new FixedClock(MONDAY_0800)), { odometerKm: 20_000, startedBy: 'driver' }, clock);
    clock.set(at('11:00'));
    expect(violation(() => endTrip(started, { odometerKm: 19_990, completedBy: 'driver' }, clock))).toMatchObject({ code: 'odometer-below-start', field: 'odometerKm' });
    // Two hours at 120 km/h, plus 10 km: 250 km is the most.
    expect(violation(() => endTrip(started, { odometerKm: 20_251, completedBy: 'driver' }, clock))).toMatchObject({ code: 'implausible-distance', field: 'odometerKm' });
    expect(violation(() => endTrip(started, { odometerKm: 20_036, tollsFen: -1, completedBy: 'driver' }, clock)).field).toBe('tollsFen');
    const ended = endTrip(started, { odometerKm: 20_036, fuelFen: 4_800, tollsFen: 1_500, parkingFen: 1_000, completedBy: 'driver' }, clock);
    expect(ended.status).toBe('completed');
    // 7,300 fen over 36 km = 202.78 → 203 fen per km, rounded half up.
    expect(ended.end).toMatchObject({ drivenKm: 36, costFen: 7_300, costPerKmFen: 203 });
  });

  it('is a no-show only once the passengers are late, and cancelled only before it starts', () => {
    const clock = new FixedClock(at('09:04'));
    const trip = dispatched(new FixedClock(MONDAY_0800));
    expect(violation(() => markNoShow(trip, 'driver', '', clock)).code).toBe('too-early-for-no-show');
    clock.set(at('09:10'));
    expect(markNoShow(trip, 'driver', '', clock)).toMatchObject({ status: 'no-show', cancellation: { reason: 'passengers did not come' } });
    const started = startTrip(trip, { odometerKm: 1, startedBy: 'driver' }, clock);
    expect(() => cancelTrip(started, 'staff-wang', '改期', clock)).toThrow(IllegalTransitionError);
  });

  it('is rated once, by its requester, after it ends', () => {
    const clock = new FixedClock(at('09:00'));
    const started = startTrip(dispatched(new FixedClock(MONDAY_0800)), { odometerKm: 100, startedBy: 'driver' }, clock);
    expect(() => rateTrip(started, 'staff-wang', { score: 5 }, clock)).toThrow(IllegalTransitionError);
    clock.set(at('10:00'));
    const ended = endTrip(started, { odometerKm: 120, completedBy: 'driver' }, clock);
    expect(() => rateTrip(ended, 'someone-else', { score: 5 }, clock)).toThrow(NotPermittedError);
    const rated = rateTrip(ended, 'staff-wang', { score: 4, comment: '准时' }, clock);
    expect(rated.rating).toMatchObject({ score: 4, comment: '准时' });
    expect(() => rateTrip(rated, 'staff-wang', { score: 5 }, clock)).toThrow(IllegalTransitionError);
  });
});
