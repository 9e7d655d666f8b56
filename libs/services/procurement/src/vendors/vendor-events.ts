import { EventOrigin, VendorBlacklisted, VendorBlacklistingLifted, VendorReinstated, VendorSuspended } from '@houqin/contracts';
import { BlacklistedVendor, Reinstated, SuspendedVendor, VendorStatus } from './domain/vendor';

/** The vendor's events, built in one place for the manager's decisions, the sanctions and the sweep. */
export function suspendedEvent(vendor: SuspendedVendor, previousStatus: VendorStatus, origin: EventOrigin) {
  const { suspension } = vendor;
  return VendorSuspended.create({
    subject: vendor.id,
    origin,
    data: {
      vendorId: vendor.id,
      name: vendor.name,
      unifiedSocialCreditCode: vendor.unifiedSocialCreditCode,
      categories: vendor.categories,
      status: 'suspended',
      previousStatus,
      reason: suspension.reason,
      suspendedBy: suspension.suspendedBy,
      suspendedAt: suspension.suspendedAt.toISOString(),
      ...(suspension.until ? { suspendedUntil: suspension.until.toISOString() } : {}),
    },
  });
}

export function blacklistedEvent(vendor: BlacklistedVendor, previousStatus: VendorStatus, origin: EventOrigin) {
  return VendorBlacklisted.create({
    subject: vendor.id,
    origin,
    data: {
      vendorId: vendor.id,
      name: vendor.name,
      status: 'blacklisted',
      previousStatus,
      reason: vendor.blacklisting.reason,
      decidedBy: vendor.blacklisting.decidedBy,
      blacklistedAt: vendor.blacklisting.from.toISOString(),
    },
  });
}

/** vendor.reinstated for a suspension that ended, vendor.blacklisting-lifted for a lifted blacklisting. */
export function reinstatedEvent({ vendor, ended }: Reinstated, origin: EventOrigin) {
  const { reinstatement } = vendor;
  const identity = { vendorId: vendor.id, name: vendor.name, unifiedSocialCreditCode: vendor.unifiedSocialCreditCode, categories: vendor.categories, status: 'active' as const };
  if (ended.status === 'blacklisted') {
    return VendorBlacklistingLifted.create({
      subject: vendor.id,
      origin,
      data: {
        ...identity,
        previousStatus: 'blacklisted',
        reason: reinstatement.reason,
        liftedBy: reinstatement.decidedBy,
        liftedAt: reinstatement.at.toISOString(),
        blacklistedAt: ended.blacklisting.from.toISOString(),
      },
    });
  }
  const { suspension } = ended;
  return VendorReinstated.create({
    subject: vendor.id,
    origin,
    data: {
      ...identity,
      previousStatus: 'suspended',
      cause: reinstatement.cause === 'suspension-ended' ? 'suspension-ended' : 'reinstated-early',
      reason: reinstatement.reason,
      reinstatedBy: reinstatement.decidedBy,
      reinstatedAt: reinstatement.at.toISOString(),
      suspendedAt: suspension.suspendedAt.toISOString(),
      ...(suspension.until ? { suspendedUntil: suspension.until.toISOString() } : {}),
      suspensionBySanction: suspension.bySanction ?? false,
    },
  });
}
