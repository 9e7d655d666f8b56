import { EventEnvelope, EventOrigin, SUPERVISION_SERVICE_TYPES, ViolationRecorded, ViolationVoided } from '@houqin/contracts';
import type { Violation } from './domain/violation';

type SupervisionServiceType = (typeof SUPERVISION_SERVICE_TYPES)[number];

function serviceTypeOf(violation: Violation): { serviceType?: SupervisionServiceType } {
  const known = SUPERVISION_SERVICE_TYPES.find((type) => type === violation.serviceType);
  return known ? { serviceType: known } : {};
}

/** The violation events, built in one place from the violation as saved. */
export function recordedEvent(violation: Violation, origin: EventOrigin): EventEnvelope {
  return ViolationRecorded.create({
    subject: violation.id,
    origin,
    time: violation.recordedAt,
    data: {
      violationId: violation.id,
      agencyId: violation.agencyId,
      party: violation.party,
      ...(violation.vendorId ? { vendorId: violation.vendorId } : {}),
      ...serviceTypeOf(violation),
      ...(violation.contractId ? { contractId: violation.contractId } : {}),
      source: violation.source,
      sourceRef: violation.sourceRef,
      severity: violation.severity,
      penaltyPoints: violation.penaltyPoints,
      penaltyAmount: violation.penaltyAmount,
      settlementPeriod: violation.settlementPeriod,
      description: violation.description,
      occurredAt: violation.occurredAt.toISOString(),
      recordedBy: violation.recordedBy,
      recordedAt: violation.recordedAt.toISOString(),
      answerable: violation.answerable,
    },
  });
}

export function voidedEvent(violation: Violation, origin: EventOrigin): EventEnvelope {
  if (violation.status !== 'voided' || !violation.voidedAt || !violation.voidedBy || !violation.voidReason) throw new Error(`violation ${violation.id} is not voided`);
  return ViolationVoided.create({
    subject: violation.id,
    origin,
    time: violation.voidedAt,
    data: {
      violationId: violation.id,
      agencyId: violation.agencyId,
      party: violation.party,
      ...(violation.vendorId ? { vendorId: violation.vendorId } : {}),
      penaltyPoints: violation.penaltyPoints,
      penaltyAmount: violation.penaltyAmount,
      settlementPeriod: violation.settlementPeriod,
      reason: violation.voidReason,
      voidedBy: violation.voidedBy,
      voidedAt: violation.voidedAt.toISOString(),
    },
  });
}
