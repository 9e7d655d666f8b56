import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { TenderAwardProposed, TenderAwarded, TenderBidsOpened, TenderCancelled, TenderPublished } from '@houqin/contracts';
import { BusinessRuleViolation, Clock, IllegalTransitionError, NotFoundError, systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { findInAgency } from '@houqin/persistence';
import { Caller } from '@houqin/observability';
import { eventOrigin } from '@houqin/service-kit';
import { VendorsService } from '../vendors/vendors.service';
import { SCORECARD_SERVICE_TYPE } from '../vendor-performance/domain/past-performance';
import { VendorPerformanceRepository } from '../vendor-performance/vendor-performance.repository';
import { bidContentAccess } from './domain/bid-access';
import { RankedBid, rankBids } from './domain/scoring';
import {
  BidRecordView,
  Score,
  Tender,
  appointCommittee,
  cancelTender,
  checkBidSubmission,
  draftTender,
  filledFromScorecards,
  finaliseAward,
  markScored,
  openTender,
  proposeAward,
  publishTender,
  raiseObjection,
  resolveObjection,
  scoreBid,
  scoringComplete,
  withinCeiling,
} from './domain/tender';
import { BidSealer } from './bid-sealer';
import { AppointCommitteeDto, BidReceiptView, BidView, CreateTenderDto, ResolveObjectionDto, ScoreBidDto, SubmitBidDto } from './tender.dto';
import { BidRecord, ScoreRecord, TenderRecord } from './tender.entity';

/** Use cases of tendering (招投标): load the tender scoped to the agency, apply the rule, save it and its events in one transaction. */
@Injectable()
export class TendersService {
  private readonly clock: Clock = systemClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly sealer: BidSealer,
    private readonly vendors: VendorsService,
    private readonly performance: VendorPerformanceRepository,
  ) {}

  async create(caller: Caller, input: CreateTenderDto): Promise<Tender> {
    const tender = draftTender(
      {
        id: randomUUID(),
        agencyId: caller.agencyId,
        createdBy: caller.userId,
        title: input.title,
        category: input.category,
        method: input.method,
        ...(input.requisitionId ? { requisitionId: input.requisitionId } : {}),
        budgetCeiling: input.budgetCeiling,
        criteria: input.criteria,
        bidDeadline: new Date(input.bidDeadline),
        openingAt: new Date(input.openingAt),
        publicationDays: input.publicationDays,
      },
      this.clock,
    );
    await this.dataSource.manager.insert(TenderRecord, toRecord(tender, 1));
    return tender;
  }

  /** Vendor accounts see published tenders only: a draft answers 404 to them. */
  async list(caller: Caller, limit: number): Promise<Tender[]> {
    const records = await this.dataSource.manager.find(TenderRecord, { where: { agencyId: caller.agencyId }, order: { createdAt: 'DESC' }, take: limit });
    return records.map(toDomain).filter((tender) => !isVendorAccount(caller) || tender.status !== 'draft');
  }

  async get(caller: Caller, id: string): Promise<Tender> {
    return (await this.load(this.dataSource.manager, caller, id, false)).tender;
  }

  async publish(caller: Caller, id: string): Promise<Tender> {
    return this.change(caller, id, async (tender, manager) => {
      const published = publishTender(tender, caller.userId, this.clock);
      await this.outbox.append(
        manager,
        TenderPublished.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            ...summary(published),
            ...(published.requisitionId ? { requisitionId: published.requisitionId } : {}),
            budgetCeiling: published.budgetCeiling,
            weights: published.criteria.weights,
            bidDeadline: published.bidDeadline.toISOString(),
            openingAt: published.openingAt.toISOString(),
            publishedBy: caller.userId,
            publishedAt: (published.publishedAt ?? this.clock.now()).toISOString(),
          },
        }),
      );
      return published;
    });
  }

  async cancel(caller: Caller, id: string, reason: string): Promise<Tender> {
    return this.change(caller, id, async (tender, manager) => {
      const cancelled = cancelTender(tender, caller.userId, reason, this.clock);
      await this.appendCancelled(manager, caller, cancelled);
      return cancelled;
    });
  }

  /**
   * A vendor account seals its bid. Eligibility is checked again now, whatever it was at
   * publication; a second bid of the same vendor before the deadline replaces the first.
   */
  async submitBid(caller: Caller, id: string, input: SubmitBidDto): Promise<BidReceiptView> {
    const vendorId = actingVendor(caller);
    if (!vendorId) throw new BusinessRuleViolation('vendor-account-required', 'bids are submitted by a vendor account acting for a registered vendor', 'vendorId');
    return this.dataSource.transaction(async (manager) => {
      const { tender } = await this.load(manager, caller, id, true);
      const vendor = await this.vendors.qualifiedVendor(manager, caller.agencyId, vendorId);
      checkBidSubmission(tender, vendor, input.price, this.clock);
      const existing = await manager.findOne(BidRecord, { where: { tenderId: id, vendorId } });
      const bidId = existing?.id ?? randomUUID();
      const sealed = this.sealer.seal({ price: input.price, technicalProposal: input.technicalProposal }, { tenderId: id, bidId, vendorId });
      const submittedAt = this.clock.now();
      const row: BidRecord = {
        id: bidId,
        tenderId: id,
        agencyId: caller.agencyId,
        vendorId,
        submittedBy: caller.userId,
        submittedAt,
        digest: sealed.digest,
        sealedContent: sealed.sealed,
        price: null,
        technicalProposal: null,
      };
      if (existing) await manager.update(BidRecord, { id: bidId }, row);
      else await manager.insert(BidRecord, row);
      return { bidId, tenderId: id, vendorId, submittedAt: submittedAt.toISOString(), digest: sealed.digest, salt: sealed.salt, replaced: Boolean(existing) };
    });
  }

  /** Sealed metadata for everyone; content only once opened, and only for entitled readers. A vendor account sees its own bids only. */
  async listBids(caller: Caller, id: string): Promise<BidView[]> {
    const { tender } = await this.load(this.dataSource.manager, caller, id, false);
    const vendorId = actingVendor(caller);
    const records = await this.dataSource.manager.find(BidRecord, {
      where: { tenderId: id, agencyId: caller.agencyId, ...(isVendorAccount(caller) ? { vendorId: vendorId ?? '00000000-0000-0000-0000-000000000000' } : {}) },
      order: { submittedAt: 'ASC' },
    });
    return records.map((record) => bidView(tender, caller, record));
  }

  async getBid(caller: Caller, id: string, bidId: string): Promise<BidView> {
    const { tender } = await this.load(this.dataSource.manager, caller, id, false);
    const record = await this.dataSource.manager.findOne(BidRecord, { where: { id: bidId, tenderId: id, agencyId: caller.agencyId } });
    if (!record || (isVendorAccount(caller) && record.vendorId !== actingVendor(caller))) throw new NotFoundError('bid', bidId);
    return bidView(tender, caller, record);
  }

  /** Opening (开标): every bid is unsealed at once and its price published. */
  async open(caller: Caller, id: string): Promise<Tender> {
    return this.change(caller, id, async (tender, manager) => {
      const opened = openTender(tender, caller.userId, this.clock);
      const records = await manager.find(BidRecord, { where: { tenderId: id }, order: { submittedAt: 'ASC' } });
      const bids = [];
      for (const record of records) {
        const content = this.sealer.open(record.sealedContent, { tenderId: id, bidId: record.id, vendorId: record.vendorId });
        await manager.update(BidRecord, { id: record.id }, { price: content.price, technicalProposal: content.technicalProposal });
        bids.push({ bidId: record.id, vendorId: record.vendorId, price: content.price, withinCeiling: withinCeiling(opened, content.price) });
      }
      await this.outbox.append(
        manager,
        TenderBidsOpened.create({
          subject: id,
          origin: eventOrigin(caller),
          data: { ...summary(opened), bidCount: bids.length, bids, openedBy: caller.userId, openedAt: (opened.openedAt ?? this.clock.now()).toISOString() },
        }),
      );
      return opened;
    });
  }

  async appointCommittee(caller: Caller, id: string, input: AppointCommitteeDto): Promise<Tender> {
    return this.change(caller, id, async (tender, manager) => {
      const scoringStarted = await manager.exists(ScoreRecord, { where: { tenderId: id } });
      return appointCommittee(tender, input.members.map((member) => ({ userId: member.userId, conflicts: member.conflicts })), scoringStarted);
    });
  }

  /** A committee member scores one bid; the tender is scored once every member who may score has scored every valid bid. */
  async score(caller: Caller, id: string, input: ScoreBidDto): Promise<Tender> {
    return this.change(caller, id, async (tender, manager) => {
      const bids = await this.openedBids(manager, id);
      const score = scoreBid(tender, bids, caller.userId, { bidId: input.bidId, technical: input.technical, service: input.service }, this.clock);
      await manager.upsert(ScoreRecord, { ...score, tenderId: id }, ['bidId', 'memberId']);
      const scores = await manager.find(ScoreRecord, { where: { tenderId: id } });
      return scoringComplete(tender, bids, scores) ? markScored(tender) : tender;
    });
  }

  /** The bidders' latest published scores, when a sub-criterion is past performance (履约评价). */
  private async pastPerformance(manager: EntityManager, tender: Tender, bids: readonly BidRecordView[]): Promise<Map<string, number | null>> {
    const serviceType = SCORECARD_SERVICE_TYPE[tender.category];
    if (!serviceType || ![...tender.criteria.technical, ...tender.criteria.service].some(filledFromScorecards)) return new Map();
    const latest = await this.performance.latest(manager, tender.agencyId, serviceType, bids.map((bid) => bid.vendorId));
    return new Map([...latest].map(([vendorId, published]) => [vendorId, published.score]));
  }

  async ranking(caller: Caller, id: string): Promise<RankedBid[]> {
    const { tender } = await this.load(this.dataSource.manager, caller, id, false);
    if (!tender.openedAt) throw new IllegalTransitionError('tender', tender.status, 'rank bids');
    const bids = await this.openedBids(this.dataSource.manager, id);
    return rankBids(tender, bids, await this.scores(this.dataSource.manager, id), await this.pastPerformance(this.dataSource.manager, tender, bids));
  }

  async proposeAward(caller: Caller, id: string): Promise<Tender> {
    return this.change(caller, id, async (tender, manager) => {
      const bids = await this.openedBids(manager, id);
      const [best] = rankBids(tender, bids, await this.scores(manager, id), await this.pastPerformance(manager, tender, bids));
      if (!best) throw new BusinessRuleViolation('no-valid-bid', 'no bid within the budget ceiling to award', 'bids');
      const proposed = proposeAward(tender, { bidId: best.bidId, vendorId: best.vendorId, price: best.price, total: best.total }, caller.userId, this.clock);
      const award = proposed.award;
      if (!award) throw new Error('a proposed award has an award');
      await this.outbox.append(
        manager,
        TenderAwardProposed.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            ...summary(proposed),
            bidId: award.bidId,
            vendorId: award.vendorId,
            price: award.price,
            total: award.total,
            publicationEndsAt: award.publicationEndsAt.toISOString(),
            proposedBy: award.proposedBy,
            proposedAt: award.proposedAt.toISOString(),
          },
        }),
      );
      return proposed;
    });
  }

  async raiseObjection(caller: Caller, id: string, reason: string): Promise<Tender> {
    const vendorId = actingVendor(caller);
    return this.change(caller, id, async (tender) => raiseObjection(tender, { id: randomUUID(), raisedBy: caller.userId, ...(vendorId ? { vendorId } : {}), reason }, this.clock));
  }

  async resolveObjection(caller: Caller, id: string, objectionId: string, input: ResolveObjectionDto): Promise<Tender> {
    return this.change(caller, id, async (tender, manager) => {
      const resolved = resolveObjection(tender, objectionId, input.outcome, caller.userId, input.note, this.clock);
      if (resolved.status === 'cancelled') await this.appendCancelled(manager, caller, resolved);
      return resolved;
    });
  }

  async finaliseAward(caller: Caller, id: string): Promise<Tender> {
    return this.change(caller, id, async (tender, manager) => {
      const awarded = finaliseAward(tender, caller.userId, this.clock);
      const award = awarded.award;
      if (!award?.awardedAt) throw new Error('an awarded tender has an award');
      await this.outbox.append(
        manager,
        TenderAwarded.create({
          subject: id,
          origin: eventOrigin(caller),
          data: { ...summary(awarded), bidId: award.bidId, vendorId: award.vendorId, price: award.price, awardedBy: caller.userId, awardedAt: award.awardedAt.toISOString() },
        }),
      );
      return awarded;
    });
  }

  /** Locks the tender, applies the change, saves it with the next version — all in one transaction with its events. */
  private async change(caller: Caller, id: string, apply: (tender: Tender, manager: EntityManager) => Promise<Tender>): Promise<Tender> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const changed = await apply(current.tender, manager);
      if (changed !== current.tender) await manager.update(TenderRecord, { id, version: current.version }, toRecord(changed, current.version + 1));
      return changed;
    });
  }

  private async appendCancelled(manager: EntityManager, caller: Caller, cancelled: Tender): Promise<void> {
    const cancellation = cancelled.cancellation;
    if (!cancellation) throw new Error('a cancelled tender has a cancellation');
    await this.outbox.append(
      manager,
      TenderCancelled.create({
        subject: cancelled.id,
        origin: eventOrigin(caller),
        data: { ...summary(cancelled), previousStatus: cancellation.previousStatus, reason: cancellation.reason.slice(0, 1000), cancelledBy: cancellation.by, cancelledAt: cancellation.at.toISOString() },
      }),
    );
  }

  private async openedBids(manager: EntityManager, tenderId: string): Promise<BidRecordView[]> {
    const records = await manager.find(BidRecord, { where: { tenderId }, order: { submittedAt: 'ASC' } });
    return records.map((record) => ({ id: record.id, vendorId: record.vendorId, submittedAt: record.submittedAt, ...(record.price !== null ? { price: record.price } : {}) }));
  }

  private async scores(manager: EntityManager, tenderId: string): Promise<Score[]> {
    const records = await manager.find(ScoreRecord, { where: { tenderId } });
    return records.map((record) => ({ bidId: record.bidId, memberId: record.memberId, technical: record.technical, service: record.service, scoredAt: record.scoredAt }));
  }

  /** Another agency's tender — and a draft, for a vendor account — is reported as not found. */
  private async load(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<{ tender: Tender; version: number }> {
    const record = await findInAgency(manager, TenderRecord, { id, agencyId: caller.agencyId, aggregate: 'tender', forUpdate });
    if (isVendorAccount(caller) && record.status === 'draft') throw new NotFoundError('tender', id);
    return { tender: toDomain(record), version: record.version };
  }
}

function isVendorAccount(caller: Caller): boolean {
  return caller.roles.includes('vendor');
}

/** The vendor a vendor account acts for, if it names a valid id. */
function actingVendor(caller: Caller): string | undefined {
  if (!isVendorAccount(caller)) return undefined;
  return caller.vendorId && /^[0-9a-f-]{36}$/i.test(caller.vendorId) ? caller.vendorId : undefined;
}

function summary(tender: Tender): { tenderId: string; title: string; category: Tender['category']; method: Tender['method'] } {
  return { tenderId: tender.id, title: tender.title, category: tender.category, method: tender.method };
}

function bidView(tender: Tender, caller: Caller, record: BidRecord): BidView {
  const access = bidContentAccess(tender, { userId: caller.userId, roles: caller.roles, ...(caller.vendorId ? { vendorId: caller.vendorId } : {}) }, record);
  const visible = access.allowed && record.price !== null && record.technicalProposal !== null;
  return {
    id: record.id,
    tenderId: record.tenderId,
    vendorId: record.vendorId,
    submittedAt: record.submittedAt.toISOString(),
    digest: record.digest,
    contentVisible: visible,
    ...(visible ? { price: record.price ?? undefined, technicalProposal: record.technicalProposal ?? undefined } : {}),
  };
}

function toRecord(tender: Tender, version: number): TenderRecord {
  return {
    id: tender.id,
    agencyId: tender.agencyId,
    title: tender.title,
    category: tender.category,
    method: tender.method,
    requisitionId: tender.requisitionId ?? null,
    budgetCeiling: tender.budgetCeiling,
    criteria: tender.criteria,
    bidDeadline: tender.bidDeadline,
    openingAt: tender.openingAt,
    publicationDays: tender.publicationDays,
    status: tender.status,
    createdBy: tender.createdBy,
    createdAt: tender.createdAt,
    publishedBy: tender.publishedBy ?? null,
    publishedAt: tender.publishedAt ?? null,
    openedBy: tender.openedBy ?? null,
    openedAt: tender.openedAt ?? null,
    details: {
      committee: tender.committee,
      award: tender.award
        ? {
            bidId: tender.award.bidId,
            vendorId: tender.award.vendorId,
            price: tender.award.price,
            total: tender.award.total,
            proposedBy: tender.award.proposedBy,
            proposedAt: tender.award.proposedAt.toISOString(),
            publicationEndsAt: tender.award.publicationEndsAt.toISOString(),
            ...(tender.award.awardedBy ? { awardedBy: tender.award.awardedBy } : {}),
            ...(tender.award.awardedAt ? { awardedAt: tender.award.awardedAt.toISOString() } : {}),
          }
        : null,
      objections: tender.objections.map((objection) => ({
        id: objection.id,
        raisedBy: objection.raisedBy,
        ...(objection.vendorId ? { vendorId: objection.vendorId } : {}),
        reason: objection.reason,
        raisedAt: objection.raisedAt.toISOString(),
        status: objection.status,
        ...(objection.resolution ? { resolution: { by: objection.resolution.by, note: objection.resolution.note, at: objection.resolution.at.toISOString() } } : {}),
      })),
      cancellation: tender.cancellation
        ? { reason: tender.cancellation.reason, by: tender.cancellation.by, at: tender.cancellation.at.toISOString(), previousStatus: tender.cancellation.previousStatus }
        : null,
    },
    version,
  };
}

function toDomain(record: TenderRecord): Tender {
  const { award, cancellation } = record.details;
  return {
    id: record.id,
    agencyId: record.agencyId,
    title: record.title,
    category: record.category,
    method: record.method,
    ...(record.requisitionId ? { requisitionId: record.requisitionId } : {}),
    budgetCeiling: record.budgetCeiling,
    criteria: record.criteria,
    bidDeadline: record.bidDeadline,
    openingAt: record.openingAt,
    publicationDays: record.publicationDays,
    status: record.status,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    ...(record.publishedBy ? { publishedBy: record.publishedBy } : {}),
    ...(record.publishedAt ? { publishedAt: record.publishedAt } : {}),
    ...(record.openedBy ? { openedBy: record.openedBy } : {}),
    ...(record.openedAt ? { openedAt: record.openedAt } : {}),
    committee: record.details.committee,
    ...(award
      ? {
          award: {
            bidId: award.bidId,
            vendorId: award.vendorId,
            price: award.price,
            total: award.total,
            proposedBy: award.proposedBy,
            proposedAt: new Date(award.proposedAt),
            publicationEndsAt: new Date(award.publicationEndsAt),
            ...(award.awardedBy ? { awardedBy: award.awardedBy } : {}),
            ...(award.awardedAt ? { awardedAt: new Date(award.awardedAt) } : {}),
          },
        }
      : {}),
    objections: record.details.objections.map((objection) => ({
      id: objection.id,
      raisedBy: objection.raisedBy,
      ...(objection.vendorId ? { vendorId: objection.vendorId } : {}),
      reason: objection.reason,
      raisedAt: new Date(objection.raisedAt),
      status: objection.status,
      ...(objection.resolution ? { resolution: { by: objection.resolution.by, note: objection.resolution.note, at: new Date(objection.resolution.at) } } : {}),
    })),
    ...(cancellation ? { cancellation: { reason: cancellation.reason, by: cancellation.by, at: new Date(cancellation.at), previousStatus: cancellation.previousStatus } } : {}),
  };
}
