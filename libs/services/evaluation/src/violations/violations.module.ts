import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const VIOLATION_ENTITIES: Array<new () => object> = [];
export const VIOLATION_MIGRATIONS: Array<new () => MigrationInterface> = [];

/** Violations (违规) and the penalties they carry. */
@Module({})
export class ViolationsModule {}
