import { BusinessRuleViolation, IllegalTransitionError } from '@houqin/domain';
import type { Offence, OffenceKind } from './offence';
import { DAY_MS, PriorSanction, SanctionMeasure, SanctionRule, SanctionRuleSet, firesFor, measure, proposedMeasure, ruleKey } from './sanction-rules';
import type { Sanction } from './sanction';

/**
 * A sanction proposal (处罚建议): a rule fired for a vendor. It carries the rule, the measured figure,
 * the threshold and the evidence, and waits for a human — an agency admin or a logistics manager —
 * to confirm it (it becomes a sanction) or dismiss it with a reason; an agency that opted in to
 * automatic sanctions has it confirmed at once by 'system'.
 */
export const PROPOSAL_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Who confirms a proposal when the agency opted in to automatic sanctions. */
export const SYSTEM = 'system';

export interface Evidence {
  offenceId: string;
  kind: OffenceKind;
  sourceRef: string;
  weight: number;
  occurredAt: Date;
  description: string;
}

export interface SanctionProposal {
  id: string;
  agencyId: string;
  vendorId: string;
  ruleKey: string;
  rule: SanctionRule;
  measure: SanctionMeasure;
  suspensionDays?: number;
  /** The earlier sanction that raised the rule's measure one step on the ladder. */
  escalatedFrom?: SanctionMeasure;
  figure: number;
  threshold: number;
  windowDays: number;
  evidence: Evidence[];
  /** The offence that made the figure reach the threshold: a rule fires once per offence. */
  triggeredBy: string;
  status: ProposalStatus;
  proposedAt: Date;
  decidedBy?: string;
  decidedAt?: Date;
  decisionReason?: string;
  sanctionId?: string;
}

/** What the rules know of a vendor when an offence comes in. */
export interface VendorRecord {
  ledger: readonly Offence[];
  /** Confirmed sanctions (any status), for the ladder, the blocking rule and the offences already punished. */
  sanctions: ReadonlyArray<Pick<Sanction, 'ruleKey' | 'measure' | 'status' | 'decidedAt'> & { evidence: readonly string[] }>;
  /** Open proposals (rule key and measure). */
  openProposals: ReadonlyArray<Pick<SanctionProposal, 'ruleKey' | 'measure'>>;
}

export type ProposalDecision = { propose: true; proposal: SanctionProposal } | { propose: false; why: 'below-threshold' | 'blacklisted' | 'proposal-open' | 'sanction-active' };

/**
 * Decides whether `rule` fires for the offence just recorded. It does not when the figure stays
 * below the threshold (or the offence is not counted in the window), when the vendor stands
 * blacklisted, or while a proposal for the same vendor, rule and measure is open or its sanction
 * is active — a later offence then adds nothing: the rule fires once.
 */
export function decideProposal(
  input: { id: string; agencyId: string; vendorId: string; offenceId: string; rule: SanctionRule; ruleSet: SanctionRuleSet; vendor: VendorRecord },
  at: Date,
): ProposalDecision {
  const { rule, vendor } = input;
  const key = ruleKey(rule);
  const punished = new Set(vendor.sanctions.filter((sanction) => sanction.ruleKey === key).flatMap((sanction) => sanction.evidence));
  const measured = measure(rule, vendor.ledger, at, punished);
  if (!firesFor(rule, measured, input.offenceId)) return { propose: false, why: 'below-threshold' };
  if (vendor.sanctions.some((sanction) => sanction.measure === 'blacklisting' && sanction.status === 'active')) return { propose: false, why: 'blacklisted' };
  const prior: PriorSanction[] = vendor.sanctions.map((sanction) => ({ measure: sanction.measure, decidedAt: sanction.decidedAt }));
  const chosen = proposedMeasure(rule, input.ruleSet.ladder, prior, at);
  if (vendor.openProposals.some((open) => open.ruleKey === key && open.measure === chosen.measure)) return { propose: false, why: 'proposal-open' };
  if (vendor.sanctions.some((sanction) => sanction.ruleKey === key && sanction.measure === chosen.measure && sanction.status === 'active')) {
    return { propose: false, why: 'sanction-active' };
  }
  return {
    propose: true,
    proposal: {
      id: input.id,
      agencyId: input.agencyId,
      vendorId: input.vendorId,
      ruleKey: key,
      rule,
      ...chosen,
      figure: measured.figure,
      threshold: rule.threshold,
      windowDays: rule.windowDays,
      evidence: measured.evidence.map((offence) => ({
        offenceId: offence.id,
        kind: offence.kind,
        sourceRef: offence.sourceRef,
        weight: offence.weight,
        occurredAt: offence.occurredAt,
        description: offence.description,
      })),
      triggeredBy: input.offenceId,
      status: 'open',
      proposedAt: at,
    },
  };
}

export interface Confirmation {
  by: string;
  reason?: string;
  /** Suspension only: its start (default now, never before now) and end (default start + the period, never later). */
  from?: Date;
  until?: Date;
}

/** A sentence naming the rule and the figure, the default reason of a sanction. */
export function describeProposal(proposal: Pick<SanctionProposal, 'rule' | 'figure' | 'threshold' | 'windowDays'>): string {
  const counted = proposal.rule.offence === 'penalty-points' ? `${proposal.figure} penalty points` : `${proposal.figure} × ${proposal.rule.offence}`;
  return `${counted} within ${proposal.windowDays} days (threshold ${proposal.threshold})`;
}

/**
 * Confirms an open proposal into a sanction. A suspension runs from now (or a later start) for
 * the proposal's period; the confirmer may shorten it or start it later, with a reason, but never
 * extend it past the period nor start it in the past. A warning and a blacklisting take effect now.
 */
export function confirmProposal(proposal: SanctionProposal, confirmation: Confirmation, sanctionId: string, now: Date): { proposal: SanctionProposal; sanction: Sanction } {
  if (proposal.status !== 'open') throw new IllegalTransitionError('sanction proposal', proposal.status, 'confirm');
  const reason = confirmation.reason?.trim();
  const adjusted = confirmation.from !== undefined || confirmation.until !== undefined;
  if (adjusted && proposal.measure !== 'suspension') throw new BusinessRuleViolation('sanction-period-not-applicable', `a ${proposal.measure} has no period`, confirmation.from ? 'from' : 'until');
  if (adjusted && !reason) throw new BusinessRuleViolation('reason-required', 'give the reason for changing the period', 'reason');
  const from = confirmation.from ?? now;
  if (from.getTime() < now.getTime()) throw new BusinessRuleViolation('sanction-start-in-past', 'a suspension cannot start in the past', 'from');
  let until: Date | undefined;
  if (proposal.measure === 'suspension') {
    const longest = new Date(from.getTime() + (proposal.suspensionDays ?? 0) * DAY_MS);
    until = confirmation.until ?? longest;
    if (until.getTime() <= from.getTime()) throw new BusinessRuleViolation('sanction-end-before-start', 'until must be after the start', 'until');
    if (until.getTime() > longest.getTime()) {
      throw new BusinessRuleViolation('sanction-beyond-period', `the rule's period is ${proposal.suspensionDays ?? 0} days: until ${longest.toISOString()} at the latest`, 'until');
    }
  }
  const sanction: Sanction = {
    id: sanctionId,
    agencyId: proposal.agencyId,
    vendorId: proposal.vendorId,
    proposalId: proposal.id,
    ruleKey: proposal.ruleKey,
    measure: proposal.measure,
    reason: reason ? `${reason} — ${describeProposal(proposal)}` : describeProposal(proposal),
    from,
    ...(until ? { until } : {}),
    status: proposal.measure === 'warning' ? 'issued' : 'active',
    decidedBy: confirmation.by,
    decidedAt: now,
    evidence: proposal.evidence.map((item) => item.offenceId),
  };
  return { proposal: { ...proposal, status: 'confirmed', decidedBy: confirmation.by, decidedAt: now, ...(reason ? { decisionReason: reason } : {}), sanctionId }, sanction };
}

export function dismissProposal(proposal: SanctionProposal, decision: { by: string; reason: string }, now: Date): SanctionProposal {
  if (proposal.status !== 'open') throw new IllegalTransitionError('sanction proposal', proposal.status, 'dismiss');
  const reason = decision.reason.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'give the reason for dismissing the proposal', 'reason');
  return { ...proposal, status: 'dismissed', decidedBy: decision.by, decidedAt: now, decisionReason: reason };
}
