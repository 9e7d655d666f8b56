import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { EventEnvelope } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { SERVICE_LOGGER } from '@houqin/service-kit';
import { SURVEY_CANCELLATIONS, SURVEY_CANCELLATION_TYPES, SURVEY_COMPLETIONS, SURVEY_COMPLETION_TYPES } from './survey-triggers';
import { SurveysService } from './surveys.service';

/** Completed service instances get their surveys, cancelled ones none, in the inbox transaction. */
@Controller()
export class SurveyHandlers {
  constructor(
    private readonly surveys: SurveysService,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(SURVEY_COMPLETION_TYPES)
  async onServiceCompleted(@Payload() event: EventEnvelope, @Ctx() context: EventContext): Promise<void> {
    const completed = SURVEY_COMPLETIONS.find((trigger) => trigger.type === event.type)?.completed(event);
    if (!completed) return;
    const decision = await this.surveys.issueFor(context.manager, completed);
    if (decision !== 'issue') this.logger.debug({ eventId: event.id, instanceId: completed.instanceId, decision }, 'no survey issued');
  }

  @EventPattern(SURVEY_CANCELLATION_TYPES)
  async onServiceCancelled(@Payload() event: EventEnvelope, @Ctx() context: EventContext): Promise<void> {
    const trigger = SURVEY_CANCELLATIONS.find((candidate) => candidate.type === event.type);
    if (trigger) await this.surveys.withdrawFor(context.manager, event.agencyid, trigger.cancelled(event));
  }
}
