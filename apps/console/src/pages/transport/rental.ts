import type { TransportTripView } from '@houqin/api-client';

/**
 * Where a rental trip's answer from its vendor stands (租车响应), as the console shows it: confirmed
 * (in time or late), still owed with the minutes left, owed past its deadline (the sweep has not
 * announced the breach yet), or breached. Undefined for a fleet trip and for a rental dispatched
 * before the answer was measured (no deadline).
 */
export type RentalAnswer =
  | { state: 'confirmed'; withinSla: boolean; responseMinutes: number; at: string; plateNumber: string; driverName: string; driverPhone: string }
  | { state: 'waiting'; dueAt: string; minutesLeft: number }
  | { state: 'overdue'; dueAt: string; minutesOver: number }
  | { state: 'breached'; dueAt: string; breachedAt: string };

const MINUTE = 60_000;

export function rentalAnswer(trip: Pick<TransportTripView, 'assignment' | 'rentalResponse' | 'status'>, now: number): RentalAnswer | undefined {
  const response = trip.rentalResponse;
  if (trip.assignment?.kind !== 'rental' || !response) return undefined;
  const { confirmation, dueAt, breachedAt } = response;
  if (confirmation) {
    const { withinSla, responseMinutes, at, plateNumber, driverName, driverPhone } = confirmation;
    return { state: 'confirmed', withinSla, responseMinutes, at, plateNumber, driverName, driverPhone };
  }
  if (breachedAt) return { state: 'breached', dueAt, breachedAt };
  const due = Date.parse(dueAt);
  // Answered at or before the deadline is in time (the service's rule), so the deadline itself is still waiting.
  if (now <= due) return { state: 'waiting', dueAt, minutesLeft: Math.floor((due - now) / MINUTE) };
  return { state: 'overdue', dueAt, minutesOver: Math.ceil((now - due) / MINUTE) };
}

/** The vendor may still answer: dispatched, not started, and not yet answered. */
export function awaitsConfirmation(trip: Pick<TransportTripView, 'assignment' | 'rentalResponse' | 'status'>): boolean {
  return trip.status === 'dispatched' && trip.assignment?.kind === 'rental' && !!trip.rentalResponse && !trip.rentalResponse.confirmation;
}
