import { BusinessRuleViolation, FileAttachment, IllegalTransitionError, NotFoundError } from '@houqin/domain';
import { checkedEvidence } from '../../assessments/domain/assessment';
import { EvaluatedParty, partyKey } from '../../kpis/domain/evaluated-party';

/**
 * A rectification notice (整改通知): the agency tells a vendor (or its own internal team) what must
 * be fixed, by when, and what evidence proves it. issued → answered (the party's statement and
 * evidence) → closed when the manager verifies it, or returned with a reason (and perhaps a new
 * deadline) to be answered again. A notice awaiting its answer past the deadline is overdue: it is
 * escalated once per deadline, and a late answer is still taken but stays recorded as late.
 */
export const RECTIFICATION_STATUSES = ['issued', 'answered', 'returned', 'closed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** The states in which the notice waits for the party's answer (and can fall overdue). */
export const AWAITING_ANSWER: readonly RectificationStatus[] = ['issued', 'returned'];

export const MAX_REQUIRED_EVIDENCE = 20;

/** One piece of evidence: a file, and the required item (要求的整改材料) it proves, if any. */
export interface RectificationEvidence extends FileAttachment {
  item?: string;
}

/** One answer of the party: what was done and the evidence for it. */
export interface RectificationAnswer {
  statement: string;
  evidence: RectificationEvidence[];
  answeredBy: string;
  answeredAt: Date;
  /** The deadline in force when it was answered. */
  deadline: Date;
  /** Answered after that deadline: accepted, and recorded as late. */
  late: boolean;
}

/** The manager sent an answer back (退回): why, and the deadline from then on. */
export interface RectificationSendBack {
  reason: string;
  returnedBy: string;
  returnedAt: Date;
  previousDeadline: Date;
  deadline: Date;
}

/** The notice fell overdue for one deadline and was escalated to the logistics manager. */
export interface RectificationEscalation {
  deadline: Date;
  escalatedAt: Date;
}

export interface RectificationNotice {
  id: string;
  agencyId: string;
  party: EvaluatedParty;
  /** The vendor's name as procurement registered it, when evaluation knows it. */
  vendorName?: string;
  /** What must be fixed (整改事项). */
  finding: string;
  violationId?: string;
  complaintId?: string;
  /** The evidence items the answer must cover, each by name. */
  requiredEvidence: string[];
  deadline: Date;
  status: RectificationStatus;
  issuedBy: string;
  issuedAt: Date;
  answers: RectificationAnswer[];
  sendBacks: RectificationSendBack[];
  escalations: RectificationEscalation[];
  verifiedBy?: string;
  verifiedAt?: Date;
  verificationNote?: string;
}

export interface IssueInput {
  party: EvaluatedParty;
  vendorName?: string | undefined;
  finding: string;
  violationId?: string | undefined;
  complaintId?: string | undefined;
  requiredEvidence: readonly string[];
  deadline: Date;
}

export interface AnswerInput {
  statement: string;
  evidence: readonly RectificationEvidence[];
}

/** Who acts on a notice, as far as the rules need to know. */
export interface Actor {
  userId: string;
  roles: readonly string[];
  vendorId?: string | undefined;
}

/** The agency's people who run the support services: they issue, verify and send back, and answer for the internal team. */
export const RECTIFICATION_OPERATOR_ROLES: readonly string[] = ['agency-admin', 'logistics-manager'];

export function issueRectification(id: string, agencyId: string, input: IssueInput, issuedBy: string, now: Date): RectificationNotice {
  const finding = input.finding.trim();
  if (!finding) throw new BusinessRuleViolation('finding-required', 'say what must be fixed', 'finding');
  return {
    id,
    agencyId,
    party: input.party,
    ...(input.party.kind === 'vendor' && input.vendorName ? { vendorName: input.vendorName } : {}),
    finding,
    ...(input.violationId ? { violationId: input.violationId.toLowerCase() } : {}),
    ...(input.complaintId ? { complaintId: input.complaintId.toLowerCase() } : {}),
    requiredEvidence: checkedItems(input.requiredEvidence),
    deadline: futureDeadline(input.deadline, now),
    status: 'issued',
    issuedBy,
    issuedAt: now,
    answers: [],
    sendBacks: [],
    escalations: [],
  };
}

/** Named, each once (case and spacing aside), at most MAX_REQUIRED_EVIDENCE; none is allowed (the statement alone). */
function checkedItems(items: readonly string[]): string[] {
  if (items.length > MAX_REQUIRED_EVIDENCE) throw new BusinessRuleViolation('too-many-evidence-items', `at most ${MAX_REQUIRED_EVIDENCE} evidence items`, 'requiredEvidence');
  const seen = new Set<string>();
  return items.map((raw, index) => {
    const item = raw.trim();
    if (!item) throw new BusinessRuleViolation('evidence-item-unnamed', 'name each evidence item', `requiredEvidence[${index}]`);
    if (seen.has(itemKey(item))) throw new BusinessRuleViolation('evidence-item-repeated', `'${item}' is required twice`, `requiredEvidence[${index}]`);
    seen.add(itemKey(item));
    return item;
  });
}

function itemKey(item: string): string {
  return item.trim().replace(/\s+/g, ' ').toLowerCase();
}

function futureDeadline(deadline: Date, now: Date): Date {
  if (Number.isNaN(deadline.getTime())) throw new BusinessRuleViolation('deadline-invalid', 'deadline must be an instant', 'deadline');
  if (deadline.getTime() <= now.getTime()) throw new BusinessRuleViolation('deadline-past', 'the deadline must be in the future', 'deadline');
  return deadline;
}

/** Waiting for the party's answer with the deadline passed, as of `now` (whether or not the sweep has escalated it yet). */
export function isOverdue(notice: RectificationNotice, now: Date): boolean {
  return AWAITING_ANSWER.includes(notice.status) && notice.deadline.getTime() <= now.getTime();
}

/**
 * A vendor account sees its own vendor's notices only, and the agency's other readers (the gateway
 * decides who they are) see them all; to anyone else the notice does not exist.
 */
export function maySee(notice: RectificationNotice, actor: Actor): boolean {
  if (!actor.roles.includes('vendor') || actor.roles.some((role) => RECTIFICATION_OPERATOR_ROLES.includes(role))) return true;
  return notice.party.kind === 'vendor' && !!actor.vendorId && actor.vendorId.toLowerCase() === notice.party.vendorId;
}

/**
 * The party answers: a vendor through its own account, the internal team through the agency's
 * operators. Every required item is covered by at least one piece of evidence (422 naming the
 * missing ones); evidence names only items the notice requires (or none, as supplementary).
 */
export function answerRectification(notice: RectificationNotice, actor: Actor, input: AnswerInput, now: Date): RectificationNotice {
  if (!maySee(notice, actor)) throw new NotFoundError('rectification', notice.id);
  const operator = actor.roles.some((role) => RECTIFICATION_OPERATOR_ROLES.includes(role));
  if (notice.party.kind === 'vendor' && !(actor.roles.includes('vendor') && actor.vendorId?.toLowerCase() === notice.party.vendorId)) {
    throw new BusinessRuleViolation('answered-by-the-vendor', "a vendor's rectification notice is answered by the vendor, through its own account");
  }
  if (notice.party.kind === 'internal-team' && !operator) {
    throw new BusinessRuleViolation('answered-by-the-operators', "the internal team's notice is answered by the agency's logistics managers");
  }
  if (!AWAITING_ANSWER.includes(notice.status)) throw new IllegalTransitionError('rectification', notice.status, 'answer');
  const statement = input.statement.trim();
  if (!statement) throw new BusinessRuleViolation('statement-required', 'say what was done to rectify', 'statement');
  const evidence = checkedAnswerEvidence(notice, input.evidence);
  const answer: RectificationAnswer = { statement, evidence, answeredBy: actor.userId, answeredAt: now, deadline: notice.deadline, late: now.getTime() > notice.deadline.getTime() };
  return { ...notice, status: 'answered', answers: [...notice.answers, answer] };
}

function checkedAnswerEvidence(notice: RectificationNotice, evidence: readonly RectificationEvidence[]): RectificationEvidence[] {
  const files = checkedEvidence(evidence);
  const required = new Map(notice.requiredEvidence.map((item) => [itemKey(item), item]));
  const covered = new Set<string>();
  const checked = evidence.map((given, index): RectificationEvidence => {
    const file = files[index] as FileAttachment;
    if (given.item === undefined || !given.item.trim()) return file;
    const item = required.get(itemKey(given.item));
    if (item === undefined) {
      throw new BusinessRuleViolation('evidence-item-unknown', `'${given.item.trim()}' is not an evidence item of this notice (${notice.requiredEvidence.join('; ') || 'none'})`, `evidence[${index}].item`);
    }
    covered.add(itemKey(item));
    return { ...file, item };
  });
  const missing = notice.requiredEvidence.filter((item) => !covered.has(itemKey(item)));
  if (missing.length > 0) {
    throw new BusinessRuleViolation('evidence-missing', `the evidence does not cover the required item${missing.length > 1 ? 's' : ''}: ${missing.map((item) => `'${item}'`).join(', ')}`, 'evidence');
  }
  return checked;
}

/** The manager verifies the latest answer: the notice is closed. Whoever gave that answer may not verify it (segregation of duties). */
export function verifyRectification(notice: RectificationNotice, verifiedBy: string, note: string | undefined, now: Date): RectificationNotice {
  if (notice.status !== 'answered') throw new IllegalTransitionError('rectification', notice.status, 'verify');
  if (latestAnswer(notice)?.answeredBy === verifiedBy) {
    throw new BusinessRuleViolation('verifier-answered', 'the answer is verified by someone other than who gave it');
  }
  const trimmed = note?.trim();
  return { ...notice, status: 'closed', verifiedBy, verifiedAt: now, ...(trimmed ? { verificationNote: trimmed } : {}) };
}

/**
 * The manager sends the answer back with a reason, optionally with a new (future) deadline; the
 * notice waits for a new answer, and falls overdue again — escalated again — if the new deadline passes.
 */
export function sendBackRectification(notice: RectificationNotice, returnedBy: string, input: { reason: string; deadline?: Date | undefined }, now: Date): RectificationNotice {
  if (notice.status !== 'answered') throw new IllegalTransitionError('rectification', notice.status, 'send back');
  const reason = input.reason.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'say why the answer is sent back', 'reason');
  const deadline = input.deadline ? futureDeadline(input.deadline, now) : notice.deadline;
  const sendBack: RectificationSendBack = { reason, returnedBy, returnedAt: now, previousDeadline: notice.deadline, deadline };
  return { ...notice, status: 'returned', deadline, sendBacks: [...notice.sendBacks, sendBack] };
}

/** Overdue and not yet escalated for the deadline in force: escalate now (once per deadline). */
export function isEscalationDue(notice: RectificationNotice, now: Date): boolean {
  return isOverdue(notice, now) && !notice.escalations.some((escalation) => escalation.deadline.getTime() === notice.deadline.getTime());
}

export function escalateRectification(notice: RectificationNotice, now: Date): RectificationNotice {
  if (!isEscalationDue(notice, now)) throw new IllegalTransitionError('rectification', isOverdue(notice, now) ? 'escalated' : notice.status, 'escalate');
  return { ...notice, escalations: [...notice.escalations, { deadline: notice.deadline, escalatedAt: now }] };
}

export function latestAnswer(notice: RectificationNotice): RectificationAnswer | undefined {
  return notice.answers[notice.answers.length - 1];
}

/**
 * Who answers for an overdue notice (问责): the party told to rectify — the vendor (named when
 * known) or the internal team. The manager who issued it is not named: overdue means the answer
 * the party owed is missing, and the manager's part (following it up) is what the escalation asks.
 */
export function answerableFor(notice: RectificationNotice): Array<{ kind: 'vendor' | 'internal-team'; vendorId?: string; name?: string; role: string }> {
  if (notice.party.kind === 'internal-team') return [{ kind: 'internal-team', role: 'told to rectify by the notice' }];
  return [{ kind: 'vendor', vendorId: notice.party.vendorId, ...(notice.vendorName ? { name: notice.vendorName } : {}), role: 'told to rectify by the notice' }];
}

/** The party's stored key, for events and views. */
export function noticeParty(notice: RectificationNotice): string {
  return partyKey(notice.party);
}
