import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { RectificationNotices1766500300000 } from './migrations/1766500300000-rectification-notices';
import { RectificationEscalationRecord, RectificationNoticeRecord } from './rectification.entity';
import { RectificationRepository } from './rectification.repository';
import { RectificationSweep } from './rectification-sweep';
import { RectificationsController } from './rectifications.controller';
import { RectificationsService } from './rectifications.service';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const RECTIFICATION_ENTITIES: Array<new () => object> = [RectificationNoticeRecord, RectificationEscalationRecord];
export const RECTIFICATION_MIGRATIONS: Array<new () => MigrationInterface> = [RectificationNotices1766500300000];

/** Rectification notices (整改通知): issued, answered with evidence, verified or sent back; overdue ones escalated once per deadline. */
@Module({
  controllers: [RectificationsController],
  providers: [RectificationRepository, RectificationsService, RectificationSweep],
})
export class RectificationsModule {}
