import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const ASSESSMENT_ENTITIES: Array<new () => object> = [];
export const ASSESSMENT_MIGRATIONS: Array<new () => MigrationInterface> = [];

@Module({})
export class AssessmentsModule {}
