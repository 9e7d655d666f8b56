import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';
import { Blocker, documentBlocker, expiryDate } from '../../fleet-documents/domain/fleet-document';
import type { Vehicle } from '../../vehicles/domain/vehicle';

/**
 * Licence classes (准驾车型) of the Chinese driving licence that official driving needs: A1 large
 * bus, A2 tractor-trailer, A3 city bus, B1 medium bus, B2 large truck, C1 small car, C2 small
 * automatic. A higher class covers the classes listed under it.
 */
export const LICENCE_CLASSES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2'] as const;
export type LicenceClass = (typeof LICENCE_CLASSES)[number];

const COVERS: Record<LicenceClass, readonly LicenceClass[]> = {
  A1: ['A1', 'A3', 'B1', 'B2', 'C1', 'C2'],
  A2: ['A2', 'B1', 'B2', 'C1', 'C2'],
  A3: ['A3', 'C1', 'C2'],
  B1: ['B1', 'C1', 'C2'],
  B2: ['B2', 'C1', 'C2'],
  C1: ['C1', 'C2'],
  C2: ['C2'],
};

/** available: can be dispatched; on-leave: temporarily not; left: no longer drives for the agency. */
export const DRIVER_STATUSES = ['available', 'on-leave', 'left'] as const;
export type DriverStatus = (typeof DRIVER_STATUSES)[number];

export interface Driver {
  id: string;
  agencyId: string;
  /** The staff account the driver signs in with to start and end trips, when they have one. */
  userId?: string;
  name: string;
  phone?: string;
  licenceClass: LicenceClass;
  licenceNumber: string;
  licenceExpiresOn: string;
  healthCheckedOn?: string;
  healthCheckExpiresOn?: string;
  status: DriverStatus;
  statusNote?: string;
  registeredBy: string;
  registeredAt: Date;
}

export interface DriverRegistration {
  id: string;
  agencyId: string;
  registeredBy: string;
  userId?: string;
  name: string;
  phone?: string;
  licenceClass: string;
  licenceNumber: string;
  licenceExpiresOn: string;
  healthCheckedOn?: string;
  healthCheckExpiresOn?: string;
}

/** A driver joins the pool, available at once (an expired document still keeps them off trips). */
export function registerDriver(input: DriverRegistration, clock: Clock): Driver {
  const name = input.name.trim();
  if (!name) throw new BusinessRuleViolation('name-required', 'name the driver', 'name');
  const licenceClass = LICENCE_CLASSES.find((candidate) => candidate === input.licenceClass);
  if (!licenceClass) throw new BusinessRuleViolation('invalid-licence-class', `licenceClass must be one of ${LICENCE_CLASSES.join(', ')}`, 'licenceClass');
  const licenceNumber = input.licenceNumber.trim().toUpperCase();
  if (!/^[0-9A-Z]{6,32}$/.test(licenceNumber)) throw new BusinessRuleViolation('invalid-licence-number', 'licenceNumber is 6 to 32 digits or letters', 'licenceNumber');
  const documents = healthCheck(input.healthCheckedOn, input.healthCheckExpiresOn);
  return {
    id: input.id,
    agencyId: input.agencyId,
    ...(input.userId ? { userId: input.userId } : {}),
    name,
    ...(input.phone ? { phone: input.phone } : {}),
    licenceClass,
    licenceNumber,
    licenceExpiresOn: expiryDate(input.licenceExpiresOn, 'licenceExpiresOn'),
    ...documents,
    status: 'available',
    registeredBy: input.registeredBy,
    registeredAt: clock.now(),
  };
}

function healthCheck(checkedOn: string | undefined, expiresOn: string | undefined): Pick<Driver, 'healthCheckedOn' | 'healthCheckExpiresOn'> {
  if (checkedOn === undefined && expiresOn === undefined) return {};
  if (checkedOn === undefined || expiresOn === undefined) {
    throw new BusinessRuleViolation('health-check-incomplete', 'a health check has the day it was taken and the day it expires', checkedOn === undefined ? 'healthCheckedOn' : 'healthCheckExpiresOn');
  }
  const checked = expiryDate(checkedOn, 'healthCheckedOn');
  const expires = expiryDate(expiresOn, 'healthCheckExpiresOn');
  if (expires <= checked) throw new BusinessRuleViolation('health-check-expires-before-taken', 'healthCheckExpiresOn must be after healthCheckedOn', 'healthCheckExpiresOn');
  return { healthCheckedOn: checked, healthCheckExpiresOn: expires };
}

export interface DriverUpdate {
  licenceClass?: string;
  licenceExpiresOn?: string;
  healthCheckedOn?: string;
  healthCheckExpiresOn?: string;
  status?: string;
  statusNote?: string;
}

/** A renewal of the licence or the health check, a change of class, or of availability; one who left stays gone. */
export function updateDriver(driver: Driver, update: DriverUpdate): Driver {
  if (driver.status === 'left') throw new IllegalTransitionError('driver', driver.status, 'update');
  let next: Driver = { ...driver };
  if (update.licenceClass !== undefined) {
    const licenceClass = LICENCE_CLASSES.find((candidate) => candidate === update.licenceClass);
    if (!licenceClass) throw new BusinessRuleViolation('invalid-licence-class', `licenceClass must be one of ${LICENCE_CLASSES.join(', ')}`, 'licenceClass');
    next.licenceClass = licenceClass;
  }
  if (update.licenceExpiresOn !== undefined) next.licenceExpiresOn = expiryDate(update.licenceExpiresOn, 'licenceExpiresOn');
  if (update.healthCheckedOn !== undefined || update.healthCheckExpiresOn !== undefined) {
    next = { ...next, ...healthCheck(update.healthCheckedOn ?? driver.healthCheckedOn, update.healthCheckExpiresOn) };
  }
  if (update.status !== undefined) {
    const status = DRIVER_STATUSES.find((candidate) => candidate === update.status);
    if (!status) throw new BusinessRuleViolation('invalid-status', `status must be one of ${DRIVER_STATUSES.join(', ')}`, 'status');
    next.status = status;
    const note = update.statusNote?.trim();
    if (status !== 'available' && !note) throw new BusinessRuleViolation('reason-required', `say why the driver is ${status}`, 'statusNote');
    if (note && status !== 'available') next.statusNote = note;
    else delete next.statusNote;
  }
  return next;
}

/** The licence class a vehicle needs: a bus from 20 seats A1, a minibus or 10 seats B1, a truck B2, otherwise C1. */
export function requiredLicence(vehicle: Pick<Vehicle, 'vehicleType' | 'seats'>): LicenceClass {
  if (vehicle.vehicleType === 'bus' || vehicle.seats >= 20) return 'A1';
  if (vehicle.vehicleType === 'minibus' || vehicle.seats >= 10) return 'B1';
  if (vehicle.vehicleType === 'truck') return 'B2';
  return 'C1';
}

export function licenceCovers(licence: LicenceClass, vehicle: Pick<Vehicle, 'vehicleType' | 'seats'>): boolean {
  return COVERS[licence].includes(requiredLicence(vehicle));
}

/** Why the driver cannot drive a trip whose last day is `lastDay`: none when they can. */
export function driverBlockers(driver: Driver, lastDay: string): Blocker[] {
  const blockers: Blocker[] = [];
  if (driver.status !== 'available') blockers.push({ code: `driver-${driver.status}`, reason: `driver is ${driver.status}${driver.statusNote ? `: ${driver.statusNote}` : ''}` });
  for (const blocker of [documentBlocker('driving-licence', driver.licenceExpiresOn, lastDay), documentBlocker('health-check', driver.healthCheckExpiresOn, lastDay)]) {
    if (blocker) blockers.push(blocker);
  }
  return blockers;
}
