import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const QUALIFICATION_ENTITIES: Array<new () => object> = [];
export const QUALIFICATION_MIGRATIONS: Array<new () => MigrationInterface> = [];

/** Qualifications and training (团队建设与能力建设). */
@Module({})
export class QualificationsModule {}
