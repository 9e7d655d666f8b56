import { TRIP_APPROVAL_REASONS, TRIP_PASSENGER_RANKS, TRIP_POLICY_APPROVER } from '@houqin/contracts';
import { FixedClock } from '@houqin/domain';
import { APPROVAL_REASONS, DEFAULT_APPROVAL_POLICY, PASSENGER_RANKS } from './domain/approval-policy';
import { POLICY_APPROVER, TripRequest, approveTrip, dispatchTrip, rejectTrip, requestTrip } from './domain/trip';
import { confirmRental } from './domain/rental-response';
import { tripApprovedEvent, tripDispatchedEvent, tripRejectedEvent, tripRentalConfirmedEvent, tripRentalResponseBreachedEvent, tripRequestedEvents } from './trip-events';

const origin = { agencyId: 'agency-1', correlationId: 'c0ffee00-0000-4000-8000-000000000001' };
const tripId = '7b1d3f5a-9c2e-4a6b-8d0f-2e4a6c8e0b1d';
const vehicleId = '2c4e6a8b-0d1f-4b3c-9e5a-7f9b1d3e5a7c';
const driverId = '9e1a3c5b-7d9f-4e2a-8b4c-6d8f0a2c4e6b';
const at = (hhmm: string) => new Date(`2026-12-08T${hhmm}:00+08:00`);

function request(overrides: Partial<TripRequest> = {}): TripRequest {
  return {
    id: tripId,
    agencyId: 'agency-1',
    requestedBy: 'staff-wang',
    purpose: '赴天津调研',
    passengers: 3,
    passengerRank: 'division',
    origin: '机关大院',
    destination: '天津市',
    distanceKm: 260,
    outOfCity: true,
    startsAt: at('08:00'),
    endsAt: at('18:00'),
    ...overrides,
  };
}

/** The decisions on a trip (申请、审批、派车) as the events the audit trail records. */
describe('the events of a trip request, its approval and its dispatch', () => {
  const clock = new FixedClock(new Date('2026-12-07T00:00:00Z'));

  it('speaks the contract: the ranks, the approval rules and the policy approver are the same lists', () => {
    expect([...PASSENGER_RANKS]).toEqual([...TRIP_PASSENGER_RANKS]);
    expect([...APPROVAL_REASONS]).toEqual([...TRIP_APPROVAL_REASONS]);
    expect(POLICY_APPROVER).toBe(TRIP_POLICY_APPROVER);
  });

  it('announces a request waiting for an approver with the rules that hold it back, and nothing approved', () => {
    const trip = requestTrip(request({ vehicleType: 'sedan' }), DEFAULT_APPROVAL_POLICY, clock);
    const events = tripRequestedEvents(trip, origin);
    expect(events.map((event) => event.type)).toEqual(['houqin.transport.trip.requested.v1']);
    expect(events[0]).toMatchObject({
      subject: tripId,
      data: {
        tripId,
        requestedBy: 'staff-wang',
        purpose: '赴天津调研',
        passengers: 3,
        passengerRank: 'division',
        origin: '机关大院',
        destination: '天津市',
        distanceKm: 260,
        outOfCity: true,
        startsAt: '2026-12-08T00:00:00.000Z',
        endsAt: '2026-12-08T10:00:00.000Z',
        vehicleType: 'sedan',
        status: 'pending-approval',
        approvedByPolicy: false,
        approvalReasons: ['distance', 'out-of-city'],
      },
    });
  });

  it('follows a request the policy approved at once with trip.approved by policy', () => {
    const trip = requestTrip(request({ distanceKm: 12, outOfCity: false, startsAt: at('09:00'), endsAt: at('11:00') }), DEFAULT_APPROVAL_POLICY, clock);
    const events = tripRequestedEvents(trip, origin);
    expect(events.map((event) => event.type)).toEqual(['houqin.transport.trip.requested.v1', 'houqin.transport.trip.approved.v1']);
    expect(events[0]!.data).toMatchObject({ status: 'approved', approvedByPolicy: true, approvalReasons: [] });
    expect(events[1]!.data).toMatchObject({ tripId, approvedBy: 'policy', approvalReasons: [], note: 'within the agency policy' });
  });

  it("names the approver and the rules they approved, or who refused and why", () => {
    const pending = requestTrip(request(), DEFAULT_APPROVAL_POLICY, clock);
    expect(tripApprovedEvent(approveTrip(pending, 'approver-zhao', '同意', clock), origin).data).toEqual({
      tripId,
      requestedBy: 'staff-wang',
      approvedBy: 'approver-zhao',
      approvalReasons: ['distance', 'out-of-city'],
      note: '同意',
      startsAt: '2026-12-08T00:00:00.000Z',
      endsAt: '2026-12-08T10:00:00.000Z',
      approvedAt: '2026-12-07T00:00:00.000Z',
    });
    expect(tripRejectedEvent(rejectTrip(pending, 'approver-zhao', '改乘高铁', clock), origin).data).toMatchObject({ rejectedBy: 'approver-zhao', reason: '改乘高铁', approvalReasons: ['distance', 'out-of-city'] });
    expect(() => tripApprovedEvent(pending, origin)).toThrow(/not approved/);
    expect(() => tripRejectedEvent(pending, origin)).toThrow(/not rejected/);
  });

  it('names the vehicle and driver, or the rental vendor and contract, and who dispatched', () => {
    const approved = approveTrip(requestTrip(request(), DEFAULT_APPROVAL_POLICY, clock), 'approver-zhao', undefined, clock);
    const fleet = dispatchTrip(approved, { kind: 'fleet', vehicleId, plateNumber: '京A12345', driverId, driverName: '李师傅' }, 'fleet-manager', clock);
    expect(tripDispatchedEvent(fleet, origin).data).toEqual({
      tripId,
      requestedBy: 'staff-wang',
      kind: 'fleet',
      vehicleId,
      plateNumber: '京A12345',
      driverId,
      driverName: '李师傅',
      startsAt: '2026-12-08T00:00:00.000Z',
      endsAt: '2026-12-08T10:00:00.000Z',
      dispatchedBy: 'fleet-manager',
      dispatchedAt: '2026-12-07T00:00:00.000Z',
    });
    const contractId = '4d6f8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a2c';
    const vendorId = '5e7a9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b3d';
    const rental = dispatchTrip(approved, { kind: 'rental', contractId, vendorId, vendorName: '首汽租车', responseMinutes: 30 }, 'fleet-manager', clock);
    expect(tripDispatchedEvent(rental, origin).data).toMatchObject({ kind: 'rental', vendorId, contractId, vendorName: '首汽租车', dispatchedBy: 'fleet-manager' });
    expect(() => tripDispatchedEvent(approved, origin)).toThrow(/not dispatched/);
  });

  it("tells the rental vendor's late answer and the breach of its response time, machine-raised (no actor)", () => {
    const contractId = '4d6f8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a2c';
    const vendorId = '5e7a9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b3d';
    const approved = approveTrip(requestTrip(request(), DEFAULT_APPROVAL_POLICY, clock), 'approver-zhao', undefined, clock);
    const rental = dispatchTrip(approved, { kind: 'rental', contractId, vendorId, vendorName: '首汽租车', responseMinutes: 30 }, 'fleet-manager', clock);
    const late = new FixedClock(new Date('2026-12-07T00:42:10Z'));
    const { trip } = confirmRental(rental, { vendorId, plateNumber: '京B66801', driverName: '赵师傅', driverPhone: '13901012345', confirmedBy: 'vendor-dispatcher-1' }, late);
    expect(tripRentalResponseBreachedEvent(trip, origin).data).toEqual({
      tripId,
      agencyId: 'agency-1',
      vendorId,
      contractId,
      dispatchedAt: '2026-12-07T00:00:00.000Z',
      deadline: '2026-12-07T00:30:00.000Z',
      targetMinutes: 30,
      breachedAt: '2026-12-07T00:42:10.000Z',
    });
    expect(tripRentalConfirmedEvent(trip, origin).data).toEqual({
      tripId,
      vendorId,
      contractId,
      plateNumber: '京B66801',
      driverName: '赵师傅',
      startsAt: '2026-12-08T00:00:00.000Z',
      endsAt: '2026-12-08T10:00:00.000Z',
      dispatchedAt: '2026-12-07T00:00:00.000Z',
      deadline: '2026-12-07T00:30:00.000Z',
      targetMinutes: 30,
      responseMinutes: 43,
      withinSla: false,
      confirmedBy: 'vendor-dispatcher-1',
      confirmedAt: '2026-12-07T00:42:10.000Z',
    });
    expect(() => tripRentalConfirmedEvent(rental, origin)).toThrow(/not a confirmed rental/);
    expect(() => tripRentalResponseBreachedEvent(rental, origin)).toThrow(/no breached rental response/);
  });
});
