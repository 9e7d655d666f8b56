import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { VendorWithQualifications } from '../../vendors/domain/eligibility';
import { bidContentAccess } from './bid-access';
import { partScore, priceScore, rankBids } from './scoring';
import {
  BidRecordView,
  Score,
  TENDER_STATUSES,
  Tender,
  TenderDraft,
  TenderStatus,
  appointCommittee,
  cancelTender,
  checkBidSubmission,
  draftTender,
  finaliseAward,
  openTender,
  proposeAward,
  publishTender,
  raiseObjection,
  resolveObjection,
  scoreBid,
  scoringComplete,
} from './tender';

const start = new Date('2026-12-01T00:00:00Z');
const deadline = new Date('2026-12-10T00:00:00Z');
const opening = new Date('2026-12-10T02:00:00Z');
const DAY = 24 * 3600 * 1000;

const draft: TenderDraft = {
  id: 'tender-1',
  agencyId: 'agency-a',
  createdBy: 'manager-1',
  title: ' 2027 年度办公楼保洁服务 ',
  category: 'cleaning',
  method: 'open-tender',
  budgetCeiling: 1_000_000_00,
  criteria: {
    weights: { price: 40, technical: 45, service: 15 },
    technical: [
      { name: 'staffing plan', maxPoints: 20 },
      { name: 'equipment', maxPoints: 10 },
    ],
    service: [{ name: 'response commitment', maxPoints: 10 }],
  },
  bidDeadline: deadline,
  openingAt: opening,
  publicationDays: 3,
};

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

function illegal(action: () => unknown): string {
  const error = thrown(action);
  expect(error).toBeInstanceOf(IllegalTransitionError);
  return (error as IllegalTransitionError).currentState;
}

const vendorA: VendorWithQualifications = {
  id: 'vendor-a',
  agencyId: 'agency-a',
  name: 'A 保洁',
  unifiedSocialCreditCode: '91350100M000100Y43',
  categories: ['cleaning'],
  contact: { name: '王', phone: '13800138000' },
  status: 'active',
  registeredBy: 'm',
  registeredAt: new Date('2026-01-01T00:00:00Z'),
  qualifications: [
    { id: 'q', vendorId: 'vendor-a', kind: 'service-permit', number: 'P-1', category: 'cleaning', issuedOn: new Date('2026-01-01T00:00:00Z'), expiresOn: new Date('2027-06-01T00:00:00Z'), addedBy: 'm', addedAt: new Date('2026-01-01T00:00:00Z') },
  ],
};

describe('drafting a tender', () => {
  const clock = new FixedClock(start);

  it('fixes the rules and dates in a draft, trimming the title', () => {
    expect(draftTender(draft, clock)).toMatchObject({ status: 'draft', title: '2027 年度办公楼保洁服务', committee: [], objections: [] });
  });

  it('refuses weights that do not sum to 100, naming criteria', () => {
    const error = thrown(() => draftTender({ ...draft, criteria: { ...draft.criteria, weights: { price: 40, technical: 40, service: 15 } } }, clock));
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error).toMatchObject({ code: 'weights-must-sum-to-100', field: 'criteria' });
  });

  it('refuses weights that are not whole numbers', () => {
    expect(thrown(() => draftTender({ ...draft, criteria: { ...draft.criteria, weights: { price: 40.5, technical: 44.5, service: 15 } } }, clock))).toMatchObject({
      code: 'invalid-weights',
      field: 'criteria',
    });
  });

  it('requires sub-criteria for a weighted part and refuses sub-criteria of an unweighted one', () => {
    expect(thrown(() => draftTender({ ...draft, criteria: { ...draft.criteria, technical: [] } }, clock))).toMatchObject({ code: 'sub-criteria-required' });
    expect(thrown(() => draftTender({ ...draft, criteria: { ...draft.criteria, weights: { price: 55, technical: 45, service: 0 } } }, clock))).toMatchObject({
      code: 'unweighted-sub-criteria',
    });
  });

  it('refuses an opening time before the bid deadline', () => {
    expect(thrown(() => draftTender({ ...draft, openingAt: new Date(deadline.getTime() - 1) }, clock))).toMatchObject({ field: 'openingAt' });
  });

  it('refuses a deadline already past', () => {
    expect(thrown(() => draftTender({ ...draft, bidDeadline: new Date(start.getTime() - 1) }, clock))).toMatchObject({ field: 'bidDeadline' });
  });
});

describe('the tender state machine', () => {
  const clock = new FixedClock(start);
  const drafted = draftTender(draft, clock);
  const published = publishTender(drafted, 'manager-1', clock);

  it('publishes a draft once, and refuses to publish again naming the current state', () => {
    expect(published).toMatchObject({ status: 'published', publishedBy: 'manager-1', publishedAt: start });
    expect(illegal(() => publishTender(published, 'manager-1', clock))).toBe('published');
  });

  it('refuses bids before publication and opening before the opening time', () => {
    expect(illegal(() => checkBidSubmission(drafted, vendorA, 100, clock))).toBe('draft');
    expect(thrown(() => openTender(published, 'manager-1', new FixedClock(new Date(opening.getTime() - 1))))).toMatchObject({ code: 'opening-time-not-reached' });
    expect(illegal(() => openTender(drafted, 'manager-1', new FixedClock(opening)))).toBe('draft');
  });

  it('accepts a bid from an eligible vendor before the deadline and refuses it after', () => {
    expect(() => checkBidSubmission(published, vendorA, 80_000_00, clock)).not.toThrow();
    expect(thrown(() => checkBidSubmission(published, vendorA, 80_000_00, new FixedClock(deadline)))).toMatchObject({ code: 'bid-deadline-passed' });
  });

  it('refuses a bid from a vendor that is not eligible, giving every reason', () => {
    const sanctioned: VendorWithQualifications = {
      ...vendorA,
      status: 'suspended',
      suspension: { reason: 'food safety', suspendedBy: 'evaluator', suspendedAt: start, until: new Date('2027-01-01T00:00:00Z'), bySanction: true },
      qualifications: [],
    };
    const error = thrown(() => checkBidSubmission(published, sanctioned, 80_000_00, clock)) as BusinessRuleViolation;
    expect(error).toMatchObject({ code: 'vendor-not-eligible', field: 'vendorId' });
    expect(error.message).toContain('sanctioned');
    expect(error.message).toContain('no valid qualification');
  });

  it('refuses a bid from a vendor whose qualification expires before the deadline', () => {
    const expiring = { ...vendorA, qualifications: vendorA.qualifications.map((q) => ({ ...q, expiresOn: new Date('2026-12-05T00:00:00Z') })) };
    expect((thrown(() => checkBidSubmission(published, expiring, 100, clock)) as Error).message).toContain('expired');
  });

  it('can be cancelled before the award, not after', () => {
    expect(cancelTender(published, 'manager-1', 'requirements changed', clock)).toMatchObject({ status: 'cancelled', cancellation: { previousStatus: 'published' } });
    expect(illegal(() => cancelTender({ ...published, status: 'awarded' }, 'manager-1', 'x', clock))).toBe('awarded');
  });
});

describe('committee, scoring and award', () => {
  const clock = new FixedClock(start);
  const published = publishTender(draftTender(draft, clock), 'manager-1', clock);
  const withCommittee = appointCommittee(
    published,
    [
      { userId: 'expert-1', conflicts: [] },
      { userId: 'expert-2', conflicts: [] },
      { userId: 'expert-3', conflicts: ['vendor-b'] },
    ],
    false,
  );
  const openClock = new FixedClock(opening);
  const opened = openTender(withCommittee, 'manager-1', openClock);
  const bids: BidRecordView[] = [
    { id: 'bid-a', vendorId: 'vendor-a', submittedAt: new Date('2026-12-02T00:00:00Z'), price: 90_000_00 },
    { id: 'bid-b', vendorId: 'vendor-b', submittedAt: new Date('2026-12-03T00:00:00Z'), price: 80_000_00 },
    { id: 'bid-c', vendorId: 'vendor-c', submittedAt: new Date('2026-12-04T00:00:00Z'), price: 2_000_000_00 },
  ];
  const full = { 'staffing plan': 20, equipment: 10 };

  it('refuses a committee member linked to a bidder: they are recused from the whole tender', () => {
    const error = thrown(() => scoreBid(opened, bids, 'expert-3', { bidId: 'bid-a', technical: full, service: { 'response commitment': 10 } }, openClock));
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error).toMatchObject({ code: 'conflict-of-interest' });
  });

  it('refuses scores from someone not on the committee, out of range, or for a bid above the ceiling', () => {
    expect(thrown(() => scoreBid(opened, bids, 'manager-1', { bidId: 'bid-a', technical: full, service: { 'response commitment': 10 } }, openClock))).toMatchObject({ code: 'not-committee-member' });
    expect(thrown(() => scoreBid(opened, bids, 'expert-1', { bidId: 'bid-a', technical: { ...full, equipment: 11 }, service: { 'response commitment': 10 } }, openClock))).toMatchObject({
      code: 'points-out-of-range',
    });
    expect(thrown(() => scoreBid(opened, bids, 'expert-1', { bidId: 'bid-c', technical: full, service: { 'response commitment': 10 } }, openClock))).toMatchObject({ code: 'bid-invalid' });
  });

  it('refuses scoring before opening, naming the state', () => {
    expect(illegal(() => scoreBid(withCommittee, bids, 'expert-1', { bidId: 'bid-a', technical: full, service: { 'response commitment': 10 } }, clock))).toBe('published');
  });

  it('is scored once every member not recused has scored every valid bid', () => {
    const scores: Score[] = [];
    for (const memberId of ['expert-1', 'expert-2']) {
      for (const bidId of ['bid-a', 'bid-b']) {
        expect(scoringComplete(opened, bids, scores)).toBe(false);
        scores.push(scoreBid(opened, bids, memberId, { bidId, technical: full, service: { 'response commitment': 10 } }, openClock));
      }
    }
    expect(scoringComplete(opened, bids, scores)).toBe(true);
  });

  it('refuses to change the committee once scoring started', () => {
    expect(thrown(() => appointCommittee(opened, [{ userId: 'expert-9', conflicts: [] }], true))).toMatchObject({ code: 'scoring-started' });
  });

  const scored: Tender = { ...opened, status: 'scored' };
  const best = { bidId: 'bid-b', vendorId: 'vendor-b', price: 80_000_00, total: 100 };

  it('proposes the award only once scored, starting the publication period', () => {
    expect(illegal(() => proposeAward(opened, best, 'manager-1', openClock))).toBe('opened');
    const proposed = proposeAward(scored, best, 'manager-1', openClock);
    expect(proposed.status).toBe('award-proposed');
    expect(proposed.award?.publicationEndsAt).toEqual(new Date(opening.getTime() + 3 * DAY));
  });

  it('finalises only after the publication period', () => {
    const proposed = proposeAward(scored, best, 'manager-1', openClock);
    expect(thrown(() => finaliseAward(proposed, 'manager-1', openClock))).toMatchObject({ code: 'publication-period-running' });
    expect(finaliseAward(proposed, 'manager-1', new FixedClock(new Date(opening.getTime() + 3 * DAY)))).toMatchObject({ status: 'awarded', award: { vendorId: 'vendor-b' } });
  });

  it('suspends the award while an objection is open; dismissing it lets the award continue, upholding it cancels the tender', () => {
    const proposed = proposeAward(scored, best, 'manager-1', openClock);
    const objected = raiseObjection(proposed, { id: 'obj-1', raisedBy: 'vendor-user', vendorId: 'vendor-a', reason: 'the winner lacks staff' }, openClock);
    expect(objected.status).toBe('award-suspended');
    const after = new FixedClock(new Date(opening.getTime() + 4 * DAY));
    expect(illegal(() => finaliseAward(objected, 'manager-1', after))).toBe('award-suspended');
    const dismissed = resolveObjection(objected, 'obj-1', 'dismissed', 'manager-1', 'staff roster checked', openClock);
    expect(dismissed.status).toBe('award-proposed');
    expect(finaliseAward(dismissed, 'manager-1', after).status).toBe('awarded');
    const upheld = resolveObjection(objected, 'obj-1', 'upheld', 'manager-1', 'roster forged', openClock);
    expect(upheld).toMatchObject({ status: 'cancelled', cancellation: { previousStatus: 'award-suspended' } });
    expect(illegal(() => resolveObjection(dismissed, 'obj-1', 'upheld', 'manager-1', 'again', openClock))).toBe('dismissed');
  });

  it('refuses objections after the publication period', () => {
    const proposed = proposeAward(scored, best, 'manager-1', openClock);
    expect(thrown(() => raiseObjection(proposed, { id: 'obj-2', raisedBy: 'u', reason: 'late' }, new FixedClock(new Date(opening.getTime() + 3 * DAY))))).toMatchObject({
      code: 'publication-period-over',
    });
  });

  it('keeps bids sealed for everyone before opening, the bidder and admins included', () => {
    for (const roles of [['platform-admin'], ['agency-admin'], ['logistics-manager'], ['auditor'], ['supervisor'], ['evaluator'], ['staff'], ['approver']]) {
      expect(bidContentAccess(withCommittee, { userId: 'expert-1', roles }, { vendorId: 'vendor-a' })).toEqual({ allowed: false, reason: 'sealed-until-opening' });
    }
    expect(bidContentAccess(withCommittee, { userId: 'v', roles: ['vendor'], vendorId: 'vendor-a' }, { vendorId: 'vendor-a' })).toEqual({ allowed: false, reason: 'sealed-until-opening' });
  });

  it('after opening lets the committee and operators read bids, a vendor only its own, and not staff', () => {
    expect(bidContentAccess(opened, { userId: 'expert-1', roles: ['evaluator'] }, { vendorId: 'vendor-a' })).toEqual({ allowed: true });
    expect(bidContentAccess(opened, { userId: 'm', roles: ['logistics-manager'] }, { vendorId: 'vendor-a' })).toEqual({ allowed: true });
    expect(bidContentAccess(opened, { userId: 'v', roles: ['vendor'], vendorId: 'vendor-b' }, { vendorId: 'vendor-a' })).toEqual({ allowed: false, reason: 'not-entitled' });
    expect(bidContentAccess(opened, { userId: 'v', roles: ['vendor'], vendorId: 'vendor-a' }, { vendorId: 'vendor-a' })).toEqual({ allowed: true });
    expect(bidContentAccess(opened, { userId: 's', roles: ['staff'] }, { vendorId: 'vendor-a' })).toEqual({ allowed: false, reason: 'not-entitled' });
  });
});

describe('scoring formulas', () => {
  it('gives the lowest valid price the full price weight and others lowest ÷ price × weight', () => {
    expect(priceScore(80, 80, 40)).toBe(40);
    expect(priceScore(100, 80, 40)).toBe(32);
  });

  it('scores a part as the share of its points times its weight', () => {
    expect(partScore({ a: 15, b: 5 }, [{ name: 'a', maxPoints: 20 }, { name: 'b', maxPoints: 10 }], 45)).toBe(30);
  });

  const clock = new FixedClock(start);
  const tender: Tender = {
    ...draftTender(draft, clock),
    status: 'scored',
    committee: [
      { userId: 'expert-1', conflicts: [] },
      { userId: 'expert-2', conflicts: [] },
    ],
  };
  const score = (bidId: string, memberId: string, staffing: number, equipment: number, response: number): Score => ({
    bidId,
    memberId,
    technical: { 'staffing plan': staffing, equipment },
    service: { 'response commitment': response },
    scoredAt: start,
  });

  it('ranks by weighted total, averaging the members, leaving out bids above the ceiling', () => {
    const bids: BidRecordView[] = [
      { id: 'bid-a', vendorId: 'a', submittedAt: start, price: 100_00 },
      { id: 'bid-b', vendorId: 'b', submittedAt: start, price: 80_00 },
      { id: 'bid-c', vendorId: 'c', submittedAt: start, price: 2_000_000_00 },
    ];
    const ranking = rankBids(tender, bids, [score('bid-a', 'expert-1', 20, 10, 10), score('bid-a', 'expert-2', 10, 5, 5), score('bid-b', 'expert-1', 10, 5, 5), score('bid-b', 'expert-2', 10, 5, 5)]);
    // bid-a: price 32, technical (45 + 22.5) / 2 = 33.75, service (15 + 7.5) / 2 = 11.25 → 77
    // bid-b: price 40, technical 22.5, service 7.5 → 70
    expect(ranking.map((row) => [row.bidId, row.priceScore, row.technicalScore, row.serviceScore, row.total])).toEqual([
      ['bid-a', 32, 33.75, 11.25, 77],
      ['bid-b', 40, 22.5, 7.5, 70],
    ]);
    expect(ranking.map((row) => row.rank)).toEqual([1, 2]);
  });

  it('breaks a tie on the total by the higher technical score, then the lower price, then the earlier bid', () => {
    const onlyPrice: Tender = { ...tender, criteria: { weights: { price: 100, technical: 0, service: 0 }, technical: [], service: [] } };
    const early = new Date('2026-12-02T00:00:00Z');
    const late = new Date('2026-12-03T00:00:00Z');
    const same = rankBids(onlyPrice, [
      { id: 'bid-late', vendorId: 'a', submittedAt: late, price: 50_00 },
      { id: 'bid-early', vendorId: 'b', submittedAt: early, price: 50_00 },
    ], []);
    expect(same.map((row) => row.bidId)).toEqual(['bid-early', 'bid-late']);
    // One point per point: price 40, technical 40 (sub-criterion of 40 points), service 20 (20 points).
    const even: Tender = {
      ...tender,
      criteria: { weights: { price: 40, technical: 40, service: 20 }, technical: [{ name: 'plan', maxPoints: 40 }], service: [{ name: 'response', maxPoints: 20 }] },
    };
    const points = (bidId: string, plan: number, response: number): Score[] =>
      ['expert-1', 'expert-2'].map((memberId) => ({ bidId, memberId, technical: { plan }, service: { response }, scoredAt: start }));
    // x: 40 + 20 + 10 = 70; y: 32 + 28 + 10 = 70 (higher technical); z: 32 + 20 + 18 = 70 (same technical as x, higher price)
    const tied = rankBids(
      even,
      [
        { id: 'bid-x', vendorId: 'x', submittedAt: early, price: 80_00 },
        { id: 'bid-y', vendorId: 'y', submittedAt: late, price: 100_00 },
        { id: 'bid-z', vendorId: 'z', submittedAt: early, price: 100_00 },
      ],
      [...points('bid-x', 20, 10), ...points('bid-y', 28, 10), ...points('bid-z', 20, 18)],
    );
    expect(tied.map((row) => [row.bidId, row.total])).toEqual([
      ['bid-y', 70],
      ['bid-x', 70],
      ['bid-z', 70],
    ]);
  });

  it('ranks nothing when every bid is above the ceiling', () => {
    expect(rankBids(tender, [{ id: 'bid-c', vendorId: 'c', submittedAt: start, price: 2_000_000_00 }], [])).toEqual([]);
  });
});

/*
 * The whole state × action table of a tender (招投标), written out from the business: drafted,
 * published (bids accepted until the deadline), opened (开标) at the announced time, scored by the
 * committee, an award proposed for its publication period (公示期), suspended by an objection (质疑)
 * until resolved, then final (中标); cancellable until awarded. 'same' leaves the state as it was
 * (a bid accepted, a committee appointed, a score recorded); '409' is an illegal transition naming the state.
 */
type TenderAction = 'publish' | 'bid' | 'open' | 'appoint-committee' | 'score' | 'propose-award' | 'object' | 'dismiss-objection' | 'finalise-award' | 'cancel';
// prettier-ignore
const TENDER_TABLE: Record<TenderStatus, Record<TenderAction, TenderStatus | 'same' | '409'>> = {
  'draft':           { publish: 'published', bid: '409',  open: '409',    'appoint-committee': 'same', score: '409',  'propose-award': '409',            object: '409',             'dismiss-objection': '409',            'finalise-award': '409',     cancel: 'cancelled' },
  'published':       { publish: '409',       bid: 'same', open: 'opened', 'appoint-committee': 'same', score: '409',  'propose-award': '409',            object: '409',             'dismiss-objection': '409',            'finalise-award': '409',     cancel: 'cancelled' },
  'opened':          { publish: '409',       bid: '409',  open: '409',    'appoint-committee': 'same', score: 'same', 'propose-award': '409',            object: '409',             'dismiss-objection': '409',            'finalise-award': '409',     cancel: 'cancelled' },
  'scored':          { publish: '409',       bid: '409',  open: '409',    'appoint-committee': '409',  score: 'same', 'propose-award': 'award-proposed', object: '409',             'dismiss-objection': '409',            'finalise-award': '409',     cancel: 'cancelled' },
  'award-proposed':  { publish: '409',       bid: '409',  open: '409',    'appoint-committee': '409',  score: '409',  'propose-award': '409',            object: 'award-suspended', 'dismiss-objection': '409',            'finalise-award': 'awarded', cancel: 'cancelled' },
  'award-suspended': { publish: '409',       bid: '409',  open: '409',    'appoint-committee': '409',  score: '409',  'propose-award': '409',            object: 'award-suspended', 'dismiss-objection': 'award-proposed', 'finalise-award': '409',     cancel: 'cancelled' },
  'awarded':         { publish: '409',       bid: '409',  open: '409',    'appoint-committee': '409',  score: '409',  'propose-award': '409',            object: '409',             'dismiss-objection': '409',            'finalise-award': '409',     cancel: '409' },
  'cancelled':       { publish: '409',       bid: '409',  open: '409',    'appoint-committee': '409',  score: '409',  'propose-award': '409',            object: '409',             'dismiss-objection': '409',            'finalise-award': '409',     cancel: '409' },
};

describe('the tender state × action table', () => {
  const beforeDeadline = new FixedClock(new Date('2026-12-05T00:00:00Z'));
  const afterOpening = new FixedClock(new Date('2026-12-10T03:00:00Z'));
  const publicationEndsAt = new Date('2026-12-20T00:00:00Z');
  const duringPublication = new FixedClock(new Date('2026-12-15T00:00:00Z'));
  const afterPublication = new FixedClock(new Date('2026-12-21T00:00:00Z'));
  const bids: BidRecordView[] = [{ id: 'bid-a', vendorId: 'vendor-a', submittedAt: new Date('2026-12-04T00:00:00Z'), price: 500_000_00 }];
  const best = { bidId: 'bid-a', vendorId: 'vendor-a', price: 500_000_00, total: 80 };
  // Every tender carries a committee, an award and an open objection, so only its state decides.
  const inState = (status: TenderStatus): Tender => ({
    ...draftTender(draft, beforeDeadline),
    status,
    committee: [{ userId: 'evaluator-1', conflicts: [] }],
    award: { ...best, proposedBy: 'manager-1', proposedAt: new Date('2026-12-12T00:00:00Z'), publicationEndsAt },
    objections: [{ id: 'objection-1', raisedBy: 'vendor-user-b', reason: 'the winner lacks certified staff', raisedAt: new Date('2026-12-13T00:00:00Z'), status: 'open' }],
  });
  const unlessSame = (before: Tender, after: Tender) => (after.status === before.status ? 'same' : after.status);
  const perform: Record<TenderAction, (tender: Tender) => TenderStatus | 'same'> = {
    publish: (tender) => publishTender(tender, 'manager-1', beforeDeadline).status,
    bid: (tender) => (checkBidSubmission(tender, vendorA, 480_000_00, beforeDeadline), 'same'),
    open: (tender) => openTender(tender, 'manager-1', afterOpening).status,
    'appoint-committee': (tender) => unlessSame(tender, appointCommittee(tender, [{ userId: 'evaluator-2', conflicts: [] }], false)),
    score: (tender) => (scoreBid(tender, bids, 'evaluator-1', { bidId: 'bid-a', technical: { 'staffing plan': 15, equipment: 8 }, service: { 'response commitment': 9 } }, afterOpening), 'same'),
    'propose-award': (tender) => proposeAward(tender, best, 'manager-1', afterOpening).status,
    object: (tender) => raiseObjection(tender, { id: 'objection-2', raisedBy: 'staff-9', reason: 'scoring ignored the equipment list' }, duringPublication).status,
    'dismiss-objection': (tender) => resolveObjection(tender, 'objection-1', 'dismissed', 'manager-1', 'certificates checked', duringPublication).status,
    'finalise-award': (tender) => finaliseAward(tender, 'manager-1', afterPublication).status,
    cancel: (tender) => cancelTender(tender, 'manager-1', 'requirement withdrawn', duringPublication).status,
  };
  const cells = TENDER_STATUSES.flatMap((state) => (Object.keys(perform) as TenderAction[]).map((action) => [state, action, TENDER_TABLE[state][action]] as const));

  it('has a row for every state', () => {
    expect(Object.keys(TENDER_TABLE).sort()).toEqual([...TENDER_STATUSES].sort());
  });

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    if (expected === '409') {
      expect(illegal(() => perform[action](inState(state)))).toBe(state);
    } else {
      expect(perform[action](inState(state))).toBe(expected);
    }
  });
});
