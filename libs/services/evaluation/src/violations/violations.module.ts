import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { Violations1766420000000 } from './migrations/1766420000000-violations';
import { PenaltyTermsRepository } from './penalty-terms.repository';
import { ViolationRecord } from './violation.entity';
import { ViolationsController } from './violations.controller';
import { ViolationHandlers } from './violations.handlers';
import { ViolationsRepository } from './violations.repository';
import { ViolationsService } from './violations.service';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const VIOLATION_ENTITIES: Array<new () => object> = [ViolationRecord];
export const VIOLATION_MIGRATIONS: Array<new () => MigrationInterface> = [Violations1766420000000];

/** Violations (违规) and the penalties they carry; sanctions and accountability read them through ViolationsRepository. */
@Module({
  controllers: [ViolationsController, ViolationHandlers],
  providers: [ViolationsService, ViolationsRepository, PenaltyTermsRepository],
  exports: [ViolationsRepository, ViolationsService],
})
export class ViolationsModule {}
