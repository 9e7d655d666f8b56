import { Module } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import { ComplaintEvidenceRecord, ComplaintRecord } from './complaint.entity';
import { ComplaintRepository } from './complaint.repository';
import { ComplaintSweep } from './complaint-sweep';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';
import { Complaints1766401000000 } from './migrations/1766401000000-complaints';

/** The tables and migrations of this capability, registered by evaluation.service.ts. */
export const COMPLAINT_ENTITIES: Array<new () => object> = [ComplaintRecord, ComplaintEvidenceRecord];
export const COMPLAINT_MIGRATIONS: Array<new () => MigrationInterface> = [Complaints1766401000000];

/** Complaints (投诉): filed by the agency's people, triaged, investigated, decided within a deadline, appealed once. */
@Module({
  controllers: [ComplaintsController],
  providers: [ComplaintRepository, ComplaintsService, ComplaintSweep],
})
export class ComplaintsModule {}
