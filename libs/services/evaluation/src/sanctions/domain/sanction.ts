import { BusinessRuleViolation, IllegalTransitionError } from '@houqin/domain';
import type { SanctionMeasure } from './sanction-rules';

/**
 * A sanction (处罚) decided on a proposal. A warning (警告) is on record (issued) and has no period.
 * A suspension (暂停) is active from its start until its end, then ends by itself — the sweep
 * records it once, at `until`, and evaluation announces the reinstatement. A blacklisting (黑名单)
 * is active until an agency admin lifts it; either may be lifted early with a reason.
 */
export const SANCTION_STATUSES = ['issued', 'active', 'ended', 'lifted'] as const;
export type SanctionStatus = (typeof SANCTION_STATUSES)[number];

export const REINSTATEMENT_CAUSES = ['period-ended', 'lifted-early'] as const;
export type ReinstatementCause = (typeof REINSTATEMENT_CAUSES)[number];

export interface Sanction {
  id: string;
  agencyId: string;
  vendorId: string;
  proposalId: string;
  ruleKey: string;
  measure: SanctionMeasure;
  reason: string;
  from: Date;
  /** Suspension only. */
  until?: Date;
  status: SanctionStatus;
  decidedBy: string;
  decidedAt: Date;
  /** The offences it punished (the proposal's evidence): the same rule never counts them again. */
  evidence: string[];
  endedAt?: Date;
  endCause?: ReinstatementCause;
  liftedBy?: string;
  liftReason?: string;
}

/** A suspension whose end has come ends by itself, at its end; undefined when `sanction` is not such a suspension at `now`. */
export function endPeriod(sanction: Sanction, now: Date): Sanction | undefined {
  if (sanction.status !== 'active' || sanction.measure !== 'suspension' || !sanction.until || sanction.until.getTime() > now.getTime()) return undefined;
  return { ...sanction, status: 'ended', endedAt: sanction.until, endCause: 'period-ended' };
}

/** An agency admin ends an active suspension or blacklisting before its end, with a reason. */
export function liftSanction(sanction: Sanction, decision: { by: string; reason: string }, now: Date): Sanction {
  if (sanction.status !== 'active') throw new IllegalTransitionError('sanction', sanction.status, 'lift');
  const reason = decision.reason.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'give the reason for lifting the sanction', 'reason');
  return { ...sanction, status: 'lifted', endedAt: now, endCause: 'lifted-early', liftedBy: decision.by, liftReason: reason };
}

/** Whether the sanction bars the vendor at `at` (a suspension past its end no longer does, even before the sweep records it). */
export function inForce(sanction: Pick<Sanction, 'status' | 'measure' | 'from' | 'until'>, at: Date): boolean {
  if (sanction.status !== 'active') return false;
  if (sanction.from.getTime() > at.getTime()) return false;
  return sanction.measure !== 'suspension' || !sanction.until || sanction.until.getTime() > at.getTime();
}
