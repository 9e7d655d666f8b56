import { BusinessRuleViolation, Clock } from '@houqin/domain';
import { SERVICE_CATEGORIES, ServiceCategory, Vendor } from './vendor';

/**
 * Documents that qualify a vendor for a category of work: a business licence is not enough to clean
 * a canteen kitchen (食品经营许可证) or guard a building (保安服务许可证).
 */
export const QUALIFICATION_KINDS = ['business-licence', 'service-permit', 'food-operation-permit', 'security-service-permit', 'safety-production-permit', 'iso-certificate', 'other'] as const;
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];

export interface Qualification {
  id: string;
  vendorId: string;
  kind: QualificationKind;
  /** The document's number as printed on it. */
  number: string;
  /** The category of work this document qualifies the vendor for. */
  category: ServiceCategory;
  issuedOn: Date;
  expiresOn: Date;
  addedBy: string;
  addedAt: Date;
}

export interface QualificationInput {
  id: string;
  addedBy: string;
  kind: QualificationKind;
  number: string;
  category: ServiceCategory;
  issuedOn: Date;
  expiresOn: Date;
}

/** A qualification is recorded for a category the vendor serves, and must not already have expired. */
export function addQualification(vendor: Vendor, input: QualificationInput, clock: Clock): Qualification {
  const number = input.number.trim();
  if (!number) throw new BusinessRuleViolation('number-required', "give the document's number", 'number');
  if (!(SERVICE_CATEGORIES as readonly string[]).includes(input.category)) {
    throw new BusinessRuleViolation('unknown-category', `'${input.category}' is not one of ${SERVICE_CATEGORIES.join(', ')}`, 'category');
  }
  if (!vendor.categories.includes(input.category)) {
    throw new BusinessRuleViolation('category-not-served', `the vendor is not registered for ${input.category} (it serves ${vendor.categories.join(', ')})`, 'category');
  }
  if (input.expiresOn.getTime() <= input.issuedOn.getTime()) {
    throw new BusinessRuleViolation('expiry-before-issue', 'expiresOn must be after issuedOn', 'expiresOn');
  }
  const now = clock.now();
  if (input.issuedOn.getTime() > now.getTime()) throw new BusinessRuleViolation('issued-in-future', 'issuedOn cannot be in the future', 'issuedOn');
  if (input.expiresOn.getTime() <= now.getTime()) throw new BusinessRuleViolation('qualification-expired', 'the document has already expired', 'expiresOn');
  return { id: input.id, vendorId: vendor.id, kind: input.kind, number, category: input.category, issuedOn: input.issuedOn, expiresOn: input.expiresOn, addedBy: input.addedBy, addedAt: now };
}

/** Valid at an instant: issued on or before it and expiring after it. */
export function qualificationValidAt(qualification: Qualification, at: Date): boolean {
  return qualification.issuedOn.getTime() <= at.getTime() && at.getTime() < qualification.expiresOn.getTime();
}
