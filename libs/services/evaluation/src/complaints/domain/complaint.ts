import { BusinessRuleViolation, FileAttachment, IllegalTransitionError, MAX_FILE_ATTACHMENT_BYTES, normalisedFileAttachment } from '@houqin/domain';
import type { EvaluatedParty } from '../../kpis/domain/evaluated-party';

/**
 * A complaint (投诉) by one of the agency's people about a vendor or a service instance:
 * filed → under-investigation (triaged by an operator) → decided (upheld or rejected, with reasons:
 * the decision is the response to the complainant, due within the response deadline); withdrawn
 * by the complainant before the decision; the complainant may appeal the decision once, within
 * the appeal window, and the appeal is decided by another operator than the first decider.
 */
export const COMPLAINT_STATUSES = ['filed', 'under-investigation', 'decided', 'appealed', 'appeal-decided', 'withdrawn'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The complaints still waiting for a decision (a first one, or on appeal). */
export const OPEN_COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['filed', 'under-investigation', 'appealed'];
/** Undecided: the response to the complainant is still due. */
export const AWAITING_RESPONSE: readonly ComplaintStatus[] = ['filed', 'under-investigation'];

export const COMPLAINT_OUTCOMES = ['upheld', 'rejected'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

export const COMPLAINT_SEVERITIES = ['minor', 'major', 'serious'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

export const COMPLAINT_CATEGORIES = ['service-quality', 'timeliness', 'staff-conduct', 'safety', 'hygiene', 'billing', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** The service lines a complaint may be about (those of the supervision events). */
export const COMPLAINT_SERVICE_TYPES = ['maintenance', 'procurement', 'catering', 'transport', 'cleaning', 'security'] as const;
export type ComplaintServiceType = (typeof COMPLAINT_SERVICE_TYPES)[number];

export const MAX_ATTACHMENTS = 10;
export const MAX_EVIDENCE_ITEMS = 50;
export const MAX_NAMED_ANSWERABLE = 10;

/** Who answers for an upheld complaint (问责对象), as the supervision events carry it. */
export interface Answerable {
  kind: 'vendor' | 'internal-team' | 'approving-manager' | 'department' | 'person';
  vendorId?: string;
  userId?: string;
  departmentId?: string;
  name?: string;
  role?: string;
}

export interface Triage {
  severity: ComplaintSeverity;
  investigatorId: string;
  triagedBy: string;
  triagedAt: Date;
  note?: string;
}

export interface EvidenceItem {
  id: string;
  description: string;
  attachments: FileAttachment[];
  addedBy: string;
  addedAt: Date;
}

export interface Decision {
  outcome: ComplaintOutcome;
  reasons: string;
  decidedBy: string;
  decidedAt: Date;
  /** Who answers, when upheld (the party first). */
  answerable: Answerable[];
}

export interface Appeal {
  reasons: string;
  appealedAt: Date;
  decision?: Decision;
}

export interface Complaint {
  id: string;
  agencyId: string;
  /** The person who complained: never shown to the vendor, nor in an event, when anonymousToVendor. */
  complainantId: string;
  anonymousToVendor: boolean;
  serviceType?: ComplaintServiceType;
  /** The service instance complained about (for maintenance, the work order id). */
  instanceId?: string;
  /** The vendor or the internal team; unknown until triage when the instance does not tell. */
  party?: EvaluatedParty;
  category: ComplaintCategory;
  description: string;
  attachments: FileAttachment[];
  status: ComplaintStatus;
  filedAt: Date;
  responseDueAt: Date;
  /** When the sweep recorded that the response deadline passed undecided (once). */
  responseOverdueAt?: Date;
  triage?: Triage;
  evidence: EvidenceItem[];
  decision?: Decision;
  /** Minutes from filing to the first decision (处理时长). */
  handlingMinutes?: number;
  appeal?: Appeal;
  withdrawnAt?: Date;
  withdrawalReason?: string;
}

export interface ComplaintTerms {
  responseDays: number;
  appealDays: number;
}

export interface Actor {
  userId: string;
  roles: readonly string[];
}

export interface FilingInput {
  complainantId: string;
  anonymousToVendor: boolean;
  serviceType?: ComplaintServiceType | undefined;
  instanceId?: string | undefined;
  /** The vendor complained about, or the party the service instance's records name. */
  party?: EvaluatedParty | undefined;
  category: ComplaintCategory;
  description: string;
  attachments: readonly FileAttachment[];
}

export interface TriageInput {
  category?: ComplaintCategory | undefined;
  severity: ComplaintSeverity;
  /** Sets (or corrects) the party; required when the complaint does not know it. */
  party?: EvaluatedParty | undefined;
  investigatorId: string;
  note?: string | undefined;
}

export interface DecisionInput {
  outcome: ComplaintOutcome;
  reasons: string;
  /** When upheld: who answers, the party first (see answerableFor). */
  answerable?: readonly Answerable[];
}

/** A rule of segregation of duties (职责分离) refused the actor: 409 naming the state, with the reason. */
export class SegregationOfDutiesError extends IllegalTransitionError {
  constructor(currentState: ComplaintStatus, attemptedAction: string, reason: string) {
    super('complaint', currentState, attemptedAction);
    this.message = `complaint is ${currentState}; cannot ${attemptedAction}: ${reason} (segregation of duties)`;
  }
}

const DAY_MS = 24 * 3_600_000;
const MINUTE_MS = 60_000;

/** The operators (agency-admin, logistics-manager) run complaints: triage, investigation, decisions. */
export const COMPLAINT_OPERATOR_ROLES: readonly string[] = ['agency-admin', 'logistics-manager'];

export function fileComplaint(id: string, agencyId: string, input: FilingInput, terms: Pick<ComplaintTerms, 'responseDays'>, now: Date): Complaint {
  const description = required(input.description, 'description', 4000);
  if (input.party === undefined && (input.serviceType === undefined || input.instanceId === undefined)) {
    throw new BusinessRuleViolation('complaint-subject-missing', 'a complaint names a vendor (vendorId) or a service instance (serviceType and instanceId)', 'vendorId');
  }
  if (input.instanceId !== undefined && input.serviceType === undefined) {
    throw new BusinessRuleViolation('complaint-service-type-missing', 'name the serviceType of the instance complained about', 'serviceType');
  }
  return {
    id,
    agencyId,
    complainantId: input.complainantId,
    anonymousToVendor: input.anonymousToVendor,
    ...(input.serviceType ? { serviceType: input.serviceType } : {}),
    ...(input.instanceId ? { instanceId: input.instanceId.trim() } : {}),
    ...(input.party ? { party: input.party } : {}),
    category: input.category,
    description,
    attachments: checkedAttachments(input.attachments, 'attachments'),
    status: 'filed',
    filedAt: now,
    responseDueAt: new Date(now.getTime() + terms.responseDays * DAY_MS),
    evidence: [],
  };
}

/** An operator triages a filed complaint: category, severity, the party, and who investigates. */
export function triageComplaint(complaint: Complaint, actor: Actor, input: TriageInput, now: Date): Complaint {
  if (complaint.status !== 'filed') throw new IllegalTransitionError('complaint', complaint.status, 'triage');
  const party = input.party ?? complaint.party;
  if (!party) throw new BusinessRuleViolation('complaint-party-unknown', 'the party complained about is not known from the service instance: name it (a vendor id or internal-team)', 'party');
  // The complainant takes no part in handling their complaint: it keeps them out of every record a vendor reads.
  if (actor.userId === complaint.complainantId) throw new SegregationOfDutiesError(complaint.status, 'triage', 'the complainant may not triage their own complaint');
  if (input.investigatorId === complaint.complainantId) {
    throw new SegregationOfDutiesError(complaint.status, 'triage', 'the complainant may not investigate their own complaint');
  }
  const note = input.note?.trim();
  return {
    ...complaint,
    status: 'under-investigation',
    party,
    category: input.category ?? complaint.category,
    triage: { severity: input.severity, investigatorId: input.investigatorId, triagedBy: actor.userId, triagedAt: now, ...(note ? { note } : {}) },
  };
}

/** The investigator or an operator adds evidence while the complaint is investigated (first, or on appeal). */
export function addEvidence(complaint: Complaint, actor: Actor, id: string, input: { description: string; attachments: readonly FileAttachment[] }, now: Date): Complaint {
  if (complaint.status !== 'under-investigation' && complaint.status !== 'appealed') throw new IllegalTransitionError('complaint', complaint.status, 'add evidence');
  if (actor.userId === complaint.complainantId) throw new SegregationOfDutiesError(complaint.status, 'add evidence', 'the complainant may not investigate their own complaint');
  if (complaint.triage?.investigatorId !== actor.userId && !isOperator(actor)) {
    throw new BusinessRuleViolation('complaint-evidence-by-investigators', 'evidence is added by the investigator or an operator', 'investigatorId');
  }
  if (complaint.evidence.length >= MAX_EVIDENCE_ITEMS) throw new BusinessRuleViolation('complaint-evidence-limit', `a complaint holds at most ${MAX_EVIDENCE_ITEMS} evidence items`, 'description');
  const item: EvidenceItem = { id, description: required(input.description, 'description', 4000), attachments: checkedAttachments(input.attachments, 'attachments'), addedBy: actor.userId, addedAt: now };
  return { ...complaint, evidence: [...complaint.evidence, item] };
}

/** An operator decides the investigated complaint; the decision is the response to the complainant. */
export function decideComplaint(complaint: Complaint, actor: Actor, input: DecisionInput, now: Date): Complaint {
  if (complaint.status !== 'under-investigation') throw new IllegalTransitionError('complaint', complaint.status, 'decide');
  if (actor.userId === complaint.complainantId) throw new SegregationOfDutiesError(complaint.status, 'decide', 'the complainant may not decide their own complaint');
  const decision = decisionOf(complaint, actor, input, now);
  return { ...complaint, status: 'decided', decision, handlingMinutes: Math.floor((now.getTime() - complaint.filedAt.getTime()) / MINUTE_MS) };
}

/** The last instant the complainant may appeal the decision. */
export function appealDeadline(complaint: Complaint, terms: Pick<ComplaintTerms, 'appealDays'>): Date | undefined {
  return complaint.decision ? new Date(complaint.decision.decidedAt.getTime() + terms.appealDays * DAY_MS) : undefined;
}

/** The complainant, and only them, appeals the decision once, within the appeal window. */
export function appealComplaint(complaint: Complaint, actor: Actor, reasons: string, terms: Pick<ComplaintTerms, 'appealDays'>, now: Date): Complaint {
  if (actor.userId !== complaint.complainantId) throw new BusinessRuleViolation('complaint-appeal-by-complainant', 'only the complainant may appeal the decision', 'complainantId');
  if (complaint.status !== 'decided') throw new IllegalTransitionError('complaint', complaint.status, complaint.appeal ? 'appeal again (a complaint is appealed once)' : 'appeal');
  const deadline = appealDeadline(complaint, terms);
  if (deadline && now.getTime() > deadline.getTime()) {
    throw new BusinessRuleViolation('complaint-appeal-window-closed', `the decision could be appealed until ${deadline.toISOString()}`, 'reasons');
  }
  return { ...complaint, status: 'appealed', appeal: { reasons: required(reasons, 'reasons', 4000), appealedAt: now } };
}

/**
 * An operator other than the first decider (and not the complainant) decides the appeal; it may
 * overturn the first decision either way.
 */
export function decideAppeal(complaint: Complaint, actor: Actor, input: DecisionInput, now: Date): Complaint {
  if (complaint.status !== 'appealed' || !complaint.appeal) throw new IllegalTransitionError('complaint', complaint.status, 'decide an appeal');
  if (actor.userId === complaint.decision?.decidedBy) {
    throw new SegregationOfDutiesError(complaint.status, 'decide the appeal', 'the appeal is decided by another operator than the one who made the first decision');
  }
  if (actor.userId === complaint.complainantId) throw new SegregationOfDutiesError(complaint.status, 'decide the appeal', 'the complainant may not decide their own appeal');
  return { ...complaint, status: 'appeal-decided', appeal: { ...complaint.appeal, decision: decisionOf(complaint, actor, input, now) } };
}

/** The complainant withdraws their complaint before it is decided. */
export function withdrawComplaint(complaint: Complaint, actor: Actor, reason: string | undefined, now: Date): Complaint {
  if (actor.userId !== complaint.complainantId) throw new BusinessRuleViolation('complaint-withdrawal-by-complainant', 'only the complainant may withdraw the complaint', 'complainantId');
  if (!AWAITING_RESPONSE.includes(complaint.status)) throw new IllegalTransitionError('complaint', complaint.status, 'withdraw');
  const trimmed = reason?.trim();
  return { ...complaint, status: 'withdrawn', withdrawnAt: now, ...(trimmed ? { withdrawalReason: trimmed } : {}) };
}

/** Undecided past its response deadline, and not yet recorded as overdue. */
export function isResponseOverdueDue(complaint: Complaint, now: Date): boolean {
  return AWAITING_RESPONSE.includes(complaint.status) && complaint.responseOverdueAt === undefined && complaint.responseDueAt.getTime() <= now.getTime();
}

/** The sweep records, once, that the response deadline passed undecided. */
export function markResponseOverdue(complaint: Complaint, now: Date): Complaint {
  if (!isResponseOverdueDue(complaint, now)) throw new IllegalTransitionError('complaint', complaint.responseOverdueAt ? 'response-overdue' : complaint.status, 'mark the response overdue');
  return { ...complaint, responseOverdueAt: now };
}

/** As of `now`: undecided and past the deadline (even before the sweep records it). */
export function isResponseOverdue(complaint: Complaint, now: Date): boolean {
  return AWAITING_RESPONSE.includes(complaint.status) && complaint.responseDueAt.getTime() <= now.getTime();
}

/** Where the complaint stands: the appeal's outcome once decided, else the first decision's. */
export function standingOf(complaint: Complaint): ComplaintOutcome | undefined {
  return complaint.appeal?.decision?.outcome ?? complaint.decision?.outcome;
}

/** What an appeal's decision did to the complaint's standing. */
export type AppealEffect = 'upheld' | 'overturned' | 'confirmed';

export function appealEffect(complaint: Complaint): AppealEffect {
  const before = complaint.decision?.outcome;
  const after = complaint.appeal?.decision?.outcome;
  if (before === after) return 'confirmed';
  return after === 'upheld' ? 'upheld' : 'overturned';
}

/**
 * Who answers for an upheld complaint: the party (a vendor, named when known, or the internal
 * team), the manager who assigned the work when the records tell (not an automatic assignment),
 * and whoever the decider names. Named parties are people, managers or departments, never a second party.
 */
export function answerableFor(
  party: EvaluatedParty,
  known: { vendorName?: string | undefined; assignedBy?: string | undefined },
  named: readonly Answerable[] = [],
): Answerable[] {
  if (named.length > MAX_NAMED_ANSWERABLE) throw new BusinessRuleViolation('complaint-answerable-limit', `name at most ${MAX_NAMED_ANSWERABLE} answerable people or departments`, 'answerable');
  const first: Answerable =
    party.kind === 'vendor'
      ? { kind: 'vendor', vendorId: party.vendorId, ...(known.vendorName ? { name: known.vendorName } : {}), role: 'the vendor complained about' }
      : { kind: 'internal-team', role: 'the internal team complained about' };
  const all: Answerable[] = [first];
  named.forEach((entry, index) => {
    const field = `answerable[${index}]`;
    if (entry.kind === 'vendor' || entry.kind === 'internal-team') {
      throw new BusinessRuleViolation('complaint-answerable-kind', 'the party complained about answers already; name people, managers or departments', `${field}.kind`);
    }
    if (entry.kind === 'department' && !entry.departmentId) throw new BusinessRuleViolation('complaint-answerable-department', 'a department is named by its departmentId', `${field}.departmentId`);
    if (entry.kind !== 'department' && !entry.userId && !entry.name) {
      throw new BusinessRuleViolation('complaint-answerable-person', 'a manager or a person is named by userId or name', `${field}.userId`);
    }
  });
  const seen = new Set<string>();
  const add = (entry: Answerable) => {
    const key = `${entry.kind}:${entry.userId ?? entry.departmentId ?? entry.name ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    all.push(entry);
  };
  if (known.assignedBy) add({ kind: 'approving-manager', userId: known.assignedBy, role: 'assigned the work' });
  named.forEach(add);
  return all;
}

/** Who reads every complaint of the agency: the operators, auditors, evaluators and the supervising body. */
export const COMPLAINT_READER_ROLES: readonly string[] = ['agency-admin', 'logistics-manager', 'auditor', 'evaluator', 'supervisor'];

export interface Viewer {
  userId: string;
  roles: readonly string[];
  vendorId?: string | undefined;
}

/** How a viewer may see complaints: all of the agency, its vendor's, or its own (everything else is not found). */
export type ComplaintScope = { kind: 'agency' } | { kind: 'vendor'; vendorId: string } | { kind: 'own'; complainantId: string };

export function scopeOf(viewer: Viewer): ComplaintScope {
  if (viewer.roles.some((role) => COMPLAINT_READER_ROLES.includes(role))) return { kind: 'agency' };
  if (viewer.vendorId && viewer.roles.includes('vendor')) return { kind: 'vendor', vendorId: viewer.vendorId.toLowerCase() };
  return { kind: 'own', complainantId: viewer.userId };
}

export function maySee(complaint: Complaint, viewer: Viewer): boolean {
  const scope = scopeOf(viewer);
  if (scope.kind === 'agency') return true;
  if (scope.kind === 'vendor') return complaint.party?.kind === 'vendor' && complaint.party.vendorId === scope.vendorId;
  return complaint.complainantId === scope.complainantId;
}

/** Whether the viewer is shown who complained: not a vendor's account when the complainant chose anonymity. */
export function showsComplainant(complaint: Complaint, viewer: Viewer): boolean {
  return !(complaint.anonymousToVendor && scopeOf(viewer).kind === 'vendor');
}

function isOperator(actor: Actor): boolean {
  return actor.roles.some((role) => COMPLAINT_OPERATOR_ROLES.includes(role));
}

function decisionOf(complaint: Complaint, actor: Actor, input: DecisionInput, now: Date): Decision {
  const reasons = required(input.reasons, 'reasons', 4000);
  if (input.outcome !== 'upheld') {
    if (input.answerable && input.answerable.length > 0) throw new BusinessRuleViolation('complaint-answerable-rejected', 'a rejected complaint names nobody answerable', 'answerable');
    return { outcome: input.outcome, reasons, decidedBy: actor.userId, decidedAt: now, answerable: [] };
  }
  if (!complaint.party) throw new BusinessRuleViolation('complaint-party-unknown', 'the party complained about is not known', 'party');
  return { outcome: 'upheld', reasons, decidedBy: actor.userId, decidedAt: now, answerable: input.answerable ? [...input.answerable] : [] };
}

function required(text: string, field: string, max: number): string {
  const trimmed = (text ?? '').trim();
  if (trimmed.length === 0) throw new BusinessRuleViolation('required', `${field} must not be blank`, field);
  if (trimmed.length > max) throw new BusinessRuleViolation('too-long', `${field} must be at most ${max} characters`, field);
  return trimmed;
}

/** At most MAX_ATTACHMENTS, each at most MAX_FILE_ATTACHMENT_BYTES, no file twice (same URL). */
function checkedAttachments(attachments: readonly FileAttachment[], field: string): FileAttachment[] {
  if (attachments.length > MAX_ATTACHMENTS) throw new BusinessRuleViolation('too-many-attachments', `at most ${MAX_ATTACHMENTS} attachments`, field);
  const urls = new Set<string>();
  return attachments.map((attachment, index) => {
    if (attachment.sizeBytes < 1 || attachment.sizeBytes > MAX_FILE_ATTACHMENT_BYTES) {
      throw new BusinessRuleViolation('attachment-size', `an attachment is 1 byte to ${MAX_FILE_ATTACHMENT_BYTES} bytes`, `${field}[${index}].sizeBytes`);
    }
    if (urls.has(attachment.url)) throw new BusinessRuleViolation('attachment-duplicate', 'the same file is attached twice', `${field}[${index}].url`);
    urls.add(attachment.url);
    return normalisedFileAttachment(attachment);
  });
}
