import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  AssessmentSubmitted,
  ComplaintOverturned,
  ComplaintUpheld,
  ContractExpired,
  ContractSigned,
  ContractTerminated,
  EventData,
  EventEnvelope,
  InspectionFailed,
  QualificationExpired,
  SlaBreached,
  TripRentalResponseBreached,
  WorkOrderAssigned,
} from '@houqin/contracts';
import { EventContext } from '@houqin/messaging';
import type { Answerable } from './domain/violation';
import { PenaltyTermsRepository } from './penalty-terms.repository';
import { ViolationsService } from './violations.service';

const INTERNAL_TEAM = 'internal-team';

/**
 * Offences reported by other capabilities and services become violations in the event's inbox
 * transaction, once per offence (source + sourceRef); the contract and work-order events keep the
 * penalty terms and the assigning managers violations need.
 */
@Controller()
export class ViolationHandlers {
  constructor(
    private readonly violations: ViolationsService,
    private readonly terms: PenaltyTermsRepository,
  ) {}

  /** An SLA clock ran out (maintenance): one violation per work order and clock, against its vendor or the internal team. */
  @EventPattern([SlaBreached.type])
  async onSlaBreached(@Payload() event: EventEnvelope<EventData<typeof SlaBreached>>, @Ctx() context: EventContext): Promise<void> {
    const { manager } = context;
    const breach = event.data;
    const party = breach.vendorId?.toLowerCase() ?? INTERNAL_TEAM;
    const answerable: Answerable[] = [await this.violations.partyAnswerable(manager, event.agencyid, party, 'held the work order')];
    const assignment = await this.terms.assignment(manager, event.agencyid, breach.workOrderId);
    if (assignment && !assignment.automatic) answerable.push({ kind: 'approving-manager', userId: assignment.assignedBy, role: 'assigned the work order' });
    const clock = breach.kind === 'response' ? 'response' : 'resolution';
    await this.violations.record(manager, {
      agencyId: event.agencyid,
      party,
      serviceType: 'maintenance',
      ...(breach.contractId ? { contractId: breach.contractId.toLowerCase() } : {}),
      source: 'sla-breach',
      sourceRef: `${breach.workOrderId}:${breach.kind}`,
      offence: breach.kind === 'response' ? 'sla-response-late' : 'sla-resolution-late',
      description: `Work order ${breach.workOrderId}: the ${clock} clock (${breach.priority} priority, ${breach.targetMinutes} minutes) ran past its deadline ${breach.deadline}`,
      occurredAt: new Date(breach.breachedAt),
      recordedBy: 'system',
      answerable,
    });
  }

  /**
   * A rental vendor left a trip dispatched to it unanswered past its contract's response time
   * (transport): one violation per trip against the vendor, with the agency's severity for a late
   * SLA response, priced under the contract's dispatch-response-late rule.
   */
  @EventPattern([TripRentalResponseBreached.type])
  async onRentalResponseBreached(@Payload() event: EventEnvelope<EventData<typeof TripRentalResponseBreached>>, @Ctx() context: EventContext): Promise<void> {
    const { manager } = context;
    const breach = event.data;
    const party = breach.vendorId.toLowerCase();
    await this.violations.record(manager, {
      agencyId: event.agencyid,
      party,
      serviceType: 'transport',
      contractId: breach.contractId.toLowerCase(),
      source: 'rental-response',
      sourceRef: breach.tripId,
      offence: 'sla-response-late',
      breach: 'dispatch-response-late',
      description: `Rental trip ${breach.tripId}: not confirmed within ${breach.targetMinutes} minutes of its dispatch (deadline ${breach.deadline})`,
      occurredAt: new Date(breach.breachedAt),
      recordedBy: 'system',
      answerable: [await this.violations.partyAnswerable(manager, event.agencyid, party, 'took the rental trip')],
    });
  }

  /** An upheld complaint (投诉成立) counts against the party complained about, with the complaint's severity. */
  @EventPattern([ComplaintUpheld.type])
  async onComplaintUpheld(@Payload() event: EventEnvelope<EventData<typeof ComplaintUpheld>>, @Ctx() context: EventContext): Promise<void> {
    const complaint = event.data;
    await this.violations.record(context.manager, {
      agencyId: event.agencyid,
      party: complaint.party.toLowerCase(),
      ...(complaint.serviceType ? { serviceType: complaint.serviceType } : {}),
      source: 'upheld-complaint',
      sourceRef: complaint.complaintId,
      severity: complaint.severity,
      description: `Complaint ${complaint.complaintId} (${complaint.category}) upheld${complaint.onAppeal ? ' on appeal' : ''}: ${complaint.reasons}`,
      occurredAt: new Date(complaint.decidedAt),
      recordedBy: complaint.decidedBy,
      answerable: complaint.answerable,
    });
  }

  /** A complaint overturned on appeal: the violation it caused is voided with the appeal's reasons. */
  @EventPattern([ComplaintOverturned.type])
  async onComplaintOverturned(@Payload() event: EventEnvelope<EventData<typeof ComplaintOverturned>>, @Ctx() context: EventContext): Promise<void> {
    const overturned = event.data;
    await this.violations.voidFor(context.manager, event.agencyid, 'upheld-complaint', overturned.complaintId, `complaint overturned on appeal: ${overturned.reasons}`, overturned.decidedBy);
  }

  /** An expired mandatory qualification (资质过期) is a violation of the holder's employer; an optional one is not. */
  @EventPattern([QualificationExpired.type])
  async onQualificationExpired(@Payload() event: EventEnvelope<EventData<typeof QualificationExpired>>, @Ctx() context: EventContext): Promise<void> {
    const expired = event.data;
    if (!expired.mandatory) return;
    await this.violations.record(context.manager, {
      agencyId: event.agencyid,
      party: expired.party.toLowerCase(),
      source: 'expired-qualification',
      sourceRef: `${expired.qualificationId}:${expired.expiresOn}`,
      offence: 'expired-qualification',
      description: `Mandatory qualification ${expired.qualificationType} of ${expired.holderName} expired on ${expired.expiresOn} without renewal`,
      occurredAt: new Date(expired.expiredAt),
      recordedBy: 'system',
      answerable: expired.answerable,
    });
  }

  /** A third-party assessment (第三方评估) scored below the agency's threshold, priced under the vendor's contract in force. */
  @EventPattern([AssessmentSubmitted.type])
  async onAssessmentSubmitted(@Payload() event: EventEnvelope<EventData<typeof AssessmentSubmitted>>, @Ctx() context: EventContext): Promise<void> {
    const { manager } = context;
    const assessment = event.data;
    if (!(await this.violations.isLowAssessment(manager, event.agencyid, assessment.overallScore))) return;
    const party = assessment.vendorId.toLowerCase();
    const contractId = await this.terms.contractInForce(manager, event.agencyid, party, assessment.serviceType);
    await this.violations.record(manager, {
      agencyId: event.agencyid,
      party,
      serviceType: assessment.serviceType,
      ...(contractId ? { contractId } : {}),
      source: 'low-assessment-score',
      sourceRef: assessment.assessmentId,
      offence: 'low-assessment-score',
      description: `Third-party assessment ${assessment.assessmentId} of ${assessment.period} scored ${assessment.overallScore}, below the agency's threshold`,
      occurredAt: new Date(assessment.submittedAt),
      recordedBy: 'system',
      answerable: [await this.violations.partyAnswerable(manager, event.agencyid, party, 'the vendor assessed')],
    });
  }

  /** A failed food-safety inspection of a canteen (catering), against the vendor running it or the internal team. */
  @EventPattern([InspectionFailed.type])
  async onInspectionFailed(@Payload() event: EventEnvelope<EventData<typeof InspectionFailed>>, @Ctx() context: EventContext): Promise<void> {
    const { manager } = context;
    const inspection = event.data;
    const party = inspection.vendorId?.toLowerCase() ?? INTERNAL_TEAM;
    await this.violations.record(manager, {
      agencyId: event.agencyid,
      party,
      serviceType: 'catering',
      ...(inspection.contractId ? { contractId: inspection.contractId.toLowerCase() } : {}),
      source: 'failed-inspection',
      sourceRef: inspection.inspectionId,
      offence: 'failed-inspection',
      description: `Food-safety inspection ${inspection.inspectionId} of canteen ${inspection.canteenId} failed (score ${inspection.score}): ${inspection.failedItems.map((item) => item.description).join('; ')}`,
      occurredAt: new Date(inspection.inspectedAt),
      recordedBy: inspection.inspectedBy,
      answerable: [await this.violations.partyAnswerable(manager, event.agencyid, party, 'ran the canteen')],
    });
  }

  @EventPattern([ContractSigned.type])
  async onContractSigned(@Payload() event: EventEnvelope<EventData<typeof ContractSigned>>, @Ctx() context: EventContext): Promise<void> {
    const contract = event.data;
    await this.terms.recordContract(context.manager, {
      agencyId: event.agencyid,
      contractId: contract.contractId.toLowerCase(),
      vendorId: contract.vendorId,
      vendorName: contract.vendorName,
      serviceType: contract.serviceType,
      ...(contract.priceTerms.monthlyFee !== undefined ? { monthlyFee: contract.priceTerms.monthlyFee } : {}),
      penaltyRules: contract.penaltyRules,
      status: 'active',
      changedAt: new Date(contract.signedAt),
    });
  }

  @EventPattern([ContractExpired.type, ContractTerminated.type])
  async onContractEnded(@Payload() event: EventEnvelope<EventData<typeof ContractExpired> | EventData<typeof ContractTerminated>>, @Ctx() context: EventContext): Promise<void> {
    const ended = event.data;
    const terminated = 'terminatedAt' in ended;
    await this.terms.recordContractEnded(context.manager, event.agencyid, ended.contractId.toLowerCase(), terminated ? 'terminated' : 'expired', new Date(terminated ? ended.terminatedAt : ended.expiredAt));
  }

  @EventPattern([WorkOrderAssigned.type])
  async onWorkOrderAssigned(@Payload() event: EventEnvelope<EventData<typeof WorkOrderAssigned>>, @Ctx() context: EventContext): Promise<void> {
    const assigned = event.data;
    await this.terms.recordAssignment(context.manager, event.agencyid, assigned.workOrderId, assigned.assignedBy, assigned.automatic, new Date(assigned.assignedAt));
  }
}
