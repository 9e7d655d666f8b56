import { BusinessRuleViolation } from '@houqin/domain';
import { Driver, driverBlockers, licenceCovers, requiredLicence } from '../../drivers/domain/driver';
import type { Blocker } from '../../fleet-documents/domain/fleet-document';
import { Vehicle, vehicleBlockers } from '../../vehicles/domain/vehicle';
import type { Trip } from '../../trips/domain/trip';

/** What a trip needs of a vehicle: seats for its passengers, the requested type, and its last day (documents valid through it). */
export interface TripNeed {
  passengers: number;
  vehicleType?: Vehicle['vehicleType'];
  lastDay: string;
}

/**
 * Why this vehicle and driver cannot take the trip: each refusal names the field it is about
 * (vehicleId or driverId) and says why. The overlap with other bookings is not checked here:
 * the database's exclusion constraints decide it, whatever the number of concurrent dispatches.
 */
export function checkFleetAssignment(need: TripNeed, vehicle: Vehicle, driver: Driver): void {
  const vehicleBlocked = vehicleBlockers(vehicle, need.lastDay)[0];
  if (vehicleBlocked) throw new BusinessRuleViolation(`vehicle-${vehicleBlocked.code}`, `vehicle ${vehicle.plateNumber} cannot be dispatched: ${vehicleBlocked.reason}`, 'vehicleId');
  if (vehicle.seats < need.passengers) {
    throw new BusinessRuleViolation('not-enough-seats', `vehicle ${vehicle.plateNumber} has ${vehicle.seats} seats for ${need.passengers} passengers`, 'vehicleId');
  }
  if (need.vehicleType && vehicle.vehicleType !== need.vehicleType) {
    throw new BusinessRuleViolation('wrong-vehicle-type', `the trip asks for a ${need.vehicleType}; ${vehicle.plateNumber} is a ${vehicle.vehicleType}`, 'vehicleId');
  }
  const driverBlocked = driverBlockers(driver, need.lastDay)[0];
  if (driverBlocked) throw new BusinessRuleViolation(`driver-${driverBlocked.code}`, `driver ${driver.name} cannot be dispatched: ${driverBlocked.reason}`, 'driverId');
  if (!licenceCovers(driver.licenceClass, vehicle)) {
    throw new BusinessRuleViolation('licence-class-mismatch', `${vehicle.plateNumber} needs a ${requiredLicence(vehicle)} licence; ${driver.name} holds ${driver.licenceClass}`, 'driverId');
  }
}

export interface VehicleSuggestion {
  vehicle: Vehicle;
  /** The drivers free over the window who may drive it, best first. */
  drivers: Driver[];
}

/**
 * 推荐车辆: the vehicles that can take the trip — dispatchable through its last day, enough seats,
 * the requested type, not booked over the window, with at least one free driver whose licence
 * covers them — best first: the fewest spare seats (a sedan for two, not a bus), then the lowest
 * odometer (spread the wear). Drivers: the narrowest licence that covers the vehicle first, so
 * bus drivers stay free for buses.
 */
export function suggestVehicles(
  need: TripNeed,
  vehicles: readonly Vehicle[],
  drivers: readonly Driver[],
  busy: { vehicleIds: ReadonlySet<string>; driverIds: ReadonlySet<string> },
): VehicleSuggestion[] {
  const freeDrivers = drivers.filter((driver) => !busy.driverIds.has(driver.id) && driverBlockers(driver, need.lastDay).length === 0);
  return vehicles
    .filter((vehicle) => !busy.vehicleIds.has(vehicle.id))
    .filter((vehicle) => vehicleBlockers(vehicle, need.lastDay).length === 0)
    .filter((vehicle) => vehicle.seats >= need.passengers && (!need.vehicleType || vehicle.vehicleType === need.vehicleType))
    .map((vehicle) => ({ vehicle, drivers: freeDrivers.filter((driver) => licenceCovers(driver.licenceClass, vehicle)).sort(byLicenceBreadth) }))
    .filter((suggestion) => suggestion.drivers.length > 0)
    .sort((a, b) => a.vehicle.seats - b.vehicle.seats || a.vehicle.odometerKm - b.vehicle.odometerKm || a.vehicle.plateNumber.localeCompare(b.vehicle.plateNumber));
}

const BREADTH: Record<Driver['licenceClass'], number> = { C2: 0, C1: 1, B2: 2, B1: 3, A3: 4, A2: 5, A1: 6 };

function byLicenceBreadth(a: Driver, b: Driver): number {
  return BREADTH[a.licenceClass] - BREADTH[b.licenceClass] || a.name.localeCompare(b.name);
}

/** Why each of the fleet's vehicles is not offered, for the manager's timeline. */
export function vehicleRefusals(need: TripNeed, vehicle: Vehicle, booked: boolean): Blocker[] {
  const refusals = vehicleBlockers(vehicle, need.lastDay);
  if (booked) refusals.push({ code: 'booked', reason: 'booked for another trip over the window' });
  if (vehicle.seats < need.passengers) refusals.push({ code: 'not-enough-seats', reason: `${vehicle.seats} seats for ${need.passengers} passengers` });
  if (need.vehicleType && vehicle.vehicleType !== need.vehicleType) refusals.push({ code: 'wrong-vehicle-type', reason: `a ${vehicle.vehicleType}, not a ${need.vehicleType}` });
  return refusals;
}

/** The need of a trip: the last day is the business day of its last instant. */
export function needOf(trip: Pick<Trip, 'passengers' | 'vehicleType' | 'endsAt'>, businessDayOf: (at: Date) => string): TripNeed {
  return { passengers: trip.passengers, ...(trip.vehicleType ? { vehicleType: trip.vehicleType } : {}), lastDay: businessDayOf(new Date(trip.endsAt.getTime() - 1)) };
}
