import { Module } from '@nestjs/common';
import { RentalsController } from './rentals.controller';
import { RentalsHandlers } from './rentals.handlers';
import { RentalsRepository } from './rentals.repository';
import { RentalsService } from './rentals.service';

@Module({ controllers: [RentalsController, RentalsHandlers], providers: [RentalsService, RentalsRepository], exports: [RentalsRepository] })
export class RentalsModule {}
