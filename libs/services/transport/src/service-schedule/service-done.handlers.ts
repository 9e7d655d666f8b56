import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { EventData, EventEnvelope, VehicleServiced, WorkOrderVerified } from '@houqin/contracts';
import { systemClock } from '@houqin/domain';
import { EventContext, Outbox } from '@houqin/messaging';
import { SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import { recordServiceDone } from '../vehicles/domain/vehicle';
import { VehicleRecord } from '../vehicles/vehicle.entity';
import { returnedFromServiceEvent, toDomain, toRecord } from '../vehicles/vehicles.service';

/**
 * Maintenance's verification (验收) of a vehicle's service work order closes the loop in transport,
 * in the inbox transaction: the vehicle comes back from the workshop if it is there, and its service
 * schedule counts from the service, so the next service-due notice comes one interval later. Other
 * work orders, and vehicles unknown in the agency or retired, are left alone.
 */
@Controller()
export class ServiceDoneHandlers {
  private readonly clock = systemClock;

  constructor(
    private readonly outbox: Outbox,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern([WorkOrderVerified.type])
  async onWorkOrderVerified(@Payload() event: EventEnvelope<EventData<typeof WorkOrderVerified>>, @Ctx() context: EventContext): Promise<void> {
    const { origin, vehicleId, workOrderId, verifiedBy } = event.data;
    if (origin !== 'vehicle-service-due' || !vehicleId) return;
    const agencyId = event.agencyid;
    const manager = context.manager;
    const record = await manager.findOne(VehicleRecord, { where: { id: vehicleId, agencyId }, lock: { mode: 'pessimistic_write' } });
    if (!record) {
      this.logger.warn({ vehicleId, workOrderId, agencyId }, 'service work order verified for a vehicle unknown in the agency; nothing to record');
      return;
    }
    const before = toDomain(record);
    const done = recordServiceDone(before, this.clock);
    if (!done) {
      this.logger.info({ vehicleId, workOrderId }, 'service work order verified for a retired vehicle; nothing to record');
      return;
    }
    const { vehicle, returned } = done;
    await manager.update(VehicleRecord, { id: vehicleId, version: record.version }, toRecord(vehicle, record.version + 1));
    const eventFrom = eventOrigin({ agencyId });
    const now = this.clock.now().toISOString();
    if (returned && before.serviceVisit && vehicle.returnedFromServiceAt) {
      await this.outbox.append(manager, returnedFromServiceEvent({ ...vehicle, returnedFromServiceAt: vehicle.returnedFromServiceAt }, before.serviceVisit, verifiedBy, eventFrom));
    }
    await this.outbox.append(
      manager,
      VehicleServiced.create({
        subject: vehicleId,
        origin: eventFrom,
        data: {
          vehicleId,
          plateNumber: vehicle.plateNumber,
          workOrderId,
          odometerKm: vehicle.odometerKm,
          ...(vehicle.serviceSchedule?.dueAtKm !== undefined ? { nextDueAtKm: vehicle.serviceSchedule.dueAtKm } : {}),
          ...(vehicle.serviceSchedule?.dueOn !== undefined ? { nextDueOn: vehicle.serviceSchedule.dueOn } : {}),
          returnedFromWorkshop: returned,
          verifiedBy,
          servicedAt: now,
        },
      }),
    );
  }
}
