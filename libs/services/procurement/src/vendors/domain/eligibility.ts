import { Qualification, qualificationValidAt } from './qualification';
import { ServiceCategory, Vendor, vendorStatusAt } from './vendor';

export type VendorWithQualifications = Vendor & { qualifications: readonly Qualification[] };

export type IneligibilityReason =
  | { code: 'blacklisted'; message: string }
  | { code: 'suspended'; message: string; until?: Date }
  | { code: 'sanctioned'; message: string; until?: Date }
  | { code: 'no-valid-qualification'; message: string }
  | { code: 'qualification-expired'; message: string; expiredOn: Date };

export type Eligibility = { eligible: true } | { eligible: false; reasons: IneligibilityReason[] };

/**
 * Whether a vendor may take part in a tender for a category at an instant (the bid deadline):
 * not blacklisted, not suspended or sanctioned at that instant (vendorStatusAt: a suspension whose
 * end has passed no longer counts), and holding a qualification for the category valid at that instant. Every
 * reason that applies is given, so a refused bidder learns all it has to put right.
 */
export function eligibility(vendor: VendorWithQualifications, category: ServiceCategory, at: Date): Eligibility {
  const reasons: IneligibilityReason[] = [];
  switch (vendorStatusAt(vendor, at)) {
    case 'active':
      break;
    case 'blacklisted':
      reasons.push({ code: 'blacklisted', message: `the vendor is blacklisted${vendor.blacklisting ? `: ${vendor.blacklisting.reason}` : ''}` });
      break;
    case 'suspended': {
      const until = vendor.suspension?.until;
      const period = until ? `until ${until.toISOString()}` : 'until further notice';
      reasons.push(
        vendor.suspension?.bySanction
          ? { code: 'sanctioned', message: `the vendor is sanctioned (suspended) ${period}`, ...(until ? { until } : {}) }
          : { code: 'suspended', message: `the vendor is suspended ${period}`, ...(until ? { until } : {}) },
      );
      break;
    }
  }
  const forCategory = vendor.qualifications.filter((qualification) => qualification.category === category);
  if (!forCategory.some((qualification) => qualificationValidAt(qualification, at))) {
    const lastExpired = forCategory
      .filter((qualification) => qualification.expiresOn.getTime() <= at.getTime())
      .sort((a, b) => b.expiresOn.getTime() - a.expiresOn.getTime())[0];
    reasons.push(
      lastExpired
        ? { code: 'qualification-expired', message: `the vendor's qualification for ${category} expired on ${lastExpired.expiresOn.toISOString()}`, expiredOn: lastExpired.expiresOn }
        : { code: 'no-valid-qualification', message: `the vendor holds no valid qualification for ${category}` },
    );
  }
  return reasons.length === 0 ? { eligible: true } : { eligible: false, reasons };
}
