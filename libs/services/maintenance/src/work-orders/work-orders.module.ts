import { Module } from '@nestjs/common';
import { WorkOrderCostsModule } from '../costs/work-order-costs.module';
import { SlaModule } from '../sla/sla.module';
import { VendorContractsModule } from '../vendor-contracts/vendor-contracts.module';
import { WorkOrdersController } from './work-orders.controller';
import { WorkOrdersService } from './work-orders.service';

@Module({ imports: [VendorContractsModule, SlaModule, WorkOrderCostsModule], controllers: [WorkOrdersController], providers: [WorkOrdersService], exports: [WorkOrdersService] })
export class WorkOrdersModule {}
