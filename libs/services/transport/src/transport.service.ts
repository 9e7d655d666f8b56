import { Module } from '@nestjs/common';
import { MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';
import { TransportDashboardModule } from './dashboard/dashboard.module';
import { Vehicles1764202200000 } from './migrations/1764202200000-vehicles';
import { VehicleRecord } from './vehicles/vehicle.entity';
import { VehiclesModule } from './vehicles/vehicles.module';

@Module({ imports: [VehiclesModule, TransportDashboardModule] })
export class TransportModule {}

export const transportService: ServiceDefinition = {
  name: 'transport',
  title: 'Houqin transport',
  description: 'Official vehicles (公务用车), drivers, trip requests and approvals, dispatch, trip logs and external rentals.',
  module: TransportModule,
  persistence: {
    entities: [VehicleRecord],
    migrations: [MessagingTables1764201600000, Vehicles1764202200000],
  },
};
