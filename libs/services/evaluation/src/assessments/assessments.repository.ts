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

  /**
   * The overall scores a scorecard of the period counts, oldest first: of every evaluator
   * organisation, its latest submitted assessment of the vendor for the period and for each period
   * inside it (a year's scorecard counts its quarters' and months' assessments). An organisation that
   * assesses the same period again replaces its earlier score rather than adding to it, so no
   * organisation weighs more by submitting more.
   */
  async submittedScores(manager: EntityManager, agencyId: string, vendorId: string, serviceType: ServiceType, period: Period): Promise<Array<{ assessmentId: string; score: number }>> {
    const rows = (await manager.query(
      `SELECT id, overall_score FROM (
         SELECT DISTINCT ON (organisation_id, period) id, overall_score, submitted_at
           FROM assessment
          WHERE agency_id = $1 AND vendor_id = $2 AND service_type = $3 AND period = ANY($4::text[]) AND status = 'submitted'
          ORDER BY organisation_id, period, submitted_at DESC, id DESC
       ) latest
       ORDER BY submitted_at, id`,
      [agencyId, vendorId.toLowerCase(), serviceType, periodsWithin(period)],
    )) as Array<{ id: string; overall_score: string }>;
    return rows.map((row) => ({ assessmentId: row.id, score: Number(row.overall_score) }));
  }

  /** The vendors with a submitted assessment of the service type and period. */
  async vendorsAssessed(manager: EntityManager, agencyId: string, serviceType: ServiceType, period: Period): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT vendor_id FROM assessment WHERE agency_id = $1 AND service_type = $2 AND period = ANY($3::text[]) AND status = 'submitted' ORDER BY vendor_id`,
      [agencyId, serviceType, periodsWithin(period)],
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

/** The keys of a period and of every period inside it: a year's quarters and months, a quarter's months. */
export function periodsWithin(period: Period): string[] {
  const year = period.key.slice(0, 4);
  const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  switch (period.kind) {
    case 'month':
      return [period.key];
    case 'quarter': {
      const first = (Number(period.key.slice(-1)) - 1) * 3 + 1;
      return [period.key, month(first), month(first + 1), month(first + 2)];
    }
    case 'year':
      return [period.key, ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), ...Array.from({ length: 12 }, (_, i) => month(i + 1))];
  }
}
