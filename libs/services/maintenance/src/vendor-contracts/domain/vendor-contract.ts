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
  /** Active: reinstated (or a blacklisting lifted) after a bar. */
  status: 'active' | 'suspended' | 'blacklisted';
  /** Decided by evaluation (VendorSanctioned) rather than by procurement's own suspension. */
  sanctioned: boolean;
  reason: string;
  effectiveFrom: Date;
  /** Absent: until further notice. */
  until?: Date;
  /** The latest reinstatement or lifting procurement announced, kept once the vendor is barred again. */
  liftedAt?: Date;
  /** Who announced the bar last: evaluation's sanction directly, or procurement (absent: procurement). */
  source?: StandingSource;
}

export type StandingSource = 'procurement' | 'evaluation';

/** A bar ending, as procurement announces it: vendor.reinstated or vendor.blacklisting-lifted. */
export interface StandingLift {
  vendorId: string;
  /** The bar it ends. */
  ends: 'suspended' | 'blacklisted';
  reason: string;
  at: Date;
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
  if (!standing || standing.status === 'active') return undefined;
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
 * Folds a new bar into the standing already known. Procurement's own events (vendor.suspended,
 * vendor.blacklisted) come in order on the vendor's topic and always apply. Evaluation's sanction
 * comes on another topic, so it can arrive after procurement has already applied it and ended it:
 * a sanction taking effect before the latest reinstatement is ignored (procurement announces a
 * sanction it applies later as its own vendor.suspended or vendor.blacklisted). A blacklisting is
 * never downgraded to a suspension, and a bar on a bar stays a sanction if either was one.
 */
export function mergeStanding(current: VendorStanding | undefined, next: VendorStanding, source: StandingSource = 'procurement'): VendorStanding {
  const incoming: VendorStanding = { ...next };
  if (source === 'evaluation') incoming.source = source;
  else delete incoming.source;
  if (!current) return incoming;
  const liftedAt = current.liftedAt ? { liftedAt: current.liftedAt } : {};
  if (source === 'evaluation' && current.liftedAt && next.effectiveFrom.getTime() <= current.liftedAt.getTime()) return current;
  if (current.status === 'active') return { ...incoming, ...liftedAt };
  if (current.status === 'blacklisted' && next.status === 'suspended') return { ...current, sanctioned: current.sanctioned || next.sanctioned };
  return { ...incoming, sanctioned: current.sanctioned || next.sanctioned, ...liftedAt };
}

/**
 * Applies a reinstatement or the lifting of a blacklisting. It ends the bar of its kind that
 * procurement announced (its events come in order, so the lift follows the bar it ends), or a
 * sanction that took effect no later than the lift; a sanction that evaluation announced taking
 * effect after the lift stands, as does a bar of the other kind. The lift is remembered so that an
 * older sanction arriving late does not bar the vendor again.
 */
export function liftStanding(current: VendorStanding | undefined, lift: StandingLift): VendorStanding {
  const active: VendorStanding = { vendorId: lift.vendorId, status: 'active', sanctioned: false, reason: lift.reason, effectiveFrom: lift.at };
  if (!current) return { ...active, liftedAt: lift.at };
  const liftedAt = current.liftedAt && current.liftedAt.getTime() > lift.at.getTime() ? current.liftedAt : lift.at;
  const newerSanction = current.source === 'evaluation' && current.effectiveFrom.getTime() > lift.at.getTime();
  if (current.status !== lift.ends || newerSanction) return { ...current, liftedAt };
  return { ...active, liftedAt };
}

/** The end of one of evaluation's sanctions, as its vendor.reinstated announces it. */
export interface SanctionEnd {
  vendorId: string;
  kind: 'suspension' | 'blacklisting';
  /** The sanction's start, as vendor.sanctioned announced it. */
  from: Date;
  reason: string;
  at: Date;
}

/**
 * Evaluation ended one of its sanctions: the standing is lifted when its bar is that sanction (a
 * bar of the same kind, decided by evaluation, from the same instant). A bar procurement already
 * lifted, or one decided since, is left as it is; the lift is remembered like procurement's.
 */
export function endSanction(current: VendorStanding | undefined, ended: SanctionEnd): VendorStanding {
  const active: VendorStanding = { vendorId: ended.vendorId, status: 'active', sanctioned: false, reason: ended.reason, effectiveFrom: ended.at, liftedAt: ended.at };
  if (!current) return active;
  const status = ended.kind === 'blacklisting' ? 'blacklisted' : 'suspended';
  if (current.status !== status || !current.sanctioned || current.effectiveFrom.getTime() !== ended.from.getTime()) return current;
  const liftedAt = current.liftedAt && current.liftedAt.getTime() > ended.at.getTime() ? current.liftedAt : ended.at;
  return { ...active, liftedAt };
}
