import { Module } from '@nestjs/common';
import { ProcurementDashboardController } from './dashboard.controller';
import { ProcurementDashboardService } from './dashboard.service';

@Module({ controllers: [ProcurementDashboardController], providers: [ProcurementDashboardService] })
export class ProcurementDashboardModule {}
