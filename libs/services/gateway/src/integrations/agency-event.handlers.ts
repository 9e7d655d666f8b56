import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, platformEvents } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { AgencyEventIntake } from './agency-event-intake';

/** Every platform event reaches integrators: their webhooks and their live stream. */
export const STREAMED_EVENT_TYPES = platformEvents.contracts.map((contract) => contract.type);

@Controller()
export class AgencyEventHandlers {
  constructor(private readonly intake: AgencyEventIntake) {}

  @EventPattern(STREAMED_EVENT_TYPES)
  async onPlatformEvent(@Payload() event: EventEnvelope, @Ctx() context: EventContext): Promise<void> {
    await this.intake.record(event, context.manager, context.batch);
  }
}
