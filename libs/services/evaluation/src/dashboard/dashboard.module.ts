import { Module } from '@nestjs/common';
import { EvaluationDashboardController } from './dashboard.controller';
import { EvaluationDashboardService } from './dashboard.service';

@Module({ controllers: [EvaluationDashboardController], providers: [EvaluationDashboardService] })
export class EvaluationDashboardModule {}
