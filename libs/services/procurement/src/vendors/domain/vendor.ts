import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';
import { creditCodeProblem, normaliseCreditCode } from './unified-social-credit-code';

/** The support services a vendor may be engaged for; tenders and contracts are per category. */
export const SERVICE_CATEGORIES = ['supplies', 'maintenance', 'catering', 'transport', 'cleaning', 'security'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/**
 * active → suspended (for a while, or until further notice) | blacklisted (by sanction).
 * Reinstatement and blacklisting arrive with evaluation sanctions.
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
  /** Present once the vendor is blacklisted. */
  blacklisting?: VendorBlacklisting;
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
 * Suspension stops new work for a vendor, for a period or until further notice. A suspended vendor
 * cannot be suspended again (the existing suspension stands), nor can a blacklisted one.
 */
export function suspendVendor(
  vendor: Vendor,
  suspension: { suspendedBy: string; reason: string; until?: Date },
  clock: Clock,
): SuspendedVendor {
  if (vendor.status !== 'active') throw new IllegalTransitionError('vendor', vendor.status, 'suspend');
  const reason = suspension.reason.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'give a reason for the suspension', 'reason');
  const now = clock.now();
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
