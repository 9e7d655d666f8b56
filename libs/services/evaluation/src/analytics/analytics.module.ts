import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { KpisModule } from '../kpis/kpis.module';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { SurveysModule } from '../surveys/surveys.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { ExportsController } from './exports.controller';
import { VendorDirectory1766300000000 } from './migrations/1766300000000-vendor-directory';
import { VendorDirectory, VendorDirectoryHandlers } from './vendor-directory';

/** Analytics reads the KPI, survey and scorecard figures; its one table names the vendors. */
export const ANALYTICS_ENTITIES: Array<new () => object> = [];
export const ANALYTICS_MIGRATIONS: Array<new () => MigrationInterface> = [VendorDirectory1766300000000];

@Module({
  imports: [KpisModule, SurveysModule, ScorecardsModule],
  controllers: [AnalyticsController, ExportsController, VendorDirectoryHandlers],
  providers: [AnalyticsService, AnalyticsRepository, VendorDirectory],
  exports: [AnalyticsRepository],
})
export class AnalyticsModule {}
