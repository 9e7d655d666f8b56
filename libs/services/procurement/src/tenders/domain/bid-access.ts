import { Tender } from './tender';

export interface BidReader {
  userId: string;
  roles: readonly string[];
  vendorId?: string;
}

export type BidContentAccess = { allowed: true } | { allowed: false; reason: 'sealed-until-opening' | 'not-entitled' };

/** Roles that may read opened bids besides the committee: the agency's operators and its overseers. */
const OPENED_BID_READERS = ['agency-admin', 'logistics-manager', 'auditor', 'supervisor'];

/**
 * Sealed bids (密封投标): until the tender is opened — which cannot happen before the opening
 * time — nobody reads a bid's content, whatever their role, the bidder included (it holds its own
 * copy and the digest to check it against). After opening, the committee, the agency's operators
 * and its overseers read every bid; a vendor only its own.
 */
export function bidContentAccess(tender: Tender, reader: BidReader, bid: { vendorId: string }): BidContentAccess {
  if (tender.openedAt === undefined) return { allowed: false, reason: 'sealed-until-opening' };
  if (reader.roles.includes('vendor')) return reader.vendorId === bid.vendorId ? { allowed: true } : { allowed: false, reason: 'not-entitled' };
  if (tender.committee.some((member) => member.userId === reader.userId)) return { allowed: true };
  if (reader.roles.some((role) => OPENED_BID_READERS.includes(role))) return { allowed: true };
  return { allowed: false, reason: 'not-entitled' };
}
