import { BusinessRuleViolation, Clock, IllegalTransitionError, businessDay } from '@houqin/domain';
import {
  ServiceDueNotice,
  ServiceIntervalStart,
  ServiceSchedule,
  ServiceScheduleRequest,
  announceServiceDue,
  planServiceSchedule,
  scheduleAfterService,
  serviceDueOnReading,
} from '../../service-schedule/domain/service-schedule';
import { Blocker, documentBlocker, expiryDate } from '../../fleet-documents/domain/fleet-document';
import { MAX_ODOMETER_KM } from './odometer';
import { isNewEnergyPlate, normalisePlateNumber } from './plate-number';

export { MAX_ODOMETER_KM };

export const VEHICLE_TYPES = ['sedan', 'suv', 'minibus', 'bus', 'van', 'truck'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

export const VEHICLE_FUELS = ['petrol', 'diesel', 'electric', 'hybrid'] as const;
export type VehicleFuel = (typeof VEHICLE_FUELS)[number];

/**
 * available ⇄ in-service (out for maintenance or repair); either → retired, which is final.
 * Dispatch (on a trip) arrives with trip requests.
 */
export const VEHICLE_STATUSES = ['available', 'in-service', 'retired'] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];

export const MAX_SEATS = 60;
/** How far ahead of the service's clock a reading's time may be (the reader's clock runs fast). */
export const READING_CLOCK_TOLERANCE_MS = 5 * 60_000;

/** The visit to the workshop a vehicle is on. */
export interface ServiceVisit {
  reason: string;
  sentBy: string;
  sentAt: Date;
}

export interface VehicleRetirement {
  reason: string;
  retiredBy: string;
  retiredAt: Date;
}

export interface Vehicle {
  id: string;
  agencyId: string;
  /** Normalised (京A12345); unique within the agency's fleet. */
  plateNumber: string;
  vehicleType: VehicleType;
  seats: number;
  /** Last known odometer reading, whole kilometres. */
  odometerKm: number;
  /** When that reading was taken. */
  odometerReadAt: Date;
  fuel: VehicleFuel;
  status: VehicleStatus;
  registeredBy: string;
  registeredAt: Date;
  /** Present while the vehicle is in service. */
  serviceVisit?: ServiceVisit;
  /** When the last service visit ended. */
  returnedFromServiceAt?: Date;
  /** Present once retired. */
  retirement?: VehicleRetirement;
  /** Where the service intervals count from: registration, then each return from service. */
  serviceIntervalStart: ServiceIntervalStart;
  /** Present once a fleet operator has set one. */
  serviceSchedule?: ServiceSchedule;
  /** Insurance (交强险) valid through this day, once recorded. */
  insuranceExpiresOn?: string;
  /** Annual inspection (年检) valid through this day, once recorded. */
  inspectionExpiresOn?: string;
}

export type VehicleInService = Vehicle & { status: 'in-service'; serviceVisit: ServiceVisit };
export type ReturnedVehicle = Vehicle & { status: 'available'; returnedFromServiceAt: Date };
export type RetiredVehicle = Vehicle & { status: 'retired'; retirement: VehicleRetirement };

export interface VehicleRegistration {
  id: string;
  agencyId: string;
  registeredBy: string;
  plateNumber: string;
  vehicleType: string;
  seats: number;
  odometerKm: number;
  fuel: string;
  insuranceExpiresOn?: string;
  inspectionExpiresOn?: string;
}

/** A vehicle joins the agency's fleet (公务用车) and is available for dispatch at once. */
export function registerVehicle(registration: VehicleRegistration, clock: Clock): Vehicle {
  const plateNumber = normalisePlateNumber(registration.plateNumber);
  if (!plateNumber) {
    throw new BusinessRuleViolation('invalid-plate-number', 'plateNumber must be a Chinese plate such as 京A12345 or 京AD12345', 'plateNumber');
  }
  const vehicleType = oneOf(VEHICLE_TYPES, registration.vehicleType, 'vehicleType');
  const fuel = oneOf(VEHICLE_FUELS, registration.fuel, 'fuel');
  if (isNewEnergyPlate(plateNumber) && fuel !== 'electric' && fuel !== 'hybrid') {
    throw new BusinessRuleViolation('fuel-contradicts-plate', `${plateNumber} is a new-energy plate; fuel must be electric or hybrid`, 'fuel');
  }
  if (!Number.isInteger(registration.seats) || registration.seats < 1 || registration.seats > MAX_SEATS) {
    throw new BusinessRuleViolation('invalid-seats', `seats must be a whole number from 1 to ${MAX_SEATS}`, 'seats');
  }
  const registeredAt = clock.now();
  const odometerKm = odometerReading(registration.odometerKm);
  return {
    id: registration.id,
    agencyId: registration.agencyId,
    plateNumber,
    vehicleType,
    seats: registration.seats,
    odometerKm,
    odometerReadAt: registeredAt,
    fuel,
    status: 'available',
    registeredBy: registration.registeredBy,
    registeredAt,
    serviceIntervalStart: { odometerKm, on: businessDay(registeredAt).date },
    ...vehicleDocuments(registration),
  };
}

/** Expiry dates of the vehicle's documents as entered, refused naming the field. */
function vehicleDocuments(input: { insuranceExpiresOn?: string; inspectionExpiresOn?: string }): Pick<Vehicle, 'insuranceExpiresOn' | 'inspectionExpiresOn'> {
  return {
    ...(input.insuranceExpiresOn !== undefined ? { insuranceExpiresOn: expiryDate(input.insuranceExpiresOn, 'insuranceExpiresOn') } : {}),
    ...(input.inspectionExpiresOn !== undefined ? { inspectionExpiresOn: expiryDate(input.inspectionExpiresOn, 'inspectionExpiresOn') } : {}),
  };
}

/** A renewal of the insurance or the annual inspection (a retired vehicle has none to renew). */
export function recordVehicleDocuments(vehicle: Vehicle, documents: { insuranceExpiresOn?: string; inspectionExpiresOn?: string }): Vehicle {
  if (vehicle.status === 'retired') throw new IllegalTransitionError('vehicle', vehicle.status, 'record its documents');
  return { ...vehicle, ...vehicleDocuments(documents) };
}

/**
 * Why the vehicle cannot be sent on a trip whose last day is `lastDay` (none when it can): in the
 * workshop or retired, a service due that maintenance has not verified yet, or a document that is
 * missing or expires before the trip ends.
 */
export function vehicleBlockers(vehicle: Vehicle, lastDay: string): Blocker[] {
  const blockers: Blocker[] = [];
  if (vehicle.status === 'in-service') blockers.push({ code: 'in-workshop', reason: `in the workshop: ${vehicle.serviceVisit?.reason ?? 'service'}` });
  if (vehicle.status === 'retired') blockers.push({ code: 'retired', reason: 'retired from the fleet' });
  if (vehicle.status === 'available' && vehicle.serviceSchedule?.dueAnnouncedAt) {
    blockers.push({ code: 'service-due', reason: `service due since ${vehicle.serviceSchedule.dueAnnouncedAt.toISOString()}; dispatchable once maintenance verifies it` });
  }
  for (const blocker of [documentBlocker('insurance', vehicle.insuranceExpiresOn, lastDay), documentBlocker('annual-inspection', vehicle.inspectionExpiresOn, lastDay)]) {
    if (blocker) blockers.push(blocker);
  }
  return blockers;
}

/** An available vehicle goes to the workshop; one already there, or retired, cannot be sent. */
export function sendForService(vehicle: Vehicle, visit: { sentBy: string; reason: string }, clock: Clock): VehicleInService {
  if (vehicle.status !== 'available') throw new IllegalTransitionError('vehicle', vehicle.status, 'send for service');
  const reason = visit.reason.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'say why the vehicle goes for service', 'reason');
  return { ...vehicle, status: 'in-service', serviceVisit: { reason, sentBy: visit.sentBy, sentAt: clock.now() } };
}

/**
 * The vehicle is back from the workshop and available again. The odometer may be read on return
 * (road tests add kilometres); it never goes backwards. The service intervals count from the
 * return: the schedule's next occurrence is due one interval after it.
 */
export function returnFromService(vehicle: Vehicle, returned: { odometerKm?: number }, clock: Clock): ReturnedVehicle {
  if (vehicle.status !== 'in-service') throw new IllegalTransitionError('vehicle', vehicle.status, 'return from service');
  const { serviceVisit: _ended, serviceSchedule, ...rest } = vehicle;
  const returnedAt = clock.now();
  const odometerKm = returned.odometerKm === undefined ? vehicle.odometerKm : laterReading(vehicle, returned.odometerKm);
  const serviceIntervalStart = { odometerKm, on: businessDay(returnedAt).date };
  const next = scheduleAfterService(serviceSchedule, serviceIntervalStart);
  return {
    ...rest,
    status: 'available',
    odometerKm,
    odometerReadAt: returned.odometerKm === undefined ? vehicle.odometerReadAt : returnedAt,
    returnedFromServiceAt: returnedAt,
    serviceIntervalStart,
    ...(next ? { serviceSchedule: next } : {}),
  };
}

/**
 * Maintenance verified (验收) the vehicle's service work order: the service is done. A vehicle still
 * in the workshop comes back (as on a return from service); one that stayed available keeps its
 * status. Either way the intervals count from the service: the next occurrence is due one interval
 * after the current odometer and the day of the service. A retired vehicle is left as it is.
 */
export function recordServiceDone(vehicle: Vehicle, clock: Clock): { vehicle: Vehicle; returned: boolean } | undefined {
  if (vehicle.status === 'retired') return undefined;
  if (vehicle.status === 'in-service') return { vehicle: returnFromService(vehicle, {}, clock), returned: true };
  const serviceIntervalStart = { odometerKm: vehicle.odometerKm, on: businessDay(clock.now()).date };
  const { serviceSchedule, ...rest } = vehicle;
  const next = scheduleAfterService(serviceSchedule, serviceIntervalStart);
  return { vehicle: { ...rest, serviceIntervalStart, ...(next ? { serviceSchedule: next } : {}) }, returned: false };
}

/**
 * A fleet operator sets or changes the service schedule (保养计划). A retired vehicle has none to
 * set; one in the workshop may, and its return starts the next occurrence.
 */
export function scheduleService(vehicle: Vehicle, request: ServiceScheduleRequest): Vehicle {
  if (vehicle.status === 'retired') throw new IllegalTransitionError('vehicle', vehicle.status, 'schedule its service');
  return { ...vehicle, serviceSchedule: planServiceSchedule(request, vehicle.serviceIntervalStart, vehicle.serviceSchedule) };
}

export interface OdometerReading {
  odometerKm: number;
  /** When the odometer was read; now when absent. */
  readAt?: Date;
}

/**
 * An odometer reading (from a trip log, a refuelling, an inspection). Readings only go forward, in
 * kilometres and in time, and never from the future. A reading that reaches the due kilometres of
 * an available vehicle's schedule announces the service due, once; one taken in the workshop does
 * not (the return from service starts the next occurrence anyway).
 */
export function recordOdometerReading(vehicle: Vehicle, reading: OdometerReading, clock: Clock): { vehicle: Vehicle; readAt: Date; serviceDue?: ServiceDueNotice } {
  if (vehicle.status === 'retired') throw new IllegalTransitionError('vehicle', vehicle.status, 'record an odometer reading');
  const now = clock.now();
  const readAt = reading.readAt ?? now;
  if (Number.isNaN(readAt.getTime())) throw new BusinessRuleViolation('invalid-read-at', 'readAt must be an instant (ISO 8601)', 'readAt');
  if (readAt.getTime() > now.getTime() + READING_CLOCK_TOLERANCE_MS) {
    throw new BusinessRuleViolation('reading-in-future', 'readAt is in the future', 'readAt');
  }
  if (readAt < vehicle.odometerReadAt) {
    throw new BusinessRuleViolation('reading-out-of-order', `readAt cannot be before the last reading, taken at ${vehicle.odometerReadAt.toISOString()}`, 'readAt');
  }
  const odometerKm = laterReading(vehicle, reading.odometerKm);
  const read: Vehicle = { ...vehicle, odometerKm, odometerReadAt: readAt };
  const reason = vehicle.status === 'available' ? serviceDueOnReading(vehicle.serviceSchedule, { odometerKm, today: businessDay(now).date }) : undefined;
  if (!reason || !vehicle.serviceSchedule) return { vehicle: read, readAt };
  const { schedule, notice } = announceServiceDue(vehicle.serviceSchedule, reason, odometerKm, now);
  return { vehicle: { ...read, serviceSchedule: schedule }, readAt, serviceDue: notice };
}

/** Retirement (scrapped, sold, transferred) is final; a vehicle in the workshop may be retired from there. */
export function retireVehicle(vehicle: Vehicle, retirement: { retiredBy: string; reason: string }, clock: Clock): RetiredVehicle {
  if (vehicle.status === 'retired') throw new IllegalTransitionError('vehicle', vehicle.status, 'retire');
  const reason = retirement.reason.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'say why the vehicle is retired', 'reason');
  const { serviceVisit: _abandoned, ...rest } = vehicle;
  return { ...rest, status: 'retired', retirement: { reason, retiredBy: retirement.retiredBy, retiredAt: clock.now() } };
}

function oneOf<T extends string>(allowed: readonly T[], value: string, field: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new BusinessRuleViolation(`invalid-${field}`, `${field} must be one of ${allowed.join(', ')}`, field);
  return found;
}

function odometerReading(km: number): number {
  if (!Number.isInteger(km) || km < 0 || km > MAX_ODOMETER_KM) {
    throw new BusinessRuleViolation('invalid-odometer', `odometerKm must be whole kilometres from 0 to ${MAX_ODOMETER_KM}`, 'odometerKm');
  }
  return km;
}

function laterReading(vehicle: Vehicle, km: number): number {
  const reading = odometerReading(km);
  if (reading < vehicle.odometerKm) {
    throw new BusinessRuleViolation('odometer-rollback', `odometerKm cannot go back from ${vehicle.odometerKm} km`, 'odometerKm');
  }
  return reading;
}
