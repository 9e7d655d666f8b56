import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { AccountabilityController } from './accountability.controller';
import { AccountabilityEntryRecord } from './accountability.entity';
import { AccountabilityHandlers } from './accountability.handlers';
import { AccountabilityRepository } from './accountability.repository';
import { AccountabilityService } from './accountability.service';
import { Accountability1766960000000 } from './migrations/1766960000000-accountability';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const ACCOUNTABILITY_ENTITIES: Array<new () => object> = [AccountabilityEntryRecord];
export const ACCOUNTABILITY_MIGRATIONS: Array<new () => MigrationInterface> = [Accountability1766960000000];

/** The accountability record (问责). */
@Module({ controllers: [AccountabilityController, AccountabilityHandlers], providers: [AccountabilityService, AccountabilityRepository] })
export class AccountabilityModule {}
