import { BusinessRuleViolation, Clock, IllegalTransitionError, NotPermittedError } from '@houqin/domain';
import { VEHICLE_TYPES, VehicleType } from '../../vehicles/domain/vehicle';
import { MAX_ODOMETER_KM } from '../../vehicles/domain/odometer';
import { ApprovalPolicy, ApprovalReason, PASSENGER_RANKS, PassengerRank, approvalReasons } from './approval-policy';

/**
 * An official trip (公务出车): requested by a member of staff, approved under the agency's policy
 * or by an approver who is not the requester, dispatched to a vehicle and driver of the fleet or
 * to a contracted rental vendor, started and ended with odometer readings and costs, rated.
 *
 * pending-approval → approved | rejected; approved → dispatched; dispatched → in-progress → completed;
 * pending-approval | approved | dispatched → cancelled; dispatched → no-show.
 */
export const TRIP_STATUSES = ['pending-approval', 'approved', 'rejected', 'dispatched', 'in-progress', 'completed', 'cancelled', 'no-show'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

/** A departure this late after the requested start still counts as on time. */
export const PUNCTUALITY_GRACE_MINUTES = 5;
/** How early before the requested start a driver may set off. */
export const EARLIEST_START_MINUTES = 60;
/** The longest window a trip may book. */
export const MAX_TRIP_HOURS = 72;
/** A request may start this long before now (the form took a while). */
export const START_TOLERANCE_MS = 5 * 60_000;
/** Above this average speed between start and end the distance is not plausible. */
export const MAX_AVERAGE_SPEED_KMH = 120;
/** Kilometres allowed beyond the speed bound (manoeuvring, a short trip rounded up). */
export const DISTANCE_SLACK_KM = 10;
export const MAX_FEE_FEN = 10_000_000;

export type FleetAssignment = { kind: 'fleet'; vehicleId: string; plateNumber: string; driverId: string; driverName: string };
export type RentalAssignment = { kind: 'rental'; contractId: string; vendorId: string; vendorName: string };
export type TripAssignment = (FleetAssignment | RentalAssignment) & { dispatchedBy: string; dispatchedAt: Date };

export interface TripStart {
  at: Date;
  /** Fleet trips: the odometer at departure. */
  odometerKm?: number;
  onTime: boolean;
  lateMinutes: number;
  startedBy: string;
}

export interface TripEnd {
  at: Date;
  odometerKm?: number;
  drivenKm: number;
  fuelFen: number;
  tollsFen: number;
  parkingFen: number;
  rentalFen: number;
  costFen: number;
  costPerKmFen?: number;
  completedBy: string;
}

/**
 * A rental trip's answer from its vendor (租车响应): due within the contract's dispatch response time
 * of the dispatch; the confirmation names the vehicle and driver it sends. `breachedAt` is when
 * trip.rental-response-breached went out (once: by the sweep or by the late confirmation).
 */
export interface RentalResponse {
  targetMinutes: number;
  dueAt: Date;
  confirmation?: RentalConfirmation;
  breachedAt?: Date;
}

export interface RentalConfirmation {
  plateNumber: string;
  driverName: string;
  driverPhone: string;
  confirmedBy: string;
  at: Date;
  /** Whole minutes from the dispatch, rounded up. */
  responseMinutes: number;
  withinSla: boolean;
}

export interface Trip {
  id: string;
  agencyId: string;
  requestedBy: string;
  purpose: string;
  passengers: number;
  passengerRank: PassengerRank;
  origin: string;
  destination: string;
  /** The requester's estimate, one way or round trip as planned. */
  distanceKm: number;
  outOfCity: boolean;
  startsAt: Date;
  endsAt: Date;
  vehicleType?: VehicleType;
  status: TripStatus;
  approvalReasons: ApprovalReason[];
  requestedAt: Date;
  /** The approval or refusal: by a person, or `policy` when no rule asked for an approver. */
  decision?: { by: string; at: Date; note?: string };
  assignment?: TripAssignment;
  /** Rental trips dispatched since the vendor's response is measured. */
  rentalResponse?: RentalResponse;
  start?: TripStart;
  end?: TripEnd;
  cancellation?: { by: string; at: Date; reason: string };
  rating?: { score: number; comment?: string; at: Date };
}

/** Who approves when no rule asks for an approver. */
export const POLICY_APPROVER = 'policy';

export interface TripRequest {
  id: string;
  agencyId: string;
  requestedBy: string;
  purpose: string;
  passengers: number;
  passengerRank: string;
  origin: string;
  destination: string;
  distanceKm: number;
  outOfCity: boolean;
  startsAt: Date;
  endsAt: Date;
  vehicleType?: string;
}

export function requestTrip(input: TripRequest, policy: ApprovalPolicy, clock: Clock): Trip {
  const now = clock.now();
  const purpose = input.purpose.trim();
  if (!purpose) throw new BusinessRuleViolation('purpose-required', 'say what the trip is for', 'purpose');
  if (!input.origin.trim()) throw new BusinessRuleViolation('origin-required', 'say where the trip starts', 'origin');
  if (!input.destination.trim()) throw new BusinessRuleViolation('destination-required', 'say where the trip goes', 'destination');
  if (!Number.isInteger(input.passengers) || input.passengers < 1 || input.passengers > 60) {
    throw new BusinessRuleViolation('invalid-passengers', 'passengers is a whole number from 1 to 60', 'passengers');
  }
  const passengerRank = PASSENGER_RANKS.find((rank) => rank === input.passengerRank);
  if (!passengerRank) throw new BusinessRuleViolation('invalid-passenger-rank', `passengerRank is one of ${PASSENGER_RANKS.join(', ')}`, 'passengerRank');
  if (!Number.isInteger(input.distanceKm) || input.distanceKm < 0 || input.distanceKm > 5_000) {
    throw new BusinessRuleViolation('invalid-distance', 'distanceKm is whole kilometres from 0 to 5000', 'distanceKm');
  }
  const vehicleType = input.vehicleType === undefined ? undefined : VEHICLE_TYPES.find((type) => type === input.vehicleType);
  if (input.vehicleType !== undefined && !vehicleType) throw new BusinessRuleViolation('invalid-vehicleType', `vehicleType is one of ${VEHICLE_TYPES.join(', ')}`, 'vehicleType');
  checkWindow(input.startsAt, input.endsAt, now);
  const reasons = approvalReasons({ ...input, passengerRank }, policy);
  return {
    id: input.id,
    agencyId: input.agencyId,
    requestedBy: input.requestedBy,
    purpose,
    passengers: input.passengers,
    passengerRank,
    origin: input.origin.trim(),
    destination: input.destination.trim(),
    distanceKm: input.distanceKm,
    outOfCity: input.outOfCity,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    ...(vehicleType ? { vehicleType } : {}),
    status: reasons.length === 0 ? 'approved' : 'pending-approval',
    approvalReasons: reasons,
    requestedAt: now,
    ...(reasons.length === 0 ? { decision: { by: POLICY_APPROVER, at: now, note: 'within the agency policy' } } : {}),
  };
}

/** A window starts no earlier than now, ends after it starts, and books at most MAX_TRIP_HOURS. */
export function checkWindow(startsAt: Date, endsAt: Date, now: Date): void {
  if (Number.isNaN(startsAt.getTime())) throw new BusinessRuleViolation('invalid-startsAt', 'startsAt must be an instant (ISO 8601)', 'startsAt');
  if (Number.isNaN(endsAt.getTime())) throw new BusinessRuleViolation('invalid-endsAt', 'endsAt must be an instant (ISO 8601)', 'endsAt');
  if (startsAt.getTime() < now.getTime() - START_TOLERANCE_MS) throw new BusinessRuleViolation('starts-in-past', 'startsAt is in the past', 'startsAt');
  if (endsAt.getTime() <= startsAt.getTime()) throw new BusinessRuleViolation('window-ends-before-start', 'endsAt must be after startsAt', 'endsAt');
  if (endsAt.getTime() - startsAt.getTime() > MAX_TRIP_HOURS * 3_600_000) {
    throw new BusinessRuleViolation('window-too-long', `a trip books at most ${MAX_TRIP_HOURS} hours`, 'endsAt');
  }
}

/** 审批: an approver who is not the requester approves a pending request. */
export function approveTrip(trip: Trip, approver: string, note: string | undefined, clock: Clock): Trip {
  decidable(trip, approver, 'approve');
  return { ...trip, status: 'approved', decision: { by: approver, at: clock.now(), ...(note?.trim() ? { note: note.trim() } : {}) } };
}

export function rejectTrip(trip: Trip, approver: string, note: string, clock: Clock): Trip {
  decidable(trip, approver, 'reject');
  const reason = note.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'say why the trip is refused', 'note');
  return { ...trip, status: 'rejected', decision: { by: approver, at: clock.now(), note: reason } };
}

function decidable(trip: Trip, approver: string, action: string): void {
  if (trip.status !== 'pending-approval') throw new IllegalTransitionError('trip', trip.status, action);
  if (approver === trip.requestedBy) throw new NotPermittedError('own-trip', 'the requester never approves their own trip', 'tripId');
}

/**
 * 派车: an approved trip gets its vehicle and driver, or a rental vendor — which then owes its answer
 * within the contract's dispatch response time (`responseMinutes`).
 */
export function dispatchTrip(trip: Trip, assignment: FleetAssignment | (RentalAssignment & { responseMinutes: number }), dispatchedBy: string, clock: Clock): Trip {
  if (trip.status !== 'approved') throw new IllegalTransitionError('trip', trip.status, 'dispatch');
  const dispatchedAt = clock.now();
  if (assignment.kind === 'fleet') return { ...trip, status: 'dispatched', assignment: { ...assignment, dispatchedBy, dispatchedAt } };
  const { responseMinutes, ...rental } = assignment;
  if (!Number.isInteger(responseMinutes) || responseMinutes <= 0) throw new RangeError(`a dispatch response time is whole minutes > 0, not ${responseMinutes}`);
  return {
    ...trip,
    status: 'dispatched',
    assignment: { ...rental, dispatchedBy, dispatchedAt },
    rentalResponse: { targetMinutes: responseMinutes, dueAt: new Date(dispatchedAt.getTime() + responseMinutes * 60_000) },
  };
}

/** Minutes late against the requested start, and whether that is on time (within the grace). */
export function punctuality(startsAt: Date, startedAt: Date): { onTime: boolean; lateMinutes: number } {
  const lateMinutes = Math.max(0, Math.floor((startedAt.getTime() - startsAt.getTime()) / 60_000));
  return { onTime: lateMinutes <= PUNCTUALITY_GRACE_MINUTES, lateMinutes };
}

/**
 * 出发: the driver sets off. A fleet trip reads the odometer, never below the vehicle's last
 * reading; nobody sets off more than EARLIEST_START_MINUTES before the requested start.
 */
export function startTrip(trip: Trip, input: { odometerKm?: number; vehicleOdometerKm?: number; startedBy: string }, clock: Clock): Trip {
  if (trip.status !== 'dispatched') throw new IllegalTransitionError('trip', trip.status, 'start');
  const at = clock.now();
  if (at.getTime() < trip.startsAt.getTime() - EARLIEST_START_MINUTES * 60_000) {
    throw new BusinessRuleViolation('too-early-to-start', `the trip starts at ${trip.startsAt.toISOString()}; set off at most ${EARLIEST_START_MINUTES} minutes before`, 'tripId');
  }
  let odometerKm: number | undefined;
  if (trip.assignment?.kind === 'fleet') {
    if (input.odometerKm === undefined) throw new BusinessRuleViolation('odometer-required', 'read the odometer at departure', 'odometerKm');
    odometerKm = reading(input.odometerKm);
    if (input.vehicleOdometerKm !== undefined && odometerKm < input.vehicleOdometerKm) {
      throw new BusinessRuleViolation('odometer-rollback', `odometerKm cannot go back from the vehicle's last reading, ${input.vehicleOdometerKm} km`, 'odometerKm');
    }
  }
  return { ...trip, status: 'in-progress', start: { at, ...(odometerKm !== undefined ? { odometerKm } : {}), ...punctuality(trip.startsAt, at), startedBy: input.startedBy } };
}

export interface TripEndInput {
  odometerKm?: number;
  /** Rental trips: the kilometres the vendor reports. */
  distanceKm?: number;
  fuelFen?: number;
  tollsFen?: number;
  parkingFen?: number;
  /** Rental trips: the vendor's charge. */
  rentalFen?: number;
  completedBy: string;
}

/**
 * 收车: the trip ends. The end odometer is not below the start's, and the distance is one the
 * vehicle could drive in the time (MAX_AVERAGE_SPEED_KMH, plus DISTANCE_SLACK_KM); costs are whole fen.
 */
export function endTrip(trip: Trip, input: TripEndInput, clock: Clock): Trip {
  if (trip.status !== 'in-progress' || !trip.start) throw new IllegalTransitionError('trip', trip.status, 'end');
  const at = clock.now();
  const fuelFen = fee(input.fuelFen, 'fuelFen');
  const tollsFen = fee(input.tollsFen, 'tollsFen');
  const parkingFen = fee(input.parkingFen, 'parkingFen');
  const rentalFen = fee(input.rentalFen, 'rentalFen');
  let drivenKm: number;
  let odometerKm: number | undefined;
  if (trip.assignment?.kind === 'fleet') {
    if (input.odometerKm === undefined) throw new BusinessRuleViolation('odometer-required', 'read the odometer at the end of the trip', 'odometerKm');
    odometerKm = reading(input.odometerKm);
    const startKm = trip.start.odometerKm ?? 0;
    if (odometerKm < startKm) throw new BusinessRuleViolation('odometer-below-start', `odometerKm cannot be below the start reading, ${startKm} km`, 'odometerKm');
    drivenKm = odometerKm - startKm;
  } else {
    if (input.distanceKm === undefined) throw new BusinessRuleViolation('distance-required', "give the distance the vendor reports", 'distanceKm');
    if (!Number.isInteger(input.distanceKm) || input.distanceKm < 0) throw new BusinessRuleViolation('invalid-distance', 'distanceKm is whole kilometres', 'distanceKm');
    drivenKm = input.distanceKm;
  }
  const hours = Math.max(0, at.getTime() - trip.start.at.getTime()) / 3_600_000;
  const plausible = Math.ceil(hours * MAX_AVERAGE_SPEED_KMH) + DISTANCE_SLACK_KM;
  if (drivenKm > plausible) {
    const field = trip.assignment?.kind === 'fleet' ? 'odometerKm' : 'distanceKm';
    throw new BusinessRuleViolation('implausible-distance', `${drivenKm} km in ${hours.toFixed(1)} h is not plausible (at most ${plausible} km)`, field);
  }
  const costFen = fuelFen + tollsFen + parkingFen + rentalFen;
  const costPerKmFen = drivenKm > 0 ? Math.floor((costFen * 2 + drivenKm) / (drivenKm * 2)) : undefined;
  return {
    ...trip,
    status: 'completed',
    end: { at, ...(odometerKm !== undefined ? { odometerKm } : {}), drivenKm, fuelFen, tollsFen, parkingFen, rentalFen, costFen, ...(costPerKmFen !== undefined ? { costPerKmFen } : {}), completedBy: input.completedBy },
  };
}

/** Cancelled before departure, by the requester or an operator (the service checks who). */
export function cancelTrip(trip: Trip, by: string, reason: string, clock: Clock): Trip {
  if (trip.status !== 'pending-approval' && trip.status !== 'approved' && trip.status !== 'dispatched') throw new IllegalTransitionError('trip', trip.status, 'cancel');
  const why = reason.trim();
  if (!why) throw new BusinessRuleViolation('reason-required', 'say why the trip is cancelled', 'reason');
  return { ...trip, status: 'cancelled', cancellation: { by, at: clock.now(), reason: why } };
}

/** 空跑: the passengers never came. Only once the grace after the requested start has passed. */
export function markNoShow(trip: Trip, by: string, reason: string, clock: Clock): Trip {
  if (trip.status !== 'dispatched') throw new IllegalTransitionError('trip', trip.status, 'mark no-show');
  const at = clock.now();
  if (at.getTime() < trip.startsAt.getTime() + PUNCTUALITY_GRACE_MINUTES * 60_000) {
    throw new BusinessRuleViolation('too-early-for-no-show', `the passengers are not late yet: the trip starts at ${trip.startsAt.toISOString()}`, 'tripId');
  }
  return { ...trip, status: 'no-show', cancellation: { by, at, reason: reason.trim() || 'passengers did not come' } };
}

/** 评价: the requester rates a completed trip, once. */
export function rateTrip(trip: Trip, by: string, input: { score: number; comment?: string }, clock: Clock): Trip {
  if (trip.status !== 'completed') throw new IllegalTransitionError('trip', trip.status, 'rate');
  if (by !== trip.requestedBy) throw new NotPermittedError('not-the-requester', 'only the requester rates the trip', 'tripId');
  if (trip.rating) throw new IllegalTransitionError('trip', 'already rated', 'rate');
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) throw new BusinessRuleViolation('invalid-score', 'score is a whole number from 1 to 5', 'score');
  const comment = input.comment?.trim();
  return { ...trip, rating: { score: input.score, ...(comment ? { comment } : {}), at: clock.now() } };
}

function reading(km: number): number {
  if (!Number.isInteger(km) || km < 0 || km > MAX_ODOMETER_KM) throw new BusinessRuleViolation('invalid-odometer', `odometerKm is whole kilometres from 0 to ${MAX_ODOMETER_KM}`, 'odometerKm');
  return km;
}

function fee(value: number | undefined, field: string): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0 || value > MAX_FEE_FEN) throw new BusinessRuleViolation(`invalid-${field}`, `${field} is whole fen from 0 to ${MAX_FEE_FEN}`, field);
  return value;
}
