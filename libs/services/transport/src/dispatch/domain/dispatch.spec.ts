import { BusinessRuleViolation, FixedClock } from '@houqin/domain';
import { Driver, licenceCovers, registerDriver, updateDriver } from '../../drivers/domain/driver';
import { Vehicle, registerVehicle, sendForService } from '../../vehicles/domain/vehicle';
import { checkFleetAssignment, suggestVehicles } from './dispatch';

const clock = new FixedClock(new Date('2026-12-07T00:00:00Z'));
let serial = 10_000;

function vehicle(overrides: Partial<Parameters<typeof registerVehicle>[0]> = {}): Vehicle {
  serial += 1;
  return registerVehicle(
    { id: `vehicle-${serial}`, agencyId: 'a', registeredBy: 'm', plateNumber: `京A${serial}`, vehicleType: 'sedan', seats: 5, odometerKm: 1_000, fuel: 'petrol', insuranceExpiresOn: '2027-12-31', inspectionExpiresOn: '2027-12-31', ...overrides },
    clock,
  );
}

function driver(licenceClass = 'C1', overrides: Partial<Parameters<typeof registerDriver>[0]> = {}): Driver {
  serial += 1;
  return registerDriver({ id: `driver-${serial}`, agencyId: 'a', registeredBy: 'm', name: `司机${serial}`, licenceClass, licenceNumber: `L${serial}00`, licenceExpiresOn: '2030-01-01', healthCheckedOn: '2026-06-01', healthCheckExpiresOn: '2027-06-01', ...overrides }, clock);
}

const need = { passengers: 4, lastDay: '2026-12-08' };
const none = { vehicleIds: new Set<string>(), driverIds: new Set<string>() };

function refusal(fn: () => void): BusinessRuleViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof BusinessRuleViolation) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('dispatch of a fleet vehicle and driver (派车)', () => {
  it('matches licence classes: C1 drives cars, B1 minibuses, A1 buses and everything below', () => {
    const car = vehicle();
    const minibus = vehicle({ vehicleType: 'minibus', seats: 14 });
    const bus = vehicle({ vehicleType: 'bus', seats: 45 });
    expect([car, minibus, bus].map((v) => licenceCovers('C1', v))).toEqual([true, false, false]);
    expect([car, minibus, bus].map((v) => licenceCovers('B1', v))).toEqual([true, true, false]);
    expect([car, minibus, bus].map((v) => licenceCovers('A1', v))).toEqual([true, true, true]);
  });

  it('refuses, naming the field, a vehicle with expired insurance, in the workshop, too small, or a driver with the wrong licence or an expired health check', () => {
    expect(refusal(() => checkFleetAssignment(need, vehicle({ insuranceExpiresOn: '2026-12-07' }), driver()))).toMatchObject({ code: 'vehicle-insurance-expired', field: 'vehicleId' });
    expect(refusal(() => checkFleetAssignment(need, vehicle({ inspectionExpiresOn: undefined }), driver()))).toMatchObject({ code: 'vehicle-annual-inspection-not-recorded', field: 'vehicleId' });
    expect(refusal(() => checkFleetAssignment(need, sendForService(vehicle(), { sentBy: 'm', reason: '保养' }, clock), driver()))).toMatchObject({ code: 'vehicle-in-workshop', field: 'vehicleId' });
    expect(refusal(() => checkFleetAssignment({ ...need, passengers: 6 }, vehicle(), driver()))).toMatchObject({ code: 'not-enough-seats', field: 'vehicleId' });
    expect(refusal(() => checkFleetAssignment(need, vehicle({ vehicleType: 'minibus', seats: 14 }), driver('C1')))).toMatchObject({ code: 'licence-class-mismatch', field: 'driverId' });
    expect(refusal(() => checkFleetAssignment(need, vehicle(), driver('C1', { healthCheckedOn: '2025-06-01', healthCheckExpiresOn: '2026-06-01' })))).toMatchObject({
      code: 'driver-health-check-expired',
      field: 'driverId',
    });
    expect(refusal(() => checkFleetAssignment(need, vehicle(), updateDriver(driver(), { status: 'on-leave', statusNote: '年休假' })))).toMatchObject({ code: 'driver-driver-on-leave', field: 'driverId' });
    expect(() => checkFleetAssignment(need, vehicle({ insuranceExpiresOn: '2026-12-08' }), driver())).not.toThrow();
  });

  it('suggests the free vehicle with the fewest spare seats first, then the lowest odometer, and never a booked one', () => {
    const big = vehicle({ seats: 7, vehicleType: 'suv' });
    const worn = vehicle({ odometerKm: 90_000 });
    const fresh = vehicle({ odometerKm: 5_000 });
    const booked = vehicle({ odometerKm: 1 });
    const c1 = driver('C1');
    const suggestions = suggestVehicles(need, [big, worn, fresh, booked], [c1], { vehicleIds: new Set([booked.id]), driverIds: new Set() });
    expect(suggestions.map((s) => s.vehicle.id)).toEqual([fresh.id, worn.id, big.id]);
  });

  it('offers a vehicle only with a free driver whose licence covers it, the narrowest licence first', () => {
    const minibus = vehicle({ vehicleType: 'minibus', seats: 14 });
    const car = vehicle();
    const a1 = driver('A1');
    const c1 = driver('C1');
    const suggestions = suggestVehicles(need, [minibus, car], [a1, c1], none);
    expect(suggestions.map((s) => [s.vehicle.id, s.drivers.map((d) => d.id)])).toEqual([
      [car.id, [c1.id, a1.id]],
      [minibus.id, [a1.id]],
    ]);
    expect(suggestVehicles(need, [minibus], [c1], none)).toEqual([]);
    expect(suggestVehicles(need, [car], [c1], { vehicleIds: new Set(), driverIds: new Set([c1.id]) })).toEqual([]);
  });
});
