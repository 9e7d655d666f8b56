import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import { parseParty, partyKey } from '../kpis/domain/evaluated-party';
import type { FollowUp, FollowUpStatus } from './domain/follow-up';
import { SurveyFollowUpRecord } from './survey.entity';

/** Follow-ups (回访) opened by low survey scores. */
@Injectable()
export class FollowUpRepository {
  async load(manager: EntityManager, scope: { agencyId: string }, id: string, options: { forUpdate: boolean }): Promise<{ followUp: FollowUp; version: number }> {
    const record = await manager.findOne(SurveyFollowUpRecord, { where: { id, agencyId: scope.agencyId }, ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!record) throw new NotFoundError('follow-up', id);
    return { followUp: toDomain(record), version: record.version };
  }

  async insert(manager: EntityManager, followUp: FollowUp): Promise<void> {
    await manager.insert(SurveyFollowUpRecord, toRecord(followUp, 1));
  }

  async save(manager: EntityManager, followUp: FollowUp, version: number): Promise<void> {
    const result = await manager.update(SurveyFollowUpRecord, { id: followUp.id, version }, toRecord(followUp, version + 1));
    if (result.affected === 0) throw new NotFoundError('follow-up', followUp.id);
  }

  /** Open ones first, the longest waiting on top, the lowest score first among those opened at once. */
  async list(manager: EntityManager, agencyId: string, filter: { status?: FollowUpStatus | undefined }, limit: number): Promise<FollowUp[]> {
    const records = await manager.find(SurveyFollowUpRecord, {
      where: { agencyId, ...(filter.status ? { status: filter.status } : {}) },
      order: { status: 'DESC', openedAt: 'ASC', overall: 'ASC', id: 'ASC' },
      take: limit,
    });
    return records.map(toDomain);
  }

  async forSurvey(manager: EntityManager, agencyId: string, surveyId: string): Promise<FollowUp | undefined> {
    const record = await manager.findOne(SurveyFollowUpRecord, { where: { agencyId, surveyId } });
    return record ? toDomain(record) : undefined;
  }
}

function toRecord(followUp: FollowUp, version: number): SurveyFollowUpRecord {
  return {
    id: followUp.id,
    agencyId: followUp.agencyId,
    surveyId: followUp.surveyId,
    serviceType: followUp.serviceType,
    instanceId: followUp.instanceId,
    party: partyKey(followUp.party),
    respondentId: followUp.respondentId,
    overall: followUp.overall,
    comment: followUp.comment ?? null,
    status: followUp.status,
    openedAt: followUp.openedAt,
    closedAt: followUp.closedAt ?? null,
    closedBy: followUp.closedBy ?? null,
    note: followUp.note ?? null,
    version,
  };
}

function toDomain(record: SurveyFollowUpRecord): FollowUp {
  return {
    id: record.id,
    agencyId: record.agencyId,
    surveyId: record.surveyId,
    serviceType: record.serviceType,
    instanceId: record.instanceId,
    party: parseParty(record.party),
    respondentId: record.respondentId,
    overall: record.overall,
    ...(record.comment ? { comment: record.comment } : {}),
    status: record.status,
    openedAt: record.openedAt,
    ...(record.closedAt ? { closedAt: record.closedAt } : {}),
    ...(record.closedBy ? { closedBy: record.closedBy } : {}),
    ...(record.note ? { note: record.note } : {}),
  };
}
