import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const COMPLAINT_ENTITIES: Array<new () => object> = [];
export const COMPLAINT_MIGRATIONS: Array<new () => MigrationInterface> = [];

/** Complaints (投诉). */
@Module({})
export class ComplaintsModule {}
