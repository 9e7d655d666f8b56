import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventContract, EventEnvelope, platformEvents } from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { AuditTrailService } from './audit-trail.service';

/**
 * Evaluation's own events that stay out of the trail, by aggregate: surveys and scorecards are
 * high-volume working figures (their sources are audited), and the chain's published head is about
 * the trail itself — recording it would move the head it announces.
 */
const UNAUDITED_EVALUATION_AGGREGATES: ReadonlySet<string> = new Set(['survey', 'scorecard', 'audit-chain']);
/** A scorecard's echo towards procurement, under the vendor aggregate. */
const UNAUDITED_EVALUATION_NAMES: ReadonlySet<string> = new Set(['vendor.score-changed']);

/**
 * Every business event of the other services enters the audit trail, and so do evaluation's own
 * supervision decisions (complaints, violations, rectifications, sanctions, qualifications,
 * internal audit…): what makes an upheld complaint or a sanction tamper-evident. A new supervision
 * aggregate is audited without a change here.
 */
export function isAudited(contract: Pick<EventContract, 'service' | 'aggregate' | 'name'>): boolean {
  if (contract.service !== 'evaluation') return true;
  return !UNAUDITED_EVALUATION_AGGREGATES.has(contract.aggregate) && !UNAUDITED_EVALUATION_NAMES.has(contract.name);
}

export const AUDITED_EVENT_TYPES = platformEvents.contracts.filter(isAudited).map((contract) => contract.type);

@Controller()
export class AuditTrailHandlers {
  constructor(private readonly auditTrail: AuditTrailService) {}

  @EventPattern(AUDITED_EVENT_TYPES)
  async onBusinessEvent(@Payload() event: EventEnvelope, @Ctx() context: EventContext): Promise<void> {
    await this.auditTrail.record(event, context.manager, context.batch);
  }
}
