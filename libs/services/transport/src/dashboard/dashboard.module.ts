import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { TransportDashboardService } from './dashboard.service';

@Module({ controllers: [DashboardController], providers: [TransportDashboardService] })
export class TransportDashboardModule {}
