import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';

/** Analytics reads the KPI and survey tables; it keeps no tables of its own. */
export const ANALYTICS_ENTITIES: Array<new () => object> = [];
export const ANALYTICS_MIGRATIONS: Array<new () => MigrationInterface> = [];

@Module({ controllers: [AnalyticsController], providers: [AnalyticsService, AnalyticsRepository], exports: [AnalyticsRepository] })
export class AnalyticsModule {}
