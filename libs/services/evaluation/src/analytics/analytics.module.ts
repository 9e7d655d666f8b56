import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const ANALYTICS_ENTITIES: Array<new () => object> = [];
export const ANALYTICS_MIGRATIONS: Array<new () => MigrationInterface> = [];

@Module({})
export class AnalyticsModule {}
