import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { IllegalTransitionError, NotFoundError } from '@houqin/domain';
import { isUniqueViolation } from '@houqin/persistence';
import { parseParty, partyKey } from '../kpis/domain/evaluated-party';
import type { ServiceType } from '../kpis/domain/evaluated-party';
import type { Period } from '../kpis/domain/period';
import type { Survey, SurveyStatus } from './domain/survey';
import { SurveyAnswerRecord, SurveyCancelledInstanceRecord, SurveyRecord, SurveySamplingRecord } from './survey.entity';

export const SURVEY_ANSWER_ONCE = 'survey_answer_once';
const SURVEY_ANSWER_PKEY = 'survey_answer_pkey';

export interface SurveyFilter {
  status?: SurveyStatus | undefined;
  serviceType?: ServiceType | undefined;
  party?: string | undefined;
  respondentId?: string | undefined;
  period?: Period | undefined;
}

export interface LoadedSurvey {
  survey: Survey;
  version: number;
}

/** Surveys with their answers, the agency's sampling rates and its cancelled service instances. */
@Injectable()
export class SurveyRepository {
  /** A survey of another agency is not found. */
  async load(manager: EntityManager, scope: { agencyId: string }, id: string, options: { forUpdate: boolean }): Promise<LoadedSurvey> {
    const record = await manager.findOne(SurveyRecord, { where: { id, agencyId: scope.agencyId }, ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!record) throw new NotFoundError('survey', id);
    return { survey: toDomain(record, await manager.findOne(SurveyAnswerRecord, { where: { surveyId: id } })), version: record.version };
  }

  async existsForInstance(manager: EntityManager, agencyId: string, serviceType: ServiceType, instanceId: string): Promise<boolean> {
    return manager.exists(SurveyRecord, { where: { agencyId, serviceType, instanceId } });
  }

  async findForInstance(manager: EntityManager, agencyId: string, serviceType: ServiceType, instanceId: string, options: { forUpdate: boolean }): Promise<LoadedSurvey | undefined> {
    const record = await manager.findOne(SurveyRecord, { where: { agencyId, serviceType, instanceId }, ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!record) return undefined;
    return { survey: toDomain(record, await manager.findOne(SurveyAnswerRecord, { where: { surveyId: record.id } })), version: record.version };
  }

  /** Inserts a new survey; false when the instance already has one (a concurrent delivery won). */
  async insert(manager: EntityManager, survey: Survey): Promise<boolean> {
    const inserted = (await manager
      .createQueryBuilder()
      .insert()
      .into(SurveyRecord)
      .values(toRecord(survey, 1))
      .orIgnore()
      .returning('id')
      .execute()) as { raw: unknown[] };
    return inserted.raw.length > 0;
  }

  /**
   * Saves a changed survey (optimistic version check); a newly answered survey's answer is
   * inserted once: a second answer for the same person and instance is refused as answered.
   */
  async save(manager: EntityManager, survey: Survey, version: number, options: { newAnswer?: boolean } = {}): Promise<void> {
    const result = await manager.update(SurveyRecord, { id: survey.id, version }, toRecord(survey, version + 1));
    if (result.affected === 0) throw new NotFoundError('survey', survey.id);
    if (!options.newAnswer || !survey.answer) return;
    try {
      await manager.insert(SurveyAnswerRecord, {
        surveyId: survey.id,
        agencyId: survey.agencyId,
        serviceType: survey.serviceType,
        instanceId: survey.instanceId,
        respondentId: survey.respondentId,
        scores: survey.answer.scores,
        overall: survey.answer.overall,
        comment: survey.answer.comment ?? null,
        answeredAt: survey.answer.answeredAt,
      });
    } catch (error) {
      if (isUniqueViolation(error, SURVEY_ANSWER_ONCE) || isUniqueViolation(error, SURVEY_ANSWER_PKEY)) throw new IllegalTransitionError('survey', 'answered', 'answer');
      throw error;
    }
  }

  /** Latest completed first; the status as of `now` (a pending survey past its expiry is expired). */
  async list(manager: EntityManager, agencyId: string, filter: SurveyFilter, limit: number, now: Date): Promise<Survey[]> {
    const query = manager.createQueryBuilder(SurveyRecord, 'survey').where('survey.agencyId = :agencyId', { agencyId }).orderBy('survey.completedAt', 'DESC').addOrderBy('survey.id').take(limit);
    if (filter.status === 'pending') query.andWhere("survey.status = 'pending' AND survey.expiresAt > :now", { now });
    else if (filter.status === 'expired') query.andWhere("(survey.status = 'expired' OR (survey.status = 'pending' AND survey.expiresAt <= :now))", { now });
    else if (filter.status) query.andWhere('survey.status = :status', { status: filter.status });
    if (filter.serviceType) query.andWhere('survey.serviceType = :serviceType', { serviceType: filter.serviceType });
    if (filter.party) query.andWhere('survey.party = :party', { party: filter.party });
    if (filter.respondentId) query.andWhere('survey.respondentId = :respondentId', { respondentId: filter.respondentId });
    if (filter.period) query.andWhere('survey.completedAt >= :start AND survey.completedAt < :end', { start: filter.period.start, end: filter.period.end });
    return this.withAnswers(manager, await query.getMany());
  }

  /** The respondent's surveys still open to an answer at `now`, the soonest to expire first. */
  async pendingFor(manager: EntityManager, agencyId: string, respondentId: string, now: Date): Promise<Survey[]> {
    const records = await manager
      .createQueryBuilder(SurveyRecord, 'survey')
      .where("survey.agencyId = :agencyId AND survey.respondentId = :respondentId AND survey.status = 'pending' AND survey.expiresAt > :now", { agencyId, respondentId, now })
      .orderBy('survey.expiresAt', 'ASC')
      .getMany();
    return records.map((record) => toDomain(record, null));
  }

  /** Claims pending surveys whose reminder fell due at `now`; replicas sweeping at once take different rows. */
  async claimDueReminders(manager: EntityManager, now: Date, limit: number): Promise<LoadedSurvey[]> {
    const records = await manager
      .createQueryBuilder(SurveyRecord, 'survey')
      .where("survey.status = 'pending' AND survey.remindedAt IS NULL AND survey.remindAt IS NOT NULL AND survey.remindAt <= :now AND survey.expiresAt > :now", { now })
      .orderBy('survey.remindAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return records.map((record) => ({ survey: toDomain(record, null), version: record.version }));
  }

  /** Claims pending surveys that expired at `now`. */
  async claimDueExpiries(manager: EntityManager, now: Date, limit: number): Promise<LoadedSurvey[]> {
    const records = await manager
      .createQueryBuilder(SurveyRecord, 'survey')
      .where("survey.status = 'pending' AND survey.expiresAt <= :now", { now })
      .orderBy('survey.expiresAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return records.map((record) => ({ survey: toDomain(record, null), version: record.version }));
  }

  async isCancelled(manager: EntityManager, agencyId: string, serviceType: ServiceType, instanceId: string): Promise<boolean> {
    return manager.exists(SurveyCancelledInstanceRecord, { where: { agencyId, serviceType, instanceId } });
  }

  async recordCancellation(manager: EntityManager, cancelled: { agencyId: string; serviceType: ServiceType; instanceId: string; reason: string; cancelledAt: Date }): Promise<void> {
    await manager.createQueryBuilder().insert().into(SurveyCancelledInstanceRecord).values(cancelled).orIgnore().execute();
  }

  /** The agency's own sampling rates, per service type. */
  async samplingRates(manager: EntityManager, agencyId: string): Promise<SurveySamplingRecord[]> {
    return manager.find(SurveySamplingRecord, { where: { agencyId }, order: { serviceType: 'ASC' } });
  }

  async samplingRate(manager: EntityManager, agencyId: string, serviceType: ServiceType): Promise<number | undefined> {
    return (await manager.findOne(SurveySamplingRecord, { where: { agencyId, serviceType } }))?.percent;
  }

  async setSamplingRate(manager: EntityManager, rate: SurveySamplingRecord): Promise<void> {
    await manager.upsert(SurveySamplingRecord, rate, ['agencyId', 'serviceType']);
  }

  private async withAnswers(manager: EntityManager, records: SurveyRecord[]): Promise<Survey[]> {
    const answered = records.filter((record) => record.status === 'answered').map((record) => record.id);
    const answers = answered.length > 0 ? await manager.find(SurveyAnswerRecord, { where: { surveyId: In(answered) } }) : [];
    const byId = new Map(answers.map((answer) => [answer.surveyId, answer]));
    return records.map((record) => toDomain(record, byId.get(record.id) ?? null));
  }
}

function toRecord(survey: Survey, version: number): SurveyRecord {
  return {
    id: survey.id,
    agencyId: survey.agencyId,
    serviceType: survey.serviceType,
    instanceId: survey.instanceId,
    party: partyKey(survey.party),
    respondentId: survey.respondentId,
    questions: [...survey.questions],
    status: survey.status,
    completedAt: survey.completedAt,
    issuedAt: survey.issuedAt,
    expiresAt: survey.expiresAt,
    remindAt: survey.remindAt ?? null,
    remindedAt: survey.remindedAt ?? null,
    expiredAt: survey.expiredAt ?? null,
    withdrawnAt: survey.withdrawnAt ?? null,
    withdrawalReason: survey.withdrawalReason ?? null,
    version,
  };
}

function toDomain(record: SurveyRecord, answer: SurveyAnswerRecord | null): Survey {
  return {
    id: record.id,
    agencyId: record.agencyId,
    serviceType: record.serviceType,
    instanceId: record.instanceId,
    party: parseParty(record.party),
    respondentId: record.respondentId,
    completedAt: record.completedAt,
    questions: record.questions,
    status: record.status,
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    ...(record.remindAt ? { remindAt: record.remindAt } : {}),
    ...(record.remindedAt ? { remindedAt: record.remindedAt } : {}),
    ...(record.expiredAt ? { expiredAt: record.expiredAt } : {}),
    ...(record.withdrawnAt ? { withdrawnAt: record.withdrawnAt } : {}),
    ...(record.withdrawalReason ? { withdrawalReason: record.withdrawalReason } : {}),
    ...(answer
      ? { answer: { scores: answer.scores, overall: answer.overall, ...(answer.comment ? { comment: answer.comment } : {}), answeredAt: answer.answeredAt } }
      : {}),
  };
}
