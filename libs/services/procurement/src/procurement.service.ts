import { Module } from '@nestjs/common';
import { MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';
import { ProcurementDashboardModule } from './dashboard/dashboard.module';
import { Vendors1764202000000 } from './migrations/1764202000000-vendors';
import { VendorRecord } from './vendors/vendor.entity';
import { VendorsModule } from './vendors/vendors.module';

@Module({ imports: [VendorsModule, ProcurementDashboardModule] })
export class ProcurementModule {}

export const procurementService: ServiceDefinition = {
  name: 'procurement',
  title: 'Houqin procurement',
  description: 'Vendor registry (供应商库) and qualifications, tenders, contracts, purchase orders, receipts and inventory.',
  module: ProcurementModule,
  persistence: {
    entities: [VendorRecord],
    migrations: [MessagingTables1764201600000, Vendors1764202000000],
  },
};
