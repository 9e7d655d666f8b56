/**
 * What maintenance knows of procurement's contracts and of vendors' standing: a projection of
 * their events, enough to assign work without calling procurement.
 */
export const PROJECTED_CONTRACT_STATUSES = ['signed', 'expired', 'terminated'] as const;
export type ProjectedContractStatus = (typeof PROJECTED_CONTRACT_STATUSES)[number];

export interface MaintenanceContract {
  contractId: string;
  agencyId: string;
  vendorId: string;
  vendorName: string;
  title: string;
  /** Absent: every building of the agency. */
  buildings?: string[];
  /** Absent: every asset category. */
  assetCategories?: string[];
  validFrom: Date;
  validTo: Date;
  status: ProjectedContractStatus;
  signedAt: Date;
  endedAt?: Date;
  endReason?: string;
}

/** A vendor's standing as far as it bars it from work; no row means in good standing. */
export interface VendorStanding {
  vendorId: string;
  status: 'suspended' | 'blacklisted';
  /** Decided by evaluation (VendorSanctioned) rather than by procurement's own suspension. */
  sanctioned: boolean;
  reason: string;
  effectiveFrom: Date;
  /** Absent: until further notice. */
  until?: Date;
}

/** Signed and within its validity at `at`. */
export function isContractActive(contract: MaintenanceContract, at: Date): boolean {
  return contract.status === 'signed' && contract.validFrom.getTime() <= at.getTime() && at.getTime() < contract.validTo.getTime();
}

/** Whether the contract covers work of `category` in `building`; an absent list covers everything. */
export function contractCovers(contract: MaintenanceContract, need: { category: string; building: string }): boolean {
  const categoryCovered = !contract.assetCategories || contract.assetCategories.length === 0 || contract.assetCategories.includes(need.category);
  const buildingCovered = !contract.buildings || contract.buildings.length === 0 || contract.buildings.some((building) => building.trim().toLowerCase() === need.building.trim().toLowerCase());
  return categoryCovered && buildingCovered;
}

/** Why the vendor may not take work at `at`, or undefined when it may. */
export function standingBar(standing: VendorStanding | undefined, at: Date): string | undefined {
  if (!standing) return undefined;
  const by = standing.sanctioned ? 'sanctioned by evaluation' : 'by procurement';
  if (standing.status === 'blacklisted') return `vendor ${standing.vendorId} is blacklisted (${by}): ${standing.reason}`;
  if (standing.effectiveFrom.getTime() > at.getTime()) return undefined;
  if (standing.until && standing.until.getTime() <= at.getTime()) return undefined;
  const until = standing.until ? ` until ${standing.until.toISOString()}` : ' until further notice';
  return standing.sanctioned
    ? `vendor ${standing.vendorId} is sanctioned by evaluation (suspended${until}): ${standing.reason}`
    : `vendor ${standing.vendorId} is suspended${until}: ${standing.reason}`;
}

/**
 * Folds a new bar into the standing already known, so that re-applying or reordering events does
 * not loosen it: a blacklisting is never downgraded to a suspension, and a sanction stays a sanction.
 */
export function mergeStanding(current: VendorStanding | undefined, next: VendorStanding): VendorStanding {
  if (!current) return next;
  if (current.status === 'blacklisted' && next.status === 'suspended') return { ...current, sanctioned: current.sanctioned || next.sanctioned };
  return { ...next, sanctioned: current.sanctioned || next.sanctioned };
}
