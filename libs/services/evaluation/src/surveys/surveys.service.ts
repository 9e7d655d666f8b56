import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK, SERVICE_CONFIG, eventOrigin } from '@houqin/service-kit';
import type { EvaluationEnvironment } from '../evaluation.config';
import { SERVICE_TYPES, ServiceType } from '../kpis/domain/evaluated-party';
import type { Period } from '../kpis/domain/period';
import { FollowUp, FollowUpStatus, closeFollowUp, needsFollowUp, openFollowUp } from './domain/follow-up';
import { questionnaireFor } from './domain/questionnaire';
import type { ResponseFigures } from './domain/response-rate';
import { isSampled } from './domain/sampling';
import { AnswerInput, CompletedService, IssueDecision, Survey, SurveyTerms, answerSurvey, decideIssue, issueSurvey, maySee, withdrawSurvey } from './domain/survey';
import { FollowUpRepository } from './follow-up.repository';
import { ResponseRateRow, SurveyResultsRepository } from './survey-results.repository';
import { answeredEvent, issuedEvent, withdrawnEvent } from './survey-events';
import { SurveyFilter, SurveyRepository } from './survey.repository';

export interface SamplingRate {
  serviceType: ServiceType;
  percent: number;
  /** Set by the agency, or the platform's default (SURVEY_DEFAULT_SAMPLING_PERCENT). */
  source: 'agency' | 'default';
}

/** Use cases of satisfaction surveys: load, apply the domain rule, save the change and its event in one transaction. */
@Injectable()
export class SurveysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly surveys: SurveyRepository,
    private readonly followUps: FollowUpRepository,
    private readonly results: SurveyResultsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: EvaluationEnvironment,
  ) {}

  private get terms(): SurveyTerms {
    return { expiryDays: this.config.SURVEY_EXPIRY_DAYS, reminderBeforeHours: this.config.SURVEY_REMINDER_BEFORE_HOURS };
  }

  /** A service instance completed (in the event's inbox transaction): its survey is issued, unless one exists, the instance was cancelled or it is not sampled. */
  async issueFor(manager: EntityManager, completed: CompletedService): Promise<IssueDecision> {
    const { agencyId, serviceType, instanceId } = completed;
    const percent = (await this.surveys.samplingRate(manager, agencyId, serviceType)) ?? this.config.SURVEY_DEFAULT_SAMPLING_PERCENT;
    const decision = decideIssue({
      alreadyIssued: await this.surveys.existsForInstance(manager, agencyId, serviceType, instanceId),
      cancelled: await this.surveys.isCancelled(manager, agencyId, serviceType, instanceId),
      sampled: isSampled(serviceType, instanceId, percent),
    });
    if (decision !== 'issue') return decision;
    const survey = issueSurvey(randomUUID(), completed, questionnaireFor(serviceType), this.terms, this.clock.now());
    if (!(await this.surveys.insert(manager, survey))) return 'already-issued';
    await this.outbox.append(manager, issuedEvent(survey, eventOrigin({ agencyId })));
    return 'issue';
  }

  /** A service instance was cancelled (in the event's inbox transaction): it never gets a survey, and an unanswered one is withdrawn. */
  async withdrawFor(manager: EntityManager, agencyId: string, cancelled: { serviceType: ServiceType; instanceId: string; reason: string; cancelledAt: Date }): Promise<void> {
    await this.surveys.recordCancellation(manager, { agencyId, ...cancelled });
    const loaded = await this.surveys.findForInstance(manager, agencyId, cancelled.serviceType, cancelled.instanceId, { forUpdate: true });
    if (!loaded) return;
    const next = withdrawSurvey(loaded.survey, cancelled.reason, this.clock.now());
    if (next === loaded.survey) return;
    await this.surveys.save(manager, next, loaded.version);
    await this.outbox.append(manager, withdrawnEvent(next, eventOrigin({ agencyId })));
  }

  /** The caller's own surveys still open to an answer. */
  async pending(caller: Caller): Promise<Survey[]> {
    return this.surveys.pendingFor(this.dataSource.manager, caller.agencyId, caller.userId, this.clock.now());
  }

  async get(caller: Caller, id: string): Promise<{ survey: Survey; followUp?: FollowUp }> {
    const { survey } = await this.surveys.load(this.dataSource.manager, caller, id, { forUpdate: false });
    if (!maySee(survey, caller)) throw new NotFoundError('survey', id);
    const followUp = await this.followUps.forSurvey(this.dataSource.manager, caller.agencyId, id);
    return { survey, ...(followUp ? { followUp } : {}) };
  }

  /** The person served answers, once; a low overall score opens a follow-up in the same transaction. */
  async answer(caller: Caller, id: string, input: AnswerInput): Promise<{ survey: Survey; followUp?: FollowUp }> {
    return this.dataSource.transaction(async (manager) => {
      const { survey, version } = await this.surveys.load(manager, caller, id, { forUpdate: true });
      const now = this.clock.now();
      const answered = answerSurvey(survey, caller.userId, input, now);
      await this.surveys.save(manager, answered, version, { newAnswer: true });
      let followUp: FollowUp | undefined;
      if (answered.answer && needsFollowUp(answered.answer.overall, this.config.SURVEY_FOLLOW_UP_MAX_OVERALL)) {
        followUp = openFollowUp(randomUUID(), answered, now);
        await this.followUps.insert(manager, followUp);
      }
      await this.outbox.append(manager, answeredEvent(answered, eventOrigin(caller), followUp?.id));
      return { survey: answered, ...(followUp ? { followUp } : {}) };
    });
  }

  async list(caller: Caller, filter: SurveyFilter, limit: number): Promise<Survey[]> {
    return this.surveys.list(this.dataSource.manager, caller.agencyId, filter, limit, this.clock.now());
  }

  async responseRates(caller: Caller, period: Period, filter: { serviceType?: ServiceType | undefined; party?: string | undefined }): Promise<{ rows: ResponseRateRow[]; total: ResponseFigures }> {
    return this.results.responseRates(this.dataSource.manager, caller.agencyId, period, filter);
  }

  /** The sampling rate in force for every service type of the caller's agency. */
  async samplingRates(caller: Caller): Promise<SamplingRate[]> {
    const own = new Map((await this.surveys.samplingRates(this.dataSource.manager, caller.agencyId)).map((rate) => [rate.serviceType, rate.percent]));
    return SERVICE_TYPES.map((serviceType) => {
      const percent = own.get(serviceType);
      return percent === undefined ? { serviceType, percent: this.config.SURVEY_DEFAULT_SAMPLING_PERCENT, source: 'default' } : { serviceType, percent, source: 'agency' };
    });
  }

  /** Applies to instances completing from now on; surveys already issued stay. */
  async setSamplingRate(caller: Caller, serviceType: ServiceType, percent: number): Promise<SamplingRate> {
    await this.surveys.setSamplingRate(this.dataSource.manager, { agencyId: caller.agencyId, serviceType, percent, updatedBy: caller.userId, updatedAt: this.clock.now() });
    return { serviceType, percent, source: 'agency' };
  }

  async listFollowUps(caller: Caller, status: FollowUpStatus | undefined, limit: number): Promise<FollowUp[]> {
    return this.followUps.list(this.dataSource.manager, caller.agencyId, { status }, limit);
  }

  async getFollowUp(caller: Caller, id: string): Promise<FollowUp> {
    return (await this.followUps.load(this.dataSource.manager, caller, id, { forUpdate: false })).followUp;
  }

  async closeFollowUp(caller: Caller, id: string, note: string): Promise<FollowUp> {
    return this.dataSource.transaction(async (manager) => {
      const { followUp, version } = await this.followUps.load(manager, caller, id, { forUpdate: true });
      const closed = closeFollowUp(followUp, caller.userId, note, this.clock.now());
      await this.followUps.save(manager, closed, version);
      return closed;
    });
  }
}
