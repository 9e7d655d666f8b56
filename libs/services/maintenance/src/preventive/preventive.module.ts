import { Module } from '@nestjs/common';
import { VendorContractsModule } from '../vendor-contracts/vendor-contracts.module';
import { WorkOrdersModule } from '../work-orders/work-orders.module';
import { PreventivePlanSweep } from './preventive-plan-sweep';
import { PreventivePlansController } from './preventive-plans.controller';
import { PreventivePlansService } from './preventive-plans.service';

/** Preventive maintenance plans, and the sweep that raises their work orders as they fall due. */
@Module({ imports: [VendorContractsModule, WorkOrdersModule], controllers: [PreventivePlansController], providers: [PreventivePlansService, PreventivePlanSweep] })
export class PreventiveModule {}
