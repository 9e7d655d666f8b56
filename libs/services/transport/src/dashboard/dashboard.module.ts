import { Module } from '@nestjs/common';
import { TransportDashboardController } from './dashboard.controller';
import { TransportDashboardService } from './dashboard.service';

@Module({ controllers: [TransportDashboardController], providers: [TransportDashboardService] })
export class TransportDashboardModule {}
