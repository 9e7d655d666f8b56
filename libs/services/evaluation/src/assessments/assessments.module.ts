import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { AssessmentRecord, EvaluatorOrganisationRecord } from './assessment.entity';
import { AssessmentsController, EvaluatorOrganisationsController } from './assessments.controller';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentsService } from './assessments.service';
import { EvaluatorOrganisationsRepository } from './evaluator-organisations.repository';
import { Assessments1766200000000 } from './migrations/1766200000000-assessments';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const ASSESSMENT_ENTITIES: Array<new () => object> = [EvaluatorOrganisationRecord, AssessmentRecord];
export const ASSESSMENT_MIGRATIONS: Array<new () => MigrationInterface> = [Assessments1766200000000];

/** Third-party assessments (第三方评估); scorecards read the submitted scores through AssessmentsRepository. */
@Module({
  controllers: [EvaluatorOrganisationsController, AssessmentsController],
  providers: [AssessmentsService, AssessmentsRepository, EvaluatorOrganisationsRepository],
  exports: [AssessmentsRepository],
})
export class AssessmentsModule {}
