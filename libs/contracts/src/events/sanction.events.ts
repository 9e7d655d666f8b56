import { z } from 'zod';
import type { EventContract } from '../event-contract';
import { defineEvent } from '../event-contract';
import { VENDOR_SANCTION_KINDS } from './evaluation.events';

/**
 * The events of evaluation's sanctions (处罚) besides vendor.sanctioned (evaluation.events.ts): a
 * rule proposing a sanction, a proposal dismissed, a warning issued, and a vendor reinstated at the
 * end of a suspension's period or when a sanction is lifted early.
 */
const Instant = z.string().datetime({ offset: true });
const AgencyId = z.string().min(1).max(64);

export const SANCTION_OFFENCE_KINDS = ['penalty-points', 'failing-scorecard', 'overdue-rectification', 'upheld-complaint'] as const;
export const SANCTION_MEASURES = ['warning', 'suspension', 'blacklisting'] as const;
export const SANCTION_REINSTATEMENT_CAUSES = ['period-ended', 'lifted-early'] as const;

export const SanctionProposed = defineEvent({
  service: 'evaluation',
  aggregate: 'sanction',
  action: 'proposed',
  version: 1,
  description:
    "A sanction rule of the agency fired for a vendor (an offence made the figure in the rolling window reach the threshold): a warning, a suspension for a period or blacklisting is proposed, with the rule, the figure and the evidence, for an agency admin or logistics manager to confirm or dismiss (confirmed at once by 'system' when the agency opted in to automatic sanctions). Once per offence.",
  schema: z.object({
    proposalId: z.string().uuid(),
    agencyId: AgencyId,
    vendorId: z.string().uuid(),
    /** The rule's stable name, e.g. `penalty-points>=12/365d:suspension-30d`. */
    rule: z.string().min(1).max(200),
    offence: z.enum(SANCTION_OFFENCE_KINDS),
    measure: z.enum(SANCTION_MEASURES),
    /** Suspension only. */
    suspensionDays: z.number().int().positive().optional(),
    /** The earlier sanction that raised the rule's measure one step on the ladder (警告 → 暂停 → 黑名单). */
    escalatedFrom: z.enum(SANCTION_MEASURES).optional(),
    figure: z.number().int().nonnegative(),
    threshold: z.number().int().positive(),
    windowDays: z.number().int().positive(),
    evidence: z
      .array(
        z.object({
          offenceId: z.string().uuid(),
          kind: z.enum(SANCTION_OFFENCE_KINDS),
          /** What the offence was recorded from: a violation, a notice, a complaint, a scorecard series. */
          sourceRef: z.string().min(1).max(200),
          weight: z.number().int().nonnegative(),
          occurredAt: Instant,
        }),
      )
      .min(1),
    triggeredBy: z.string().uuid(),
    automatic: z.boolean(),
    proposedAt: Instant,
  }),
});

export const SanctionProposalDismissed = defineEvent({
  service: 'evaluation',
  aggregate: 'sanction-proposal',
  action: 'dismissed',
  version: 1,
  description: 'A human dismissed a sanction proposal with a reason: no sanction follows; its offences may count again when a later offence fires the rule.',
  schema: z.object({
    proposalId: z.string().uuid(),
    agencyId: AgencyId,
    vendorId: z.string().uuid(),
    rule: z.string().min(1).max(200),
    measure: z.enum(SANCTION_MEASURES),
    reason: z.string().min(1).max(2000),
    dismissedBy: z.string().min(1),
    dismissedAt: Instant,
  }),
});

export const VendorWarned = defineEvent({
  service: 'evaluation',
  aggregate: 'vendor',
  action: 'warned',
  version: 1,
  description:
    'A warning (警告) was confirmed against a vendor: on record, it bars nothing, but a later rule firing within the ladder window proposes a suspension instead.',
  schema: z.object({
    vendorId: z.string().uuid(),
    agencyId: AgencyId,
    sanctionId: z.string().uuid(),
    proposalId: z.string().uuid(),
    rule: z.string().min(1).max(200),
    reason: z.string().min(1).max(1000),
    decidedBy: z.string().min(1),
    warnedAt: Instant,
  }),
});

export const SanctionedVendorReinstated = defineEvent({
  service: 'evaluation',
  aggregate: 'vendor',
  action: 'reinstated',
  version: 1,
  description:
    "A sanction of evaluation ended: a suspension's period ran out (recorded once, by the sweep, whatever the number of replicas; reinstatedAt is its end) or an agency admin lifted a suspension or blacklisting early with a reason. Procurement and maintenance let the vendor bid and take new work again, unless another bar stands.",
  schema: z.object({
    vendorId: z.string().uuid(),
    agencyId: AgencyId,
    sanctionId: z.string().uuid(),
    kind: z.enum(VENDOR_SANCTION_KINDS),
    cause: z.enum(SANCTION_REINSTATEMENT_CAUSES),
    /** The sanction that ended, as vendor.sanctioned announced it. */
    from: Instant,
    until: Instant.optional(),
    reason: z.string().min(1).max(1000),
    /** A user id, or `system` for a period that ran out. */
    reinstatedBy: z.string().min(1),
    reinstatedAt: Instant,
  }),
});

/** The events of evaluation's sanctions and reinstatements, besides those shared in supervision.events.ts. */
export const SANCTION_EVENTS: readonly EventContract[] = [SanctionProposed, SanctionProposalDismissed, VendorWarned, SanctionedVendorReinstated];
