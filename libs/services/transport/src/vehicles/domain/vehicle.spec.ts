import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import {
  VEHICLE_STATUSES,
  Vehicle,
  VehicleRegistration,
  VehicleStatus,
  recordOdometerReading,
  recordServiceDone,
  registerVehicle,
  retireVehicle,
  returnFromService,
  scheduleService,
  sendForService,
} from './vehicle';

const clock = new FixedClock(new Date('2026-11-27T09:00:00Z'));
const registration: VehicleRegistration = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  agencyId: 'agency-a',
  registeredBy: 'fleet-manager',
  plateNumber: ' 京a·12345 ',
  vehicleType: 'sedan',
  seats: 5,
  odometerKm: 48_210,
  fuel: 'petrol',
};

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

function currentState(action: () => unknown): string {
  const error = thrown(action);
  expect(error).toBeInstanceOf(IllegalTransitionError);
  return (error as IllegalTransitionError).currentState;
}

describe('registering a vehicle', () => {
  it('adds an available vehicle with a normalised plate and the time of registration', () => {
    const vehicle = registerVehicle(registration, clock);
    expect(vehicle).toMatchObject({ status: 'available', plateNumber: '京A12345', seats: 5, odometerKm: 48_210, fuel: 'petrol', registeredBy: 'fleet-manager' });
    expect(vehicle.registeredAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('accepts a new-energy plate on an electric vehicle', () => {
    expect(registerVehicle({ ...registration, plateNumber: '京ad12345', fuel: 'electric' }, clock).plateNumber).toBe('京AD12345');
  });

  it('refuses a new-energy plate on a petrol vehicle, naming the fuel', () => {
    expect(thrown(() => registerVehicle({ ...registration, plateNumber: '京AD12345', fuel: 'petrol' }, clock))).toMatchObject({
      code: 'fuel-contradicts-plate',
      field: 'fuel',
    });
  });

  it('refuses something that is not a plate, naming the field', () => {
    const error = thrown(() => registerVehicle({ ...registration, plateNumber: 'ABC-123' }, clock));
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error).toMatchObject({ field: 'plateNumber' });
  });

  it.each([0, 61, 4.5])('refuses %p seats', (seats) => {
    expect(thrown(() => registerVehicle({ ...registration, seats }, clock))).toMatchObject({ field: 'seats' });
  });

  it('accepts a brand-new vehicle with zero kilometres and refuses a negative reading', () => {
    expect(registerVehicle({ ...registration, odometerKm: 0 }, clock).odometerKm).toBe(0);
    expect(thrown(() => registerVehicle({ ...registration, odometerKm: -1 }, clock))).toMatchObject({ field: 'odometerKm' });
  });

  it('refuses an unknown vehicle type or fuel', () => {
    expect(thrown(() => registerVehicle({ ...registration, vehicleType: 'tank' }, clock))).toMatchObject({ field: 'vehicleType' });
    expect(thrown(() => registerVehicle({ ...registration, fuel: 'coal' }, clock))).toMatchObject({ field: 'fuel' });
  });
});

describe('sending a vehicle for service and back', () => {
  const available: Vehicle = registerVehicle(registration, clock);
  const monday = new FixedClock(new Date('2026-12-07T01:00:00Z'));
  const friday = new FixedClock(new Date('2026-12-11T09:00:00Z'));

  it('sends an available vehicle to the workshop with the reason, who and when', () => {
    const inService = sendForService(available, { sentBy: 'fleet-manager', reason: ' 40,000 km service ' }, monday);
    expect(inService.status).toBe('in-service');
    expect(inService.serviceVisit).toEqual({ reason: '40,000 km service', sentBy: 'fleet-manager', sentAt: new Date('2026-12-07T01:00:00Z') });
  });

  it('refuses to send a vehicle that is already in service', () => {
    const inService = sendForService(available, { sentBy: 'fleet-manager', reason: 'brakes' }, monday);
    expect(currentState(() => sendForService(inService, { sentBy: 'fleet-manager', reason: 'again' }, monday))).toBe('in-service');
  });

  it('requires a reason', () => {
    expect(thrown(() => sendForService(available, { sentBy: 'fleet-manager', reason: ' ' }, monday))).toMatchObject({ field: 'reason' });
  });

  it('returns it available, ending the visit and keeping the odometer when none is read', () => {
    const back = returnFromService(sendForService(available, { sentBy: 'fleet-manager', reason: 'brakes' }, monday), {}, friday);
    expect(back).toMatchObject({ status: 'available', odometerKm: 48_210, returnedFromServiceAt: new Date('2026-12-11T09:00:00Z') });
    expect(back.serviceVisit).toBeUndefined();
  });

  it('records the odometer read on return', () => {
    const inService = sendForService(available, { sentBy: 'fleet-manager', reason: 'brakes' }, monday);
    expect(returnFromService(inService, { odometerKm: 48_236 }, friday).odometerKm).toBe(48_236);
  });

  it('refuses an odometer reading lower than the last one', () => {
    const inService = sendForService(available, { sentBy: 'fleet-manager', reason: 'brakes' }, monday);
    expect(thrown(() => returnFromService(inService, { odometerKm: 48_000 }, friday))).toMatchObject({ code: 'odometer-rollback', field: 'odometerKm' });
  });

  it('refuses to return a vehicle that is not in service', () => {
    expect(currentState(() => returnFromService(available, {}, friday))).toBe('available');
  });
});

describe('retiring a vehicle', () => {
  const available: Vehicle = registerVehicle(registration, clock);
  const later = new FixedClock(new Date('2027-06-30T02:00:00Z'));

  it('retires an available vehicle with the reason, who and when', () => {
    const retired = retireVehicle(available, { retiredBy: 'fleet-manager', reason: ' reached 15 years ' }, later);
    expect(retired.status).toBe('retired');
    expect(retired.retirement).toEqual({ reason: 'reached 15 years', retiredBy: 'fleet-manager', retiredAt: new Date('2027-06-30T02:00:00Z') });
  });

  it('retires a vehicle from the workshop, ending the visit', () => {
    const inService = sendForService(available, { sentBy: 'fleet-manager', reason: 'engine failure' }, later);
    const retired = retireVehicle(inService, { retiredBy: 'fleet-manager', reason: 'beyond economic repair' }, later);
    expect(retired.status).toBe('retired');
    expect(retired.serviceVisit).toBeUndefined();
  });

  it('refuses to retire a vehicle twice', () => {
    const retired = retireVehicle(available, { retiredBy: 'fleet-manager', reason: 'sold' }, later);
    expect(currentState(() => retireVehicle(retired, { retiredBy: 'fleet-manager', reason: 'sold again' }, later))).toBe('retired');
  });

  it('never sends a retired vehicle for service', () => {
    const retired = retireVehicle(available, { retiredBy: 'fleet-manager', reason: 'sold' }, later);
    expect(currentState(() => sendForService(retired, { sentBy: 'fleet-manager', reason: 'service' }, later))).toBe('retired');
  });

  it('requires a reason', () => {
    expect(thrown(() => retireVehicle(available, { retiredBy: 'fleet-manager', reason: '' }, later))).toMatchObject({ field: 'reason' });
  });
});

/*
 * The whole state × action table of a vehicle, written out from the business: an available vehicle
 * goes to the workshop and comes back; maintenance's verified service brings one in the workshop
 * back too; retirement (scrapped, sold, transferred) is final, from the workshop as well. 'same'
 * leaves the state as it was; 'ignored' does nothing at all; '409' is an illegal transition naming the state.
 */
type VehicleAction = 'send-for-service' | 'return-from-service' | 'service-done' | 'schedule-service' | 'read-odometer' | 'retire';
// prettier-ignore
const VEHICLE_TABLE: Record<VehicleStatus, Record<VehicleAction, VehicleStatus | 'same' | 'ignored' | '409'>> = {
  'available':  { 'send-for-service': 'in-service', 'return-from-service': '409',       'service-done': 'same',      'schedule-service': 'same', 'read-odometer': 'same', retire: 'retired' },
  'in-service': { 'send-for-service': '409',        'return-from-service': 'available', 'service-done': 'available', 'schedule-service': 'same', 'read-odometer': 'same', retire: 'retired' },
  'retired':    { 'send-for-service': '409',        'return-from-service': '409',       'service-done': 'ignored',   'schedule-service': '409',  'read-odometer': '409',  retire: '409' },
};

describe('the vehicle state × action table', () => {
  const registered = registerVehicle(registration, clock);
  const inState: Record<VehicleStatus, () => Vehicle> = {
    available: () => registered,
    'in-service': () => sendForService(registered, { sentBy: 'fleet-manager', reason: 'annual inspection' }, clock),
    retired: () => retireVehicle(registered, { retiredBy: 'fleet-manager', reason: 'end of service life' }, clock),
  };
  const outcome = (before: Vehicle, after: Vehicle | undefined) => (after === undefined ? 'ignored' : after.status === before.status ? 'same' : after.status);
  const perform: Record<VehicleAction, (vehicle: Vehicle) => ReturnType<typeof outcome>> = {
    'send-for-service': (vehicle) => outcome(vehicle, sendForService(vehicle, { sentBy: 'fleet-manager', reason: 'brakes squeal' }, clock)),
    'return-from-service': (vehicle) => outcome(vehicle, returnFromService(vehicle, {}, clock)),
    'service-done': (vehicle) => outcome(vehicle, recordServiceDone(vehicle, clock)?.vehicle),
    'schedule-service': (vehicle) => outcome(vehicle, scheduleService(vehicle, { intervalKm: 10_000 })),
    'read-odometer': (vehicle) => outcome(vehicle, recordOdometerReading(vehicle, { odometerKm: 48_300 }, clock).vehicle),
    retire: (vehicle) => outcome(vehicle, retireVehicle(vehicle, { retiredBy: 'fleet-manager', reason: 'sold' }, clock)),
  };
  const cells = VEHICLE_STATUSES.flatMap((state) => (Object.keys(perform) as VehicleAction[]).map((action) => [state, action, VEHICLE_TABLE[state][action]] as const));

  it('has a row for every state', () => {
    expect(Object.keys(VEHICLE_TABLE).sort()).toEqual([...VEHICLE_STATUSES].sort());
  });

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    if (expected === '409') {
      expect(currentState(() => perform[action](inState[state]()))).toBe(state);
    } else {
      expect(perform[action](inState[state]())).toBe(expected);
    }
  });
});
