import { z } from 'zod';
import { defineEvent } from '../event-contract';
import type { EventContract } from '../event-contract';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash in lower-case hex');

export const AuditChainHeadPublished = defineEvent({
  service: 'evaluation',
  aggregate: 'audit-chain',
  action: 'head-published',
  version: 1,
  description:
    "The head of an agency's audit trail (审计留痕): its last sequence number and hash, published periodically when it moved since the last publication. Kept outside the evaluation database (by every subscriber, and in the logs), it lets anyone show that the trail was later cut short or rewritten below it. It does not itself enter the trail.",
  schema: z.object({
    agencyId: z.string().min(1).max(64),
    sequence: z.number().int().positive(),
    hash: Sha256,
    /** The head published before this one, absent for the agency's first publication. */
    previousSequence: z.number().int().positive().optional(),
    publishedAt: z.string().datetime({ offset: true }),
  }),
});

/** The events of evaluation's audit trail (its published chain head). */
export const AUDIT_TRAIL_EVENTS: readonly EventContract[] = [AuditChainHeadPublished];
