import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const SANCTION_ENTITIES: Array<new () => object> = [];
export const SANCTION_MIGRATIONS: Array<new () => MigrationInterface> = [];

/** Sanction rules, proposals and sanctions (处罚). */
@Module({})
export class SanctionsModule {}
