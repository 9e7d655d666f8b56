import {
  ComplaintAppealDecided,
  ComplaintAppealed,
  ComplaintEvidenceAdded,
  ComplaintFiled,
  ComplaintOverturned,
  ComplaintRejected,
  ComplaintResponseOverdue,
  ComplaintTriaged,
  ComplaintUpheld,
  ComplaintWithdrawn,
  EventEnvelope,
  EventOrigin,
} from '@houqin/contracts';
import { partyKey } from '../kpis/domain/evaluated-party';
import type { Complaint, Decision, EvidenceItem } from './domain/complaint';

/**
 * The complaint events, built in one place from the complaint as saved. Integrators read them:
 * the complainant is named only when they did not ask to stay anonymous to the vendor, and no
 * event carries the complaint's description or files (they stay behind the complaint's readers).
 */
function summary(complaint: Complaint) {
  return {
    complaintId: complaint.id,
    agencyId: complaint.agencyId,
    ...(complaint.party ? { party: partyKey(complaint.party) } : {}),
    ...(complaint.party?.kind === 'vendor' ? { vendorId: complaint.party.vendorId } : {}),
    ...(complaint.serviceType ? { serviceType: complaint.serviceType } : {}),
    ...(complaint.instanceId ? { instanceId: complaint.instanceId } : {}),
    category: complaint.category,
    anonymousToVendor: complaint.anonymousToVendor,
    ...(complaint.anonymousToVendor ? {} : { complainantId: complaint.complainantId }),
  };
}

function partyOf(complaint: Complaint): string {
  if (!complaint.party) throw new Error(`complaint ${complaint.id} has no party to announce`);
  return partyKey(complaint.party);
}

export function filedEvent(complaint: Complaint, origin: EventOrigin): EventEnvelope {
  return ComplaintFiled.create({
    subject: complaint.id,
    origin,
    time: complaint.filedAt,
    data: { ...summary(complaint), attachmentCount: complaint.attachments.length, filedAt: complaint.filedAt.toISOString(), responseDueAt: complaint.responseDueAt.toISOString() },
  });
}

export function triagedEvent(complaint: Complaint, origin: EventOrigin): EventEnvelope {
  const triage = complaint.triage;
  if (!triage) throw new Error(`complaint ${complaint.id} is not triaged`);
  return ComplaintTriaged.create({
    subject: complaint.id,
    origin,
    time: triage.triagedAt,
    data: {
      ...summary(complaint),
      party: partyOf(complaint),
      severity: triage.severity,
      investigatorId: triage.investigatorId,
      triagedBy: triage.triagedBy,
      triagedAt: triage.triagedAt.toISOString(),
    },
  });
}

export function evidenceAddedEvent(complaint: Complaint, item: EvidenceItem, origin: EventOrigin): EventEnvelope {
  return ComplaintEvidenceAdded.create({
    subject: complaint.id,
    origin,
    time: item.addedAt,
    data: { ...summary(complaint), evidenceId: item.id, attachmentCount: item.attachments.length, addedBy: item.addedBy, addedAt: item.addedAt.toISOString() },
  });
}

/** complaint.upheld (shared with violations, sanctions and accountability), first or on appeal. */
export function upheldEvent(complaint: Complaint, decision: Decision, onAppeal: boolean, origin: EventOrigin): EventEnvelope {
  const severity = complaint.triage?.severity;
  if (!severity) throw new Error(`complaint ${complaint.id} was upheld untriaged`);
  return ComplaintUpheld.create({
    subject: complaint.id,
    origin,
    time: decision.decidedAt,
    data: {
      complaintId: complaint.id,
      agencyId: complaint.agencyId,
      party: partyOf(complaint),
      ...(complaint.party?.kind === 'vendor' ? { vendorId: complaint.party.vendorId } : {}),
      ...(complaint.serviceType ? { serviceType: complaint.serviceType } : {}),
      ...(complaint.instanceId ? { instanceId: complaint.instanceId } : {}),
      category: complaint.category,
      severity,
      reasons: decision.reasons,
      decidedBy: decision.decidedBy,
      decidedAt: decision.decidedAt.toISOString(),
      onAppeal,
      answerable: decision.answerable,
    },
  });
}

export function rejectedEvent(complaint: Complaint, decision: Decision, appealableUntil: Date, origin: EventOrigin): EventEnvelope {
  return ComplaintRejected.create({
    subject: complaint.id,
    origin,
    time: decision.decidedAt,
    data: {
      ...summary(complaint),
      reasons: decision.reasons,
      decidedBy: decision.decidedBy,
      decidedAt: decision.decidedAt.toISOString(),
      handlingMinutes: complaint.handlingMinutes ?? 0,
      appealableUntil: appealableUntil.toISOString(),
    },
  });
}

export function appealedEvent(complaint: Complaint, origin: EventOrigin): EventEnvelope {
  const { appeal, decision } = complaint;
  if (!appeal || !decision) throw new Error(`complaint ${complaint.id} is not appealed`);
  return ComplaintAppealed.create({
    subject: complaint.id,
    origin,
    time: appeal.appealedAt,
    data: { ...summary(complaint), firstOutcome: decision.outcome, reasons: appeal.reasons, appealedAt: appeal.appealedAt.toISOString() },
  });
}

export function appealDecidedEvent(complaint: Complaint, origin: EventOrigin): EventEnvelope {
  const first = complaint.decision;
  const final = complaint.appeal?.decision;
  if (!first || !final) throw new Error(`complaint ${complaint.id} has no appeal decision`);
  return ComplaintAppealDecided.create({
    subject: complaint.id,
    origin,
    time: final.decidedAt,
    data: { ...summary(complaint), firstOutcome: first.outcome, outcome: final.outcome, reasons: final.reasons, decidedBy: final.decidedBy, decidedAt: final.decidedAt.toISOString() },
  });
}

/** complaint.overturned: an upheld complaint rejected on appeal. */
export function overturnedEvent(complaint: Complaint, origin: EventOrigin): EventEnvelope {
  const final = complaint.appeal?.decision;
  if (!final) throw new Error(`complaint ${complaint.id} has no appeal decision`);
  return ComplaintOverturned.create({
    subject: complaint.id,
    origin,
    time: final.decidedAt,
    data: {
      complaintId: complaint.id,
      agencyId: complaint.agencyId,
      party: partyOf(complaint),
      ...(complaint.party?.kind === 'vendor' ? { vendorId: complaint.party.vendorId } : {}),
      ...(complaint.serviceType ? { serviceType: complaint.serviceType } : {}),
      reasons: final.reasons,
      decidedBy: final.decidedBy,
      decidedAt: final.decidedAt.toISOString(),
    },
  });
}

export function withdrawnEvent(complaint: Complaint, origin: EventOrigin): EventEnvelope {
  const withdrawnAt = complaint.withdrawnAt ?? complaint.filedAt;
  return ComplaintWithdrawn.create({
    subject: complaint.id,
    origin,
    time: withdrawnAt,
    data: { ...summary(complaint), ...(complaint.withdrawalReason ? { reason: complaint.withdrawalReason } : {}), withdrawnAt: withdrawnAt.toISOString() },
  });
}

export function responseOverdueEvent(complaint: Complaint, origin: EventOrigin): EventEnvelope {
  const overdueAt = complaint.responseOverdueAt ?? complaint.responseDueAt;
  if (complaint.status !== 'filed' && complaint.status !== 'under-investigation') throw new Error(`complaint ${complaint.id} is ${complaint.status}, not awaiting a response`);
  return ComplaintResponseOverdue.create({
    subject: complaint.id,
    origin,
    time: overdueAt,
    data: {
      ...summary(complaint),
      status: complaint.status,
      ...(complaint.triage ? { investigatorId: complaint.triage.investigatorId } : {}),
      filedAt: complaint.filedAt.toISOString(),
      responseDueAt: complaint.responseDueAt.toISOString(),
      overdueAt: overdueAt.toISOString(),
    },
  });
}
