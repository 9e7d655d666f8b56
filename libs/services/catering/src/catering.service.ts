import { Module } from '@nestjs/common';
import { IdempotentCommands1767500000000, MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';
import { CanteenRecord } from './canteens/canteen.entity';
import { CanteensModule } from './canteens/canteens.module';
import { CateringDashboardModule } from './dashboard/dashboard.module';
import { Canteens1764202100000 } from './migrations/1764202100000-canteens';
import { CateringOperations1767100000000 } from './migrations/1767100000000-catering-operations';
import { MealAccountHolds1767300000000 } from './migrations/1767300000000-meal-account-holds';
import { OperatorStandingLifts1767310000000 } from './migrations/1767310000000-operator-standing-lifts';
import { AccountsModule } from './accounts/accounts.module';
import { cateringEnvironment } from './catering.config';
import { InspectionsModule } from './inspections/inspections.module';
import { MenusModule } from './menus/menus.module';
import { OperatorsModule } from './operators/operators.module';
import { ReservationsModule } from './reservations/reservations.module';

@Module({ imports: [CanteensModule, CateringDashboardModule, OperatorsModule, AccountsModule, MenusModule, ReservationsModule, InspectionsModule] })
export class CateringModule {}

export const cateringService: ServiceDefinition = {
  name: 'catering',
  title: 'Houqin catering',
  description: 'Canteens (食堂), menus, meal reservations and subsidies, serving and food-safety inspections.',
  module: CateringModule,
  persistence: {
    entities: [CanteenRecord],
    migrations: [MessagingTables1764201600000, IdempotentCommands1767500000000, Canteens1764202100000, CateringOperations1767100000000, MealAccountHolds1767300000000, OperatorStandingLifts1767310000000],
  },
  environment: cateringEnvironment,
};
