import { EventEnvelope, EventOrigin, RectificationAnswered, RectificationIssued, RectificationOverdue, RectificationReturned, RectificationVerified } from '@houqin/contracts';
import { RectificationNotice, answerableFor, latestAnswer, noticeParty } from './domain/rectification';

/** The rectification events, built in one place from the notice as saved; keyed by the notice. */
function summary(notice: RectificationNotice) {
  return { noticeId: notice.id, agencyId: notice.agencyId, party: noticeParty(notice), ...(notice.party.kind === 'vendor' ? { vendorId: notice.party.vendorId } : {}) };
}

export function issuedEvent(notice: RectificationNotice, origin: EventOrigin): EventEnvelope {
  return RectificationIssued.create({
    subject: notice.id,
    origin,
    time: notice.issuedAt,
    data: {
      ...summary(notice),
      ...(notice.vendorName ? { vendorName: notice.vendorName } : {}),
      finding: notice.finding,
      ...(notice.violationId ? { violationId: notice.violationId } : {}),
      ...(notice.complaintId ? { complaintId: notice.complaintId } : {}),
      requiredEvidence: notice.requiredEvidence,
      deadline: notice.deadline.toISOString(),
      issuedBy: notice.issuedBy,
      issuedAt: notice.issuedAt.toISOString(),
    },
  });
}

export function answeredEvent(notice: RectificationNotice, origin: EventOrigin): EventEnvelope {
  const answer = latestAnswer(notice);
  if (!answer) throw new Error(`rectification ${notice.id} has no answer to announce`);
  return RectificationAnswered.create({
    subject: notice.id,
    origin,
    time: answer.answeredAt,
    data: {
      ...summary(notice),
      round: notice.answers.length,
      statement: answer.statement,
      evidence: answer.evidence,
      deadline: answer.deadline.toISOString(),
      late: answer.late,
      answeredBy: answer.answeredBy,
      answeredAt: answer.answeredAt.toISOString(),
    },
  });
}

export function returnedEvent(notice: RectificationNotice, origin: EventOrigin): EventEnvelope {
  const sendBack = notice.sendBacks[notice.sendBacks.length - 1];
  if (!sendBack) throw new Error(`rectification ${notice.id} was never sent back`);
  return RectificationReturned.create({
    subject: notice.id,
    origin,
    time: sendBack.returnedAt,
    data: {
      ...summary(notice),
      reason: sendBack.reason,
      previousDeadline: sendBack.previousDeadline.toISOString(),
      deadline: sendBack.deadline.toISOString(),
      returnedBy: sendBack.returnedBy,
      returnedAt: sendBack.returnedAt.toISOString(),
    },
  });
}

export function verifiedEvent(notice: RectificationNotice, origin: EventOrigin): EventEnvelope {
  if (!notice.verifiedAt || !notice.verifiedBy) throw new Error(`rectification ${notice.id} is not verified`);
  return RectificationVerified.create({
    subject: notice.id,
    origin,
    time: notice.verifiedAt,
    data: {
      ...summary(notice),
      ...(notice.verificationNote ? { note: notice.verificationNote } : {}),
      answers: notice.answers.length,
      answeredLate: notice.answers.some((answer) => answer.late),
      escalations: notice.escalations.length,
      verifiedBy: notice.verifiedBy,
      verifiedAt: notice.verifiedAt.toISOString(),
    },
  });
}

/** The notice fell overdue for the deadline in force: escalated to the logistics manager (shared with sanctions and accountability). */
export function overdueEvent(notice: RectificationNotice, origin: EventOrigin): EventEnvelope {
  const escalation = notice.escalations.find((candidate) => candidate.deadline.getTime() === notice.deadline.getTime());
  if (!escalation) throw new Error(`rectification ${notice.id} is not escalated for its deadline`);
  return RectificationOverdue.create({
    subject: notice.id,
    origin,
    time: escalation.escalatedAt,
    data: {
      ...summary(notice),
      ...(notice.violationId ? { violationId: notice.violationId } : {}),
      deadline: escalation.deadline.toISOString(),
      escalatedAt: escalation.escalatedAt.toISOString(),
      escalateTo: 'logistics-manager',
      answerable: answerableFor(notice),
    },
  });
}
