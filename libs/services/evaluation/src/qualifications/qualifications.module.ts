import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { Qualifications1766640000000 } from './migrations/1766640000000-qualifications';
import { QualificationRecord, QualificationTermRecord, TrainingRecordRecord } from './qualification.entity';
import { QualificationSweep } from './qualification-sweep';
import { QualificationsController } from './qualifications.controller';
import { QualificationsRepository } from './qualifications.repository';
import { QualificationsService } from './qualifications.service';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const QUALIFICATION_ENTITIES: Array<new () => object> = [QualificationRecord, QualificationTermRecord, TrainingRecordRecord];
export const QUALIFICATION_MIGRATIONS: Array<new () => MigrationInterface> = [Qualifications1766640000000];

/** Qualifications and training (团队建设与能力建设): certificates with expiry warnings, and training records. */
@Module({
  controllers: [QualificationsController],
  providers: [QualificationsRepository, QualificationsService, QualificationSweep],
})
export class QualificationsModule {}
