import { z } from 'zod';
import { defineEvent } from '../event-contract';

export const VENDOR_SANCTION_KINDS = ['suspension', 'blacklisting'] as const;

export const VendorSanctioned = defineEvent({
  service: 'evaluation',
  aggregate: 'vendor',
  action: 'sanctioned',
  version: 1,
  description:
    "Evaluation decided a sanction against a vendor (a suspension for a period, or blacklisting), confirmed on a sanction rule's proposal by a manager or automatically: procurement excludes the vendor from tenders, direct purchases and new contracts, maintenance assigns it no new work; work already assigned continues. Evaluation's vendor.reinstated announces its end.",
  schema: z.object({
    vendorId: z.string().uuid(),
    agencyId: z.string().min(1).max(64),
    kind: z.enum(VENDOR_SANCTION_KINDS),
    reason: z.string().min(1).max(1000),
    from: z.string().datetime({ offset: true }),
    /** Absent: until further notice (always absent for blacklisting). */
    until: z.string().datetime({ offset: true }).optional(),
    decidedBy: z.string().min(1),
    /** The sanction and the proposal it was confirmed on, and the rule that proposed it (absent in events from before sanctions were recorded). */
    sanctionId: z.string().uuid().optional(),
    proposalId: z.string().uuid().optional(),
    rule: z.string().min(1).max(200).optional(),
  }),
});
