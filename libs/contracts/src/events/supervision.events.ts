import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { SCORECARD_SERVICE_TYPES } from './scorecard.events';

/**
 * Supervision and accountability (监督问责): the events by which one capability of evaluation hands
 * an offence to the next — an upheld complaint or an expired qualification becomes a violation, a
 * violation, an overdue rectification or an upheld complaint counts towards a sanction — and by
 * which the accountability record (问责) names who was answerable. Each capability's other events
 * live in its own file.
 */
const Instant = z.string().datetime({ offset: true });
/** Amounts are integers of fen (分, 1/100 yuan). */
const Fen = z.number().int().nonnegative();

/** Who answers for an offence (问责对象). */
export const ANSWERABLE_KINDS = ['vendor', 'internal-team', 'approving-manager', 'department', 'person'] as const;

/**
 * One answerable party: a vendor (vendorId), the agency's internal team, the manager who approved
 * or assigned the work (userId), a department (departmentId) or a named person (userId and/or name,
 * e.g. the holder of an expired certificate).
 */
export const Answerable = z.object({
  kind: z.enum(ANSWERABLE_KINDS),
  vendorId: z.string().uuid().optional(),
  userId: z.string().min(1).max(128).optional(),
  departmentId: z.string().uuid().optional(),
  /** A readable name where one is known (the vendor's, the person's). */
  name: z.string().min(1).max(200).optional(),
  /** Why this party answers, e.g. "assigned the work order", "holder of the certificate". */
  role: z.string().min(1).max(200).optional(),
});
export type AnswerableParty = z.infer<typeof Answerable>;

/** The evaluated party as evaluation stores it: a vendor id, or 'internal-team'. */
const Party = z.string().min(1).max(64);

export const SUPERVISION_SERVICE_TYPES = [...SCORECARD_SERVICE_TYPES, 'cleaning', 'security'] as const;
export const VIOLATION_SEVERITIES = ['minor', 'major', 'serious'] as const;
export const VIOLATION_SOURCES = [
  'sla-breach',
  'rental-response',
  'failed-inspection',
  'upheld-complaint',
  'low-assessment-score',
  'expired-qualification',
  'manual',
] as const;

export const ComplaintUpheld = defineEvent({
  service: 'evaluation',
  aggregate: 'complaint',
  action: 'upheld',
  version: 1,
  description:
    'A complaint (投诉) was upheld after investigation, with reasons: it counts against the party complained about (a violation is recorded, and repeated upheld complaints count towards a sanction). The complainant is never named when they chose to stay anonymous to the vendor.',
  schema: z.object({
    complaintId: z.string().uuid(),
    agencyId: z.string().min(1).max(64),
    /** A vendor id or 'internal-team'. */
    party: Party,
    vendorId: z.string().uuid().optional(),
    serviceType: z.enum(SUPERVISION_SERVICE_TYPES).optional(),
    /** The service instance complained about (a work order, a trip, a meal), when there is one. */
    instanceId: z.string().min(1).max(128).optional(),
    category: z.string().min(1).max(64),
    severity: z.enum(VIOLATION_SEVERITIES),
    reasons: z.string().min(1).max(4000),
    decidedBy: z.string().min(1),
    decidedAt: Instant,
    /** True when the decision was reached on the complainant's appeal. */
    onAppeal: z.boolean(),
    answerable: z.array(Answerable).min(1),
  }),
});

export const ComplaintOverturned = defineEvent({
  service: 'evaluation',
  aggregate: 'complaint',
  action: 'overturned',
  version: 1,
  description:
    'An upheld complaint was rejected on appeal, with reasons: it no longer counts against the party (its violation is voided, it leaves the sanction count and the accountability record, and a catering complaint leaves the complaint rate).',
  schema: z.object({
    complaintId: z.string().uuid(),
    agencyId: z.string().min(1).max(64),
    party: Party,
    vendorId: z.string().uuid().optional(),
    /** The service complained about, when the complaint named one. */
    serviceType: z.enum(SUPERVISION_SERVICE_TYPES).optional(),
    reasons: z.string().min(1).max(4000),
    decidedBy: z.string().min(1),
    decidedAt: Instant,
  }),
});

export const ViolationRecorded = defineEvent({
  service: 'evaluation',
  aggregate: 'violation',
  action: 'recorded',
  version: 1,
  description:
    "A violation (违规) was recorded against a vendor or the internal team — automatically from an SLA breach, a rental vendor's late answer to a dispatch, a failed inspection, an upheld complaint, a low third-party score or an expired mandatory qualification, or by hand by a manager or auditor — with its severity, penalty points and the penalty in fen under the contract's penalty rules (capped per month). Recorded once per offence (sourceRef).",
  schema: z.object({
    violationId: z.string().uuid(),
    agencyId: z.string().min(1).max(64),
    party: Party,
    vendorId: z.string().uuid().optional(),
    serviceType: z.enum(SUPERVISION_SERVICE_TYPES).optional(),
    contractId: z.string().uuid().optional(),
    source: z.enum(VIOLATION_SOURCES),
    /** What the violation was recorded from (the SLA clock, the complaint, the assessment, ...), unique per source. */
    sourceRef: z.string().min(1).max(200),
    severity: z.enum(VIOLATION_SEVERITIES),
    penaltyPoints: z.number().int().nonnegative(),
    penaltyAmount: Fen,
    /** The settlement period the penalty is deducted in, 'YYYY-MM' (China Standard Time). */
    settlementPeriod: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    description: z.string().min(1).max(4000),
    occurredAt: Instant,
    recordedBy: z.string().min(1),
    recordedAt: Instant,
    answerable: z.array(Answerable).min(1),
  }),
});

export const ViolationVoided = defineEvent({
  service: 'evaluation',
  aggregate: 'violation',
  action: 'voided',
  version: 1,
  description:
    'A violation was voided with a reason (recorded in error, or its complaint overturned on appeal): its points no longer count towards sanctions and its penalty is no longer deducted.',
  schema: z.object({
    violationId: z.string().uuid(),
    agencyId: z.string().min(1).max(64),
    party: Party,
    vendorId: z.string().uuid().optional(),
    penaltyPoints: z.number().int().nonnegative(),
    penaltyAmount: Fen,
    settlementPeriod: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    reason: z.string().min(1).max(2000),
    voidedBy: z.string().min(1),
    voidedAt: Instant,
  }),
});

export const RectificationOverdue = defineEvent({
  service: 'evaluation',
  aggregate: 'rectification',
  action: 'overdue',
  version: 1,
  description:
    "A rectification notice (整改通知) passed its deadline while still awaiting the party's answer: escalated to the agency's logistics manager, counted towards sanctions and in the accountability record. Published once per notice and deadline (a notice sent back with a new deadline can fall overdue again), whatever the number of replicas.",
  schema: z.object({
    noticeId: z.string().uuid(),
    agencyId: z.string().min(1).max(64),
    party: Party,
    vendorId: z.string().uuid().optional(),
    violationId: z.string().uuid().optional(),
    deadline: Instant,
    escalatedAt: Instant,
    escalateTo: z.literal('logistics-manager'),
    answerable: z.array(Answerable).min(1),
  }),
});

export const QUALIFICATION_HOLDER_KINDS = ['internal-staff', 'vendor-staff'] as const;

export const QualificationExpired = defineEvent({
  service: 'evaluation',
  aggregate: 'qualification',
  action: 'expired',
  version: 1,
  description:
    "A qualification (资质证书: an electrician's or lift operator's certificate, a food handler's health certificate, a driver's licence) of a member of the internal team or of a vendor's on-site staff reached its expiry without renewal. A mandatory one is a violation of the holder's employer. Published once per qualification and expiry.",
  schema: z.object({
    qualificationId: z.string().uuid(),
    agencyId: z.string().min(1).max(64),
    holderKind: z.enum(QUALIFICATION_HOLDER_KINDS),
    holderName: z.string().min(1).max(200),
    holderUserId: z.string().min(1).max(128).optional(),
    /** The employer: a vendor id, or 'internal-team'. */
    party: Party,
    vendorId: z.string().uuid().optional(),
    qualificationType: z.string().min(1).max(64),
    mandatory: z.boolean(),
    expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    expiredAt: Instant,
    answerable: z.array(Answerable).min(1),
  }),
});

export const SUPERVISION_EVENTS = [ComplaintUpheld, ComplaintOverturned, ViolationRecorded, ViolationVoided, RectificationOverdue, QualificationExpired] as const;
