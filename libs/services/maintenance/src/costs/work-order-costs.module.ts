import { Module } from '@nestjs/common';
import { WorkOrderCosts } from './work-order-costs';
import { WorkOrderCostsController } from './work-order-costs.controller';
import { WorkOrderCostsHandlers } from './work-order-costs.handlers';
import { WorkOrderCostsService } from './work-order-costs.service';

/** Maintenance costs (维修费用) of work orders; exports WorkOrderCosts for the work orders' own events. */
@Module({ controllers: [WorkOrderCostsController, WorkOrderCostsHandlers], providers: [WorkOrderCostsService, WorkOrderCosts], exports: [WorkOrderCosts] })
export class WorkOrderCostsModule {}
