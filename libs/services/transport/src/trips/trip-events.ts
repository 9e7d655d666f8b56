import { EventOrigin, TripCancelled, TripCompleted, TripRated } from '@houqin/contracts';
import type { Trip } from './domain/trip';

function assignmentOf(trip: Trip) {
  const a = trip.assignment;
  if (!a) return { kind: 'fleet' as const };
  if (a.kind === 'fleet') return { kind: 'fleet' as const, vehicleId: a.vehicleId, ...(a.plateNumber ? { plateNumber: a.plateNumber } : {}), driverId: a.driverId };
  return { kind: 'rental' as const, vendorId: a.vendorId, contractId: a.contractId };
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
