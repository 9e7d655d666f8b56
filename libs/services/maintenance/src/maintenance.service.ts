import { Module } from '@nestjs/common';
import { IdempotentCommands1767500000000, MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';
import { AssetMeterReadingRecord, AssetRecord } from './assets/asset.entity';
import { AssetsModule } from './assets/assets.module';
import { UnmatchedPartsIssueRecord, WorkOrderCostLineRecord } from './costs/work-order-cost.entity';
import { WorkOrderCostsModule } from './costs/work-order-costs.module';
import { MaintenanceDashboardModule } from './dashboard/dashboard.module';
import { maintenanceEnvironment } from './maintenance.config';
import { AssetsWorkOrders1765000000000 } from './migrations/1765000000000-assets-work-orders';
import { RepairRequests1764201700000 } from './migrations/1764201700000-repair-requests';
import { SlaClocks1765100000000 } from './migrations/1765100000000-sla-clocks';
import { WorkOrderOrigins1765200000000 } from './migrations/1765200000000-work-order-origins';
import { WorkOrderCosts1765300000000 } from './migrations/1765300000000-work-order-costs';
import { PreventivePlans1765400000000 } from './migrations/1765400000000-preventive-plans';
import { RepairRequestAttachments1765500000000 } from './migrations/1765500000000-repair-request-attachments';
import { SlaClockCalendars1765600000000 } from './migrations/1765600000000-sla-clock-calendars';
import { VendorStandingLifts1765650000000 } from './migrations/1765650000000-vendor-standing-lifts';
import { WorkOrderHoldReason1765660000000 } from './migrations/1765660000000-work-order-hold-reason';
import { PreventiveOccurrenceRecord, PreventivePlanRecord } from './preventive/preventive-plan.entity';
import { PreventiveModule } from './preventive/preventive.module';
import { RepairRequestRecord } from './repair-requests/repair-request.entity';
import { RepairRequestsModule } from './repair-requests/repair-requests.module';
import { SlaModule } from './sla/sla.module';
import { MaintenanceVendorContractRecord, MaintenanceVendorStandingRecord } from './vendor-contracts/vendor-contract.entity';
import { VehicleServiceModule } from './vehicle-service/vehicle-service.module';
import { VendorContractsModule } from './vendor-contracts/vendor-contracts.module';
import { WorkOrderRecord } from './work-orders/work-order.entity';
import { WorkOrdersModule } from './work-orders/work-orders.module';

@Module({ imports: [RepairRequestsModule, MaintenanceDashboardModule, AssetsModule, VendorContractsModule, WorkOrdersModule, SlaModule, VehicleServiceModule, WorkOrderCostsModule, PreventiveModule] })
export class MaintenanceModule {}

export const maintenanceService: ServiceDefinition = {
  name: 'maintenance',
  title: 'Houqin maintenance',
  description: 'Assets, repair requests (报修), work orders dispatched to contracted vendors, SLA clocks, preventive plans, vehicle service, costs.',
  module: MaintenanceModule,
  persistence: {
    entities: [RepairRequestRecord, AssetRecord, AssetMeterReadingRecord, MaintenanceVendorContractRecord, MaintenanceVendorStandingRecord, WorkOrderRecord, WorkOrderCostLineRecord, UnmatchedPartsIssueRecord, PreventivePlanRecord, PreventiveOccurrenceRecord],
    migrations: [MessagingTables1764201600000, IdempotentCommands1767500000000, RepairRequests1764201700000, AssetsWorkOrders1765000000000, SlaClocks1765100000000, WorkOrderOrigins1765200000000, WorkOrderCosts1765300000000, PreventivePlans1765400000000, RepairRequestAttachments1765500000000, SlaClockCalendars1765600000000, VendorStandingLifts1765650000000, WorkOrderHoldReason1765660000000],
  },
  environment: maintenanceEnvironment,
};
