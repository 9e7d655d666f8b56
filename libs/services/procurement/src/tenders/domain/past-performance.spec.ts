import { BusinessRuleViolation, FixedClock } from '@houqin/domain';
import { rankBids } from './scoring';
import { BidRecordView, Score, Tender, TenderDraft, draftTender, scoreBid } from './tender';

/** A tender whose service part includes the vendor's past performance (履约评价), filled from its published scorecard. */
const start = new Date('2026-12-01T00:00:00Z');
const clock = new FixedClock(start);
const draft: TenderDraft = {
  id: 'tender-pp',
  agencyId: 'agency-a',
  createdBy: 'manager-1',
  title: '2027 年度办公楼维修服务',
  category: 'maintenance',
  method: 'open-tender',
  budgetCeiling: 1_000_000_00,
  // One point per point: price 40, technical 40 ('plan', 40 points), service 20 ('response' 10 + 'past performance' 10).
  criteria: {
    weights: { price: 40, technical: 40, service: 20 },
    technical: [{ name: 'plan', maxPoints: 40 }],
    service: [
      { name: 'response', maxPoints: 10 },
      { name: 'past performance', maxPoints: 10, kind: 'past-performance' },
    ],
  },
  bidDeadline: new Date('2026-12-10T00:00:00Z'),
  openingAt: new Date('2026-12-10T02:00:00Z'),
  publicationDays: 3,
};
const tender: Tender = { ...draftTender(draft, clock), status: 'opened', committee: [{ userId: 'expert-1', conflicts: [] }] };
const bids: BidRecordView[] = [
  { id: 'bid-a', vendorId: 'a', submittedAt: start, price: 100_00 },
  { id: 'bid-b', vendorId: 'b', submittedAt: start, price: 100_00 },
  { id: 'bid-c', vendorId: 'c', submittedAt: start, price: 100_00 },
];
const score = (bidId: string): Score => ({ bidId, memberId: 'expert-1', technical: { plan: 30 }, service: { response: 8 }, scoredAt: start });

describe("a tender's past-performance criterion", () => {
  it('keeps the kind of the sub-criterion, and refuses two of them or one for a category without scorecards', () => {
    expect(tender.criteria.service[1]).toEqual({ name: 'past performance', maxPoints: 10, kind: 'past-performance' });
    const twice = { ...draft, criteria: { ...draft.criteria, technical: [{ name: 'plan', maxPoints: 30 }, { name: 'history', maxPoints: 10, kind: 'past-performance' as const }] } };
    expect(() => draftTender(twice, clock)).toThrow(expect.objectContaining({ code: 'past-performance-repeated' }));
    expect(() => draftTender({ ...draft, category: 'cleaning' }, clock)).toThrow(expect.objectContaining({ code: 'no-scorecards-for-category' }));
  });

  it('is not scored by the committee: scoring it is refused, scoring the rest is complete without it', () => {
    expect(scoreBid(tender, bids, 'expert-1', { bidId: 'bid-a', technical: { plan: 30 }, service: { response: 8 } }, clock)).toMatchObject({ service: { response: 8 } });
    const error = (() => {
      try {
        scoreBid(tender, bids, 'expert-1', { bidId: 'bid-a', technical: { plan: 30 }, service: { response: 8, 'past performance': 10 } }, clock);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error).toMatchObject({ code: 'filled-from-scorecards', field: 'service' });
  });

  it("is filled from each bidder's latest published score; a bidder without one gets half the points", () => {
    const ranking = rankBids(tender, bids, bids.map((bid) => score(bid.id)), new Map<string, number | null>([['a', 90], ['b', 60]]));
    // Same price (40) and committee scores (technical 30, response 8) for all three: past performance decides.
    // a: 40 + 30 + 8 + 9 = 87; c (none published): 40 + 30 + 8 + 5 = 83; b: 40 + 30 + 8 + 6 = 84
    expect(ranking.map((row) => [row.bidId, row.serviceScore, row.total])).toEqual([
      ['bid-a', 17, 87],
      ['bid-b', 14, 84],
      ['bid-c', 13, 83],
    ]);
    expect(ranking.map((row) => row.pastPerformance)).toEqual([
      { score: 90, points: 9 },
      { score: 60, points: 6 },
      { score: null, points: 5 },
    ]);
  });

  it('counts before any member has scored', () => {
    const ranking = rankBids(tender, bids.slice(0, 1), [], new Map([['a', 100]]));
    expect(ranking[0]).toMatchObject({ technicalScore: 0, serviceScore: 10 });
  });
});
