import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { AuditTrail1764201800000 } from '../migrations/1764201800000-audit-trail';
import { AuditChainHeadRecord, AuditChainPublicationRecord, AuditEntryRecord } from './audit-entry.entity';
import { AuditChainHeadSweep } from './audit-chain-head-sweep';
import { AuditTrailController } from './audit-trail.controller';
import { AuditTrailHandlers } from './audit-trail.handlers';
import { AuditTrailService } from './audit-trail.service';
import { AuditTrailQueriesAndPublishedHeads1766950000000 } from './migrations/1766950000000-audit-trail-queries-and-published-heads';

/** The tables and migrations of the audit trail, registered by evaluation.service.ts. */
export const AUDIT_TRAIL_ENTITIES: Array<new () => object> = [AuditEntryRecord, AuditChainHeadRecord, AuditChainPublicationRecord];
export const AUDIT_TRAIL_MIGRATIONS: Array<new () => MigrationInterface> = [AuditTrail1764201800000, AuditTrailQueriesAndPublishedHeads1766950000000];

/** The tamper-evident audit trail (审计留痕): every business event, hash-chained per agency, its head published. */
@Module({ controllers: [AuditTrailController, AuditTrailHandlers], providers: [AuditTrailService, AuditChainHeadSweep] })
export class AuditTrailModule {}
