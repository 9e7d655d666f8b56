import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import { findInAgency } from '@houqin/persistence';
import { EvaluatedParty, ServiceType, parseParty, partyKey } from '../kpis/domain/evaluated-party';
import { Period, parsePeriod } from '../kpis/domain/period';
import type { Scorecard, ScorecardContent, ScorecardStatus } from './domain/scorecard';
import { ScorecardRecord } from './scorecard.entity';

export interface ScorecardFilter {
  party?: string | undefined;
  serviceType?: ServiceType | undefined;
  period?: string | undefined;
  /** Only the current versions (not superseded). */
  currentOnly?: boolean | undefined;
}

type StoredContent = Pick<ScorecardContent, 'kpi' | 'survey' | 'thirdParty' | 'weights' | 'appliedWeights' | 'missing' | 'thresholds' | 'trend'> & { computedAt: string };

/** Published scorecards, one row per version; a version is inserted once and only ever marked superseded. */
@Injectable()
export class ScorecardsRepository {
  async load(manager: EntityManager, agencyId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<Scorecard> {
    const record = await findInAgency(manager, ScorecardRecord, { id, agencyId, aggregate: 'scorecard', forUpdate: options.forUpdate ?? false });
    return toDomain(record);
  }

  /**
   * Serialises publications of one party's scorecard for a service type and period (a transaction
   * lock), so two publications cannot both become version 1.
   */
  async lockSubject(manager: EntityManager, agencyId: string, party: EvaluatedParty, serviceType: ServiceType, period: Period): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`scorecard:${agencyId}:${partyKey(party)}:${serviceType}:${period.key}`]);
  }

  /** The current (published, not superseded) version, if any. */
  async current(manager: EntityManager, agencyId: string, party: EvaluatedParty, serviceType: ServiceType, period: Period): Promise<Scorecard | null> {
    const record = await manager.findOne(ScorecardRecord, { where: { agencyId, party: partyKey(party), serviceType, period: period.key, status: 'published' } });
    return record ? toDomain(record) : null;
  }

  async insert(manager: EntityManager, scorecard: Scorecard): Promise<void> {
    await manager.insert(ScorecardRecord, toRecord(scorecard));
  }

  /** The one change a published version takes. */
  async markSuperseded(manager: EntityManager, scorecard: Scorecard): Promise<void> {
    const result = await manager.update(
      ScorecardRecord,
      { id: scorecard.id, status: 'published' },
      { status: 'superseded', supersededBy: scorecard.supersededBy ?? null, supersededAt: scorecard.supersededAt ?? null },
    );
    if (result.affected !== 1) throw new NotFoundError('scorecard', scorecard.id);
  }

  /** Latest period first, then the latest version. */
  async list(manager: EntityManager, agencyId: string, filter: ScorecardFilter, limit: number): Promise<Scorecard[]> {
    const query = manager.createQueryBuilder(ScorecardRecord, 's').where('s.agency_id = :agencyId', { agencyId });
    if (filter.party) query.andWhere('s.party = :party', { party: filter.party.toLowerCase() });
    if (filter.serviceType) query.andWhere('s.service_type = :serviceType', { serviceType: filter.serviceType });
    if (filter.period) query.andWhere('s.period = :period', { period: filter.period });
    if (filter.currentOnly) query.andWhere(`s.status = 'published'`);
    const records = await query.orderBy('s.period_end', 'DESC').addOrderBy('s.period_start', 'DESC').addOrderBy('s.service_type').addOrderBy('s.version', 'DESC').take(limit).getMany();
    return records.map(toDomain);
  }

  /** Every version of one party's scorecard for a service type and period, first version first. */
  async versions(manager: EntityManager, agencyId: string, party: EvaluatedParty, serviceType: ServiceType, period: Period): Promise<Scorecard[]> {
    const records = await manager.find(ScorecardRecord, { where: { agencyId, party: partyKey(party), serviceType, period: period.key }, order: { version: 'ASC' } });
    return records.map(toDomain);
  }
}

export function toDomain(record: ScorecardRecord): Scorecard {
  const content = record.content as unknown as StoredContent;
  const period = parsePeriod(record.period);
  return {
    id: record.id,
    agencyId: record.agencyId,
    party: parseParty(record.party),
    serviceType: record.serviceType,
    period,
    kpi: content.kpi,
    survey: content.survey,
    thirdParty: content.thirdParty,
    weights: content.weights,
    appliedWeights: content.appliedWeights,
    missing: content.missing,
    thresholds: content.thresholds,
    score: record.score,
    standing: record.standing,
    rank: record.rank,
    rankedAmong: record.rankedAmong,
    trend: content.trend,
    computedAt: new Date(content.computedAt),
    version: record.version,
    status: record.status as ScorecardStatus,
    publishedBy: record.publishedBy,
    publishedAt: record.publishedAt,
    ...(record.correctionOf ? { correctionOf: record.correctionOf } : {}),
    ...(record.reason ? { reason: record.reason } : {}),
    ...(record.supersededBy ? { supersededBy: record.supersededBy } : {}),
    ...(record.supersededAt ? { supersededAt: record.supersededAt } : {}),
  };
}

export function toRecord(scorecard: Scorecard): ScorecardRecord {
  const content: StoredContent = {
    kpi: scorecard.kpi,
    survey: scorecard.survey,
    thirdParty: scorecard.thirdParty,
    weights: scorecard.weights,
    appliedWeights: scorecard.appliedWeights,
    missing: scorecard.missing,
    thresholds: scorecard.thresholds,
    trend: scorecard.trend,
    computedAt: scorecard.computedAt.toISOString(),
  };
  return {
    id: scorecard.id,
    agencyId: scorecard.agencyId,
    party: partyKey(scorecard.party),
    vendorId: scorecard.party.kind === 'vendor' ? scorecard.party.vendorId : null,
    serviceType: scorecard.serviceType,
    period: scorecard.period.key,
    periodKind: scorecard.period.kind,
    periodStart: scorecard.period.start,
    periodEnd: scorecard.period.end,
    version: scorecard.version,
    status: scorecard.status,
    score: scorecard.score,
    standing: scorecard.standing,
    rank: scorecard.rank,
    rankedAmong: scorecard.rankedAmong,
    content: JSON.parse(JSON.stringify(content)) as object,
    publishedBy: scorecard.publishedBy,
    publishedAt: scorecard.publishedAt,
    correctionOf: scorecard.correctionOf ?? null,
    reason: scorecard.reason ?? null,
    supersededBy: scorecard.supersededBy ?? null,
    supersededAt: scorecard.supersededAt ?? null,
  };
}
