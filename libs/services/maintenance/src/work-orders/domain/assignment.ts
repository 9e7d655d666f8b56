import { BusinessRuleViolation } from '@houqin/domain';
import { MaintenanceContract, VendorStanding, contractCovers, isContractActive, standingBar } from '../../vendor-contracts/domain/vendor-contract';

export interface WorkNeed {
  category: string;
  building: string;
}

export interface VendorChoice {
  vendorId: string;
  contractId: string;
  /** Chosen because exactly one vendor fits, rather than named by the caller. */
  automatic: boolean;
}

/**
 * The vendor a work order goes to: one holding an active maintenance contract (signed, within its
 * validity) covering the work's category and building, in good standing. Named by the caller, it
 * must be one of those; not named, it is chosen only when exactly one vendor fits.
 */
export function chooseVendor(
  contracts: readonly MaintenanceContract[],
  standings: readonly VendorStanding[],
  need: WorkNeed,
  requestedVendorId: string | undefined,
  at: Date,
): VendorChoice {
  const covering = contracts.filter((contract) => isContractActive(contract, at) && contractCovers(contract, need));
  const barOf = (vendorId: string) => standingBar(standings.find((standing) => standing.vendorId === vendorId), at);
  const what = `${need.category} work in ${need.building}`;

  if (requestedVendorId !== undefined) {
    const bar = barOf(requestedVendorId);
    if (bar) throw new BusinessRuleViolation('vendor-not-eligible', bar, 'vendorId');
    const contract = latestFirst(covering.filter((candidate) => candidate.vendorId === requestedVendorId))[0];
    if (!contract) throw new BusinessRuleViolation('vendor-not-contracted', `vendor ${requestedVendorId} holds no active maintenance contract covering ${what}`, 'vendorId');
    return { vendorId: requestedVendorId, contractId: contract.contractId, automatic: false };
  }

  const vendors = [...new Set(covering.map((contract) => contract.vendorId))];
  const eligible = vendors.filter((vendorId) => barOf(vendorId) === undefined);
  if (eligible.length === 1) {
    const vendorId = eligible[0]!;
    return { vendorId, contractId: latestFirst(covering.filter((contract) => contract.vendorId === vendorId))[0]!.contractId, automatic: true };
  }
  if (eligible.length > 1) {
    throw new BusinessRuleViolation('vendor-choice-required', `${eligible.length} vendors hold an active contract covering ${what}: name one of ${eligible.sort().join(', ')} (vendorId)`, 'vendorId');
  }
  const barred = vendors.map((vendorId) => barOf(vendorId)).filter((bar): bar is string => bar !== undefined);
  if (barred.length > 0) throw new BusinessRuleViolation('vendor-not-eligible', `no eligible vendor for ${what}: ${barred.join('; ')}`, 'vendorId');
  throw new BusinessRuleViolation('no-contracted-vendor', `no vendor holds an active maintenance contract covering ${what}; assign the internal team or name a vendor once contracted`);
}

/** Of several fitting contracts of one vendor, the one signed last. */
function latestFirst(contracts: readonly MaintenanceContract[]): MaintenanceContract[] {
  return [...contracts].sort((a, b) => b.signedAt.getTime() - a.signedAt.getTime());
}
