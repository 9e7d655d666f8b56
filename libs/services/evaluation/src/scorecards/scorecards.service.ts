import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EventOrigin, ScorecardPublished, VendorScoreChanged } from '@houqin/contracts';
import { Clock, NotFoundError } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK, eventOrigin } from '@houqin/service-kit';
import { EvaluatedParty, ServiceType, partyKey } from '../kpis/domain/evaluated-party';
import { parsePeriod } from '../kpis/domain/period';
import { Scorecard, ScorecardContent, correctScorecard, publishScorecard, scoreChanged } from './domain/scorecard';
import { ComponentWeights, ScorecardPolicy, Thresholds } from './domain/scorecard-policy';
import { ScorecardCalculator } from './scorecard-calculator';
import { ScorecardPoliciesRepository } from './scorecard-policies.repository';
import { ScorecardFilter, ScorecardsRepository } from './scorecards.repository';

/** A vendor account reads only its own vendor's scorecards. */
function vendorOnly(caller: Caller): string | undefined {
  if (!caller.roles.includes('vendor')) return undefined;
  return caller.vendorId ? caller.vendorId.toLowerCase() : 'no-vendor';
}

/** Use cases of scorecards (考核记分卡): policies, drafts on read, publication and correction. */
@Injectable()
export class ScorecardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly calculator: ScorecardCalculator,
    private readonly policies: ScorecardPoliciesRepository,
    private readonly scorecards: ScorecardsRepository,
  ) {}

  async policy(caller: Caller, serviceType: ServiceType): Promise<ScorecardPolicy> {
    return this.policies.policyFor(this.dataSource.manager, caller.agencyId, serviceType);
  }

  /** Weights and thresholds arrive validated (400 naming the field at the edge). */
  async setPolicy(caller: Caller, serviceType: ServiceType, weights: ComponentWeights, thresholds: Thresholds): Promise<ScorecardPolicy> {
    const policy: ScorecardPolicy = { serviceType, weights, thresholds, source: 'agency' };
    await this.policies.save(this.dataSource.manager, caller.agencyId, policy, caller.userId, this.clock.now());
    return policy;
  }

  async draft(caller: Caller, party: EvaluatedParty, serviceType: ServiceType, periodKey: string): Promise<ScorecardContent> {
    return this.calculator.draft(this.dataSource.manager, { agencyId: caller.agencyId, party, serviceType, period: parsePeriod(periodKey) }, this.clock.now());
  }

  async standings(caller: Caller, serviceType: ServiceType, periodKey: string): Promise<ScorecardContent[]> {
    const all = await this.calculator.standings(this.dataSource.manager, caller.agencyId, serviceType, parsePeriod(periodKey), this.clock.now());
    return all.sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || partyKey(a.party).localeCompare(partyKey(b.party)));
  }

  /** Freezes the draft as it stands into version 1; scorecard.published (and vendor.score-changed) go out with it. */
  async publish(caller: Caller, party: EvaluatedParty, serviceType: ServiceType, periodKey: string): Promise<Scorecard> {
    const period = parsePeriod(periodKey);
    return this.dataSource.transaction(async (manager) => {
      const subject = { agencyId: caller.agencyId, party, serviceType, period };
      await this.scorecards.lockSubject(manager, caller.agencyId, party, serviceType, period);
      const existing = await this.scorecards.current(manager, caller.agencyId, party, serviceType, period);
      const content = await this.calculator.draft(manager, subject, this.clock.now());
      const published = publishScorecard(content, existing, { id: randomUUID(), userId: caller.userId }, this.clock);
      await this.scorecards.insert(manager, published);
      await this.announce(manager, eventOrigin(caller), published, null);
      return published;
    });
  }

  /** A new version from the inputs as they now stand, with the reason; the corrected version stays, superseded. */
  async correct(caller: Caller, id: string, reason: string): Promise<Scorecard> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.scorecards.load(manager, caller.agencyId, id);
      await this.scorecards.lockSubject(manager, caller.agencyId, target.party, target.serviceType, target.period);
      const current = await this.scorecards.load(manager, caller.agencyId, id, { forUpdate: true });
      const content = await this.calculator.draft(manager, { agencyId: caller.agencyId, party: current.party, serviceType: current.serviceType, period: current.period }, this.clock.now());
      const { corrected, superseded } = correctScorecard(current, content, reason, { id: randomUUID(), userId: caller.userId }, this.clock);
      await this.scorecards.markSuperseded(manager, superseded);
      await this.scorecards.insert(manager, corrected);
      await this.announce(manager, eventOrigin(caller), corrected, current);
      return corrected;
    });
  }

  async get(caller: Caller, id: string): Promise<Scorecard> {
    const scorecard = await this.scorecards.load(this.dataSource.manager, caller.agencyId, id);
    const own = vendorOnly(caller);
    if (own !== undefined && partyKey(scorecard.party) !== own) throw new NotFoundError('scorecard', id);
    return scorecard;
  }

  async list(caller: Caller, filter: ScorecardFilter, limit: number): Promise<Scorecard[]> {
    const own = vendorOnly(caller);
    if (own !== undefined && filter.party !== undefined && filter.party.toLowerCase() !== own) return [];
    return this.scorecards.list(this.dataSource.manager, caller.agencyId, own !== undefined ? { ...filter, party: own } : filter, limit);
  }

  /** Every version of the scorecard's party, service type and period, first version first. */
  async versions(caller: Caller, id: string): Promise<Scorecard[]> {
    const scorecard = await this.get(caller, id);
    return this.scorecards.versions(this.dataSource.manager, caller.agencyId, scorecard.party, scorecard.serviceType, scorecard.period);
  }

  private async announce(manager: EntityManager, origin: EventOrigin, scorecard: Scorecard, previous: Scorecard | null): Promise<void> {
    const vendorId = scorecard.party.kind === 'vendor' ? scorecard.party.vendorId : undefined;
    const period = { period: scorecard.period.key, periodStart: scorecard.period.start.toISOString(), periodEnd: scorecard.period.end.toISOString() };
    const scored = {
      ...(scorecard.score !== null ? { score: scorecard.score } : {}),
      ...(scorecard.standing !== null ? { standing: scorecard.standing } : {}),
    };
    await this.outbox.append(
      manager,
      ScorecardPublished.create({
        subject: scorecard.id,
        origin,
        data: {
          scorecardId: scorecard.id,
          agencyId: scorecard.agencyId,
          party: partyKey(scorecard.party),
          ...(vendorId ? { vendorId } : {}),
          serviceType: scorecard.serviceType,
          ...period,
          version: scorecard.version,
          ...scored,
          ...(scorecard.rank !== null ? { rank: scorecard.rank } : {}),
          rankedAmong: scorecard.rankedAmong,
          publishedBy: scorecard.publishedBy,
          publishedAt: scorecard.publishedAt.toISOString(),
          ...(scorecard.correctionOf ? { correctionOf: scorecard.correctionOf } : {}),
          ...(scorecard.reason ? { reason: scorecard.reason } : {}),
        },
      }),
    );
    if (!vendorId || !scoreChanged(previous, scorecard)) return;
    await this.outbox.append(
      manager,
      VendorScoreChanged.create({
        // Keyed by the vendor: its score changes stay in order.
        subject: vendorId,
        origin,
        data: {
          vendorId,
          agencyId: scorecard.agencyId,
          serviceType: scorecard.serviceType,
          ...period,
          scorecardId: scorecard.id,
          version: scorecard.version,
          ...scored,
          ...(previous?.score != null ? { previousScore: previous.score } : {}),
          ...(previous?.standing != null ? { previousStanding: previous.standing } : {}),
          changedAt: scorecard.publishedAt.toISOString(),
        },
      }),
    );
  }
}

