import { EventEnvelope, EventOrigin, SanctionProposalDismissed, SanctionProposed, SanctionedVendorReinstated, VendorSanctioned, VendorWarned } from '@houqin/contracts';
import type { SanctionProposal } from './domain/proposal';
import type { Sanction } from './domain/sanction';

/** The sanction events, built in one place from the proposal or sanction as saved. Vendor events are keyed by the vendor, so they stay in order per vendor. */
export function proposedEvent(proposal: SanctionProposal, automatic: boolean, origin: EventOrigin): EventEnvelope {
  return SanctionProposed.create({
    subject: proposal.id,
    origin,
    time: proposal.proposedAt,
    data: {
      proposalId: proposal.id,
      agencyId: proposal.agencyId,
      vendorId: proposal.vendorId,
      rule: proposal.ruleKey,
      offence: proposal.rule.offence,
      measure: proposal.measure,
      ...(proposal.suspensionDays !== undefined ? { suspensionDays: proposal.suspensionDays } : {}),
      ...(proposal.escalatedFrom ? { escalatedFrom: proposal.escalatedFrom } : {}),
      figure: proposal.figure,
      threshold: proposal.threshold,
      windowDays: proposal.windowDays,
      evidence: proposal.evidence.map((item) => ({ offenceId: item.offenceId, kind: item.kind, sourceRef: item.sourceRef, weight: item.weight, occurredAt: item.occurredAt.toISOString() })),
      triggeredBy: proposal.triggeredBy,
      automatic,
      proposedAt: proposal.proposedAt.toISOString(),
    },
  });
}

export function dismissedEvent(proposal: SanctionProposal, origin: EventOrigin): EventEnvelope {
  const dismissedAt = proposal.decidedAt ?? proposal.proposedAt;
  return SanctionProposalDismissed.create({
    subject: proposal.id,
    origin,
    time: dismissedAt,
    data: {
      proposalId: proposal.id,
      agencyId: proposal.agencyId,
      vendorId: proposal.vendorId,
      rule: proposal.ruleKey,
      measure: proposal.measure,
      reason: proposal.decisionReason ?? 'dismissed',
      dismissedBy: proposal.decidedBy ?? 'unknown',
      dismissedAt: dismissedAt.toISOString(),
    },
  });
}

/** A confirmed warning is vendor.warned; a suspension or blacklisting is vendor.sanctioned, which procurement and maintenance enforce. */
export function decidedEvent(sanction: Sanction, origin: EventOrigin): EventEnvelope {
  const reason = sanction.reason.slice(0, 1000);
  if (sanction.measure === 'warning') {
    return VendorWarned.create({
      subject: sanction.vendorId,
      origin,
      time: sanction.decidedAt,
      data: {
        vendorId: sanction.vendorId,
        agencyId: sanction.agencyId,
        sanctionId: sanction.id,
        proposalId: sanction.proposalId,
        rule: sanction.ruleKey,
        reason,
        decidedBy: sanction.decidedBy,
        warnedAt: sanction.decidedAt.toISOString(),
      },
    });
  }
  return VendorSanctioned.create({
    subject: sanction.vendorId,
    origin,
    time: sanction.decidedAt,
    data: {
      vendorId: sanction.vendorId,
      agencyId: sanction.agencyId,
      kind: sanction.measure,
      reason,
      from: sanction.from.toISOString(),
      ...(sanction.until ? { until: sanction.until.toISOString() } : {}),
      decidedBy: sanction.decidedBy,
      sanctionId: sanction.id,
      proposalId: sanction.proposalId,
      rule: sanction.ruleKey,
    },
  });
}

export function reinstatedEvent(sanction: Sanction, origin: EventOrigin): EventEnvelope {
  if (sanction.measure === 'warning' || !sanction.endedAt || !sanction.endCause) throw new Error(`sanction ${sanction.id} has not ended`);
  const periodEnded = sanction.endCause === 'period-ended';
  return SanctionedVendorReinstated.create({
    subject: sanction.vendorId,
    origin,
    time: sanction.endedAt,
    data: {
      vendorId: sanction.vendorId,
      agencyId: sanction.agencyId,
      sanctionId: sanction.id,
      kind: sanction.measure,
      cause: sanction.endCause,
      from: sanction.from.toISOString(),
      ...(sanction.until ? { until: sanction.until.toISOString() } : {}),
      reason: (periodEnded ? `the suspension ended on ${sanction.endedAt.toISOString()}` : (sanction.liftReason ?? 'lifted early')).slice(0, 1000),
      reinstatedBy: periodEnded ? 'system' : (sanction.liftedBy ?? 'unknown'),
      reinstatedAt: sanction.endedAt.toISOString(),
    },
  });
}
