import { BusinessRuleViolation } from '@houqin/domain';
import { Reinstated, ReinstatedVendor, SUSPENSION_END_RECORDER, Vendor, VendorReinstatement } from './vendor';

export interface VendorSanction {
  kind: 'suspension' | 'blacklisting';
  reason: string;
  from: Date;
  /** Suspension only; absent: until further notice. */
  until?: Date;
  decidedBy: string;
}

export type SanctionOutcome = { changed: false; vendor: Vendor } | { changed: true; vendor: Vendor; previousStatus: Vendor['status'] };

/**
 * Applies a sanction decided by evaluation. Blacklisting outranks everything and stands until an
 * agency admin lifts it; a suspension replaces a current suspension (the latest decision holds)
 * but never lifts a blacklisting. Applying the same sanction twice changes nothing, so a redelivered event is harmless
 * even outside the inbox.
 */
export function applySanction(vendor: Vendor, sanction: VendorSanction): SanctionOutcome {
  const reason = sanction.reason.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'a sanction needs a reason', 'reason');
  if (sanction.until && sanction.until.getTime() <= sanction.from.getTime()) {
    throw new BusinessRuleViolation('sanction-end-before-start', 'until must be after from', 'until');
  }
  if (vendor.status === 'blacklisted') return { changed: false, vendor };
  if (sanction.kind === 'blacklisting') {
    const blacklisted: Vendor = { ...vendor, status: 'blacklisted', blacklisting: { reason, decidedBy: sanction.decidedBy, from: sanction.from } };
    // A blacklisting ends any suspension: it outranks it and has no end.
    delete blacklisted.suspension;
    return { changed: true, previousStatus: vendor.status, vendor: blacklisted };
  }
  const current = vendor.suspension;
  if (
    vendor.status === 'suspended' &&
    current?.bySanction &&
    current.reason === reason &&
    current.suspendedAt.getTime() === sanction.from.getTime() &&
    current.until?.getTime() === sanction.until?.getTime()
  ) {
    return { changed: false, vendor };
  }
  return {
    changed: true,
    previousStatus: vendor.status,
    vendor: {
      ...vendor,
      status: 'suspended',
      suspension: { reason, suspendedBy: sanction.decidedBy, suspendedAt: sanction.from, bySanction: true, ...(sanction.until ? { until: sanction.until } : {}) },
    },
  };
}

/** The end of one of evaluation's sanctions, as its vendor.reinstated announces it. */
export interface EndedSanction {
  kind: 'suspension' | 'blacklisting';
  cause: 'period-ended' | 'lifted-early';
  from: Date;
  until?: Date;
  reason: string;
  /** A user id, or 'system' for a period that ran out. */
  by: string;
  at: Date;
}

/**
 * Evaluation ended one of its sanctions. The vendor is reinstated only when its current bar is
 * that sanction — a suspension by sanction with the same start and end, or a blacklisting from the
 * same instant. A suspension the registry's own sweep already ended at its end, or a bar decided
 * since (by a manager or a later sanction), is left as it is: undefined.
 */
export function endSanction(vendor: Vendor, ended: EndedSanction): Reinstated | undefined {
  const same = (a: Date | undefined, b: Date | undefined) => a?.getTime() === b?.getTime();
  if (ended.kind === 'suspension') {
    const { suspension } = vendor;
    if (vendor.status !== 'suspended' || !suspension?.bySanction || !same(suspension.suspendedAt, ended.from) || !same(suspension.until, ended.until)) return undefined;
    const reinstatement: VendorReinstatement =
      ended.cause === 'period-ended'
        ? { cause: 'suspension-ended', reason: `the suspension ended on ${(ended.until ?? ended.at).toISOString()}`, decidedBy: SUSPENSION_END_RECORDER, at: ended.until ?? ended.at }
        : { cause: 'reinstated-early', reason: ended.reason, decidedBy: ended.by, at: ended.at };
    return { vendor: activeAgain(vendor, reinstatement), ended: { status: 'suspended', suspension } };
  }
  const { blacklisting } = vendor;
  if (vendor.status !== 'blacklisted' || !blacklisting || !same(blacklisting.from, ended.from)) return undefined;
  const reinstatement: VendorReinstatement = { cause: 'blacklisting-lifted', reason: ended.reason, decidedBy: ended.by, at: ended.at };
  return { vendor: activeAgain(vendor, reinstatement), ended: { status: 'blacklisted', blacklisting } };
}

function activeAgain(vendor: Vendor, reinstatement: VendorReinstatement): ReinstatedVendor {
  const active: ReinstatedVendor = { ...vendor, status: 'active', reinstatement };
  delete active.suspension;
  delete active.blacklisting;
  return active;
}
