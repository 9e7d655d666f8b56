import { EventEnvelope, VehicleServiceDue } from '@houqin/contracts';
import { eventOrigin } from '@houqin/service-kit';
import type { VehicleType } from '../vehicles/domain/vehicle';
import type { ServiceDueNotice } from './domain/service-schedule';

/** Who the sweep records as having detected a service due by date. */
export const SWEEP_RECORDER = 'system';

/** The vehicle a notice is about. */
export interface ServiceDueVehicle {
  id: string;
  agencyId: string;
  plateNumber: string;
  vehicleType: VehicleType;
}

/** vehicle.service-due, keyed by the vehicle so it stays in order with the vehicle's other events. */
export function serviceDueEvent(vehicle: ServiceDueVehicle, notice: ServiceDueNotice, recordedBy: string): EventEnvelope {
  return VehicleServiceDue.create({
    subject: vehicle.id,
    origin: eventOrigin({ agencyId: vehicle.agencyId }),
    data: {
      vehicleId: vehicle.id,
      plateNumber: vehicle.plateNumber,
      vehicleType: vehicle.vehicleType,
      odometerKm: notice.odometerKm,
      ...(notice.dueAtKm !== undefined ? { dueAtKm: notice.dueAtKm } : {}),
      ...(notice.dueOn !== undefined ? { dueOn: notice.dueOn } : {}),
      ...(notice.intervalKm !== undefined ? { intervalKm: notice.intervalKm } : {}),
      ...(notice.intervalMonths !== undefined ? { intervalMonths: notice.intervalMonths } : {}),
      reason: notice.reason,
      detectedAt: notice.detectedAt.toISOString(),
      recordedBy,
    },
  });
}
