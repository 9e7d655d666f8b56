import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';
import { creditCodeProblem, normaliseCreditCode } from './unified-social-credit-code';

/** The support services a vendor may be engaged for; tenders and contracts are per category. */
export const SERVICE_CATEGORIES = ['supplies', 'maintenance', 'catering', 'transport', 'cleaning', 'security'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/**
 * active → suspended (for a while, or until further notice) → active again when the suspension
 * ends by itself or a logistics manager reinstates early; active | suspended → blacklisted (by an
 * agency admin or a sanction of evaluation) → active again only when an agency admin lifts it.
 */
export const VENDOR_STATUSES = ['active', 'suspended', 'blacklisted'] as const;
export type VendorStatus = (typeof VENDOR_STATUSES)[number];

/** Mainland mobile (optionally +86), or a landline with area code and optional extension. */
export const CONTACT_PHONE = /^(?:(?:\+86[- ]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/;

export interface VendorContact {
  name: string;
  phone: string;
}

export interface VendorSuspension {
  reason: string;
  suspendedBy: string;
  suspendedAt: Date;
  /** Absent: until further notice. */
  until?: Date;
  /** Set when the suspension is a sanction decided by evaluation rather than a manager's decision. */
  bySanction?: boolean;
}

/** A blacklisting (列入黑名单) by a sanction of evaluation: no end date, no tenders. */
export interface VendorBlacklisting {
  reason: string;
  decidedBy: string;
  from: Date;
}

/** Why a vendor became active again after a bar. */
export const REINSTATEMENT_CAUSES = ['suspension-ended', 'reinstated-early', 'blacklisting-lifted'] as const;
export type ReinstatementCause = (typeof REINSTATEMENT_CAUSES)[number];

/** Who records a suspension that ended by itself. */
export const SUSPENSION_END_RECORDER = 'system';

/** The latest return of the vendor to active (恢复资格). */
export interface VendorReinstatement {
  cause: ReinstatementCause;
  reason: string;
  decidedBy: string;
  /** For a suspension that ran out, its end; otherwise when it was decided. */
  at: Date;
}

export interface Vendor {
  id: string;
  agencyId: string;
  name: string;
  /** 统一社会信用代码, normalised to upper case; unique within the agency's registry. */
  unifiedSocialCreditCode: string;
  categories: ServiceCategory[];
  contact: VendorContact;
  status: VendorStatus;
  registeredBy: string;
  registeredAt: Date;
  /** Present while the vendor is suspended. */
  suspension?: VendorSuspension;
  /** Present while the vendor is blacklisted. */
  blacklisting?: VendorBlacklisting;
  /** The latest reinstatement, kept after the vendor is barred again. */
  reinstatement?: VendorReinstatement;
}

export interface VendorRegistration {
  id: string;
  agencyId: string;
  registeredBy: string;
  name: string;
  unifiedSocialCreditCode: string;
  categories: readonly string[];
  contact: VendorContact;
}

export type SuspendedVendor = Vendor & { status: 'suspended'; suspension: VendorSuspension };
export type BlacklistedVendor = Vendor & { status: 'blacklisted'; blacklisting: VendorBlacklisting };
export type ReinstatedVendor = Vendor & { status: 'active'; reinstatement: VendorReinstatement };

/** A bar ended: the vendor as it is now and the bar it was under. */
export interface Reinstated {
  vendor: ReinstatedVendor;
  ended: { status: 'suspended'; suspension: VendorSuspension } | { status: 'blacklisted'; blacklisting: VendorBlacklisting };
}

/**
 * The vendor's status at an instant, the one rule that tendering, contracts, orders and the
 * vendor's own view read: a suspension whose end has passed no longer counts, even before the
 * sweep has recorded its end.
 */
export function vendorStatusAt(vendor: Pick<Vendor, 'status' | 'suspension'>, at: Date): VendorStatus {
  if (vendor.status === 'suspended' && suspensionEndedBy(vendor.suspension, at)) return 'active';
  return vendor.status;
}

function suspensionEndedBy(suspension: VendorSuspension | undefined, at: Date): boolean {
  return suspension?.until !== undefined && suspension.until.getTime() <= at.getTime();
}

/** A logistics manager enters a service provider into the registry (供应商库); it starts active. */
export function registerVendor(registration: VendorRegistration, clock: Clock): Vendor {
  const name = registration.name.trim();
  if (!name) throw new BusinessRuleViolation('name-required', 'give the vendor\'s registered name', 'name');
  const unifiedSocialCreditCode = normaliseCreditCode(registration.unifiedSocialCreditCode);
  const problem = creditCodeProblem(unifiedSocialCreditCode);
  if (problem === 'shape') {
    throw new BusinessRuleViolation(
      'invalid-credit-code',
      'unifiedSocialCreditCode must be 18 characters: digits and capital letters other than I, O, S, V, Z',
      'unifiedSocialCreditCode',
    );
  }
  if (problem === 'check-digit') {
    throw new BusinessRuleViolation(
      'credit-code-check-digit',
      'unifiedSocialCreditCode fails the GB 32100-2015 check character; it was probably mistyped',
      'unifiedSocialCreditCode',
    );
  }
  return {
    id: registration.id,
    agencyId: registration.agencyId,
    name,
    unifiedSocialCreditCode,
    categories: serviceCategories(registration.categories),
    contact: vendorContact(registration.contact),
    status: 'active',
    registeredBy: registration.registeredBy,
    registeredAt: clock.now(),
  };
}

/**
 * Suspension stops new work for a vendor, for a period or until further notice. A vendor under a
 * suspension that has not ended cannot be suspended again (the existing suspension stands), nor
 * can a blacklisted one; once a suspension has ended, a new offence can be suspended again.
 */
export function suspendVendor(
  vendor: Vendor,
  suspension: { suspendedBy: string; reason: string; until?: Date },
  clock: Clock,
): SuspendedVendor {
  const now = clock.now();
  const status = vendorStatusAt(vendor, now);
  if (status !== 'active') throw new IllegalTransitionError('vendor', status, 'suspend');
  const reason = requiredReason(suspension.reason, 'the suspension');
  if (suspension.until && suspension.until.getTime() <= now.getTime()) {
    throw new BusinessRuleViolation('suspension-end-in-past', 'until must be in the future', 'until');
  }
  return {
    ...vendor,
    status: 'suspended',
    suspension: {
      reason,
      suspendedBy: suspension.suspendedBy,
      suspendedAt: now,
      ...(suspension.until ? { until: new Date(suspension.until.getTime()) } : {}),
    },
  };
}

/**
 * A suspension with an end that has come ends by itself (its end is the instant of the
 * reinstatement); undefined when the vendor is not under such a suspension at `at`.
 */
export function endLapsedSuspension(vendor: Vendor, at: Date): Reinstated | undefined {
  const { suspension } = vendor;
  if (vendor.status !== 'suspended' || !suspension?.until || !suspensionEndedBy(suspension, at)) return undefined;
  const reinstatement: VendorReinstatement = {
    cause: 'suspension-ended',
    reason: `the suspension ended on ${suspension.until.toISOString()}`,
    decidedBy: SUSPENSION_END_RECORDER,
    at: suspension.until,
  };
  return { vendor: reinstated(vendor, reinstatement), ended: { status: 'suspended', suspension } };
}

/** A logistics manager ends a suspension before its end (or one until further notice), with a reason. */
export function reinstateEarly(vendor: Vendor, decision: { decidedBy: string; reason: string }, clock: Clock): Reinstated {
  const now = clock.now();
  const status = vendorStatusAt(vendor, now);
  if (status !== 'suspended' || !vendor.suspension) throw new IllegalTransitionError('vendor', status, 'reinstate');
  const reason = requiredReason(decision.reason, 'the reinstatement');
  const reinstatement: VendorReinstatement = { cause: 'reinstated-early', reason, decidedBy: decision.decidedBy, at: now };
  return { vendor: reinstated(vendor, reinstatement), ended: { status: 'suspended', suspension: vendor.suspension } };
}

/**
 * An agency admin blacklists (列入黑名单) an active or suspended vendor, with a reason: it ends any
 * suspension and has no end date. A blacklisted vendor cannot be blacklisted again.
 */
export function blacklistVendor(vendor: Vendor, decision: { decidedBy: string; reason: string }, clock: Clock): BlacklistedVendor {
  const now = clock.now();
  const status = vendorStatusAt(vendor, now);
  if (status === 'blacklisted') throw new IllegalTransitionError('vendor', status, 'blacklist');
  const reason = requiredReason(decision.reason, 'the blacklisting');
  const blacklisted: BlacklistedVendor = { ...vendor, status: 'blacklisted', blacklisting: { reason, decidedBy: decision.decidedBy, from: now } };
  delete blacklisted.suspension;
  return blacklisted;
}

/** Only an agency admin lifts a blacklisting, with a reason; the vendor is active again. */
export function liftBlacklisting(vendor: Vendor, decision: { decidedBy: string; reason: string }, clock: Clock): Reinstated {
  if (vendor.status !== 'blacklisted' || !vendor.blacklisting) {
    throw new IllegalTransitionError('vendor', vendorStatusAt(vendor, clock.now()), 'lift the blacklisting of');
  }
  const reason = requiredReason(decision.reason, 'lifting the blacklisting');
  const reinstatement: VendorReinstatement = { cause: 'blacklisting-lifted', reason, decidedBy: decision.decidedBy, at: clock.now() };
  return { vendor: reinstated(vendor, reinstatement), ended: { status: 'blacklisted', blacklisting: vendor.blacklisting } };
}

function reinstated(vendor: Vendor, reinstatement: VendorReinstatement): ReinstatedVendor {
  const active: ReinstatedVendor = { ...vendor, status: 'active', reinstatement };
  delete active.suspension;
  delete active.blacklisting;
  return active;
}

function requiredReason(reason: string, what: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new BusinessRuleViolation('reason-required', `give a reason for ${what}`, 'reason');
  return trimmed;
}

/** At least one category, each known and listed once; kept in the canonical order. */
function serviceCategories(categories: readonly string[]): ServiceCategory[] {
  if (categories.length === 0) {
    throw new BusinessRuleViolation('categories-required', 'name at least one service category the vendor serves', 'categories');
  }
  const unknown = categories.find((category) => !(SERVICE_CATEGORIES as readonly string[]).includes(category));
  if (unknown !== undefined) {
    throw new BusinessRuleViolation('unknown-category', `'${unknown}' is not one of ${SERVICE_CATEGORIES.join(', ')}`, 'categories');
  }
  if (new Set(categories).size !== categories.length) {
    throw new BusinessRuleViolation('duplicate-category', 'list each service category once', 'categories');
  }
  return SERVICE_CATEGORIES.filter((category) => categories.includes(category));
}

function vendorContact(contact: VendorContact): VendorContact {
  const name = contact.name.trim();
  if (!name) throw new BusinessRuleViolation('contact-name-required', 'give the contact person\'s name', 'contact.name');
  const phone = contact.phone.trim();
  if (!CONTACT_PHONE.test(phone)) {
    throw new BusinessRuleViolation('invalid-phone', 'contact.phone must be a mainland mobile or landline number', 'contact.phone');
  }
  return { name, phone };
}
