import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { VENDOR_SERVICE_CATEGORIES, VENDOR_STATUSES } from './procurement.events';

/** Amounts are integers of fen (分, 1/100 yuan). */
const Fen = z.number().int().nonnegative();
const Instant = z.string().datetime({ offset: true });
export const TENDER_METHODS = ['request-for-quotation', 'open-tender'] as const;

export const VendorBlacklisted = defineEvent({
  service: 'procurement',
  aggregate: 'vendor',
  action: 'blacklisted',
  version: 1,
  description:
    "A vendor was blacklisted, by an agency admin's decision or a sanction of evaluation: it takes no new work and is excluded from every tender of the agency until an agency admin lifts it.",
  schema: z.object({
    vendorId: z.string().uuid(),
    name: z.string().min(1).max(200),
    status: z.literal('blacklisted'),
    previousStatus: z.enum(VENDOR_STATUSES),
    reason: z.string().min(1).max(1000),
    decidedBy: z.string().min(1),
    blacklistedAt: Instant,
  }),
});

const TenderSummary = {
  tenderId: z.string().uuid(),
  title: z.string().min(1).max(200),
  category: z.enum(VENDOR_SERVICE_CATEGORIES),
  method: z.enum(TENDER_METHODS),
};

export const TenderPublished = defineEvent({
  service: 'procurement',
  aggregate: 'tender',
  action: 'published',
  version: 1,
  description: 'A tender (招标公告) was published: eligible vendors may submit sealed bids until the deadline.',
  schema: z.object({
    ...TenderSummary,
    requisitionId: z.string().uuid().optional(),
    budgetCeiling: Fen,
    weights: z.object({ price: z.number().int(), technical: z.number().int(), service: z.number().int() }),
    bidDeadline: Instant,
    openingAt: Instant,
    publishedBy: z.string().min(1),
    publishedAt: Instant,
  }),
});

export const TenderBidsOpened = defineEvent({
  service: 'procurement',
  aggregate: 'tender',
  action: 'bids-opened',
  version: 1,
  description: 'The sealed bids of a tender were opened (开标) at or after the opening time; their prices are now known.',
  schema: z.object({
    ...TenderSummary,
    bidCount: z.number().int().nonnegative(),
    bids: z.array(z.object({ bidId: z.string().uuid(), vendorId: z.string().uuid(), price: Fen, withinCeiling: z.boolean() })),
    openedBy: z.string().min(1),
    openedAt: Instant,
  }),
});

export const TenderAwardProposed = defineEvent({
  service: 'procurement',
  aggregate: 'tender',
  action: 'award-proposed',
  version: 1,
  description: 'The best-ranked bid was proposed for award (中标候选人公示); objections may be raised until the publication period ends.',
  schema: z.object({
    ...TenderSummary,
    bidId: z.string().uuid(),
    vendorId: z.string().uuid(),
    price: Fen,
    total: z.number().nonnegative(),
    publicationEndsAt: Instant,
    proposedBy: z.string().min(1),
    proposedAt: Instant,
  }),
});

export const TenderAwarded = defineEvent({
  service: 'procurement',
  aggregate: 'tender',
  action: 'awarded',
  version: 1,
  description: 'The publication period ended without an open objection: the tender is awarded to the vendor at its bid price (中标).',
  schema: z.object({
    ...TenderSummary,
    bidId: z.string().uuid(),
    vendorId: z.string().uuid(),
    price: Fen,
    awardedBy: z.string().min(1),
    awardedAt: Instant,
  }),
});

export const TenderCancelled = defineEvent({
  service: 'procurement',
  aggregate: 'tender',
  action: 'cancelled',
  version: 1,
  description: 'A tender was cancelled (an objection to the proposed award was upheld); no award follows.',
  schema: z.object({
    ...TenderSummary,
    previousStatus: z.string().min(1),
    reason: z.string().min(1).max(1000),
    cancelledBy: z.string().min(1),
    cancelledAt: Instant,
  }),
});
