import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { CLOCK, IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import type { EvaluationEnvironment } from '../evaluation.config';
import { expireSurvey, remindSurvey } from './domain/survey';
import { expiredEvent, remindedEvent } from './survey-events';
import { SurveyRepository } from './survey.repository';

/** The surveys one sweep reminded and expired (their ids). */
export interface SurveySweepResult {
  reminded: string[];
  expired: string[];
}

const BATCH = 200;

/**
 * The durable timers of surveys: every SURVEY_SWEEP_INTERVAL_MS it claims the pending surveys
 * whose reminder or expiry fell due by the service's clock (FOR UPDATE SKIP LOCKED, so replicas
 * sweeping at once take different surveys), records the reminder or the expiry and appends its
 * event in the claim's transaction: each goes out exactly once, whatever the number of replicas.
 */
@Injectable()
export class SurveySweep extends IntervalSweep<SurveySweepResult> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly surveys: SurveyRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: EvaluationEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'survey reminders and expiries', intervalMs: config.SURVEY_SWEEP_INTERVAL_MS });
  }

  async sweep(): Promise<SurveySweepResult> {
    const now = this.clock.now();
    const reminded = await this.sweepInBatches(BATCH, () =>
      this.dataSource.transaction(async (manager) => {
        const claimed = await this.surveys.claimDueReminders(manager, now, BATCH);
        for (const { survey, version } of claimed) {
          const next = remindSurvey(survey, now);
          await this.surveys.save(manager, next, version);
          await this.outbox.append(manager, remindedEvent(next, eventOrigin(next)));
        }
        return claimed.map(({ survey }) => survey.id);
      }),
    );
    const expired = await this.sweepInBatches(BATCH, () =>
      this.dataSource.transaction(async (manager) => {
        const claimed = await this.surveys.claimDueExpiries(manager, now, BATCH);
        for (const { survey, version } of claimed) {
          const next = expireSurvey(survey, now);
          await this.surveys.save(manager, next, version);
          await this.outbox.append(manager, expiredEvent(next, eventOrigin(next)));
        }
        return claimed.map(({ survey }) => survey.id);
      }),
    );
    if (reminded.length + expired.length > 0) this.logger.info({ reminded: reminded.length, expired: expired.length }, 'surveys reminded and expired');
    return { reminded, expired };
  }
}
