import { Module } from '@nestjs/common';
import { IdempotentCommands1767500000000, MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';
import { TransportDashboardModule } from './dashboard/dashboard.module';
import { DriverRecord } from './drivers/driver.entity';
import { DriversModule } from './drivers/drivers.module';
import { FleetDocumentsModule } from './fleet-documents/fleet-documents.module';
import { FleetTrips1767200000000 } from './migrations/1767200000000-fleet-trips';
import { RentalResponse1767400000000 } from './migrations/1767400000000-rental-response';
import { RentalsModule } from './rentals/rentals.module';
import { TripRecord } from './trips/trip.entity';
import { TripsModule } from './trips/trips.module';
import { Vehicles1764202200000 } from './migrations/1764202200000-vehicles';
import { VehicleServiceSchedule1765250000000 } from './migrations/1765250000000-vehicle-service-schedule';
import { ServiceScheduleModule } from './service-schedule/service-schedule.module';
import { transportEnvironment } from './transport.config';
import { VehicleOdometerReadingRecord, VehicleRecord } from './vehicles/vehicle.entity';
import { VehiclesModule } from './vehicles/vehicles.module';

@Module({ imports: [VehiclesModule, ServiceScheduleModule, TransportDashboardModule, DriversModule, RentalsModule, TripsModule, FleetDocumentsModule] })
export class TransportModule {}

export const transportService: ServiceDefinition = {
  name: 'transport',
  title: 'Houqin transport',
  description: 'Official vehicles (公务用车), drivers, trip requests and approvals, dispatch, trip logs and external rentals.',
  module: TransportModule,
  persistence: {
    entities: [VehicleRecord, VehicleOdometerReadingRecord, DriverRecord, TripRecord],
    migrations: [MessagingTables1764201600000, IdempotentCommands1767500000000, Vehicles1764202200000, VehicleServiceSchedule1765250000000, FleetTrips1767200000000, RentalResponse1767400000000],
  },
  environment: transportEnvironment,
};
