import { Module } from '@nestjs/common';
import { CateringDashboardController } from './dashboard.controller';
import { CateringDashboardService } from './dashboard.service';

@Module({ controllers: [CateringDashboardController], providers: [CateringDashboardService] })
export class CateringDashboardModule {}
