import { Module } from '@nestjs/common';
import { MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';
import { MaintenanceDashboardModule } from './dashboard/dashboard.module';
import { RepairRequests1764201700000 } from './migrations/1764201700000-repair-requests';
import { RepairRequestRecord } from './repair-requests/repair-request.entity';
import { RepairRequestsModule } from './repair-requests/repair-requests.module';

@Module({ imports: [RepairRequestsModule, MaintenanceDashboardModule] })
export class MaintenanceModule {}

export const maintenanceService: ServiceDefinition = {
  name: 'maintenance',
  title: 'Houqin maintenance',
  description: 'Assets, repair requests (报修), work orders dispatched to contracted vendors, SLA clocks.',
  module: MaintenanceModule,
  persistence: {
    entities: [RepairRequestRecord],
    migrations: [MessagingTables1764201600000, RepairRequests1764201700000],
  },
};
