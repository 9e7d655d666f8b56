import { Module } from '@nestjs/common';
import { DriversController } from './drivers.controller';
import { DriversRepository } from './drivers.repository';
import { DriversService } from './drivers.service';

@Module({ controllers: [DriversController], providers: [DriversService, DriversRepository], exports: [DriversRepository] })
export class DriversModule {}
