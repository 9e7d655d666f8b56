import {
  EventEnvelope,
  EventOrigin,
  TripApproved,
  TripCancelled,
  TripCompleted,
  TripDispatched,
  TripRated,
  TripRejected,
  TripRentalConfirmed,
  TripRentalResponseBreached,
  TripRequested,
} from '@houqin/contracts';
import { POLICY_APPROVER, Trip } from './domain/trip';

function assignmentOf(trip: Trip) {
  const a = trip.assignment;
  if (!a) return { kind: 'fleet' as const };
  if (a.kind === 'fleet') return { kind: 'fleet' as const, vehicleId: a.vehicleId, ...(a.plateNumber ? { plateNumber: a.plateNumber } : {}), driverId: a.driverId };
  return { kind: 'rental' as const, vendorId: a.vendorId, contractId: a.contractId };
}

function windowOf(trip: Trip) {
  return { startsAt: trip.startsAt.toISOString(), endsAt: trip.endsAt.toISOString() };
}

/**
 * 用车申请: trip.requested, and when the agency's policy approved it at once, trip.approved by
 * `policy` after it — both appended in the request's transaction.
 */
export function tripRequestedEvents(trip: Trip, origin: EventOrigin): EventEnvelope[] {
  const approvedByPolicy = trip.status === 'approved' && trip.decision?.by === POLICY_APPROVER;
  if (trip.status !== 'pending-approval' && !approvedByPolicy) throw new Error(`trip ${trip.id} is not a new request`);
  const requested = TripRequested.create({
    subject: trip.id,
    origin,
    data: {
      tripId: trip.id,
      requestedBy: trip.requestedBy,
      purpose: trip.purpose,
      passengers: trip.passengers,
      passengerRank: trip.passengerRank,
      origin: trip.origin,
      destination: trip.destination,
      distanceKm: trip.distanceKm,
      outOfCity: trip.outOfCity,
      ...windowOf(trip),
      ...(trip.vehicleType ? { vehicleType: trip.vehicleType } : {}),
      status: approvedByPolicy ? 'approved' : 'pending-approval',
      approvedByPolicy,
      approvalReasons: [...trip.approvalReasons],
      requestedAt: trip.requestedAt.toISOString(),
    },
  });
  return approvedByPolicy ? [requested, tripApprovedEvent(trip, origin)] : [requested];
}

/** 审批通过: by the approver, or by `policy` when no rule asked for one. */
export function tripApprovedEvent(trip: Trip, origin: EventOrigin) {
  const { decision } = trip;
  if (trip.status !== 'approved' || !decision) throw new Error(`trip ${trip.id} is not approved`);
  return TripApproved.create({
    subject: trip.id,
    origin,
    data: {
      tripId: trip.id,
      requestedBy: trip.requestedBy,
      approvedBy: decision.by,
      approvalReasons: [...trip.approvalReasons],
      ...(decision.note ? { note: decision.note } : {}),
      ...windowOf(trip),
      approvedAt: decision.at.toISOString(),
    },
  });
}

/** 审批不通过: who refused and why. */
export function tripRejectedEvent(trip: Trip, origin: EventOrigin) {
  const { decision } = trip;
  if (trip.status !== 'rejected' || !decision?.note) throw new Error(`trip ${trip.id} is not rejected`);
  return TripRejected.create({
    subject: trip.id,
    origin,
    data: {
      tripId: trip.id,
      requestedBy: trip.requestedBy,
      rejectedBy: decision.by,
      reason: decision.note,
      approvalReasons: [...trip.approvalReasons],
      ...windowOf(trip),
      rejectedAt: decision.at.toISOString(),
    },
  });
}

/** 派车: the vehicle and driver of the fleet, or the rental vendor and its contract, and who dispatched. */
export function tripDispatchedEvent(trip: Trip, origin: EventOrigin) {
  const { assignment } = trip;
  if (trip.status !== 'dispatched' || !assignment) throw new Error(`trip ${trip.id} is not dispatched`);
  return TripDispatched.create({
    subject: trip.id,
    origin,
    data: {
      tripId: trip.id,
      requestedBy: trip.requestedBy,
      ...assignmentOf(trip),
      ...(assignment.kind === 'fleet' ? { driverName: assignment.driverName } : { vendorName: assignment.vendorName }),
      ...windowOf(trip),
      dispatchedBy: assignment.dispatchedBy,
      dispatchedAt: assignment.dispatchedAt.toISOString(),
    },
  });
}

/** 租车响应: the vehicle and driver the vendor sends, and its answer against the contract's response time (the driver's phone stays on the trip). */
export function tripRentalConfirmedEvent(trip: Trip, origin: EventOrigin) {
  const { assignment, rentalResponse } = trip;
  const confirmation = rentalResponse?.confirmation;
  if (assignment?.kind !== 'rental' || !rentalResponse || !confirmation) throw new Error(`trip ${trip.id} is not a confirmed rental`);
  return TripRentalConfirmed.create({
    subject: trip.id,
    origin,
    data: {
      tripId: trip.id,
      vendorId: assignment.vendorId,
      contractId: assignment.contractId,
      plateNumber: confirmation.plateNumber,
      driverName: confirmation.driverName,
      ...windowOf(trip),
      dispatchedAt: assignment.dispatchedAt.toISOString(),
      deadline: rentalResponse.dueAt.toISOString(),
      targetMinutes: rentalResponse.targetMinutes,
      responseMinutes: confirmation.responseMinutes,
      withinSla: confirmation.withinSla,
      confirmedBy: confirmation.confirmedBy,
      confirmedAt: confirmation.at.toISOString(),
    },
  });
}

/** 响应超时: the vendor left the dispatch unanswered past its deadline (published once, with the trip's agency). */
export function tripRentalResponseBreachedEvent(trip: Trip, origin: EventOrigin) {
  const { assignment, rentalResponse } = trip;
  if (assignment?.kind !== 'rental' || !rentalResponse?.breachedAt) throw new Error(`trip ${trip.id} has no breached rental response`);
  return TripRentalResponseBreached.create({
    subject: trip.id,
    origin,
    data: {
      tripId: trip.id,
      agencyId: trip.agencyId,
      vendorId: assignment.vendorId,
      contractId: assignment.contractId,
      dispatchedAt: assignment.dispatchedAt.toISOString(),
      deadline: rentalResponse.dueAt.toISOString(),
      targetMinutes: rentalResponse.targetMinutes,
      breachedAt: rentalResponse.breachedAt.toISOString(),
    },
  });
}

/** trip.completed: the completion evaluation surveys and counts in the transport KPIs. */
export function tripCompletedEvent(trip: Trip, origin: EventOrigin) {
  const { start, end } = trip;
  if (!start || !end) throw new Error(`trip ${trip.id} is not completed`);
  return TripCompleted.create({
    subject: trip.id,
    origin,
    data: {
      tripId: trip.id,
      requestedBy: trip.requestedBy,
      passengers: trip.passengers,
      ...assignmentOf(trip),
      requestedStartAt: trip.startsAt.toISOString(),
      requestedEndAt: trip.endsAt.toISOString(),
      startedAt: start.at.toISOString(),
      endedAt: end.at.toISOString(),
      onTime: start.onTime,
      lateMinutes: start.lateMinutes,
      distanceKm: end.drivenKm,
      fuelFen: end.fuelFen,
      tollsFen: end.tollsFen,
      parkingFen: end.parkingFen,
      rentalFen: end.rentalFen,
      costFen: end.costFen,
      ...(end.costPerKmFen !== undefined ? { costPerKmFen: end.costPerKmFen } : {}),
      completedBy: end.completedBy,
    },
  });
}

export function tripCancelledEvent(trip: Trip, previousStatus: string, origin: EventOrigin) {
  const { cancellation } = trip;
  if (!cancellation || (trip.status !== 'cancelled' && trip.status !== 'no-show')) throw new Error(`trip ${trip.id} is not cancelled`);
  return TripCancelled.create({
    subject: trip.id,
    origin,
    data: {
      tripId: trip.id,
      outcome: trip.status,
      previousStatus,
      reason: cancellation.reason,
      ...assignmentOf(trip),
      cancelledBy: cancellation.by,
      cancelledAt: cancellation.at.toISOString(),
    },
  });
}

export function tripRatedEvent(trip: Trip, origin: EventOrigin) {
  const { rating } = trip;
  if (!rating) throw new Error(`trip ${trip.id} is not rated`);
  return TripRated.create({
    subject: trip.id,
    origin,
    data: { tripId: trip.id, score: rating.score, ...(rating.comment ? { comment: rating.comment } : {}), ...assignmentOf(trip), ratedBy: trip.requestedBy, ratedAt: rating.at.toISOString() },
  });
}
