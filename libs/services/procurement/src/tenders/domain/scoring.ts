import { pastPerformancePoints } from '../../vendor-performance/domain/past-performance';
import { BidRecordView, Score, SubCriterion, Tender, filledFromScorecards, isRecused, withinCeiling } from './tender';

/**
 * Price score (价格分), the low-price-benchmark method of comprehensive scoring (综合评分法): the
 * lowest valid price gets the full price weight; any other valid price gets
 * lowest ÷ price × price weight. Bids above the budget ceiling are invalid and take no part —
 * also not as the benchmark.
 */
export function priceScore(price: number, lowestValidPrice: number, priceWeight: number): number {
  if (price <= 0 || lowestValidPrice <= 0) throw new RangeError('prices are positive');
  return (lowestValidPrice / price) * priceWeight;
}

/**
 * A member's technical (or service) score of a bid: the share of the sub-criteria's points given,
 * times the part's weight. Members' scores are averaged.
 */
export function partScore(points: Record<string, number>, subCriteria: readonly { name: string; maxPoints: number }[], weight: number): number {
  const max = subCriteria.reduce((sum, criterion) => sum + criterion.maxPoints, 0);
  if (max === 0) return 0;
  const given = subCriteria.reduce((sum, criterion) => sum + (points[criterion.name] ?? 0), 0);
  return (given / max) * weight;
}

export interface RankedBid {
  rank: number;
  bidId: string;
  vendorId: string;
  price: number;
  submittedAt: Date;
  priceScore: number;
  technicalScore: number;
  serviceScore: number;
  /** Weighted total out of 100, rounded to 2 decimal places. */
  total: number;
  /** With a past-performance sub-criterion: the vendor's latest published score used (null: none) and the points it gave. */
  pastPerformance?: { score: number | null; points: number };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** The points of the sub-criteria filled from the vendor's latest published score (past performance). */
function filledPoints(subCriteria: readonly SubCriterion[], score: number | null | undefined): Record<string, number> {
  return Object.fromEntries(subCriteria.filter(filledFromScorecards).map((criterion) => [criterion.name, pastPerformancePoints(criterion.maxPoints, score)]));
}

/**
 * Weighted totals of every valid bid, best first. Ties on the total go to the higher technical
 * score, then the lower price, then the earlier submission (then the bid id, so the order is
 * always the same). Only the scores of members not recused count.
 */
export function rankBids(
  tender: Tender,
  bids: readonly BidRecordView[],
  scores: readonly Score[],
  /** Each bidder's latest published score (0–100), for a past-performance sub-criterion; absent: none published. */
  pastPerformance: ReadonlyMap<string, number | null> = new Map(),
): RankedBid[] {
  const valid = bids.filter((bid): bid is BidRecordView & { price: number } => bid.price !== undefined && withinCeiling(tender, bid.price));
  if (valid.length === 0) return [];
  const lowest = Math.min(...valid.map((bid) => bid.price));
  const scorers = new Set(tender.committee.filter((member) => !isRecused(member, bids)).map((member) => member.userId));
  const { weights, technical, service } = tender.criteria;
  const rows = valid.map((bid) => {
    const own = scores.filter((score) => score.bidId === bid.id && scorers.has(score.memberId));
    const history = pastPerformance.get(bid.vendorId);
    const filledCriterion = [...technical, ...service].find(filledFromScorecards);
    const filled = { technical: filledPoints(technical, history), service: filledPoints(service, history) };
    const average = (pick: (score: Pick<Score, 'technical' | 'service'>) => number): number =>
      own.length === 0 ? pick({ technical: {}, service: {} }) : own.reduce((sum, score) => sum + pick(score), 0) / own.length;
    const technicalScore = average((score) => partScore({ ...score.technical, ...filled.technical }, technical, weights.technical));
    const serviceScore = average((score) => partScore({ ...score.service, ...filled.service }, service, weights.service));
    const price = priceScore(bid.price, lowest, weights.price);
    return {
      bidId: bid.id,
      vendorId: bid.vendorId,
      price: bid.price,
      submittedAt: bid.submittedAt,
      priceScore: round2(price),
      technicalScore: round2(technicalScore),
      serviceScore: round2(serviceScore),
      total: round2(price + technicalScore + serviceScore),
      ...(filledCriterion ? { pastPerformance: { score: history ?? null, points: pastPerformancePoints(filledCriterion.maxPoints, history) } } : {}),
    };
  });
  rows.sort(
    (a, b) =>
      b.total - a.total ||
      b.technicalScore - a.technicalScore ||
      a.price - b.price ||
      a.submittedAt.getTime() - b.submittedAt.getTime() ||
      a.bidId.localeCompare(b.bidId),
  );
  return rows.map((row, index) => ({ rank: index + 1, ...row }));
}
