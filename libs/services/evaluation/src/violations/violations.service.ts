import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK, SERVICE_CONFIG, eventOrigin } from '@houqin/service-kit';
import type { EvaluationEnvironment } from '../evaluation.config';
import { isPartyKey } from '../kpis/domain/evaluated-party';
import { checkAnswerable, partyAnswerable } from './domain/answerable';
import { BreachKind, settlementPeriodOf } from './domain/penalty';
import { PenaltyLine, penaltyStatement } from './domain/penalty-statement';
import { Answerable, Offending, Violation, breachKindOf, checkRecordedByHand, recordViolation, voidViolation } from './domain/violation';
import { Severity, ViolationRules, checkViolationRules, defaultViolationRules, isLowAssessmentScore } from './domain/violation-rules';
import { PenaltyTermsRepository } from './penalty-terms.repository';
import { recordedEvent, voidedEvent } from './violation-events';
import { ViolationFilter, ViolationsRepository, vendorActedFor } from './violations.repository';

/** An offence as a source reports it: the violation's id, severity, points and penalty are decided here. */
export type OffenceReport = Omit<Offending, 'id'>;

export interface ManualViolation {
  party: string;
  serviceType: string;
  severity: Severity;
  description: string;
  occurredAt: Date;
  contractId?: string | undefined;
  breach?: BreachKind | undefined;
  answerable?: Answerable[] | undefined;
}

/** Use cases of violations (违规): record once per offence, priced under the contract and capped per month; void; read; settle. */
@Injectable()
export class ViolationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly violations: ViolationsRepository,
    private readonly terms: PenaltyTermsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: EvaluationEnvironment,
  ) {}

  /**
   * Records the violation of an offence in the caller's transaction (an event's inbox transaction,
   * or a request's), once: a second report of the same source + sourceRef records nothing and
   * answers undefined. The month's cap of the contract and breach kind is read under a lock.
   */
  async record(manager: EntityManager, report: OffenceReport): Promise<Violation | undefined> {
    const { agencyId, source, sourceRef } = report;
    // An event naming a party evaluation cannot hold (neither a vendor id nor the internal team) records nothing rather than failing the inbox transaction it shares.
    if (!isPartyKey(report.party)) return undefined;
    if (await this.violations.findBySource(manager, agencyId, source, sourceRef)) return undefined;
    const rules = await this.rulesIn(manager, agencyId);
    const contract = report.contractId ? await this.terms.contract(manager, agencyId, report.contractId) : undefined;
    const breach = report.breach ?? breachKindOf(report.offence);
    let charged = 0;
    if (contract && breach) {
      const period = settlementPeriodOf(report.occurredAt);
      await this.violations.lockMonthlyCap(manager, contract.contractId, breach, period);
      charged = await this.violations.chargedThisMonth(manager, agencyId, contract.contractId, breach, period);
    }
    const violation = recordViolation({ ...report, id: randomUUID() }, rules, contract, charged, this.clock.now());
    if (!(await this.violations.insert(manager, violation))) return undefined;
    await this.outbox.append(manager, recordedEvent(violation, eventOrigin({ agencyId })));
    return violation;
  }

  /** Voids the violation an offence caused, if it is still recorded (an overturned complaint); nothing otherwise. */
  async voidFor(manager: EntityManager, agencyId: string, source: Violation['source'], sourceRef: string, reason: string, by: string): Promise<Violation | undefined> {
    const loaded = await this.violations.findBySource(manager, agencyId, source, sourceRef, { forUpdate: true });
    if (!loaded || loaded.violation.status !== 'recorded') return undefined;
    const voided = voidViolation(loaded.violation, reason, by, this.clock.now());
    await this.violations.save(manager, voided, loaded.version);
    await this.outbox.append(manager, voidedEvent(voided, eventOrigin({ agencyId })));
    return voided;
  }

  /** The party as answerable, named as procurement named the vendor. */
  async partyAnswerable(manager: EntityManager, agencyId: string, party: string, role: string): Promise<Answerable> {
    const name = party === 'internal-team' ? undefined : await this.terms.vendorName(manager, agencyId, party);
    return partyAnswerable(party, name, role);
  }

  /** A violation recorded by hand (an operator or the auditor), with whom the recorder names as answerable (the party when none). */
  async recordByHand(caller: Caller, input: ManualViolation): Promise<Violation> {
    return this.dataSource.transaction(async (manager) => {
      const party = input.party.toLowerCase();
      const contract = input.contractId ? await this.terms.contract(manager, caller.agencyId, input.contractId.toLowerCase()) : undefined;
      checkRecordedByHand({ party, occurredAt: input.occurredAt, contractId: input.contractId }, contract?.vendorId, this.clock.now());
      const answerable = input.answerable?.length
        ? checkAnswerable(input.answerable, party)
        : [await this.partyAnswerable(manager, caller.agencyId, party, 'the party the violation was recorded against')];
      const recorded = await this.record(manager, {
        agencyId: caller.agencyId,
        party,
        serviceType: input.serviceType,
        ...(input.contractId ? { contractId: input.contractId.toLowerCase() } : {}),
        source: 'manual',
        sourceRef: randomUUID(),
        severity: input.severity,
        ...(input.breach ? { breach: input.breach } : {}),
        description: input.description,
        occurredAt: input.occurredAt,
        recordedBy: caller.userId,
        answerable,
      });
      if (!recorded) throw new Error('a violation recorded by hand has a fresh source reference');
      return recorded;
    });
  }

  async void(caller: Caller, id: string, reason: string): Promise<Violation> {
    return this.dataSource.transaction(async (manager) => {
      const { violation, version } = await this.violations.load(manager, caller, id, { forUpdate: true });
      const voided = voidViolation(violation, reason, caller.userId, this.clock.now());
      await this.violations.save(manager, voided, version);
      await this.outbox.append(manager, voidedEvent(voided, eventOrigin(caller)));
      return voided;
    });
  }

  async get(caller: Caller, id: string): Promise<Violation> {
    return (await this.violations.load(this.dataSource.manager, caller, id)).violation;
  }

  /** The agency's violations; a vendor account only its own vendor's. */
  async list(caller: Caller, filter: ViolationFilter, limit: number): Promise<Violation[]> {
    return this.violations.list(this.dataSource.manager, caller.agencyId, { ...filter, vendorId: vendorActedFor(caller) }, limit);
  }

  /** The settlement month's penalties per party and contract (voided violations left out); a vendor account only its own. */
  async penalties(caller: Caller, settlementPeriod: string): Promise<PenaltyLine[]> {
    return penaltyStatement(await this.violations.ofSettlementPeriod(this.dataSource.manager, caller.agencyId, settlementPeriod, vendorActedFor(caller)));
  }

  async rules(caller: Caller): Promise<{ rules: ViolationRules; source: 'agency' | 'default' }> {
    const own = await this.violations.rules(this.dataSource.manager, caller.agencyId);
    return own ? { rules: own, source: 'agency' } : { rules: this.defaults(), source: 'default' };
  }

  /** Applies to violations recorded from now on; those recorded keep their severity, points and penalty. */
  async setRules(caller: Caller, rules: ViolationRules): Promise<ViolationRules> {
    const checked = checkViolationRules(rules);
    await this.violations.saveRules(this.dataSource.manager, caller.agencyId, checked, caller.userId, this.clock.now());
    return checked;
  }

  async rulesIn(manager: EntityManager, agencyId: string): Promise<ViolationRules> {
    return (await this.violations.rules(manager, agencyId)) ?? this.defaults();
  }

  /** Whether a submitted assessment's overall score is low enough to be a violation under the agency's threshold. */
  async isLowAssessment(manager: EntityManager, agencyId: string, score: number): Promise<boolean> {
    return isLowAssessmentScore(score, await this.rulesIn(manager, agencyId));
  }

  private defaults(): ViolationRules {
    return defaultViolationRules(this.config.VIOLATION_DEFAULT_LOW_ASSESSMENT_THRESHOLD);
  }
}
