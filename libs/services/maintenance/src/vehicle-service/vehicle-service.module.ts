import { Module } from '@nestjs/common';
import { WorkOrdersModule } from '../work-orders/work-orders.module';
import { VehicleServiceHandlers } from './vehicle-service.handlers';

@Module({ imports: [WorkOrdersModule], controllers: [VehicleServiceHandlers] })
export class VehicleServiceModule {}
