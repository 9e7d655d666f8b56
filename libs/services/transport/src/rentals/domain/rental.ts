import { BusinessRuleViolation, IllegalTransitionError } from '@houqin/domain';

/**
 * Rental vehicles (社会化租车) under procurement's transport contracts: the projection of a signed
 * contract with its SLA (punctuality, dispatch response) and its per-km rate, and the vendor's
 * standing (suspended, blacklisted, sanctioned by evaluation, warned).
 */
export interface RentalContract {
  contractId: string;
  agencyId: string;
  vendorId: string;
  vendorName: string;
  title: string;
  validFrom: Date;
  validTo: Date;
  minPunctualityRate: number;
  maxDispatchResponseMinutes: number;
  kmRateFen?: number;
  status: 'signed' | 'expired' | 'terminated';
  signedAt: Date;
  endedAt?: Date;
}

export interface VendorStanding {
  vendorId: string;
  status: 'active' | 'suspended' | 'blacklisted';
  sanctioned: boolean;
  warned: boolean;
  reason: string;
  effectiveFrom: Date;
  until?: Date;
}

/** Why the vendor gets no trip at `at`, if it is barred. */
export function standingBar(standing: VendorStanding | undefined, at: Date): string | undefined {
  if (!standing || standing.status === 'active') return undefined;
  if (standing.until && standing.until.getTime() <= at.getTime()) return undefined;
  return `${standing.sanctioned ? 'sanctioned' : standing.status}: ${standing.reason}`;
}

/** A bar on top of the current standing: blacklisting outranks a suspension; sanctioned stays once set. */
export function barStanding(current: VendorStanding | undefined, next: VendorStanding): VendorStanding {
  const warned = current?.warned ?? false;
  if (!current || current.status === 'active') return { ...next, warned: warned || next.warned };
  if (current.status === 'blacklisted' && next.status === 'suspended') return { ...current, sanctioned: current.sanctioned || next.sanctioned };
  return { ...next, sanctioned: current.sanctioned || next.sanctioned, warned: warned || next.warned };
}

/** A reinstatement or lifting ends the bar of its kind; a bar of the other kind stands. */
export function liftStanding(current: VendorStanding | undefined, lift: { vendorId: string; ends: 'suspended' | 'blacklisted'; reason: string; at: Date }): VendorStanding {
  if (current && current.status !== lift.ends && current.status !== 'active') return current;
  return { vendorId: lift.vendorId, status: 'active', sanctioned: false, warned: current?.warned ?? false, reason: lift.reason, effectiveFrom: lift.at };
}

/** The contracts a trip over [startsAt, endsAt) may go to: signed, in force over the window, vendor not barred. */
export function rentalOptions(contracts: readonly RentalContract[], standings: ReadonlyMap<string, VendorStanding>, window: { startsAt: Date; endsAt: Date }, at: Date): RentalContract[] {
  return contracts.filter(
    (contract) =>
      contract.status === 'signed' &&
      contract.validFrom.getTime() <= window.startsAt.getTime() &&
      contract.validTo.getTime() >= window.endsAt.getTime() &&
      !standingBar(standings.get(contract.vendorId), at),
  );
}

/** A rental dispatch under this contract: known, signed, covering the window, its vendor in good standing. */
export function checkRentalDispatch(contract: RentalContract | undefined, standing: VendorStanding | undefined, window: { startsAt: Date; endsAt: Date }, at: Date): RentalContract {
  if (!contract) throw new BusinessRuleViolation('unknown-transport-contract', 'no signed transport contract with this id is known in the agency', 'contractId');
  if (contract.status !== 'signed') throw new IllegalTransitionError('contract', contract.status, 'dispatch a rental under it');
  if (contract.validFrom.getTime() > window.startsAt.getTime() || contract.validTo.getTime() < window.endsAt.getTime()) {
    throw new BusinessRuleViolation('contract-not-in-force', `contract ${contract.contractId} runs ${contract.validFrom.toISOString()} to ${contract.validTo.toISOString()}, not over the trip`, 'contractId');
  }
  const bar = standingBar(standing, at);
  if (bar) throw new BusinessRuleViolation('rental-vendor-barred', `${contract.vendorName} is ${bar}; no rental dispatch`, 'contractId');
  return contract;
}
