import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  ContractExpired,
  ContractSigned,
  ContractTerminated,
  EventData,
  EventEnvelope,
  SanctionedVendorReinstated,
  VendorBlacklisted,
  VendorBlacklistingLifted,
  VendorReinstated,
  VendorSanctioned,
  VendorSuspended,
  VendorWarned,
} from '@houqin/contracts';
import { Clock, NotFoundError, NotPermittedError } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK, SERVICE_LOGGER } from '@houqin/service-kit';
import { manages, vendorActedFor } from '../caller-scope';
import { CanteenSummary, CanteensRepository } from '../canteens/canteens.repository';
import { CateringContract, OperatorPeriod, OperatorStanding, StandingSource, barStanding, currentOperator, endSanction, liftStanding, startOperatorPeriod, targetsOf } from './domain/operator';
import { OperatorWarning, OperatorsRepository } from './operators.repository';

export interface CanteenOperatorView {
  current?: OperatorPeriod;
  periods: OperatorPeriod[];
  standing?: OperatorStanding;
  warnings: OperatorWarning[];
}

/**
 * Who runs each canteen: the projection of procurement's catering contracts and of vendors'
 * standing (every apply is safe to repeat), the operator periods the manager starts under those
 * contracts, and the warnings the manager sees when a canteen's operator is sanctioned or warned.
 */
@Injectable()
export class OperatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly operators: OperatorsRepository,
    private readonly canteens: CanteensRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async startPeriod(caller: Caller, canteenId: string, contractId: string): Promise<OperatorPeriod> {
    return this.dataSource.transaction(async (manager) => {
      await this.canteens.load(manager, caller.agencyId, canteenId, { forUpdate: true });
      const contract = await this.operators.contract(manager, caller.agencyId, contractId);
      const standing = contract ? await this.operators.standing(manager, caller.agencyId, contract.vendorId) : undefined;
      const periods = await this.operators.periods(manager, canteenId);
      const period = startOperatorPeriod({ id: randomUUID(), canteenId, assignedBy: caller.userId, contract, standing, periods }, this.clock.now());
      await this.operators.insertPeriod(manager, period);
      return period;
    });
  }

  /**
   * The canteen as a reader may see it: in the caller's agency, and for a vendor account only while
   * its vendor runs it — another canteen answers 404, as if it did not exist (as maintenance answers
   * another vendor's work order).
   */
  async visibleCanteen(manager: EntityManager, caller: Caller, canteenId: string): Promise<CanteenSummary> {
    const canteen = await this.canteens.load(manager, caller.agencyId, canteenId);
    const vendorId = vendorActedFor(caller);
    if (vendorId !== undefined && (await this.current(manager, caller.agencyId, canteenId))?.vendorId !== vendorId) throw new NotFoundError('canteen', canteenId);
    return canteen;
  }

  async operatorOf(caller: Caller, canteenId: string): Promise<CanteenOperatorView> {
    const manager = this.dataSource.manager;
    await this.visibleCanteen(manager, caller, canteenId);
    const [periods, contracts, warnings] = await Promise.all([
      this.operators.periods(manager, canteenId),
      this.operators.contracts(manager, caller.agencyId),
      this.operators.warnings(manager, canteenId),
    ]);
    const current = currentOperator(periods, contracts, this.clock.now());
    const standing = current ? await this.operators.standing(manager, caller.agencyId, current.vendorId) : undefined;
    return { ...(current ? { current } : {}), periods, ...(standing ? { standing } : {}), warnings };
  }

  /** The operator in force for a canteen at the clock's now, for the capabilities that stamp it on their records. */
  async current(manager: EntityManager, agencyId: string, canteenId: string): Promise<OperatorPeriod | undefined> {
    const [periods, contracts] = await Promise.all([this.operators.periods(manager, canteenId), this.operators.contracts(manager, agencyId)]);
    return currentOperator(periods, contracts, this.clock.now());
  }

  /** A vendor account acts only for the canteen its vendor runs now; the agency's operators for any. Answers the vendor acted for. */
  async mustRunCanteen(manager: EntityManager, caller: Caller, canteenId: string): Promise<string | undefined> {
    const vendorId = vendorActedFor(caller);
    if (vendorId === undefined && manages(caller)) return undefined;
    const operator = await this.current(manager, caller.agencyId, canteenId);
    if (!vendorId || operator?.vendorId !== vendorId) throw new NotPermittedError('not-the-operator', "only the canteen's operator (or the agency's logistics managers) does this", 'canteenId');
    return vendorId;
  }

  async canteensRunBy(manager: EntityManager, agencyId: string, vendorId: string): Promise<string[]> {
    return this.operators.canteensRunBy(manager, agencyId, vendorId, this.clock.now());
  }

  async contracts(caller: Caller): Promise<Array<{ contract: CateringContract; standing?: OperatorStanding }>> {
    const manager = this.dataSource.manager;
    const contracts = await this.operators.contracts(manager, caller.agencyId);
    return Promise.all(
      contracts.map(async (contract) => {
        const standing = await this.operators.standing(manager, caller.agencyId, contract.vendorId);
        return standing ? { contract, standing } : { contract };
      }),
    );
  }

  async applySigned(manager: EntityManager, event: EventEnvelope<EventData<typeof ContractSigned>>): Promise<void> {
    const { data } = event;
    if (data.serviceType !== 'catering') return;
    const targets = targetsOf(data.slaTerms as { serviceType: string });
    if (!targets) {
      this.logger.warn({ contractId: data.contractId }, 'a catering contract without catering SLA terms sets no canteen targets; not projected');
      return;
    }
    await this.operators.insertContract(manager, {
      contractId: data.contractId,
      agencyId: event.agencyid,
      vendorId: data.vendorId.toLowerCase(),
      vendorName: data.vendorName,
      title: data.title,
      validFrom: new Date(data.validFrom),
      validTo: new Date(data.validTo),
      targets,
      status: 'signed',
      signedAt: new Date(data.signedAt),
    });
  }

  async applyEnded(manager: EntityManager, event: EventEnvelope<EventData<typeof ContractExpired>> | EventEnvelope<EventData<typeof ContractTerminated>>): Promise<void> {
    const { data } = event;
    if (data.serviceType !== 'catering') return;
    const terminated = 'terminatedAt' in data;
    await this.operators.endContract(manager, event.agencyid, data.contractId, terminated ? 'terminated' : 'expired', new Date(terminated ? data.terminatedAt : (data as { expiredAt: string }).expiredAt));
  }

  async applySuspended(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorSuspended>>): Promise<void> {
    const { data } = event;
    const bar: OperatorStanding = {
      vendorId: data.vendorId.toLowerCase(),
      status: 'suspended',
      sanctioned: false,
      reason: data.reason,
      effectiveFrom: new Date(data.suspendedAt),
      ...(data.suspendedUntil ? { until: new Date(data.suspendedUntil) } : {}),
    };
    await this.bar(manager, event.agencyid, bar, { kind: 'suspended', sourceRef: `suspended:${event.id}` });
  }

  async applyBlacklisted(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorBlacklisted>>): Promise<void> {
    const { data } = event;
    const bar: OperatorStanding = { vendorId: data.vendorId.toLowerCase(), status: 'blacklisted', sanctioned: false, reason: data.reason, effectiveFrom: new Date(data.blacklistedAt) };
    await this.bar(manager, event.agencyid, bar, { kind: 'blacklisted', sourceRef: `blacklisted:${event.id}` });
  }

  async applySanctioned(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorSanctioned>>): Promise<void> {
    const { data } = event;
    const bar: OperatorStanding = {
      vendorId: data.vendorId.toLowerCase(),
      status: data.kind === 'blacklisting' ? 'blacklisted' : 'suspended',
      sanctioned: true,
      reason: data.reason,
      effectiveFrom: new Date(data.from),
      ...(data.until && data.kind === 'suspension' ? { until: new Date(data.until) } : {}),
    };
    await this.bar(manager, data.agencyId, bar, { kind: 'sanctioned', sourceRef: `sanctioned:${data.sanctionId ?? event.id}` }, 'evaluation');
  }

  /** Evaluation's warning (警告) bars nothing, but the manager of every canteen the vendor runs sees it. */
  async applyWarned(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorWarned>>): Promise<void> {
    const { data } = event;
    const vendorId = data.vendorId.toLowerCase();
    const canteens = await this.operators.canteensRunBy(manager, data.agencyId, vendorId, this.clock.now());
    await this.operators.warnCanteens(manager, data.agencyId, { vendorId, kind: 'warned', reason: data.reason, sourceRef: `warned:${data.sanctionId}`, raisedAt: new Date(data.warnedAt) }, canteens);
  }

  async applyReinstated(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorReinstated>>): Promise<void> {
    const { data } = event;
    await this.lift(manager, event.agencyid, { vendorId: data.vendorId.toLowerCase(), ends: 'suspended', reason: data.reason, at: new Date(data.reinstatedAt) });
  }

  async applyBlacklistingLifted(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorBlacklistingLifted>>): Promise<void> {
    const { data } = event;
    await this.lift(manager, event.agencyid, { vendorId: data.vendorId.toLowerCase(), ends: 'blacklisted', reason: data.reason, at: new Date(data.liftedAt) });
  }

  /** Evaluation ended one of its sanctions: it lifts that sanction only, never a bar procurement announced or a sanction decided since. */
  async applySanctionEnded(manager: EntityManager, event: EventEnvelope<EventData<typeof SanctionedVendorReinstated>>): Promise<void> {
    const { data } = event;
    const vendorId = data.vendorId.toLowerCase();
    const current = await this.operators.lockStanding(manager, data.agencyId, vendorId);
    await this.operators.saveStanding(manager, data.agencyId, endSanction(current, { vendorId, kind: data.kind, from: new Date(data.from), reason: data.reason, at: new Date(data.reinstatedAt) }), this.clock.now());
  }

  private async bar(manager: EntityManager, agencyId: string, next: OperatorStanding, warning: { kind: OperatorWarning['kind']; sourceRef: string }, source: StandingSource = 'procurement'): Promise<void> {
    const current = await this.operators.lockStanding(manager, agencyId, next.vendorId);
    const now = this.clock.now();
    const standing = barStanding(current, next, source);
    await this.operators.saveStanding(manager, agencyId, standing, now);
    // A sanction older than the latest reinstatement bars nothing, and warns nobody.
    if (standing === current) return;
    const canteens = await this.operators.canteensRunBy(manager, agencyId, next.vendorId, now);
    const raised = await this.operators.warnCanteens(manager, agencyId, { vendorId: next.vendorId, kind: warning.kind, reason: next.reason, sourceRef: warning.sourceRef, raisedAt: now }, canteens);
    if (raised > 0) this.logger.warn({ vendorId: next.vendorId, canteens, kind: warning.kind }, "a canteen's operator is barred: no new contract period; the manager is warned");
  }

  private async lift(manager: EntityManager, agencyId: string, lift: { vendorId: string; ends: 'suspended' | 'blacklisted'; reason: string; at: Date }): Promise<void> {
    const current = await this.operators.lockStanding(manager, agencyId, lift.vendorId);
    await this.operators.saveStanding(manager, agencyId, liftStanding(current, lift), this.clock.now());
  }
}
