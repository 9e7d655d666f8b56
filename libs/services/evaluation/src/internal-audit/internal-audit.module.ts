import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { InternalAuditSweep } from './internal-audit-sweep';
import { InternalAuditController } from './internal-audit.controller';
import { AuditFindingRecord, AuditPlanRecord, AuditTaskRecord } from './internal-audit.entity';
import { InternalAuditRepository } from './internal-audit.repository';
import { InternalAuditService } from './internal-audit.service';
import { InternalAudit1766660000000 } from './migrations/1766660000000-internal-audit';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const INTERNAL_AUDIT_ENTITIES: Array<new () => object> = [AuditPlanRecord, AuditTaskRecord, AuditFindingRecord];
export const INTERNAL_AUDIT_MIGRATIONS: Array<new () => MigrationInterface> = [InternalAudit1766660000000];

/** Internal audit (内部审计): plans, self-check and cross-check tasks, findings and their rectification. */
@Module({
  controllers: [InternalAuditController],
  providers: [InternalAuditRepository, InternalAuditService, InternalAuditSweep],
})
export class InternalAuditModule {}
