import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module';
import { VendorContractsModule } from '../vendor-contracts/vendor-contracts.module';
import { WorkOrdersController } from './work-orders.controller';
import { WorkOrdersService } from './work-orders.service';

@Module({ imports: [VendorContractsModule, SlaModule], controllers: [WorkOrdersController], providers: [WorkOrdersService], exports: [WorkOrdersService] })
export class WorkOrdersModule {}
