import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';
import { Eligibility, IneligibilityReason, VendorWithQualifications, eligibility } from '../../vendors/domain/eligibility';
import { SERVICE_CATEGORIES, ServiceCategory } from '../../vendors/domain/vendor';
import { SCORECARD_SERVICE_TYPE } from '../../vendor-performance/domain/past-performance';

export const TENDER_METHODS = ['request-for-quotation', 'open-tender'] as const;
export type TenderMethod = (typeof TENDER_METHODS)[number];

/**
 * draft → published → opened → scored → award-proposed ⇄ award-suspended → awarded, and
 * cancelled from any state before awarded. Bids arrive while published; scores while opened
 * (scored once every member who may score has scored every bid, revisions still allowed);
 * objections during the publication period suspend the award until resolved.
 */
export const TENDER_STATUSES = ['draft', 'published', 'opened', 'scored', 'award-proposed', 'award-suspended', 'awarded', 'cancelled'] as const;
export type TenderStatus = (typeof TENDER_STATUSES)[number];

export const MAX_PUBLICATION_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Who fills a sub-criterion: the committee (absent), or evaluation's scorecards — 'past-performance'
 * (履约评价) takes the vendor's latest published score as a share of its points; nobody scores it.
 */
export const SUB_CRITERION_KINDS = ['committee', 'past-performance'] as const;
export type SubCriterionKind = (typeof SUB_CRITERION_KINDS)[number];

export interface SubCriterion {
  name: string;
  maxPoints: number;
  kind?: SubCriterionKind;
}

export function filledFromScorecards(criterion: SubCriterion): boolean {
  return criterion.kind === 'past-performance';
}

/** Weights are whole points of 100: the price, technical and service parts of a bid's total. */
export interface TenderCriteria {
  weights: { price: number; technical: number; service: number };
  technical: SubCriterion[];
  service: SubCriterion[];
}

export interface CommitteeMember {
  userId: string;
  /** Vendors the member declared a link to (employment, kinship, shares): they may score no bid of a tender such a vendor bids in. */
  conflicts: string[];
}

export interface ProposedAward {
  bidId: string;
  vendorId: string;
  price: number;
  total: number;
  proposedBy: string;
  proposedAt: Date;
  publicationEndsAt: Date;
  awardedBy?: string;
  awardedAt?: Date;
}

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';

export interface Objection {
  id: string;
  raisedBy: string;
  /** The vendor a vendor account objected for. */
  vendorId?: string;
  reason: string;
  raisedAt: Date;
  status: ObjectionStatus;
  resolution?: { by: string; note: string; at: Date };
}

export interface Tender {
  id: string;
  agencyId: string;
  title: string;
  category: ServiceCategory;
  method: TenderMethod;
  requisitionId?: string;
  /** 预算上限 in fen: bids above it are invalid. */
  budgetCeiling: number;
  criteria: TenderCriteria;
  bidDeadline: Date;
  openingAt: Date;
  /** 公示期 of the proposed award, in days (0: objections are possible only until finalised at once). */
  publicationDays: number;
  status: TenderStatus;
  createdBy: string;
  createdAt: Date;
  publishedBy?: string;
  publishedAt?: Date;
  openedBy?: string;
  openedAt?: Date;
  committee: CommitteeMember[];
  award?: ProposedAward;
  objections: Objection[];
  cancellation?: { reason: string; by: string; at: Date; previousStatus: TenderStatus };
}

export interface TenderDraft {
  id: string;
  agencyId: string;
  createdBy: string;
  title: string;
  category: string;
  method: TenderMethod;
  requisitionId?: string;
  budgetCeiling: number;
  criteria: TenderCriteria;
  bidDeadline: Date;
  openingAt: Date;
  publicationDays: number;
}

/** A bid as the tender's rules see it; the content stays sealed until opening, so price is known only after. */
export interface BidRecordView {
  id: string;
  vendorId: string;
  submittedAt: Date;
  price?: number;
}

function refuse(tender: Tender, action: string): never {
  throw new IllegalTransitionError('tender', tender.status, action);
}

/** Weights are whole numbers summing to 100, and every weighted part has sub-criteria to score. */
export function validateCriteria(criteria: TenderCriteria): TenderCriteria {
  const { price, technical, service } = criteria.weights;
  if (![price, technical, service].every((weight) => Number.isInteger(weight) && weight >= 0)) {
    throw new BusinessRuleViolation('invalid-weights', 'criteria weights must be whole numbers of at least 0', 'criteria');
  }
  if (price + technical + service !== 100) {
    throw new BusinessRuleViolation('weights-must-sum-to-100', `criteria weights must sum to 100 (price ${price} + technical ${technical} + service ${service} = ${price + technical + service})`, 'criteria');
  }
  const subCriteria = (part: 'technical' | 'service', weight: number): SubCriterion[] => {
    const list = criteria[part].map((criterion) => ({ name: criterion.name.trim(), maxPoints: criterion.maxPoints, ...(filledFromScorecards(criterion) ? { kind: criterion.kind } : {}) }));
    if (weight > 0 && list.length === 0) throw new BusinessRuleViolation('sub-criteria-required', `a ${part} weight needs at least one ${part} sub-criterion`, 'criteria');
    if (weight === 0 && list.length > 0) throw new BusinessRuleViolation('unweighted-sub-criteria', `${part} sub-criteria need a ${part} weight`, 'criteria');
    if (list.some((criterion) => !criterion.name || !Number.isInteger(criterion.maxPoints) || criterion.maxPoints <= 0)) {
      throw new BusinessRuleViolation('invalid-sub-criterion', `every ${part} sub-criterion needs a name and whole max points above 0`, 'criteria');
    }
    if (new Set(list.map((criterion) => criterion.name)).size !== list.length) {
      throw new BusinessRuleViolation('duplicate-sub-criterion', `name each ${part} sub-criterion once`, 'criteria');
    }
    return list;
  };
  const checked = { weights: { price, technical, service }, technical: subCriteria('technical', technical), service: subCriteria('service', service) };
  if ([...checked.technical, ...checked.service].filter(filledFromScorecards).length > 1) {
    throw new BusinessRuleViolation('past-performance-repeated', 'a tender has at most one past-performance sub-criterion', 'criteria');
  }
  return checked;
}

/** A logistics manager drafts a tender (招标文件): rules and dates are fixed before anyone bids. */
export function draftTender(draft: TenderDraft, clock: Clock): Tender {
  const title = draft.title.trim();
  if (!title) throw new BusinessRuleViolation('title-required', 'give the tender a title', 'title');
  if (!(SERVICE_CATEGORIES as readonly string[]).includes(draft.category)) {
    throw new BusinessRuleViolation('unknown-category', `'${draft.category}' is not one of ${SERVICE_CATEGORIES.join(', ')}`, 'category');
  }
  if (!Number.isSafeInteger(draft.budgetCeiling) || draft.budgetCeiling <= 0) {
    throw new BusinessRuleViolation('invalid-budget-ceiling', 'budgetCeiling is a whole number of fen above 0', 'budgetCeiling');
  }
  const criteria = validateCriteria(draft.criteria);
  if ([...criteria.technical, ...criteria.service].some(filledFromScorecards) && !SCORECARD_SERVICE_TYPE[draft.category as ServiceCategory]) {
    throw new BusinessRuleViolation('no-scorecards-for-category', `evaluation publishes no scorecards for ${draft.category}: a past-performance sub-criterion has nothing to read`, 'criteria');
  }
  const now = clock.now();
  if (draft.bidDeadline.getTime() <= now.getTime()) throw new BusinessRuleViolation('deadline-in-past', 'bidDeadline must be in the future', 'bidDeadline');
  if (draft.openingAt.getTime() < draft.bidDeadline.getTime()) {
    throw new BusinessRuleViolation('opening-before-deadline', 'openingAt must be at or after bidDeadline: bids are opened only once no more can arrive', 'openingAt');
  }
  if (!Number.isInteger(draft.publicationDays) || draft.publicationDays < 0 || draft.publicationDays > MAX_PUBLICATION_DAYS) {
    throw new BusinessRuleViolation('invalid-publication-period', `publicationDays is a whole number from 0 to ${MAX_PUBLICATION_DAYS}`, 'publicationDays');
  }
  return {
    id: draft.id,
    agencyId: draft.agencyId,
    title,
    category: draft.category as ServiceCategory,
    method: draft.method,
    ...(draft.requisitionId ? { requisitionId: draft.requisitionId } : {}),
    budgetCeiling: draft.budgetCeiling,
    criteria,
    bidDeadline: draft.bidDeadline,
    openingAt: draft.openingAt,
    publicationDays: draft.publicationDays,
    status: 'draft',
    createdBy: draft.createdBy,
    createdAt: now,
    committee: [],
    objections: [],
  };
}

/** Publishing (发布招标公告) opens the tender to bids; the deadline must still be ahead. */
export function publishTender(tender: Tender, by: string, clock: Clock): Tender {
  if (tender.status !== 'draft') refuse(tender, 'publish');
  const now = clock.now();
  if (tender.bidDeadline.getTime() <= now.getTime()) {
    throw new BusinessRuleViolation('deadline-passed', 'the bid deadline has passed; draft a new tender with a later deadline', 'bidDeadline');
  }
  return { ...tender, status: 'published', publishedBy: by, publishedAt: now };
}

/**
 * The eligible-vendor rule a published tender fixes: at submission the vendor must be neither
 * blacklisted nor suspended or sanctioned, and at the bid deadline neither suspended nor without a
 * valid qualification for the tender's category.
 */
export function bidderEligibility(tender: Tender, vendor: VendorWithQualifications, now: Date): Eligibility {
  const reasons = new Map<string, IneligibilityReason>();
  for (const at of [now, tender.bidDeadline]) {
    const answer = eligibility(vendor, tender.category, at);
    if (!answer.eligible) for (const reason of answer.reasons) if (!reasons.has(reason.code)) reasons.set(reason.code, reason);
  }
  return reasons.size === 0 ? { eligible: true } : { eligible: false, reasons: [...reasons.values()] };
}

/** A bid is accepted while the tender is published and its deadline has not passed; a vendor's later bid replaces its earlier one. */
export function checkBidSubmission(tender: Tender, vendor: VendorWithQualifications, price: number, clock: Clock): void {
  if (tender.status !== 'published') refuse(tender, 'accept bids');
  const now = clock.now();
  if (now.getTime() >= tender.bidDeadline.getTime()) {
    throw new BusinessRuleViolation('bid-deadline-passed', `the bid deadline passed at ${tender.bidDeadline.toISOString()}`, 'bidDeadline');
  }
  if (!Number.isSafeInteger(price) || price <= 0) throw new BusinessRuleViolation('invalid-price', 'price is a whole number of fen above 0', 'price');
  const answer = bidderEligibility(tender, vendor, now);
  if (!answer.eligible) {
    throw new BusinessRuleViolation('vendor-not-eligible', `the vendor may not bid: ${answer.reasons.map((reason) => reason.message).join('; ')}`, 'vendorId');
  }
}

/** Opening (开标) happens at or after the announced time, never before. */
export function openTender(tender: Tender, by: string, clock: Clock): Tender {
  if (tender.status !== 'published') refuse(tender, 'open bids');
  const now = clock.now();
  if (now.getTime() < tender.openingAt.getTime()) {
    throw new BusinessRuleViolation('opening-time-not-reached', `bids may be opened from ${tender.openingAt.toISOString()}`, 'openingAt');
  }
  return { ...tender, status: 'opened', openedBy: by, openedAt: now };
}

/** The evaluation committee (评标委员会) is appointed before scoring starts; each member declares their links to vendors. */
export function appointCommittee(tender: Tender, members: CommitteeMember[], scoringStarted: boolean): Tender {
  if (!['draft', 'published', 'opened'].includes(tender.status)) refuse(tender, 'appoint a committee');
  if (scoringStarted) throw new BusinessRuleViolation('scoring-started', 'the committee cannot change once members have scored', 'members');
  const cleaned = members.map((member) => ({ userId: member.userId.trim(), conflicts: [...new Set(member.conflicts)] }));
  if (cleaned.length === 0 || cleaned.some((member) => !member.userId)) throw new BusinessRuleViolation('members-required', 'name at least one committee member', 'members');
  if (new Set(cleaned.map((member) => member.userId)).size !== cleaned.length) throw new BusinessRuleViolation('duplicate-member', 'name each member once', 'members');
  return { ...tender, committee: cleaned };
}

/** A member linked to any bidder is recused (回避) from scoring the whole tender. */
export function isRecused(member: CommitteeMember, bids: readonly BidRecordView[]): boolean {
  return bids.some((bid) => member.conflicts.includes(bid.vendorId));
}

export function committeeMember(tender: Tender, userId: string): CommitteeMember | undefined {
  return tender.committee.find((member) => member.userId === userId);
}

/** Within the ceiling: bids above it take no part in scoring or ranking. */
export function withinCeiling(tender: Tender, price: number): boolean {
  return price > 0 && price <= tender.budgetCeiling;
}

export interface ScoreInput {
  bidId: string;
  technical: Record<string, number>;
  service: Record<string, number>;
}

export interface Score extends ScoreInput {
  memberId: string;
  scoredAt: Date;
}

/** A committee member scores the technical and service sub-criteria of one bid; scoring again revises the earlier score. */
export function scoreBid(tender: Tender, bids: readonly BidRecordView[], memberId: string, input: ScoreInput, clock: Clock): Score {
  if (tender.status !== 'opened' && tender.status !== 'scored') refuse(tender, 'score bids');
  const member = committeeMember(tender, memberId);
  if (!member) throw new BusinessRuleViolation('not-committee-member', 'only members of the evaluation committee score bids', 'memberId');
  if (isRecused(member, bids)) {
    throw new BusinessRuleViolation('conflict-of-interest', 'the member declared a link to a bidder and is recused from scoring this tender', 'memberId');
  }
  const bid = bids.find((candidate) => candidate.id === input.bidId);
  if (!bid) throw new BusinessRuleViolation('unknown-bid', 'no such bid in this tender', 'bidId');
  if (bid.price === undefined || !withinCeiling(tender, bid.price)) throw new BusinessRuleViolation('bid-invalid', 'the bid is above the budget ceiling and is not scored', 'bidId');
  const points = (part: 'technical' | 'service'): Record<string, number> => {
    const given = input[part];
    const filled = tender.criteria[part].find((criterion) => filledFromScorecards(criterion) && criterion.name in given);
    if (filled) throw new BusinessRuleViolation('filled-from-scorecards', `'${filled.name}' is the vendor's past performance, filled from its published scorecard: the committee does not score it`, part);
    const expected = tender.criteria[part].filter((criterion) => !filledFromScorecards(criterion));
    const unknown = Object.keys(given).find((name) => !expected.some((criterion) => criterion.name === name));
    if (unknown !== undefined) throw new BusinessRuleViolation('unknown-sub-criterion', `'${unknown}' is not a ${part} sub-criterion of this tender`, part);
    const result: Record<string, number> = {};
    for (const criterion of expected) {
      const value = given[criterion.name];
      if (value === undefined) throw new BusinessRuleViolation('sub-criterion-missing', `score the ${part} sub-criterion '${criterion.name}'`, part);
      if (!Number.isFinite(value) || value < 0 || value > criterion.maxPoints) {
        throw new BusinessRuleViolation('points-out-of-range', `'${criterion.name}' takes 0 to ${criterion.maxPoints} points`, part);
      }
      result[criterion.name] = value;
    }
    return result;
  };
  return { bidId: bid.id, memberId, technical: points('technical'), service: points('service'), scoredAt: clock.now() };
}

/** Scored once every member who may score (not recused) has scored every bid within the ceiling. */
export function scoringComplete(tender: Tender, bids: readonly BidRecordView[], scores: readonly Pick<Score, 'bidId' | 'memberId'>[]): boolean {
  const scorers = tender.committee.filter((member) => !isRecused(member, bids));
  const valid = bids.filter((bid) => bid.price !== undefined && withinCeiling(tender, bid.price));
  if (scorers.length === 0 || valid.length === 0) return false;
  return valid.every((bid) => scorers.every((member) => scores.some((score) => score.bidId === bid.id && score.memberId === member.userId)));
}

export function markScored(tender: Tender): Tender {
  return tender.status === 'opened' ? { ...tender, status: 'scored' } : tender;
}

/** The best-ranked bid is proposed for award and its publication period (公示期) starts. */
export function proposeAward(tender: Tender, best: { bidId: string; vendorId: string; price: number; total: number }, by: string, clock: Clock): Tender {
  if (tender.status !== 'scored') refuse(tender, 'propose an award');
  const now = clock.now();
  return {
    ...tender,
    status: 'award-proposed',
    award: { ...best, proposedBy: by, proposedAt: now, publicationEndsAt: new Date(now.getTime() + tender.publicationDays * DAY_MS) },
  };
}

/** An objection (质疑) during the publication period suspends the award until it is resolved. */
export function raiseObjection(tender: Tender, objection: { id: string; raisedBy: string; vendorId?: string; reason: string }, clock: Clock): Tender {
  if (tender.status !== 'award-proposed' && tender.status !== 'award-suspended') refuse(tender, 'take objections');
  const now = clock.now();
  if (tender.award && now.getTime() >= tender.award.publicationEndsAt.getTime()) {
    throw new BusinessRuleViolation('publication-period-over', `objections were possible until ${tender.award.publicationEndsAt.toISOString()}`, 'reason');
  }
  const reason = objection.reason.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'give the grounds of the objection', 'reason');
  return {
    ...tender,
    status: 'award-suspended',
    objections: [...tender.objections, { id: objection.id, raisedBy: objection.raisedBy, ...(objection.vendorId ? { vendorId: objection.vendorId } : {}), reason, raisedAt: now, status: 'open' }],
  };
}

/**
 * An upheld objection cancels the tender; a dismissed one lets the award continue once no other
 * objection is open.
 */
export function resolveObjection(tender: Tender, objectionId: string, outcome: 'upheld' | 'dismissed', by: string, note: string, clock: Clock): Tender {
  const objection = tender.objections.find((candidate) => candidate.id === objectionId);
  if (!objection) throw new BusinessRuleViolation('unknown-objection', 'no such objection to this tender', 'objectionId');
  if (objection.status !== 'open') throw new IllegalTransitionError('objection', objection.status, 'resolve');
  if (tender.status !== 'award-suspended') refuse(tender, 'resolve objections');
  const text = note.trim();
  if (!text) throw new BusinessRuleViolation('note-required', 'record the grounds of the decision', 'note');
  const now = clock.now();
  const objections = tender.objections.map((candidate) => (candidate.id === objectionId ? { ...candidate, status: outcome, resolution: { by, note: text, at: now } } : candidate));
  if (outcome === 'upheld') {
    return { ...tender, objections, status: 'cancelled', cancellation: { reason: `objection upheld: ${objection.reason}`, by, at: now, previousStatus: tender.status } };
  }
  const stillOpen = objections.some((candidate) => candidate.status === 'open');
  return { ...tender, objections, status: stillOpen ? 'award-suspended' : 'award-proposed' };
}

/** After the publication period, with no objection open, the award becomes final (中标). */
export function finaliseAward(tender: Tender, by: string, clock: Clock): Tender {
  if (tender.status !== 'award-proposed' || !tender.award) refuse(tender, 'finalise the award');
  const now = clock.now();
  if (now.getTime() < tender.award.publicationEndsAt.getTime()) {
    throw new BusinessRuleViolation('publication-period-running', `the publication period runs until ${tender.award.publicationEndsAt.toISOString()}`, 'publicationDays');
  }
  return { ...tender, status: 'awarded', award: { ...tender.award, awardedBy: by, awardedAt: now } };
}

/** Cancelling ends a tender that has not been awarded. */
export function cancelTender(tender: Tender, by: string, reason: string, clock: Clock): Tender {
  if (tender.status === 'awarded' || tender.status === 'cancelled') refuse(tender, 'cancel');
  const text = reason.trim();
  if (!text) throw new BusinessRuleViolation('reason-required', 'give a reason for cancelling', 'reason');
  return { ...tender, status: 'cancelled', cancellation: { reason: text, by, at: clock.now(), previousStatus: tender.status } };
}
