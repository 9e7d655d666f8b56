import { z } from 'zod';
import type { EventContract } from '../event-contract';
import { defineEvent } from '../event-contract';
import { SUPERVISION_SERVICE_TYPES, VIOLATION_SEVERITIES } from './supervision.events';

/**
 * The events of evaluation's complaints (投诉), besides those shared in supervision.events.ts
 * (complaint.upheld, complaint.overturned). Integrators read them: the complainant is named
 * (complainantId) only when they did not choose to stay anonymous to the vendor.
 */
const Instant = z.string().datetime({ offset: true });

export const COMPLAINT_CATEGORY_NAMES = ['service-quality', 'timeliness', 'staff-conduct', 'safety', 'hygiene', 'billing', 'other'] as const;
export const COMPLAINT_OUTCOME_NAMES = ['upheld', 'rejected'] as const;

const ComplaintSummary = {
  complaintId: z.string().uuid(),
  agencyId: z.string().min(1).max(64),
  /** A vendor id or 'internal-team'; absent while the party is unknown (set at triage). */
  party: z.string().min(1).max(64).optional(),
  vendorId: z.string().uuid().optional(),
  serviceType: z.enum(SUPERVISION_SERVICE_TYPES).optional(),
  /** The service instance complained about (for maintenance, the work order id). */
  instanceId: z.string().min(1).max(128).optional(),
  category: z.enum(COMPLAINT_CATEGORY_NAMES),
  anonymousToVendor: z.boolean(),
  /** The person who complained; absent when they chose to stay anonymous to the vendor. */
  complainantId: z.string().min(1).max(128).optional(),
};

export const ComplaintFiled = defineEvent({
  service: 'evaluation',
  aggregate: 'complaint',
  action: 'filed',
  version: 1,
  description: 'One of the agency’s people filed a complaint about a vendor or a service instance; it is due a response (a decision) by responseDueAt.',
  schema: z.object({ ...ComplaintSummary, attachmentCount: z.number().int().min(0).max(10), filedAt: Instant, responseDueAt: Instant }),
});

export const ComplaintTriaged = defineEvent({
  service: 'evaluation',
  aggregate: 'complaint',
  action: 'triaged',
  version: 1,
  description: 'An operator triaged the complaint: its category, severity, the party complained about and the investigator. It is under investigation.',
  schema: z.object({
    ...ComplaintSummary,
    party: z.string().min(1).max(64),
    severity: z.enum(VIOLATION_SEVERITIES),
    investigatorId: z.string().min(1).max(128),
    triagedBy: z.string().min(1),
    triagedAt: Instant,
  }),
});

export const ComplaintEvidenceAdded = defineEvent({
  service: 'evaluation',
  aggregate: 'complaint',
  action: 'evidence-added',
  version: 1,
  description: 'The investigator or an operator added an item of evidence to the complaint under investigation (first, or on appeal).',
  schema: z.object({
    ...ComplaintSummary,
    evidenceId: z.string().uuid(),
    attachmentCount: z.number().int().min(0).max(10),
    addedBy: z.string().min(1),
    addedAt: Instant,
  }),
});

export const ComplaintRejected = defineEvent({
  service: 'evaluation',
  aggregate: 'complaint',
  action: 'rejected',
  version: 1,
  description: 'The complaint was rejected after investigation, with reasons (the response to the complainant); it counts against nobody. The complainant may appeal.',
  schema: z.object({
    ...ComplaintSummary,
    reasons: z.string().min(1).max(4000),
    decidedBy: z.string().min(1),
    decidedAt: Instant,
    /** Minutes from filing to the decision (处理时长). */
    handlingMinutes: z.number().int().nonnegative(),
    appealableUntil: Instant,
  }),
});

export const ComplaintAppealed = defineEvent({
  service: 'evaluation',
  aggregate: 'complaint',
  action: 'appealed',
  version: 1,
  description: 'The complainant appealed the decision (once), with reasons; another operator than the first decider decides the appeal.',
  schema: z.object({ ...ComplaintSummary, firstOutcome: z.enum(COMPLAINT_OUTCOME_NAMES), reasons: z.string().min(1).max(4000), appealedAt: Instant }),
});

export const ComplaintAppealDecided = defineEvent({
  service: 'evaluation',
  aggregate: 'complaint',
  action: 'appeal-decided',
  version: 1,
  description:
    'The appeal was decided, with reasons: the final outcome. When it changed the standing, complaint.upheld (onAppeal) or complaint.overturned is published with it.',
  schema: z.object({
    ...ComplaintSummary,
    firstOutcome: z.enum(COMPLAINT_OUTCOME_NAMES),
    outcome: z.enum(COMPLAINT_OUTCOME_NAMES),
    reasons: z.string().min(1).max(4000),
    decidedBy: z.string().min(1),
    decidedAt: Instant,
  }),
});

export const ComplaintWithdrawn = defineEvent({
  service: 'evaluation',
  aggregate: 'complaint',
  action: 'withdrawn',
  version: 1,
  description: 'The complainant withdrew the complaint before it was decided.',
  schema: z.object({ ...ComplaintSummary, reason: z.string().min(1).max(2000).optional(), withdrawnAt: Instant }),
});

export const ComplaintResponseOverdue = defineEvent({
  service: 'evaluation',
  aggregate: 'complaint',
  action: 'response-overdue',
  version: 1,
  description:
    'The complaint passed its response deadline (COMPLAINT_RESPONSE_DAYS after filing) undecided: escalated to the agency’s operators. Published once per complaint, whatever the number of replicas.',
  schema: z.object({
    ...ComplaintSummary,
    status: z.enum(['filed', 'under-investigation']),
    investigatorId: z.string().min(1).max(128).optional(),
    filedAt: Instant,
    responseDueAt: Instant,
    overdueAt: Instant,
  }),
});

/** The events of evaluation's complaints (投诉), besides those shared in supervision.events.ts. */
export const COMPLAINT_EVENTS: readonly EventContract[] = [
  ComplaintFiled,
  ComplaintTriaged,
  ComplaintEvidenceAdded,
  ComplaintRejected,
  ComplaintAppealed,
  ComplaintAppealDecided,
  ComplaintWithdrawn,
  ComplaintResponseOverdue,
];
