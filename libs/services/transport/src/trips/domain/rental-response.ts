import { BusinessRuleViolation, Clock, IllegalTransitionError, NotFoundError } from '@houqin/domain';
import { normalisePlateNumber } from '../../vehicles/domain/plate-number';
import { Trip } from './trip';

/**
 * The rental vendor's answer to a dispatch (租车响应时限): the contract's dispatch response time
 * (maxDispatchResponseMinutes) runs from the dispatch; the vendor confirms the vehicle and driver it
 * sends at or before the deadline, else the SLA is breached — announced once, by the sweep when the
 * deadline passes unanswered or by the late confirmation, whichever comes first.
 */

/** A mainland mobile number (the driver is reached on the road): 11 digits from 13… to 19…. */
export const DRIVER_PHONE = /^1[3-9]\d{9}$/;

export interface RentalConfirmationInput {
  /** The vendor the confirming account acts for. */
  vendorId: string;
  plateNumber: string;
  driverName: string;
  driverPhone: string;
  confirmedBy: string;
}

/** Whole minutes from `from` to `to`, rounded up: 30 min 1 s is 31, so within the SLA ⇔ minutes ≤ target. */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.ceil((to.getTime() - from.getTime()) / 60_000));
}

/**
 * The trip's vendor confirms, once, while the trip is dispatched. Another vendor's trip is not found
 * (its existence never shows). `breached` is true when this late confirmation is the one that
 * announces the breach (the sweep had not yet).
 */
export function confirmRental(trip: Trip, input: RentalConfirmationInput, clock: Clock): { trip: Trip; breached: boolean } {
  const { assignment, rentalResponse } = trip;
  if (assignment?.kind !== 'rental' || assignment.vendorId.toLowerCase() !== input.vendorId.toLowerCase()) throw new NotFoundError('trip', trip.id);
  if (trip.status !== 'dispatched') throw new IllegalTransitionError('trip', trip.status, 'confirm the rental');
  if (!rentalResponse) throw new IllegalTransitionError('trip', 'dispatched before rental responses were measured', 'confirm the rental');
  if (rentalResponse.confirmation) throw new IllegalTransitionError('trip', 'rental already confirmed', 'confirm the rental');
  const plateNumber = normalisePlateNumber(input.plateNumber);
  if (!plateNumber) throw new BusinessRuleViolation('invalid-plateNumber', 'plateNumber must be a Chinese plate such as 京A12345', 'plateNumber');
  const driverName = input.driverName.trim();
  if (!driverName) throw new BusinessRuleViolation('driver-name-required', "name the driver the vendor sends", 'driverName');
  const driverPhone = input.driverPhone.trim();
  if (!DRIVER_PHONE.test(driverPhone)) throw new BusinessRuleViolation('invalid-driverPhone', "driverPhone must be the driver's mobile number, 11 digits", 'driverPhone');
  const at = clock.now();
  const withinSla = at.getTime() <= rentalResponse.dueAt.getTime();
  const breached = !withinSla && !rentalResponse.breachedAt;
  const confirmation = { plateNumber, driverName, driverPhone, confirmedBy: input.confirmedBy, at, responseMinutes: minutesBetween(assignment.dispatchedAt, at), withinSla };
  return { trip: { ...trip, rentalResponse: { ...rentalResponse, confirmation, ...(breached ? { breachedAt: at } : {}) } }, breached };
}

/**
 * Whether the response of a rental trip is breached at `now` and not yet announced: past the
 * deadline (strictly: an answer at the deadline is in time) without a confirmation. A trip cancelled
 * (or closed as a no-show) by its deadline owes no answer. The sweep claims its rows by the same test.
 */
export function responseBreachDue(trip: Trip, now: Date): boolean {
  const response = trip.rentalResponse;
  if (trip.assignment?.kind !== 'rental' || !response || response.confirmation || response.breachedAt) return false;
  if (now.getTime() <= response.dueAt.getTime()) return false;
  return !trip.cancellation || trip.cancellation.at.getTime() > response.dueAt.getTime();
}

/** The sweep's announcement of an unanswered dispatch. */
export function markResponseBreached(trip: Trip, now: Date): Trip {
  if (!responseBreachDue(trip, now) || !trip.rentalResponse) throw new Error(`trip ${trip.id}: no rental response breach due at ${now.toISOString()}`);
  return { ...trip, rentalResponse: { ...trip.rentalResponse, breachedAt: now } };
}
