import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const INTERNAL_AUDIT_ENTITIES: Array<new () => object> = [];
export const INTERNAL_AUDIT_MIGRATIONS: Array<new () => MigrationInterface> = [];

/** Internal audit (内部审计): plans, self-check and cross-check tasks, findings. */
@Module({})
export class InternalAuditModule {}
