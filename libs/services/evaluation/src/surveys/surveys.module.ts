import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { FollowUpRepository } from './follow-up.repository';
import { SatisfactionSurveys1766100000000 } from './migrations/1766100000000-satisfaction-surveys';
import { SurveyResultsRepository } from './survey-results.repository';
import { SurveySweep } from './survey-sweep';
import { SurveyAnswerRecord, SurveyCancelledInstanceRecord, SurveyFollowUpRecord, SurveyRecord, SurveySamplingRecord } from './survey.entity';
import { SurveyHandlers } from './survey.handlers';
import { SurveyRepository } from './survey.repository';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const SURVEY_ENTITIES: Array<new () => object> = [SurveyRecord, SurveyAnswerRecord, SurveyFollowUpRecord, SurveySamplingRecord, SurveyCancelledInstanceRecord];
export const SURVEY_MIGRATIONS: Array<new () => MigrationInterface> = [SatisfactionSurveys1766100000000];

/** Satisfaction surveys (满意度调查): issued on completion, answered by the person served, reminded, expired, followed up. */
@Module({
  controllers: [SurveysController, SurveyHandlers],
  providers: [SurveyRepository, FollowUpRepository, SurveyResultsRepository, SurveysService, SurveySweep],
  exports: [SurveyResultsRepository],
})
export class SurveysModule {}
