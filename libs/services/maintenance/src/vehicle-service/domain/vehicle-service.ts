import type { RaisedWork } from '../../work-orders/domain/work-order';

/** Where vehicle work is done, as far as contracts are concerned: a vehicle maintenance contract lists this building or none. */
export const MOTOR_POOL = 'Motor pool';

/** What transport's service-due notice says about the vehicle. */
export interface ServiceDueNotice {
  vehicleId: string;
  plateNumber: string;
  vehicleType: string;
  odometerKm: number;
  dueAtKm?: number;
  dueOn?: string;
  reason: 'distance' | 'date' | 'distance-and-date';
  recordedBy: string;
}

const km = (value: number) => value.toLocaleString('en-US');

/** The work order for a vehicle's scheduled service (车辆保养): category vehicle, normal priority, at the motor pool. */
export function vehicleServiceWork(notice: ServiceDueNotice, ids: { id: string; agencyId: string }): RaisedWork {
  const why = [
    notice.dueAtKm !== undefined ? `due at ${km(notice.dueAtKm)} km` : undefined,
    notice.dueOn !== undefined ? `due on ${notice.dueOn}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return {
    id: ids.id,
    agencyId: ids.agencyId,
    origin: 'vehicle-service-due',
    vehicleId: notice.vehicleId,
    reportedBy: notice.recordedBy,
    description: `车辆保养 scheduled service of ${notice.plateNumber} (${notice.vehicleType}), odometer ${km(notice.odometerKm)} km; ${why.join(', ')} (${notice.reason})`.slice(0, 2000),
    priority: 'normal',
    category: 'vehicle',
    location: { building: MOTOR_POOL, room: notice.plateNumber },
  };
}
