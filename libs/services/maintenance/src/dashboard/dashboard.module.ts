import { Module } from '@nestjs/common';
import { MaintenanceDashboardController } from './dashboard.controller';
import { MaintenanceDashboardService } from './dashboard.service';

@Module({ controllers: [MaintenanceDashboardController], providers: [MaintenanceDashboardService] })
export class MaintenanceDashboardModule {}
