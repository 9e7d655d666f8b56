import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, platformEvents } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { AuditTrailService } from './audit-trail.service';

/** Every business event of the other services enters the audit trail. */
export const AUDITED_EVENT_TYPES = platformEvents.contracts.filter((contract) => contract.service !== 'evaluation').map((contract) => contract.type);

@Controller()
export class AuditTrailHandlers {
  constructor(private readonly auditTrail: AuditTrailService) {}

  @EventPattern(AUDITED_EVENT_TYPES)
  async onBusinessEvent(@Payload() event: EventEnvelope, @Ctx() context: EventContext): Promise<void> {
    await this.auditTrail.record(event, context.manager);
  }
}
