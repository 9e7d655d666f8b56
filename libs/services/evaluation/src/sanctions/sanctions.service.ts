import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { EventOrigin } from '@houqin/contracts';
import { Clock, IllegalTransitionError } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { isUniqueViolation } from '@houqin/persistence';
import { CLOCK, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import { Offence, OffenceKind, applyScorecardVersion, withdrawOffence } from './domain/offence';
import { Confirmation, ProposalStatus, SYSTEM, SanctionProposal, VendorRecord, confirmProposal, decideProposal, dismissProposal } from './domain/proposal';
import { Sanction, SanctionStatus, liftSanction } from './domain/sanction';
import { DEFAULT_SANCTION_RULES, SanctionRuleSet, validateRuleSet } from './domain/sanction-rules';
import { decidedEvent, dismissedEvent, proposedEvent, reinstatedEvent } from './sanction-events';
import { SanctionsRepository, vendorActedFor } from './sanctions.repository';

/** An offence as an event of another capability reports it. */
export interface ReportedOffence {
  agencyId: string;
  vendorId: string;
  kind: OffenceKind;
  sourceRef: string;
  weight: number;
  occurredAt: Date;
  description: string;
}

export interface RuleSetView extends SanctionRuleSet {
  /** The agency's own rules, or the platform's defaults. */
  source: 'agency' | 'default';
  updatedBy?: string;
  updatedAt?: Date;
}

/** Use cases of sanctions: load, apply the domain rule, save the change and its events in one transaction. */
@Injectable()
export class SanctionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly repository: SanctionsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** An offence came in (in the event's inbox transaction): recorded once per source, then the agency's rules of its kind decide. */
  async recordOffence(manager: EntityManager, origin: EventOrigin, reported: ReportedOffence): Promise<SanctionProposal[]> {
    await this.repository.lockVendor(manager, reported.agencyId, reported.vendorId);
    const offence: Offence = { id: randomUUID(), ...reported };
    if (!(await this.repository.insertOffence(manager, offence, this.clock.now()))) return [];
    return this.applyRules(manager, origin, offence);
  }

  /** The offence's source no longer stands (a voided violation, an overturned complaint): it stops counting. Open proposals stay for a human to judge. */
  async withdrawOffence(manager: EntityManager, source: { agencyId: string; vendorId: string; kind: OffenceKind; sourceRef: string; reason: string }): Promise<void> {
    await this.repository.lockVendor(manager, source.agencyId, source.vendorId);
    const offence = await this.repository.findOffence(manager, source.agencyId, source.kind, source.sourceRef);
    if (!offence) return;
    const withdrawn = withdrawOffence(offence, source.reason.slice(0, 2000), this.clock.now());
    if (withdrawn !== offence) await this.repository.saveOffence(manager, withdrawn);
  }

  /** A scorecard version was published for a vendor: the latest version of its series decides whether a failing standing counts. */
  async recordScorecard(
    manager: EntityManager,
    origin: EventOrigin,
    published: { agencyId: string; vendorId: string; series: string; version: number; standing: string | undefined; publishedAt: Date; description: string },
  ): Promise<SanctionProposal[]> {
    await this.repository.lockVendor(manager, published.agencyId, published.vendorId);
    const current = await this.repository.findOffence(manager, published.agencyId, 'failing-scorecard', published.series);
    const create = (): Offence => ({
      id: randomUUID(),
      agencyId: published.agencyId,
      vendorId: published.vendorId,
      kind: 'failing-scorecard',
      sourceRef: published.series,
      weight: 1,
      occurredAt: published.publishedAt,
      description: published.description,
    });
    const standing = published.standing ?? 'unscored';
    const next = applyScorecardVersion(current, { version: published.version, failing: standing === 'failing', publishedAt: published.publishedAt, standing }, create);
    if (!next || next === current) return [];
    if (!current) {
      if (!(await this.repository.insertOffence(manager, next, this.clock.now()))) return [];
    } else {
      await this.repository.saveOffence(manager, next);
    }
    const nowCounts = next.withdrawnAt === undefined && (current === undefined || current.withdrawnAt !== undefined);
    return nowCounts ? this.applyRules(manager, origin, next) : [];
  }

  private async ruleSetOf(manager: EntityManager, agencyId: string): Promise<SanctionRuleSet> {
    return (await this.repository.ruleSet(manager, agencyId)) ?? DEFAULT_SANCTION_RULES;
  }

  private async vendorRecord(manager: EntityManager, agencyId: string, vendorId: string): Promise<VendorRecord> {
    // One after the other: the inbox transaction is one connection.
    const ledger = await this.repository.ledgerOf(manager, agencyId, vendorId);
    const sanctions = await this.repository.sanctionsOf(manager, agencyId, vendorId);
    const openProposals = await this.repository.openProposalsOf(manager, agencyId, vendorId);
    return { ledger, sanctions, openProposals };
  }

  /** Each rule of the offence's kind fires at most once for it; an automatic agency has the proposal confirmed at once by 'system'. */
  private async applyRules(manager: EntityManager, origin: EventOrigin, offence: Offence): Promise<SanctionProposal[]> {
    const ruleSet = await this.ruleSetOf(manager, offence.agencyId);
    const proposals: SanctionProposal[] = [];
    for (const rule of ruleSet.rules.filter((candidate) => candidate.offence === offence.kind)) {
      const vendor = await this.vendorRecord(manager, offence.agencyId, offence.vendorId);
      const now = this.clock.now();
      const decision = decideProposal({ id: randomUUID(), agencyId: offence.agencyId, vendorId: offence.vendorId, offenceId: offence.id, rule, ruleSet, vendor }, now);
      if (!decision.propose) {
        if (decision.why !== 'below-threshold') this.logger.info({ vendorId: offence.vendorId, offenceId: offence.id, why: decision.why }, 'sanction rule reached, no second proposal');
        continue;
      }
      const { proposal } = decision;
      if (!(await this.repository.insertProposal(manager, proposal))) continue;
      await this.outbox.append(manager, proposedEvent(proposal, ruleSet.automatic, origin));
      if (ruleSet.automatic) {
        const confirmed = await this.confirmLoaded(manager, origin, { proposal, version: 1 }, { by: SYSTEM }, now);
        proposals.push(confirmed.proposal);
      } else {
        proposals.push(proposal);
      }
    }
    return proposals;
  }

  private async confirmLoaded(
    manager: EntityManager,
    origin: EventOrigin,
    loaded: { proposal: SanctionProposal; version: number },
    confirmation: Confirmation,
    now: Date,
  ): Promise<{ proposal: SanctionProposal; sanction: Sanction }> {
    const confirmed = confirmProposal(loaded.proposal, confirmation, randomUUID(), now);
    await this.repository.saveProposal(manager, confirmed.proposal, loaded.version);
    try {
      await this.repository.insertSanction(manager, confirmed.sanction);
    } catch (error) {
      // Another proposal of the same rule and measure was confirmed meanwhile: this one cannot be.
      if (isUniqueViolation(error, 'sanction_one_active')) throw new IllegalTransitionError('sanction proposal', 'already in force for the vendor', 'confirm');
      throw error;
    }
    await this.outbox.append(manager, decidedEvent(confirmed.sanction, origin));
    return confirmed;
  }

  async rules(caller: Caller): Promise<RuleSetView> {
    const own = await this.repository.ruleSet(this.dataSource.manager, caller.agencyId);
    return own ? { ...own, source: 'agency' } : { ...DEFAULT_SANCTION_RULES, source: 'default' };
  }

  /** Applies to offences recorded from now on; proposals and sanctions made stay. */
  async setRules(caller: Caller, set: SanctionRuleSet): Promise<RuleSetView> {
    const valid = validateRuleSet(set);
    const updatedAt = this.clock.now();
    await this.repository.saveRuleSet(this.dataSource.manager, caller.agencyId, valid, { updatedBy: caller.userId, updatedAt });
    return { ...valid, source: 'agency', updatedBy: caller.userId, updatedAt };
  }

  async proposals(caller: Caller, filter: { status?: ProposalStatus | undefined; vendorId?: string | undefined }, limit: number): Promise<SanctionProposal[]> {
    return this.repository.listProposals(this.dataSource.manager, caller.agencyId, filter, limit);
  }

  async proposal(caller: Caller, id: string): Promise<SanctionProposal> {
    return (await this.repository.loadProposal(this.dataSource.manager, caller, id, { forUpdate: false })).proposal;
  }

  async confirm(caller: Caller, id: string, input: Omit<Confirmation, 'by'>): Promise<{ proposal: SanctionProposal; sanction: Sanction }> {
    return this.dataSource.transaction(async (manager) => {
      const loaded = await this.repository.loadProposal(manager, caller, id, { forUpdate: true });
      return this.confirmLoaded(manager, eventOrigin(caller), loaded, { ...input, by: caller.userId }, this.clock.now());
    });
  }

  async dismiss(caller: Caller, id: string, reason: string): Promise<SanctionProposal> {
    return this.dataSource.transaction(async (manager) => {
      const { proposal, version } = await this.repository.loadProposal(manager, caller, id, { forUpdate: true });
      const dismissed = dismissProposal(proposal, { by: caller.userId, reason }, this.clock.now());
      await this.repository.saveProposal(manager, dismissed, version);
      await this.outbox.append(manager, dismissedEvent(dismissed, eventOrigin(caller)));
      return dismissed;
    });
  }

  /** A vendor account sees its own vendor's sanctions only. */
  async sanctions(caller: Caller, filter: { statuses?: SanctionStatus[] | undefined; vendorId?: string | undefined }, limit: number): Promise<Sanction[]> {
    const actingFor = vendorActedFor(caller);
    if (actingFor !== undefined && filter.vendorId !== undefined && filter.vendorId !== actingFor) return [];
    return this.repository.listSanctions(this.dataSource.manager, caller.agencyId, { ...filter, vendorId: actingFor ?? filter.vendorId }, limit);
  }

  async sanction(caller: Caller, id: string): Promise<Sanction> {
    return (await this.repository.loadSanction(this.dataSource.manager, caller, id, { forUpdate: false })).sanction;
  }

  /** An agency admin ends a suspension or blacklisting early: vendor.reinstated (lifted-early) goes out with the change. */
  async lift(caller: Caller, id: string, reason: string): Promise<Sanction> {
    return this.dataSource.transaction(async (manager) => {
      const { sanction, version } = await this.repository.loadSanction(manager, caller, id, { forUpdate: true });
      const lifted = liftSanction(sanction, { by: caller.userId, reason }, this.clock.now());
      await this.repository.saveSanction(manager, lifted, version);
      await this.outbox.append(manager, reinstatedEvent(lifted, eventOrigin(caller)));
      return lifted;
    });
  }

  async openProposalCount(agencyId: string): Promise<number> {
    return this.repository.countOpenProposals(this.dataSource.manager, agencyId);
  }
}
