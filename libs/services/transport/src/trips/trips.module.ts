import { Module } from '@nestjs/common';
import { DispatchController } from '../dispatch/dispatch.controller';
import { DispatchService } from '../dispatch/dispatch.service';
import { DriversModule } from '../drivers/drivers.module';
import { RentalsModule } from '../rentals/rentals.module';
import { RentalResponseSweep } from './rental-response-sweep';
import { TripsController } from './trips.controller';
import { TripsRepository } from './trips.repository';
import { TripsService } from './trips.service';

/** Trip requests and approvals, dispatch (fleet or rental), and trip logs. */
@Module({ imports: [DriversModule, RentalsModule], controllers: [TripsController, DispatchController], providers: [TripsService, TripsRepository, DispatchService, RentalResponseSweep] })
export class TripsModule {}
