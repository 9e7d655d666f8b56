import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { In } from 'typeorm';
import { EventData, EventEnvelope, VehicleServiceDue } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import { OPEN_WORK_ORDER_STATUSES } from '../work-orders/domain/work-order';
import { WorkOrderRecord } from '../work-orders/work-order.entity';
import { WorkOrdersService } from '../work-orders/work-orders.service';
import { vehicleServiceWork } from './domain/vehicle-service';

/**
 * Transport's notice that a vehicle is due for service becomes a work order, in the inbox
 * transaction: assigned at once to the one vendor whose contract covers vehicle work at the motor
 * pool, else left triaged for a logistics manager. While a vehicle's service work order is open, a
 * further notice adds nothing (a partial unique index guards it too).
 */
@Controller()
export class VehicleServiceHandlers {
  constructor(
    private readonly workOrders: WorkOrdersService,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern([VehicleServiceDue.type])
  async onServiceDue(@Payload() event: EventEnvelope<EventData<typeof VehicleServiceDue>>, @Ctx() context: EventContext): Promise<void> {
    const agencyId = event.agencyid;
    const notice = event.data;
    const open = await context.manager.findOne(WorkOrderRecord, {
      where: { agencyId, vehicleId: notice.vehicleId, origin: 'vehicle-service-due', status: In([...OPEN_WORK_ORDER_STATUSES]) },
    });
    if (open) {
      this.logger.info({ vehicleId: notice.vehicleId, workOrderId: open.id, eventId: event.id }, 'vehicle already has an open service work order; notice noted, nothing raised');
      return;
    }
    const work = vehicleServiceWork(
      {
        vehicleId: notice.vehicleId,
        plateNumber: notice.plateNumber,
        vehicleType: notice.vehicleType,
        odometerKm: notice.odometerKm,
        reason: notice.reason,
        recordedBy: notice.recordedBy,
        ...(notice.dueAtKm !== undefined ? { dueAtKm: notice.dueAtKm } : {}),
        ...(notice.dueOn !== undefined ? { dueOn: notice.dueOn } : {}),
      },
      { id: randomUUID(), agencyId },
    );
    const order = await this.workOrders.raise(context.manager, eventOrigin({ agencyId }), work, { kind: 'automatic' }, this.logger);
    this.logger.info({ vehicleId: notice.vehicleId, workOrderId: order.id, status: order.status }, 'vehicle service work order raised');
  }
}
