import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const SCORECARD_ENTITIES: Array<new () => object> = [];
export const SCORECARD_MIGRATIONS: Array<new () => MigrationInterface> = [];

@Module({})
export class ScorecardsModule {}
