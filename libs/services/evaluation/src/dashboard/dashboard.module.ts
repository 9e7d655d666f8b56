import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { DashboardController } from './dashboard.controller';
import { EvaluationDashboardService } from './dashboard.service';

@Module({ imports: [AnalyticsModule], controllers: [DashboardController], providers: [EvaluationDashboardService] })
export class EvaluationDashboardModule {}
