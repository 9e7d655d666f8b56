import { BusinessRuleViolation } from '@houqin/domain';
import { Vendor } from './vendor';

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
