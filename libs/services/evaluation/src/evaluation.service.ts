import { Module } from '@nestjs/common';
import { IdempotentCommands1767500000000, MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';
import { ANALYTICS_ENTITIES, ANALYTICS_MIGRATIONS, AnalyticsModule } from './analytics/analytics.module';
import { ASSESSMENT_ENTITIES, ASSESSMENT_MIGRATIONS, AssessmentsModule } from './assessments/assessments.module';
import { AUDIT_TRAIL_ENTITIES, AUDIT_TRAIL_MIGRATIONS, AuditTrailModule } from './audit-trail/audit-trail.module';
import { EvaluationDashboardModule } from './dashboard/dashboard.module';
import { evaluationEnvironment } from './evaluation.config';
import { KPI_ENTITIES, KPI_MIGRATIONS, KpisModule } from './kpis/kpis.module';
import { SCORECARD_ENTITIES, SCORECARD_MIGRATIONS, ScorecardsModule } from './scorecards/scorecards.module';
import { COMPLAINT_ENTITIES, COMPLAINT_MIGRATIONS, ComplaintsModule } from './complaints/complaints.module';
import { VIOLATION_ENTITIES, VIOLATION_MIGRATIONS, ViolationsModule } from './violations/violations.module';
import { RECTIFICATION_ENTITIES, RECTIFICATION_MIGRATIONS, RectificationsModule } from './rectifications/rectifications.module';
import { SANCTION_ENTITIES, SANCTION_MIGRATIONS, SanctionsModule } from './sanctions/sanctions.module';
import { INTERNAL_AUDIT_ENTITIES, INTERNAL_AUDIT_MIGRATIONS, InternalAuditModule } from './internal-audit/internal-audit.module';
import { QUALIFICATION_ENTITIES, QUALIFICATION_MIGRATIONS, QualificationsModule } from './qualifications/qualifications.module';
import { ACCOUNTABILITY_ENTITIES, ACCOUNTABILITY_MIGRATIONS, AccountabilityModule } from './accountability/accountability.module';
import { SURVEY_ENTITIES, SURVEY_MIGRATIONS, SurveysModule } from './surveys/surveys.module';

@Module({
  imports: [
    AuditTrailModule, EvaluationDashboardModule, KpisModule, SurveysModule, AssessmentsModule, ScorecardsModule, AnalyticsModule,
    ComplaintsModule, ViolationsModule, RectificationsModule, SanctionsModule, InternalAuditModule, QualificationsModule, AccountabilityModule,
  ],
})
export class EvaluationModule {}

export const evaluationService: ServiceDefinition = {
  name: 'evaluation',
  title: 'Houqin evaluation',
  description: 'Performance evaluation, surveys, complaints, sanctions, scorecards and the tamper-evident audit trail.',
  module: EvaluationModule,
  persistence: {
    entities: [...AUDIT_TRAIL_ENTITIES, ...KPI_ENTITIES, ...SURVEY_ENTITIES, ...ASSESSMENT_ENTITIES, ...SCORECARD_ENTITIES,
      ...ANALYTICS_ENTITIES,
      ...COMPLAINT_ENTITIES,
      ...VIOLATION_ENTITIES,
      ...RECTIFICATION_ENTITIES,
      ...SANCTION_ENTITIES,
      ...INTERNAL_AUDIT_ENTITIES,
      ...QUALIFICATION_ENTITIES,
      ...ACCOUNTABILITY_ENTITIES,
    ],
    // Migrations run in timestamp order whatever their place here.
    migrations: [MessagingTables1764201600000, IdempotentCommands1767500000000, ...AUDIT_TRAIL_MIGRATIONS, ...KPI_MIGRATIONS, ...SURVEY_MIGRATIONS, ...ASSESSMENT_MIGRATIONS, ...SCORECARD_MIGRATIONS,
      ...ANALYTICS_MIGRATIONS,
      ...COMPLAINT_MIGRATIONS,
      ...VIOLATION_MIGRATIONS,
      ...RECTIFICATION_MIGRATIONS,
      ...SANCTION_MIGRATIONS,
      ...INTERNAL_AUDIT_MIGRATIONS,
      ...QUALIFICATION_MIGRATIONS,
      ...ACCOUNTABILITY_MIGRATIONS,
    ],
  },
  environment: evaluationEnvironment,
};
