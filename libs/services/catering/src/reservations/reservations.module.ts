import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { MenusModule } from '../menus/menus.module';
import { OperatorsModule } from '../operators/operators.module';
import { NoShowSweep } from './no-show-sweep';
import { ReservationsController } from './reservations.controller';
import { ReservationsRepository } from './reservations.repository';
import { ReservationsService } from './reservations.service';

@Module({ imports: [OperatorsModule, MenusModule, AccountsModule], controllers: [ReservationsController], providers: [ReservationsService, ReservationsRepository, NoShowSweep] })
export class ReservationsModule {}
