import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const ACCOUNTABILITY_ENTITIES: Array<new () => object> = [];
export const ACCOUNTABILITY_MIGRATIONS: Array<new () => MigrationInterface> = [];

/** The accountability record (问责). */
@Module({})
export class AccountabilityModule {}
