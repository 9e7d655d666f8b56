import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { MaintenanceDashboardService } from './dashboard.service';

@Module({ controllers: [DashboardController], providers: [MaintenanceDashboardService] })
export class MaintenanceDashboardModule {}
