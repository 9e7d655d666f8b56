import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';
import { MAX_FEN, isFen } from '../../budgets/domain/money';
import { SERVICE_CATEGORIES, ServiceCategory } from '../../vendors/domain/vendor';

/**
 * 服务合同 with a vendor, from a tender's award or a direct purchase: draft → signed (in force from
 * validFrom) → expired (validTo passed) | terminated (with a reason). A draft carries everything the
 * signed contract publishes, so signing only checks the vendor is still eligible.
 */
export const CONTRACT_STATUSES = ['draft', 'signed', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const SERVICE_TYPES = SERVICE_CATEGORIES;
export type ServiceType = ServiceCategory;

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The breaches a penalty rule may price, per service type: each measures one SLA term. */
export const BREACH_KINDS = {
  maintenance: ['response-late', 'resolution-late'],
  catering: ['inspection-failed', 'satisfaction-below-minimum'],
  transport: ['late-pickup', 'dispatch-response-late'],
  supplies: ['delivery-late'],
  cleaning: ['inspection-failed'],
  security: ['post-unattended'],
} as const satisfies Record<ServiceType, readonly string[]>;
export const ALL_BREACH_KINDS = [...new Set(Object.values(BREACH_KINDS).flat())] as BreachKind[];
export type BreachKind = (typeof BREACH_KINDS)[ServiceType][number];

/** Hours are whole; a response may not take longer than the resolution it starts. */
export interface PriorityHours {
  responseHours: number;
  resolutionHours: number;
}

export type SlaTerms =
  | { serviceType: 'maintenance'; priorities: Record<Priority, PriorityHours> }
  | { serviceType: 'catering'; minInspectionPassRate: number; minSatisfactionScore: number }
  | { serviceType: 'transport'; minPunctualityRate: number; maxDispatchResponseMinutes: number }
  | { serviceType: 'supplies'; deliveryDays: number }
  | { serviceType: 'cleaning'; minInspectionPassRate: number }
  | { serviceType: 'security' };

/** Exactly one of amount (fen per breach) and percentOfMonthlyFee; the total per month never exceeds capPerMonth. */
export interface PenaltyRule {
  breach: BreachKind;
  amount?: number;
  percentOfMonthlyFee?: number;
  capPerMonth: number;
}

export interface UnitRate {
  unit: string;
  description: string;
  rate: number;
}

/** In fen: a fixed total for the whole term, a monthly fee, unit rates, or a mix. */
export interface PriceTerms {
  fixedTotal?: number;
  monthlyFee?: number;
  unitRates: UnitRate[];
}

export interface ContractScope {
  description: string;
  /** Maintenance only: the buildings covered (none listed: all of the agency's). */
  buildings?: string[];
  /** Maintenance only: the asset categories covered (none listed: all). */
  assetCategories?: string[];
}

export type ContractSource = { tenderId: string } | { requisitionId: string };

export interface ProcurementContract {
  id: string;
  agencyId: string;
  title: string;
  vendorId: string;
  vendorName: string;
  serviceType: ServiceType;
  source: ContractSource;
  scope: ContractScope;
  validFrom: Date;
  validTo: Date;
  priceTerms: PriceTerms;
  slaTerms: SlaTerms;
  penaltyRules: PenaltyRule[];
  status: ContractStatus;
  createdBy: string;
  createdAt: Date;
  signedBy?: string;
  signedAt?: Date;
  expiredAt?: Date;
  termination?: { by: string; at: Date; reason: string };
}

export const MAX_HOURS = 24 * 365;
export const MAX_LIST = 100;

/** What a caller proposes, before any check: shapes from the DTO, values unchecked. */
export interface ContractDraft {
  id: string;
  agencyId: string;
  createdBy: string;
  title: string;
  vendor: { id: string; name: string; categories: readonly string[] };
  serviceType: string;
  source: ContractSource;
  scope: ContractScope;
  validFrom: Date;
  validTo: Date;
  priceTerms: { fixedTotal?: number; monthlyFee?: number; unitRates?: ReadonlyArray<UnitRate> };
  /** Without serviceType: the contract's own decides which terms apply. */
  slaTerms: Record<string, unknown>;
  penaltyRules: ReadonlyArray<{ breach: string; amount?: number; percentOfMonthlyFee?: number; capPerMonth: number }>;
}

function violation(rule: string, message: string, field: string): BusinessRuleViolation {
  return new BusinessRuleViolation(rule, message, field);
}

export function draftContract(draft: ContractDraft, clock: Clock): ProcurementContract {
  const title = draft.title.trim();
  if (!title) throw violation('title-required', 'give the contract a title', 'title');
  const serviceType = serviceTypeOf(draft.serviceType);
  if (!draft.vendor.categories.includes(serviceType)) {
    throw violation('vendor-category', `vendor ${draft.vendor.name} is not registered for ${serviceType} services`, 'vendorId');
  }
  if (!(draft.validFrom.getTime() < draft.validTo.getTime())) throw violation('validity-order', 'validFrom must be before validTo', 'validTo');
  const priceTerms = validPriceTerms(draft.priceTerms);
  return {
    id: draft.id,
    agencyId: draft.agencyId,
    title,
    vendorId: draft.vendor.id,
    vendorName: draft.vendor.name,
    serviceType,
    source: draft.source,
    scope: validScope(draft.scope, serviceType),
    validFrom: new Date(draft.validFrom.getTime()),
    validTo: new Date(draft.validTo.getTime()),
    priceTerms,
    slaTerms: validSlaTerms(serviceType, draft.slaTerms),
    penaltyRules: validPenaltyRules(serviceType, draft.penaltyRules, priceTerms),
    status: 'draft',
    createdBy: draft.createdBy,
    createdAt: clock.now(),
  };
}

function serviceTypeOf(value: string): ServiceType {
  if ((SERVICE_TYPES as readonly string[]).includes(value)) return value as ServiceType;
  throw violation('unknown-service-type', `serviceType must be one of ${SERVICE_TYPES.join(', ')}`, 'serviceType');
}

function validScope(scope: ContractScope, serviceType: ServiceType): ContractScope {
  const description = scope.description.trim();
  if (!description) throw violation('scope-required', 'describe the scope of the services', 'scope.description');
  const lists: Array<'buildings' | 'assetCategories'> = ['buildings', 'assetCategories'];
  const result: ContractScope = { description };
  for (const name of lists) {
    const list = scope[name];
    if (list === undefined) continue;
    if (serviceType !== 'maintenance') throw violation('scope-maintenance-only', `scope.${name} applies to maintenance contracts only`, `scope.${name}`);
    const trimmed = list.map((entry) => entry.trim());
    if (trimmed.some((entry) => !entry)) throw violation('scope-entry-empty', `scope.${name} has an empty entry`, `scope.${name}`);
    if (new Set(trimmed).size !== trimmed.length) throw violation('scope-entry-repeated', `scope.${name} lists an entry twice`, `scope.${name}`);
    if (trimmed.length > 0) result[name] = trimmed;
  }
  return result;
}

function validPriceTerms(terms: ContractDraft['priceTerms']): PriceTerms {
  const unitRates = [...(terms.unitRates ?? [])];
  for (const [name, value] of [['fixedTotal', terms.fixedTotal], ['monthlyFee', terms.monthlyFee]] as const) {
    if (value !== undefined && (!isFen(value) || value === 0)) {
      throw violation('invalid-amount', `priceTerms.${name} must be a positive whole number of fen (分) up to ${MAX_FEN}`, `priceTerms.${name}`);
    }
  }
  const units = new Set<string>();
  unitRates.forEach((rate, index) => {
    const unit = rate.unit.trim();
    if (!unit) throw violation('unit-required', 'name the unit of each rate', `priceTerms.unitRates[${index}].unit`);
    if (units.has(unit)) throw violation('unit-repeated', `the unit ${unit} is rated twice`, `priceTerms.unitRates[${index}].unit`);
    units.add(unit);
    if (!isFen(rate.rate) || rate.rate === 0) throw violation('invalid-amount', 'a rate must be a positive whole number of fen (分)', `priceTerms.unitRates[${index}].rate`);
  });
  if (terms.fixedTotal === undefined && terms.monthlyFee === undefined && unitRates.length === 0) {
    throw violation('price-required', 'give a fixed total, a monthly fee or unit rates', 'priceTerms');
  }
  return {
    ...(terms.fixedTotal !== undefined ? { fixedTotal: terms.fixedTotal } : {}),
    ...(terms.monthlyFee !== undefined ? { monthlyFee: terms.monthlyFee } : {}),
    unitRates: unitRates.map((rate) => ({ unit: rate.unit.trim(), description: rate.description.trim(), rate: rate.rate })),
  };
}

function wholeBetween(value: unknown, min: number, max: number, field: string, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw violation('sla-out-of-range', `${field} must be ${what}, a whole number from ${min} to ${max}`, field);
  }
  return value;
}

function rate(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 100) {
    throw violation('sla-out-of-range', `${field} must be a percentage above 0 and at most 100`, field);
  }
  return value;
}

const SLA_FIELDS: Record<ServiceType, readonly string[]> = {
  maintenance: ['priorities'],
  catering: ['minInspectionPassRate', 'minSatisfactionScore'],
  transport: ['minPunctualityRate', 'maxDispatchResponseMinutes'],
  supplies: ['deliveryDays'],
  cleaning: ['minInspectionPassRate'],
  security: [],
};

/** The SLA terms the service type calls for, every one required; terms of another type are refused by name. */
export function validSlaTerms(serviceType: ServiceType, terms: Record<string, unknown>): SlaTerms {
  const allowed = SLA_FIELDS[serviceType];
  const stray = Object.keys(terms).find((name) => name !== 'serviceType' && !allowed.includes(name));
  if (stray) throw violation('sla-term-not-applicable', `slaTerms.${stray} does not apply to ${serviceType} contracts (they take ${allowed.join(', ') || 'none'})`, `slaTerms.${stray}`);
  const missing = allowed.find((name) => terms[name] === undefined || terms[name] === null);
  if (missing) throw violation('sla-term-required', `${serviceType} contracts need slaTerms.${missing}`, `slaTerms.${missing}`);
  switch (serviceType) {
    case 'maintenance': {
      const given = terms['priorities'];
      if (typeof given !== 'object' || given === null) throw violation('sla-term-required', 'maintenance contracts need slaTerms.priorities', 'slaTerms.priorities');
      const byPriority = given as Record<string, Partial<PriorityHours> | undefined>;
      const strayPriority = Object.keys(byPriority).find((name) => !(PRIORITIES as readonly string[]).includes(name));
      if (strayPriority) throw violation('unknown-priority', `slaTerms.priorities.${strayPriority} is not a priority (${PRIORITIES.join(', ')})`, `slaTerms.priorities.${strayPriority}`);
      const priorities = {} as Record<Priority, PriorityHours>;
      for (const priority of PRIORITIES) {
        const hours = byPriority[priority];
        const at = `slaTerms.priorities.${priority}`;
        if (!hours) throw violation('sla-term-required', `maintenance contracts need response and resolution hours for ${priority} requests`, at);
        const responseHours = wholeBetween(hours.responseHours, 1, MAX_HOURS, `${at}.responseHours`, 'hours');
        const resolutionHours = wholeBetween(hours.resolutionHours, 1, MAX_HOURS, `${at}.resolutionHours`, 'hours');
        if (responseHours > resolutionHours) {
          throw violation('response-after-resolution', `${at}.responseHours (${responseHours}) may not exceed its resolutionHours (${resolutionHours})`, `${at}.responseHours`);
        }
        priorities[priority] = { responseHours, resolutionHours };
      }
      return { serviceType, priorities };
    }
    case 'catering': {
      const score = terms['minSatisfactionScore'];
      if (typeof score !== 'number' || !Number.isFinite(score) || score <= 0 || score > 5) {
        throw violation('sla-out-of-range', 'slaTerms.minSatisfactionScore must be above 0 and at most 5 (the satisfaction scale)', 'slaTerms.minSatisfactionScore');
      }
      return { serviceType, minInspectionPassRate: rate(terms['minInspectionPassRate'], 'slaTerms.minInspectionPassRate'), minSatisfactionScore: score };
    }
    case 'transport':
      return {
        serviceType,
        minPunctualityRate: rate(terms['minPunctualityRate'], 'slaTerms.minPunctualityRate'),
        maxDispatchResponseMinutes: wholeBetween(terms['maxDispatchResponseMinutes'], 1, 24 * 60, 'slaTerms.maxDispatchResponseMinutes', 'minutes'),
      };
    case 'supplies':
      return { serviceType, deliveryDays: wholeBetween(terms['deliveryDays'], 1, 365, 'slaTerms.deliveryDays', 'days') };
    case 'cleaning':
      return { serviceType, minInspectionPassRate: rate(terms['minInspectionPassRate'], 'slaTerms.minInspectionPassRate') };
    case 'security':
      return { serviceType };
  }
}

/** One rule per breach kind of the service type; a percentage needs a monthly fee to be a percentage of. */
export function validPenaltyRules(serviceType: ServiceType, rules: ContractDraft['penaltyRules'], price: PriceTerms): PenaltyRule[] {
  if (rules.length > MAX_LIST) throw violation('too-many-penalty-rules', `at most ${MAX_LIST} penalty rules`, 'penaltyRules');
  const kinds: readonly string[] = BREACH_KINDS[serviceType];
  const seen = new Set<string>();
  return rules.map((rule, index) => {
    const at = `penaltyRules[${index}]`;
    if (!kinds.includes(rule.breach)) {
      throw violation('breach-not-applicable', `${at}.breach must be one of ${kinds.join(', ')} for ${serviceType} contracts`, `${at}.breach`);
    }
    if (seen.has(rule.breach)) throw violation('breach-repeated', `${at}.breach ${rule.breach} already has a rule`, `${at}.breach`);
    seen.add(rule.breach);
    if ((rule.amount === undefined) === (rule.percentOfMonthlyFee === undefined)) {
      throw violation('penalty-amount-or-percent', `${at} needs exactly one of amount (fen) and percentOfMonthlyFee`, `${at}.amount`);
    }
    if (!isFen(rule.capPerMonth) || rule.capPerMonth === 0) {
      throw violation('invalid-amount', `${at}.capPerMonth must be a positive whole number of fen (分)`, `${at}.capPerMonth`);
    }
    if (rule.amount !== undefined) {
      if (!isFen(rule.amount) || rule.amount === 0) throw violation('invalid-amount', `${at}.amount must be a positive whole number of fen (分)`, `${at}.amount`);
      if (rule.amount > rule.capPerMonth) throw violation('penalty-above-cap', `${at}.amount may not exceed its capPerMonth`, `${at}.amount`);
      return { breach: rule.breach as BreachKind, amount: rule.amount, capPerMonth: rule.capPerMonth };
    }
    const percent = rule.percentOfMonthlyFee as number;
    if (!Number.isFinite(percent) || percent <= 0 || percent > 100) {
      throw violation('penalty-percent-out-of-range', `${at}.percentOfMonthlyFee must be above 0 and at most 100`, `${at}.percentOfMonthlyFee`);
    }
    if (price.monthlyFee === undefined) {
      throw violation('penalty-needs-monthly-fee', `${at}.percentOfMonthlyFee needs priceTerms.monthlyFee`, `${at}.percentOfMonthlyFee`);
    }
    return { breach: rule.breach as BreachKind, percentOfMonthlyFee: percent, capPerMonth: rule.capPerMonth };
  });
}

/** What signing needs to know of the vendor, as its record holds it. */
export interface VendorStanding {
  name: string;
  status: string;
  suspendedUntil?: Date | null;
  suspensionBySanction?: boolean;
  blacklistReason?: string | null;
}

/**
 * Why a vendor may not sign, or undefined when it may: blacklisted, or suspended (by a manager or
 * by an evaluation sanction) at that instant; a suspension whose end has passed no longer counts.
 */
export function vendorIneligibility(vendor: VendorStanding, at: Date): string | undefined {
  switch (vendor.status) {
    case 'active':
      return undefined;
    case 'blacklisted':
      return `vendor ${vendor.name} is blacklisted${vendor.blacklistReason ? ` (${vendor.blacklistReason})` : ''} and may not sign contracts`;
    case 'suspended': {
      const until = vendor.suspendedUntil ?? undefined;
      if (until && until.getTime() <= at.getTime()) return undefined;
      const how = vendor.suspensionBySanction ? 'sanctioned (suspended)' : 'suspended';
      return `vendor ${vendor.name} is ${how} ${until ? `until ${until.toISOString()}` : 'until further notice'} and may not sign contracts`;
    }
    default:
      return `vendor ${vendor.name} is ${vendor.status} and may not sign contracts`;
  }
}

/** Signing needs an eligible vendor and a term that has not already ended. */
export function signContract(contract: ProcurementContract, vendor: VendorStanding, by: string, clock: Clock): ProcurementContract {
  if (contract.status !== 'draft') throw new IllegalTransitionError('contract', contract.status, 'sign');
  const now = clock.now();
  const ineligible = vendorIneligibility(vendor, now);
  if (ineligible) throw violation('vendor-not-eligible', ineligible, 'vendorId');
  if (contract.validTo.getTime() <= now.getTime()) throw violation('validity-ended', 'validTo has passed; the contract can no longer be signed', 'validTo');
  return { ...contract, vendorName: vendor.name, status: 'signed', signedBy: by, signedAt: now };
}

export function terminateContract(contract: ProcurementContract, termination: { by: string; reason: string }, clock: Clock): ProcurementContract {
  if (contract.status !== 'signed') throw new IllegalTransitionError('contract', contract.status, 'terminate');
  const reason = termination.reason.trim();
  if (!reason) throw violation('reason-required', 'give a reason for the termination', 'reason');
  return { ...contract, status: 'terminated', termination: { by: termination.by, at: clock.now(), reason } };
}

/** A signed contract whose validTo has come expires; the sweep does the same in SQL for many at once. */
export function expireContract(contract: ProcurementContract, clock: Clock): ProcurementContract {
  if (contract.status !== 'signed') throw new IllegalTransitionError('contract', contract.status, 'expire');
  const now = clock.now();
  if (contract.validTo.getTime() > now.getTime()) throw violation('not-yet-expired', 'validTo has not come yet', 'validTo');
  return { ...contract, status: 'expired', expiredAt: now };
}

/** Signed and within its validity: work may be assigned under it. */
export function inForce(contract: ProcurementContract, at: Date): boolean {
  return contract.status === 'signed' && contract.validFrom.getTime() <= at.getTime() && at.getTime() < contract.validTo.getTime();
}
