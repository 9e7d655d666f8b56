import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const RECTIFICATION_ENTITIES: Array<new () => object> = [];
export const RECTIFICATION_MIGRATIONS: Array<new () => MigrationInterface> = [];

/** Rectification notices (整改通知). */
@Module({})
export class RectificationsModule {}
