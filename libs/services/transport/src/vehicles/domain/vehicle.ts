import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';
import { isNewEnergyPlate, normalisePlateNumber } from './plate-number';

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
/** Ten million kilometres: beyond any real odometer, so a larger reading is a typing error. */
export const MAX_ODOMETER_KM = 9_999_999;

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
  return {
    id: registration.id,
    agencyId: registration.agencyId,
    plateNumber,
    vehicleType,
    seats: registration.seats,
    odometerKm: odometerReading(registration.odometerKm),
    fuel,
    status: 'available',
    registeredBy: registration.registeredBy,
    registeredAt: clock.now(),
  };
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
 * (road tests add kilometres); it never goes backwards.
 */
export function returnFromService(vehicle: Vehicle, returned: { odometerKm?: number }, clock: Clock): ReturnedVehicle {
  if (vehicle.status !== 'in-service') throw new IllegalTransitionError('vehicle', vehicle.status, 'return from service');
  const { serviceVisit: _ended, ...rest } = vehicle;
  return {
    ...rest,
    status: 'available',
    odometerKm: returned.odometerKm === undefined ? vehicle.odometerKm : laterReading(vehicle, returned.odometerKm),
    returnedFromServiceAt: clock.now(),
  };
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
