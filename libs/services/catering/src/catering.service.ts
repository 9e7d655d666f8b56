import { Module } from '@nestjs/common';
import { MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';
import { CanteenRecord } from './canteens/canteen.entity';
import { CanteensModule } from './canteens/canteens.module';
import { CateringDashboardModule } from './dashboard/dashboard.module';
import { Canteens1764202100000 } from './migrations/1764202100000-canteens';

@Module({ imports: [CanteensModule, CateringDashboardModule] })
export class CateringModule {}

export const cateringService: ServiceDefinition = {
  name: 'catering',
  title: 'Houqin catering',
  description: 'Canteens (食堂), menus, meal reservations and subsidies, serving and food-safety inspections.',
  module: CateringModule,
  persistence: {
    entities: [CanteenRecord],
    migrations: [MessagingTables1764201600000, Canteens1764202100000],
  },
};
