import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { AssessmentsModule } from '../assessments/assessments.module';
import { KpiValuesRepository } from '../kpis/kpi-values.repository';
import { KpisModule } from '../kpis/kpis.module';
import { SurveysModule } from '../surveys/surveys.module';
import { Scorecards1766250000000 } from './migrations/1766250000000-scorecards';
import { KPI_SOURCE, ScorecardCalculator } from './scorecard-calculator';
import { ScorecardPoliciesRepository } from './scorecard-policies.repository';
import { ScorecardPolicyRecord, ScorecardRecord } from './scorecard.entity';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsRepository } from './scorecards.repository';
import { ScorecardsService } from './scorecards.service';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const SCORECARD_ENTITIES: Array<new () => object> = [ScorecardPolicyRecord, ScorecardRecord];
export const SCORECARD_MIGRATIONS: Array<new () => MigrationInterface> = [Scorecards1766250000000];

/** Scorecards (考核记分卡): KPIs, surveys and third-party assessments weighted into one score per party and period. */
@Module({
  imports: [KpisModule, SurveysModule, AssessmentsModule],
  controllers: [ScorecardsController],
  providers: [{ provide: KPI_SOURCE, useExisting: KpiValuesRepository }, ScorecardCalculator, ScorecardPoliciesRepository, ScorecardsRepository, ScorecardsService],
  exports: [ScorecardsService],
})
export class ScorecardsModule {}
