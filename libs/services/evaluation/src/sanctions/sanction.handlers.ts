import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  ComplaintOverturned,
  ComplaintUpheld,
  EventData,
  EventEnvelope,
  EventOrigin,
  RectificationOverdue,
  ScorecardPublished,
  ViolationRecorded,
  ViolationVoided,
} from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import { SanctionsService } from './sanctions.service';

/** The event's own trail, so a proposal and its sanction are traced to the offence that fired the rule. */
function originOf(event: EventEnvelope): EventOrigin {
  return { agencyId: event.agencyid, correlationId: event.correlationid, causationId: event.id };
}

const brief = (text: string) => text.slice(0, 500);

/**
 * Offences against vendors, recorded in the ledger in the inbox transaction (once per source, so
 * a redelivered or republished event adds nothing); the internal team is never sanctioned.
 */
@Controller()
export class SanctionHandlers {
  constructor(private readonly sanctions: SanctionsService) {}

  @EventPattern([ViolationRecorded.type])
  async onViolationRecorded(@Payload() event: EventEnvelope<EventData<typeof ViolationRecorded>>, @Ctx() context: EventContext): Promise<void> {
    const { data } = event;
    if (!data.vendorId) return;
    await this.sanctions.recordOffence(context.manager, originOf(event), {
      agencyId: data.agencyId,
      vendorId: data.vendorId,
      kind: 'penalty-points',
      sourceRef: data.violationId,
      weight: data.penaltyPoints,
      occurredAt: new Date(data.occurredAt),
      description: brief(`${data.severity} violation (${data.source}), ${data.penaltyPoints} points: ${data.description}`),
    });
  }

  @EventPattern([ViolationVoided.type])
  async onViolationVoided(@Payload() event: EventEnvelope<EventData<typeof ViolationVoided>>, @Ctx() context: EventContext): Promise<void> {
    const { data } = event;
    if (!data.vendorId) return;
    await this.sanctions.withdrawOffence(context.manager, { agencyId: data.agencyId, vendorId: data.vendorId, kind: 'penalty-points', sourceRef: data.violationId, reason: `voided: ${data.reason}` });
  }

  @EventPattern([RectificationOverdue.type])
  async onRectificationOverdue(@Payload() event: EventEnvelope<EventData<typeof RectificationOverdue>>, @Ctx() context: EventContext): Promise<void> {
    const { data } = event;
    if (!data.vendorId) return;
    await this.sanctions.recordOffence(context.manager, originOf(event), {
      agencyId: data.agencyId,
      vendorId: data.vendorId,
      kind: 'overdue-rectification',
      sourceRef: data.noticeId,
      weight: 1,
      occurredAt: new Date(data.deadline),
      description: `rectification notice overdue since ${data.deadline}`,
    });
  }

  @EventPattern([ComplaintUpheld.type])
  async onComplaintUpheld(@Payload() event: EventEnvelope<EventData<typeof ComplaintUpheld>>, @Ctx() context: EventContext): Promise<void> {
    const { data } = event;
    if (!data.vendorId) return;
    await this.sanctions.recordOffence(context.manager, originOf(event), {
      agencyId: data.agencyId,
      vendorId: data.vendorId,
      kind: 'upheld-complaint',
      sourceRef: data.complaintId,
      weight: 1,
      occurredAt: new Date(data.decidedAt),
      description: brief(`${data.severity} complaint upheld (${data.category})${data.onAppeal ? ' on appeal' : ''}: ${data.reasons}`),
    });
  }

  @EventPattern([ComplaintOverturned.type])
  async onComplaintOverturned(@Payload() event: EventEnvelope<EventData<typeof ComplaintOverturned>>, @Ctx() context: EventContext): Promise<void> {
    const { data } = event;
    if (!data.vendorId) return;
    await this.sanctions.withdrawOffence(context.manager, { agencyId: data.agencyId, vendorId: data.vendorId, kind: 'upheld-complaint', sourceRef: data.complaintId, reason: `overturned on appeal: ${data.reasons}` });
  }

  @EventPattern([ScorecardPublished.type])
  async onScorecardPublished(@Payload() event: EventEnvelope<EventData<typeof ScorecardPublished>>, @Ctx() context: EventContext): Promise<void> {
    const { data } = event;
    if (!data.vendorId) return;
    await this.sanctions.recordScorecard(context.manager, originOf(event), {
      agencyId: data.agencyId,
      vendorId: data.vendorId,
      series: `${data.serviceType}:${data.period}`,
      version: data.version,
      standing: data.standing,
      publishedAt: new Date(data.publishedAt),
      description: `${data.serviceType} scorecard ${data.period} (version ${data.version}): ${data.standing ?? 'unscored'}${data.score !== undefined ? `, ${data.score}` : ''}`,
    });
  }
}
