import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { Sanctions1766560000000 } from './migrations/1766560000000-sanctions';
import { SanctionOffenceRecord, SanctionProposalRecord, SanctionRecord, SanctionRuleSetRecord } from './sanction.entity';
import { SanctionHandlers } from './sanction.handlers';
import { SanctionSweep } from './sanction-sweep';
import { SanctionsController } from './sanctions.controller';
import { SanctionsRepository } from './sanctions.repository';
import { SanctionsService } from './sanctions.service';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const SANCTION_ENTITIES: Array<new () => object> = [SanctionOffenceRecord, SanctionRuleSetRecord, SanctionProposalRecord, SanctionRecord];
export const SANCTION_MIGRATIONS: Array<new () => MigrationInterface> = [Sanctions1766560000000];

/** Sanction rules, proposals and sanctions (处罚): offences in, proposals confirmed by a human or automatically, vendor.sanctioned and vendor.reinstated out. */
@Module({
  controllers: [SanctionsController, SanctionHandlers],
  providers: [SanctionsRepository, SanctionsService, SanctionSweep],
  exports: [SanctionsService],
})
export class SanctionsModule {}
