import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { VENDOR_SERVICE_CATEGORIES } from './procurement.events';

/** Service contracts (服务合同) with vendors: what the operating services need to assign work and run SLA clocks. Amounts in fen. */
const Fen = z.number().int().nonnegative();
const Instant = z.string().datetime({ offset: true });
const Percent = z.number().positive().max(100);
const Hours = z.number().int().positive();

export const CONTRACT_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const CONTRACT_BREACH_KINDS = [
  'response-late',
  'resolution-late',
  'inspection-failed',
  'satisfaction-below-minimum',
  'late-pickup',
  'dispatch-response-late',
  'delivery-late',
  'post-unattended',
] as const;

const PriorityHours = z.object({ responseHours: Hours, resolutionHours: Hours });

/** Typed per service type: the service that runs the work reads the variant of its own type. */
export const ContractSlaTerms = z.discriminatedUnion('serviceType', [
  z.object({
    serviceType: z.literal('maintenance'),
    priorities: z.object({ urgent: PriorityHours, high: PriorityHours, normal: PriorityHours, low: PriorityHours }),
  }),
  z.object({ serviceType: z.literal('catering'), minInspectionPassRate: Percent, minSatisfactionScore: z.number().positive().max(5) }),
  z.object({ serviceType: z.literal('transport'), minPunctualityRate: Percent, maxDispatchResponseMinutes: z.number().int().positive() }),
  z.object({ serviceType: z.literal('supplies'), deliveryDays: z.number().int().positive() }),
  z.object({ serviceType: z.literal('cleaning'), minInspectionPassRate: Percent }),
  z.object({ serviceType: z.literal('security') }),
]);

/** Per breach: an amount of fen, or a percentage of the monthly fee; never more than capPerMonth in a calendar month. */
export const ContractPenaltyRule = z.object({
  breach: z.enum(CONTRACT_BREACH_KINDS),
  amount: Fen.optional(),
  percentOfMonthlyFee: Percent.optional(),
  capPerMonth: Fen,
});

export const ContractPriceTerms = z.object({
  fixedTotal: Fen.optional(),
  monthlyFee: Fen.optional(),
  unitRates: z.array(z.object({ unit: z.string().min(1), description: z.string(), rate: Fen })),
});

export const ContractScope = z.object({
  description: z.string().min(1),
  /** Maintenance: buildings covered; absent, all of the agency's. */
  buildings: z.array(z.string().min(1)).optional(),
  /** Maintenance: asset categories covered; absent, all. */
  assetCategories: z.array(z.string().min(1)).optional(),
});

const ContractSummary = {
  contractId: z.string().uuid(),
  agencyId: z.string().min(1),
  vendorId: z.string().uuid(),
  vendorName: z.string().min(1),
  serviceType: z.enum(VENDOR_SERVICE_CATEGORIES),
};

export const ContractSigned = defineEvent({
  service: 'procurement',
  aggregate: 'contract',
  action: 'signed',
  version: 1,
  description:
    'A service contract (服务合同) was signed with a vendor: from validFrom to validTo the vendor may be assigned work of its service type within its scope, measured against its SLA terms and penalty rules. Carries everything maintenance, catering and transport need to assign work and run SLA clocks.',
  schema: z.object({
    ...ContractSummary,
    title: z.string().min(1),
    /** The award or the direct-purchase requisition the contract comes from. */
    tenderId: z.string().uuid().optional(),
    requisitionId: z.string().uuid().optional(),
    scope: ContractScope,
    validFrom: Instant,
    validTo: Instant,
    slaTerms: ContractSlaTerms,
    penaltyRules: z.array(ContractPenaltyRule),
    priceTerms: ContractPriceTerms,
    signedBy: z.string().min(1),
    signedAt: Instant,
  }),
});

export const ContractExpired = defineEvent({
  service: 'procurement',
  aggregate: 'contract',
  action: 'expired',
  version: 1,
  description: 'A signed contract reached its validTo: no new work may be assigned under it; work already assigned finishes under its terms.',
  schema: z.object({ ...ContractSummary, validTo: Instant, expiredAt: Instant }),
});

export const ContractTerminated = defineEvent({
  service: 'procurement',
  aggregate: 'contract',
  action: 'terminated',
  version: 1,
  description: 'A signed contract was terminated before its validTo, with a reason: stop assigning work under it from terminatedAt.',
  schema: z.object({ ...ContractSummary, validTo: Instant, reason: z.string().min(1).max(1000), terminatedBy: z.string().min(1), terminatedAt: Instant }),
});
