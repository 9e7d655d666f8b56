import { FixedClock, IllegalTransitionError } from '@houqin/domain';
import { Vehicle, VehicleRegistration, recordOdometerReading, recordServiceDone, registerVehicle, retireVehicle, returnFromService, scheduleService, sendForService } from './vehicle';

const registration: VehicleRegistration = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  agencyId: 'agency-a',
  registeredBy: 'fleet-manager',
  plateNumber: '京A12345',
  vehicleType: 'sedan',
  seats: 5,
  odometerKm: 48_210,
  fuel: 'petrol',
};
// 2026-11-27 17:00 in Beijing: the business day is the 27th.
const registeredAt = new Date('2026-11-27T09:00:00Z');
const registered = registerVehicle(registration, new FixedClock(registeredAt));
const scheduled: Vehicle = scheduleService(registered, { intervalKm: 10_000, intervalMonths: 6 });

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

function at(iso: string): FixedClock {
  return new FixedClock(new Date(iso));
}

describe('a vehicle’s service schedule', () => {
  it('counts from registration: the odometer then and the business day (China Standard Time)', () => {
    // 2026-11-27T20:00Z is already the 28th in Beijing.
    const lateEvening = registerVehicle(registration, at('2026-11-27T20:00:00Z'));
    expect(registered.serviceIntervalStart).toEqual({ odometerKm: 48_210, on: '2026-11-27' });
    expect(lateEvening.serviceIntervalStart.on).toBe('2026-11-28');
    expect(scheduled.serviceSchedule).toEqual({ intervalKm: 10_000, dueAtKm: 58_210, intervalMonths: 6, dueOn: '2027-05-27' });
  });

  it('may be set while the vehicle is in the workshop, but not once it is retired', () => {
    const inService = sendForService(registered, { sentBy: 'fleet-manager', reason: 'brakes' }, at('2026-12-01T01:00:00Z'));
    expect(scheduleService(inService, { intervalMonths: 12 }).serviceSchedule).toEqual({ intervalMonths: 12, dueOn: '2027-11-27' });
    const retired = retireVehicle(registered, { retiredBy: 'fleet-manager', reason: 'sold' }, at('2026-12-01T01:00:00Z'));
    const error = thrown(() => scheduleService(retired, { intervalKm: 10_000 }));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error).toMatchObject({ currentState: 'retired' });
  });
});

describe('recording an odometer reading', () => {
  it('moves the odometer forward and records when it was read', () => {
    const { vehicle, readAt, serviceDue } = recordOdometerReading(scheduled, { odometerKm: 50_000, readAt: new Date('2026-12-01T00:00:00Z') }, at('2026-12-01T02:00:00Z'));
    expect(vehicle).toMatchObject({ odometerKm: 50_000, odometerReadAt: new Date('2026-12-01T00:00:00Z') });
    expect(readAt).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(serviceDue).toBeUndefined();
  });

  it('reads now when no time is given, and accepts the same kilometres again', () => {
    const { vehicle } = recordOdometerReading(scheduled, { odometerKm: 48_210 }, at('2026-12-01T02:00:00Z'));
    expect(vehicle.odometerReadAt).toEqual(new Date('2026-12-01T02:00:00Z'));
  });

  it('refuses a reading lower than the current odometer, naming odometerKm', () => {
    expect(thrown(() => recordOdometerReading(scheduled, { odometerKm: 48_209 }, at('2026-12-01T02:00:00Z')))).toMatchObject({ code: 'odometer-rollback', field: 'odometerKm' });
  });

  it('refuses a reading taken before the last one or in the future, naming readAt', () => {
    expect(thrown(() => recordOdometerReading(scheduled, { odometerKm: 49_000, readAt: new Date('2026-11-27T08:59:59Z') }, at('2026-12-01T02:00:00Z')))).toMatchObject({
      code: 'reading-out-of-order',
      field: 'readAt',
    });
    expect(thrown(() => recordOdometerReading(scheduled, { odometerKm: 49_000, readAt: new Date('2026-12-01T03:00:00Z') }, at('2026-12-01T02:00:00Z')))).toMatchObject({
      code: 'reading-in-future',
      field: 'readAt',
    });
  });

  it('refuses a reading of a retired vehicle with its state', () => {
    const retired = retireVehicle(scheduled, { retiredBy: 'fleet-manager', reason: 'sold' }, at('2026-12-01T01:00:00Z'));
    expect(thrown(() => recordOdometerReading(retired, { odometerKm: 49_000 }, at('2026-12-01T02:00:00Z')))).toMatchObject({ currentState: 'retired' });
  });

  it('announces the service due once, by the reading that reaches the due kilometres', () => {
    const crossing = recordOdometerReading(scheduled, { odometerKm: 58_300 }, at('2027-02-01T02:00:00Z'));
    expect(crossing.serviceDue).toEqual({
      reason: 'distance',
      odometerKm: 58_300,
      dueAtKm: 58_210,
      dueOn: '2027-05-27',
      intervalKm: 10_000,
      intervalMonths: 6,
      detectedAt: new Date('2027-02-01T02:00:00Z'),
    });
    expect(crossing.vehicle.serviceSchedule?.dueAnnouncedAt).toEqual(new Date('2027-02-01T02:00:00Z'));
    const beyond = recordOdometerReading(crossing.vehicle, { odometerKm: 59_000 }, at('2027-02-02T02:00:00Z'));
    expect(beyond.serviceDue).toBeUndefined();
    expect(beyond.vehicle.serviceSchedule?.dueAnnouncedAt).toEqual(new Date('2027-02-01T02:00:00Z'));
  });

  it('does not announce for a vehicle in the workshop', () => {
    const inService = sendForService(scheduled, { sentBy: 'fleet-manager', reason: 'brakes' }, at('2027-02-01T01:00:00Z'));
    const { vehicle, serviceDue } = recordOdometerReading(inService, { odometerKm: 58_300 }, at('2027-02-01T02:00:00Z'));
    expect(serviceDue).toBeUndefined();
    expect(vehicle.serviceSchedule?.dueAnnouncedAt).toBeUndefined();
  });

  it('announces nothing without a schedule', () => {
    expect(recordOdometerReading(registered, { odometerKm: 200_000 }, at('2027-02-01T02:00:00Z')).serviceDue).toBeUndefined();
  });
});

describe('returning from service', () => {
  it('advances the schedule from the odometer and the day of return and clears the announcement', () => {
    const announced = recordOdometerReading(scheduled, { odometerKm: 58_300 }, at('2027-02-01T02:00:00Z')).vehicle;
    const inService = sendForService(announced, { sentBy: 'fleet-manager', reason: '60,000 km service' }, at('2027-02-03T01:00:00Z'));
    const back = returnFromService(inService, { odometerKm: 58_320 }, at('2027-02-04T09:00:00Z'));
    expect(back.serviceIntervalStart).toEqual({ odometerKm: 58_320, on: '2027-02-04' });
    expect(back.serviceSchedule).toEqual({ intervalKm: 10_000, dueAtKm: 68_320, intervalMonths: 6, dueOn: '2027-08-04' });
    expect(back.odometerReadAt).toEqual(new Date('2027-02-04T09:00:00Z'));
    // The next occurrence is announced by the reading that reaches it.
    expect(recordOdometerReading(back, { odometerKm: 68_320 }, at('2027-05-01T02:00:00Z')).serviceDue).toMatchObject({ reason: 'distance', dueAtKm: 68_320 });
  });

  it('counts from the odometer already known when none is read on return', () => {
    const inService = sendForService(scheduled, { sentBy: 'fleet-manager', reason: 'tyres' }, at('2027-01-10T01:00:00Z'));
    const back = returnFromService(inService, {}, at('2027-01-11T01:00:00Z'));
    expect(back.serviceSchedule).toMatchObject({ dueAtKm: 58_210, dueOn: '2027-07-11' });
    expect(back.odometerReadAt).toEqual(registeredAt);
  });

  it('counts a later schedule from the last return rather than from registration', () => {
    const inService = sendForService(registered, { sentBy: 'fleet-manager', reason: 'tyres' }, at('2027-01-10T01:00:00Z'));
    const back = returnFromService(inService, { odometerKm: 52_000 }, at('2027-01-11T01:00:00Z'));
    expect(back.serviceSchedule).toBeUndefined();
    expect(scheduleService(back, { intervalKm: 10_000, intervalMonths: 6 }).serviceSchedule).toEqual({ intervalKm: 10_000, dueAtKm: 62_000, intervalMonths: 6, dueOn: '2027-07-11' });
  });
});

describe('a service maintenance verified', () => {
  it('starts the next occurrence from the service for a vehicle that stayed available', () => {
    const read = recordOdometerReading(scheduled, { odometerKm: 58_300 }, at('2027-01-10T02:00:00Z')).vehicle;
    const done = recordServiceDone(read, at('2027-01-12T02:00:00Z'))!;
    expect(done.returned).toBe(false);
    expect(done.vehicle.status).toBe('available');
    expect(done.vehicle.serviceIntervalStart).toEqual({ odometerKm: 58_300, on: '2027-01-12' });
    expect(done.vehicle.serviceSchedule).toEqual({ intervalKm: 10_000, dueAtKm: 68_300, intervalMonths: 6, dueOn: '2027-07-12' });
  });

  it('brings a vehicle back from the workshop, as a return from service would', () => {
    const inWorkshop = sendForService(scheduled, { sentBy: 'fleet-manager', reason: '10,000 km service' }, at('2027-01-10T02:00:00Z'));
    const done = recordServiceDone(inWorkshop, at('2027-01-11T02:00:00Z'))!;
    expect(done.returned).toBe(true);
    expect(done.vehicle).toEqual(returnFromService(inWorkshop, {}, at('2027-01-11T02:00:00Z')));
  });

  it('leaves a retired vehicle as it is', () => {
    expect(recordServiceDone(retireVehicle(scheduled, { retiredBy: 'admin', reason: 'scrapped' }, at('2027-01-10T02:00:00Z')), at('2027-01-11T02:00:00Z'))).toBeUndefined();
  });
});
