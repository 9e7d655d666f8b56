import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { EventData, EventEnvelope, StockIssued } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { SERVICE_LOGGER } from '@houqin/service-kit';
import { WorkOrderCostsService } from './work-order-costs.service';

/** Procurement's issues of stock for work orders become parts costs, in the inbox transaction. */
@Controller()
export class WorkOrderCostsHandlers {
  constructor(
    private readonly costs: WorkOrderCostsService,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern([StockIssued.type])
  async onStockIssued(@Payload() event: EventEnvelope<EventData<typeof StockIssued>>, @Ctx() context: EventContext): Promise<void> {
    await this.costs.recordIssuedParts(context.manager, event, this.logger);
  }
}
