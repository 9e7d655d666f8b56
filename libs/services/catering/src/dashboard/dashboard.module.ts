import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { CateringDashboardService } from './dashboard.service';

@Module({ controllers: [DashboardController], providers: [CateringDashboardService] })
export class CateringDashboardModule {}
