import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import { findInAgency } from '@houqin/persistence';
import type { ServiceType } from '../kpis/domain/evaluated-party';
import { Period, parsePeriod } from '../kpis/domain/period';
import { Assessment, AssessmentStatus } from './domain/assessment';
import { AssessmentRecord } from './assessment.entity';

export interface AssessmentFilter {
  /** Only this organisation's (an evaluator sees its own organisation's). */
  organisationId?: string | undefined;
  vendorId?: string | undefined;
  serviceType?: ServiceType | undefined;
  period?: string | undefined;
  status?: AssessmentStatus | undefined;
}

/** Third-party assessments, loaded and saved whole; the submitted scores scorecards read. */
@Injectable()
export class AssessmentsRepository {
  async load(manager: EntityManager, agencyId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<{ assessment: Assessment; version: number }> {
    const record = await findInAgency(manager, AssessmentRecord, { id, agencyId, aggregate: 'assessment', forUpdate: options.forUpdate ?? false });
    return { assessment: toDomain(record), version: record.version };
  }

  async insert(manager: EntityManager, assessment: Assessment): Promise<void> {
    await manager.insert(AssessmentRecord, toRecord(assessment, 1));
  }

  async save(manager: EntityManager, assessment: Assessment, version: number): Promise<void> {
    const result = await manager.update(AssessmentRecord, { id: assessment.id, version }, toRecord(assessment, version + 1));
    if (result.affected !== 1) throw new NotFoundError('assessment', assessment.id);
  }

  async list(manager: EntityManager, agencyId: string, filter: AssessmentFilter, limit: number): Promise<Assessment[]> {
    const where: FindOptionsWhere<AssessmentRecord> = { agencyId };
    if (filter.organisationId) where.organisationId = filter.organisationId;
    if (filter.vendorId) where.vendorId = filter.vendorId.toLowerCase();
    if (filter.serviceType) where.serviceType = filter.serviceType;
    if (filter.period) where.period = filter.period;
    if (filter.status) where.status = filter.status;
    const records = await manager.find(AssessmentRecord, { where, order: { draftedAt: 'DESC' }, take: limit });
    return records.map(toDomain);
  }

  /** The overall scores of the submitted assessments of a vendor, service type and period, oldest first. */
  async submittedScores(manager: EntityManager, agencyId: string, vendorId: string, serviceType: ServiceType, period: Period): Promise<Array<{ assessmentId: string; score: number }>> {
    const rows = (await manager.query(
      `SELECT id, overall_score FROM assessment
        WHERE agency_id = $1 AND vendor_id = $2 AND service_type = $3 AND period = $4 AND status = 'submitted'
        ORDER BY submitted_at, id`,
      [agencyId, vendorId.toLowerCase(), serviceType, period.key],
    )) as Array<{ id: string; overall_score: string }>;
    return rows.map((row) => ({ assessmentId: row.id, score: Number(row.overall_score) }));
  }

  /** The vendors with a submitted assessment of the service type and period. */
  async vendorsAssessed(manager: EntityManager, agencyId: string, serviceType: ServiceType, period: Period): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT vendor_id FROM assessment WHERE agency_id = $1 AND service_type = $2 AND period = $3 AND status = 'submitted' ORDER BY vendor_id`,
      [agencyId, serviceType, period.key],
    )) as Array<{ vendor_id: string }>;
    return rows.map((row) => row.vendor_id);
  }
}

export function toDomain(record: AssessmentRecord): Assessment {
  return {
    id: record.id,
    agencyId: record.agencyId,
    organisationId: record.organisationId,
    vendorId: record.vendorId,
    serviceType: record.serviceType,
    period: parsePeriod(record.period),
    criteria: record.criteria,
    scores: record.scores,
    evidence: record.evidence,
    ...(record.summary ? { summary: record.summary } : {}),
    status: record.status,
    draftedBy: record.draftedBy,
    draftedAt: record.draftedAt,
    updatedAt: record.updatedAt,
    ...(record.submittedBy ? { submittedBy: record.submittedBy } : {}),
    ...(record.submittedAt ? { submittedAt: record.submittedAt } : {}),
    ...(record.overallScore !== null ? { overallScore: record.overallScore } : {}),
  };
}

export function toRecord(assessment: Assessment, version: number): AssessmentRecord {
  return {
    id: assessment.id,
    agencyId: assessment.agencyId,
    organisationId: assessment.organisationId,
    vendorId: assessment.vendorId,
    serviceType: assessment.serviceType,
    period: assessment.period.key,
    periodStart: assessment.period.start,
    periodEnd: assessment.period.end,
    criteria: assessment.criteria,
    scores: assessment.scores,
    evidence: assessment.evidence,
    summary: assessment.summary ?? null,
    status: assessment.status,
    draftedBy: assessment.draftedBy,
    draftedAt: assessment.draftedAt,
    updatedAt: assessment.updatedAt,
    submittedBy: assessment.submittedBy ?? null,
    submittedAt: assessment.submittedAt ?? null,
    overallScore: assessment.overallScore ?? null,
    version,
  };
}
