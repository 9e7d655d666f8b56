import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ComplaintOverturned, ComplaintUpheld, EventData, EventEnvelope, RectificationOverdue, ViolationRecorded, ViolationVoided } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { AccountabilityService } from './accountability.service';

/** The supervision events that name who answers, and those that take an offence back; each applied once through the inbox. */
@Controller()
export class AccountabilityHandlers {
  constructor(private readonly accountability: AccountabilityService) {}

  @EventPattern([ComplaintUpheld.type])
  async onComplaintUpheld(@Payload() event: EventEnvelope<EventData<typeof ComplaintUpheld>>, @Ctx() context: EventContext): Promise<void> {
    await this.accountability.complaintUpheld(context.manager, event.id, event.data);
  }

  @EventPattern([ComplaintOverturned.type])
  async onComplaintOverturned(@Payload() event: EventEnvelope<EventData<typeof ComplaintOverturned>>, @Ctx() context: EventContext): Promise<void> {
    await this.accountability.complaintOverturned(context.manager, event.data);
  }

  @EventPattern([ViolationRecorded.type])
  async onViolationRecorded(@Payload() event: EventEnvelope<EventData<typeof ViolationRecorded>>, @Ctx() context: EventContext): Promise<void> {
    await this.accountability.violationRecorded(context.manager, event.id, event.data);
  }

  @EventPattern([ViolationVoided.type])
  async onViolationVoided(@Payload() event: EventEnvelope<EventData<typeof ViolationVoided>>, @Ctx() context: EventContext): Promise<void> {
    await this.accountability.violationVoided(context.manager, event.data);
  }

  @EventPattern([RectificationOverdue.type])
  async onRectificationOverdue(@Payload() event: EventEnvelope<EventData<typeof RectificationOverdue>>, @Ctx() context: EventContext): Promise<void> {
    await this.accountability.rectificationOverdue(context.manager, event.id, event.data);
  }
}
