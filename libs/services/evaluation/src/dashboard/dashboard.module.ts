import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { EvaluationDashboardService } from './dashboard.service';

@Module({ controllers: [DashboardController], providers: [EvaluationDashboardService] })
export class EvaluationDashboardModule {}
