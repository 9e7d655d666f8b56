import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { KpiDefinitionOverrideRecord, KpiFactRecord, KpiValueRecord } from './kpi.entities';
import { KpiDefinitionsRepository } from './kpi-definitions.repository';
import { KpiFactsRepository } from './kpi-facts.repository';
import { KpiValuesRepository } from './kpi-values.repository';
import { Kpis1766000000000 } from './migrations/1766000000000-kpis';
import { KpisController } from './kpis.controller';
import { KpisHandlers } from './kpis.handlers';
import { KpisService } from './kpis.service';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const KPI_ENTITIES: Array<new () => object> = [KpiDefinitionOverrideRecord, KpiFactRecord, KpiValueRecord];
export const KPI_MIGRATIONS: Array<new () => MigrationInterface> = [Kpis1766000000000];

/** KPIs (绩效指标): definitions, facts folded from events, values per party and period; exports KpiValuesRepository for scorecards. */
@Module({
  controllers: [KpisController, KpisHandlers],
  providers: [KpisService, KpiDefinitionsRepository, KpiFactsRepository, KpiValuesRepository],
  exports: [KpiValuesRepository, KpiDefinitionsRepository, KpisService],
})
export class KpisModule {}
