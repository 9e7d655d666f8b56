import { BusinessRuleViolation, IllegalTransitionError } from '@houqin/domain';

/**
 * Who runs a canteen (承包经营): a vendor holding a catering contract signed by procurement. The
 * contract's SLA terms become the canteen's targets; an operator barred by procurement or
 * sanctioned by evaluation gets no new contract period, and the manager is warned.
 */
export interface CanteenTargets {
  /** Share of food-safety inspections that must pass, in percent. */
  minInspectionPassRate: number;
  /** Lowest acceptable mean meal rating, 1–5. */
  minSatisfactionScore: number;
}

export interface CateringContract {
  contractId: string;
  agencyId: string;
  vendorId: string;
  vendorName: string;
  title: string;
  validFrom: Date;
  validTo: Date;
  targets: CanteenTargets;
  status: 'signed' | 'expired' | 'terminated';
  signedAt: Date;
  endedAt?: Date;
}

/** A vendor's standing as far as it bars it from new contract periods; no record means good standing. */
export interface OperatorStanding {
  vendorId: string;
  status: 'active' | 'suspended' | 'blacklisted';
  /** Decided by evaluation rather than by procurement. */
  sanctioned: boolean;
  reason: string;
  effectiveFrom: Date;
  /** Absent: until further notice. */
  until?: Date;
  /** Who announced the bar in force: evaluation (a sanction, on its own topic) or procurement (absent). */
  source?: StandingSource;
  /** The latest reinstatement or lifting known, kept once the vendor is barred again (so that an older sanction arriving late bars nothing). */
  liftedAt?: Date;
}

export type StandingSource = 'procurement' | 'evaluation';

export interface OperatorPeriod {
  id: string;
  agencyId: string;
  canteenId: string;
  contractId: string;
  vendorId: string;
  vendorName: string;
  startsAt: Date;
  endsAt: Date;
  targets: CanteenTargets;
  assignedBy: string;
  assignedAt: Date;
}

/** The canteen targets a catering contract's SLA terms set; other service types' terms set none. */
export function targetsOf(slaTerms: { serviceType: string; minInspectionPassRate?: number; minSatisfactionScore?: number }): CanteenTargets | undefined {
  if (slaTerms.serviceType !== 'catering' || slaTerms.minInspectionPassRate === undefined || slaTerms.minSatisfactionScore === undefined) return undefined;
  return { minInspectionPassRate: slaTerms.minInspectionPassRate, minSatisfactionScore: slaTerms.minSatisfactionScore };
}

/** Why the vendor may not start a new contract period at `at`, or undefined when it may. */
export function standingBar(standing: OperatorStanding | undefined, at: Date): string | undefined {
  if (!standing || standing.status === 'active') return undefined;
  const by = standing.sanctioned ? 'sanctioned by evaluation' : 'barred by procurement';
  if (standing.status === 'blacklisted') return `vendor ${standing.vendorId} is blacklisted (${by}): ${standing.reason}`;
  if (standing.effectiveFrom.getTime() > at.getTime()) return undefined;
  if (standing.until && standing.until.getTime() <= at.getTime()) return undefined;
  return `vendor ${standing.vendorId} is suspended (${by})${standing.until ? ` until ${standing.until.toISOString()}` : ''}: ${standing.reason}`;
}

/**
 * Folds a new bar into the standing already known (as maintenance does). Procurement's own events
 * (vendor.suspended, vendor.blacklisted) come in order on the vendor's topic and always apply.
 * Evaluation's sanction comes on another topic, so it can arrive after procurement has already
 * applied it and ended it: a sanction taking effect no later than the latest reinstatement known is
 * ignored. A blacklisting is never downgraded to a suspension, and a bar on a bar stays a sanction
 * if either was one.
 */
export function barStanding(current: OperatorStanding | undefined, next: OperatorStanding, source: StandingSource = 'procurement'): OperatorStanding {
  const incoming: OperatorStanding = { ...next };
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
 * A reinstatement or the lifting of a blacklisting (procurement's) ends the bar of its kind — one
 * procurement announced, or a sanction that took effect no later than the lift; a sanction that
 * evaluation announced taking effect after the lift stands, as does a bar of the other kind. The
 * lift is remembered so that an older sanction arriving late does not bar the vendor again.
 */
export function liftStanding(current: OperatorStanding | undefined, lift: { vendorId: string; ends: 'suspended' | 'blacklisted'; reason: string; at: Date }): OperatorStanding {
  const active: OperatorStanding = { vendorId: lift.vendorId, status: 'active', sanctioned: false, reason: lift.reason, effectiveFrom: lift.at };
  if (!current) return { ...active, liftedAt: lift.at };
  const liftedAt = current.liftedAt && current.liftedAt.getTime() > lift.at.getTime() ? current.liftedAt : lift.at;
  const newerSanction = current.source === 'evaluation' && current.effectiveFrom.getTime() > lift.at.getTime();
  if (current.status !== lift.ends || newerSanction) return { ...current, liftedAt };
  return { ...active, liftedAt };
}

/**
 * Evaluation ended one of its sanctions (its vendor.reinstated): the standing is lifted only when
 * its bar is that sanction — of the same kind, decided by evaluation, from the same instant. A bar
 * procurement announced, or a sanction decided since, is left as it is; the lift is remembered.
 */
export function endSanction(current: OperatorStanding | undefined, ended: { vendorId: string; kind: 'suspension' | 'blacklisting'; from: Date; reason: string; at: Date }): OperatorStanding {
  const active: OperatorStanding = { vendorId: ended.vendorId, status: 'active', sanctioned: false, reason: ended.reason, effectiveFrom: ended.at, liftedAt: ended.at };
  if (!current) return active;
  const status = ended.kind === 'blacklisting' ? 'blacklisted' : 'suspended';
  if (current.status !== status || !current.sanctioned || current.effectiveFrom.getTime() !== ended.from.getTime()) return current;
  const liftedAt = current.liftedAt && current.liftedAt.getTime() > ended.at.getTime() ? current.liftedAt : ended.at;
  return { ...active, liftedAt };
}

/**
 * A new contract period for a canteen (承包期): the contract must be a signed catering contract in
 * force now, its vendor in good standing, and the period may not overlap the canteen's current one
 * under another contract. The period runs from now (or the contract's start) to the contract's end.
 */
export function startOperatorPeriod(
  input: { id: string; canteenId: string; assignedBy: string; contract: CateringContract | undefined; standing: OperatorStanding | undefined; periods: readonly OperatorPeriod[] },
  at: Date,
): OperatorPeriod {
  const { contract } = input;
  if (!contract) throw new BusinessRuleViolation('unknown-catering-contract', 'no signed catering contract with this id is known in the agency', 'contractId');
  if (contract.status !== 'signed') throw new IllegalTransitionError('contract', contract.status, 'start an operator period');
  if (contract.validTo.getTime() <= at.getTime()) throw new BusinessRuleViolation('contract-ended', `contract ${contract.contractId} ended on ${contract.validTo.toISOString()}`, 'contractId');
  const bar = standingBar(input.standing, at);
  if (bar) throw new BusinessRuleViolation('operator-barred', `${bar}; no new contract period`, 'contractId');
  if (input.periods.some((period) => period.contractId === contract.contractId)) {
    throw new BusinessRuleViolation('period-exists', `the canteen already has a period under contract ${contract.contractId}`, 'contractId');
  }
  const startsAt = contract.validFrom.getTime() > at.getTime() ? contract.validFrom : at;
  const overlapping = input.periods.find((period) => period.startsAt.getTime() < contract.validTo.getTime() && startsAt.getTime() < period.endsAt.getTime());
  if (overlapping) {
    throw new BusinessRuleViolation('operator-period-overlaps', `the canteen is run by ${overlapping.vendorName} under contract ${overlapping.contractId} until ${overlapping.endsAt.toISOString()}`, 'contractId');
  }
  return {
    id: input.id,
    agencyId: contract.agencyId,
    canteenId: input.canteenId,
    contractId: contract.contractId,
    vendorId: contract.vendorId,
    vendorName: contract.vendorName,
    startsAt,
    endsAt: contract.validTo,
    targets: contract.targets,
    assignedBy: input.assignedBy,
    assignedAt: at,
  };
}

/** The period running at `at` (a contract ended early ends its period with it), if any. */
export function currentOperator(periods: readonly OperatorPeriod[], contracts: readonly CateringContract[], at: Date): OperatorPeriod | undefined {
  return periods.find((period) => {
    if (period.startsAt.getTime() > at.getTime() || period.endsAt.getTime() <= at.getTime()) return false;
    const contract = contracts.find((candidate) => candidate.contractId === period.contractId);
    return !contract || contract.status === 'signed' || (contract.endedAt !== undefined && contract.endedAt.getTime() > at.getTime());
  });
}
