import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const SURVEY_ENTITIES: Array<new () => object> = [];
export const SURVEY_MIGRATIONS: Array<new () => MigrationInterface> = [];

@Module({})
export class SurveysModule {}
