import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { ProcurementDashboardService } from './dashboard.service';

@Module({ controllers: [DashboardController], providers: [ProcurementDashboardService] })
export class ProcurementDashboardModule {}
