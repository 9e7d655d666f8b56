import { Module } from '@nestjs/common';
import { MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';
import { AuditChainHeadRecord, AuditEntryRecord } from './audit-trail/audit-entry.entity';
import { AuditTrailModule } from './audit-trail/audit-trail.module';
import { EvaluationDashboardModule } from './dashboard/dashboard.module';
import { AuditTrail1764201800000 } from './migrations/1764201800000-audit-trail';

@Module({ imports: [AuditTrailModule, EvaluationDashboardModule] })
export class EvaluationModule {}

export const evaluationService: ServiceDefinition = {
  name: 'evaluation',
  title: 'Houqin evaluation',
  description: 'Performance evaluation, surveys, complaints, sanctions, scorecards and the tamper-evident audit trail.',
  module: EvaluationModule,
  persistence: {
    entities: [AuditEntryRecord, AuditChainHeadRecord],
    migrations: [MessagingTables1764201600000, AuditTrail1764201800000],
  },
};
