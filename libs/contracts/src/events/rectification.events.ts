import { z } from 'zod';
import type { EventContract } from '../event-contract';
import { defineEvent } from '../event-contract';

/**
 * The events of evaluation's rectification notices (整改通知), besides RectificationOverdue shared in
 * supervision.events.ts: issued to a vendor or the internal team, answered with evidence, sent back
 * (退回) or verified and closed. All keyed by the notice id, on the rectification topic.
 */
const Instant = z.string().datetime({ offset: true });

const NoticeSummary = {
  noticeId: z.string().uuid(),
  agencyId: z.string().min(1).max(64),
  /** The party told to rectify: a vendor id, or 'internal-team'. */
  party: z.string().min(1).max(64),
  vendorId: z.string().uuid().optional(),
};

/** A file the party attached (metadata only: the agency's file store holds it), and the required item it proves. */
const Evidence = z.object({
  item: z.string().min(1).max(200).optional(),
  fileName: z.string().min(1).max(200),
  contentType: z.string().min(1).max(100),
  sizeBytes: z.number().int().positive(),
  url: z.string().min(1).max(1000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

export const RectificationIssued = defineEvent({
  service: 'evaluation',
  aggregate: 'rectification',
  action: 'issued',
  version: 1,
  description:
    'A rectification notice (整改通知) was issued to a vendor or the internal team: what must be fixed, the violation or complaint it stems from, the evidence items the answer must cover and the deadline. The vendor answers through its own account.',
  schema: z.object({
    ...NoticeSummary,
    vendorName: z.string().min(1).max(200).optional(),
    finding: z.string().min(1).max(4000),
    violationId: z.string().uuid().optional(),
    complaintId: z.string().uuid().optional(),
    requiredEvidence: z.array(z.string().min(1).max(200)).max(20),
    deadline: Instant,
    issuedBy: z.string().min(1),
    issuedAt: Instant,
  }),
});

export const RectificationAnswered = defineEvent({
  service: 'evaluation',
  aggregate: 'rectification',
  action: 'answered',
  version: 1,
  description:
    "The party answered the notice with a statement and evidence covering every required item (the vendor through its own account, the internal team through the agency's managers); awaits the manager's verification. An answer after the deadline is accepted and marked late.",
  schema: z.object({
    ...NoticeSummary,
    /** 1 for the first answer, 2 after the first send-back, ... */
    round: z.number().int().positive(),
    statement: z.string().min(1).max(4000),
    evidence: z.array(Evidence).max(20),
    deadline: Instant,
    late: z.boolean(),
    answeredBy: z.string().min(1),
    answeredAt: Instant,
  }),
});

export const RectificationReturned = defineEvent({
  service: 'evaluation',
  aggregate: 'rectification',
  action: 'returned',
  version: 1,
  description:
    'The manager sent the answer back (退回) with a reason, and possibly a new deadline: the notice awaits a new answer, and falls overdue again if the deadline in force passes.',
  schema: z.object({
    ...NoticeSummary,
    reason: z.string().min(1).max(4000),
    previousDeadline: Instant,
    /** The deadline in force from now on (the previous one when unchanged). */
    deadline: Instant,
    returnedBy: z.string().min(1),
    returnedAt: Instant,
  }),
});

export const RectificationVerified = defineEvent({
  service: 'evaluation',
  aggregate: 'rectification',
  action: 'verified',
  version: 1,
  description:
    'The manager verified the answer: the rectification is done and the notice closed. Tells how many answers it took, whether one came late and whether the notice was ever escalated as overdue.',
  schema: z.object({
    ...NoticeSummary,
    note: z.string().min(1).max(4000).optional(),
    answers: z.number().int().positive(),
    answeredLate: z.boolean(),
    escalations: z.number().int().nonnegative(),
    verifiedBy: z.string().min(1),
    verifiedAt: Instant,
  }),
});

/** The events of evaluation's rectification notices (整改), besides those shared in supervision.events.ts. */
export const RECTIFICATION_EVENTS: readonly EventContract[] = [RectificationIssued, RectificationAnswered, RectificationReturned, RectificationVerified];
