import { MOTOR_POOL, vehicleServiceWork } from './vehicle-service';

describe("a vehicle's scheduled service as work", () => {
  const ids = { id: '0f1e2d3c-4b5a-4697-8877-665544332211', agencyId: 'agency-a' };
  const notice = { vehicleId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', plateNumber: '闽A12345', vehicleType: 'sedan', odometerKm: 45_012, dueAtKm: 45_000, reason: 'distance' as const, recordedBy: 'driver-chen' };

  it('is vehicle work of normal priority at the motor pool, answerable by who recorded the reading', () => {
    expect(vehicleServiceWork(notice, ids)).toEqual({
      ...ids,
      origin: 'vehicle-service-due',
      vehicleId: notice.vehicleId,
      reportedBy: 'driver-chen',
      description: '车辆保养 scheduled service of 闽A12345 (sedan), odometer 45,012 km; due at 45,000 km (distance)',
      priority: 'normal',
      category: 'vehicle',
      location: { building: MOTOR_POOL, room: '闽A12345' },
    });
  });

  it('names the due date when the calendar brought it', () => {
    const work = vehicleServiceWork({ ...notice, dueOn: '2026-12-01', reason: 'distance-and-date', recordedBy: 'system' }, ids);
    expect(work.description).toContain('due at 45,000 km, due on 2026-12-01 (distance-and-date)');
    expect(work.reportedBy).toBe('system');
  });
});
