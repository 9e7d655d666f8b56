import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
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
import { Clock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK, SERVICE_LOGGER } from '@houqin/service-kit';
import { RentalContract, VendorStanding, barStanding, liftStanding, standingBar } from './domain/rental';
import { RentalPerformance, RentalTripCounts, rentalPerformance } from './domain/rental-performance';
import { RentalsRepository } from './rentals.repository';

const NOTHING_MEASURED: RentalTripCounts = { completed: 0, onTime: 0, confirmedWithinSla: 0, confirmedLate: 0, unansweredPastDeadline: 0 };

/**
 * Rental vendors (租车公司): the projection of procurement's transport contracts and of vendors'
 * standing from procurement's bars and evaluation's sanctions and warnings (every apply is safe
 * to repeat); dispatch offers a rental only under a signed contract of a vendor in good standing.
 */
@Injectable()
export class RentalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rentals: RentalsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * The agency's transport contracts with why each vendor is barred now, if it is, whether it was
   * warned, and its SLA measured over the contract's rental trips so far.
   */
  async contracts(caller: Caller): Promise<Array<{ contract: RentalContract; barred?: string; warned: boolean; performance: RentalPerformance }>> {
    const manager = this.dataSource.manager;
    const [contracts, standings, counts] = await Promise.all([
      this.rentals.contracts(manager, caller.agencyId),
      this.rentals.standings(manager, caller.agencyId),
      this.rentals.tripCounts(manager, caller.agencyId),
    ]);
    const now = this.clock.now();
    return contracts.map((contract) => {
      const standing = standings.get(contract.vendorId);
      const barred = standingBar(standing, now);
      const performance = rentalPerformance(counts.get(contract.contractId) ?? NOTHING_MEASURED, contract);
      return { contract, ...(barred ? { barred } : {}), warned: standing?.warned ?? false, performance };
    });
  }

  async applySigned(manager: EntityManager, event: EventEnvelope<EventData<typeof ContractSigned>>): Promise<void> {
    const { data } = event;
    if (data.serviceType !== 'transport' || data.slaTerms.serviceType !== 'transport') return;
    const kmRate = data.priceTerms.unitRates.find((rate) => rate.unit === 'km');
    await this.rentals.insertContract(manager, {
      contractId: data.contractId,
      agencyId: event.agencyid,
      vendorId: data.vendorId.toLowerCase(),
      vendorName: data.vendorName,
      title: data.title,
      validFrom: new Date(data.validFrom),
      validTo: new Date(data.validTo),
      minPunctualityRate: data.slaTerms.minPunctualityRate,
      maxDispatchResponseMinutes: data.slaTerms.maxDispatchResponseMinutes,
      ...(kmRate ? { kmRateFen: kmRate.rate } : {}),
      status: 'signed',
      signedAt: new Date(data.signedAt),
    });
    this.logger.info({ contractId: data.contractId, vendorId: data.vendorId }, 'transport contract projected: its vendor may take rental trips');
  }

  async applyEnded(manager: EntityManager, event: EventEnvelope<EventData<typeof ContractExpired>> | EventEnvelope<EventData<typeof ContractTerminated>>): Promise<void> {
    const { data } = event;
    if (data.serviceType !== 'transport') return;
    const terminated = 'terminatedAt' in data;
    await this.rentals.endContract(manager, event.agencyid, data.contractId, terminated ? 'terminated' : 'expired', new Date(terminated ? data.terminatedAt : (data as { expiredAt: string }).expiredAt));
  }

  async applySuspended(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorSuspended>>): Promise<void> {
    const { data } = event;
    await this.bar(manager, event.agencyid, {
      vendorId: data.vendorId.toLowerCase(),
      status: 'suspended',
      sanctioned: false,
      warned: false,
      reason: data.reason,
      effectiveFrom: new Date(data.suspendedAt),
      ...(data.suspendedUntil ? { until: new Date(data.suspendedUntil) } : {}),
    });
  }

  async applyBlacklisted(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorBlacklisted>>): Promise<void> {
    const { data } = event;
    await this.bar(manager, event.agencyid, { vendorId: data.vendorId.toLowerCase(), status: 'blacklisted', sanctioned: false, warned: false, reason: data.reason, effectiveFrom: new Date(data.blacklistedAt) });
  }

  async applySanctioned(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorSanctioned>>): Promise<void> {
    const { data } = event;
    await this.bar(manager, data.agencyId, {
      vendorId: data.vendorId.toLowerCase(),
      status: data.kind === 'blacklisting' ? 'blacklisted' : 'suspended',
      sanctioned: true,
      warned: false,
      reason: data.reason,
      effectiveFrom: new Date(data.from),
      ...(data.until && data.kind === 'suspension' ? { until: new Date(data.until) } : {}),
    });
  }

  /** Evaluation's warning (警告) bars nothing; the dispatcher sees it beside the vendor's contracts. */
  async applyWarned(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorWarned>>): Promise<void> {
    const { data } = event;
    const vendorId = data.vendorId.toLowerCase();
    const current = await this.rentals.lockStanding(manager, data.agencyId, vendorId);
    const warned: VendorStanding = current
      ? { ...current, warned: true }
      : { vendorId, status: 'active', sanctioned: false, warned: true, reason: data.reason, effectiveFrom: new Date(data.warnedAt) };
    await this.rentals.saveStanding(manager, data.agencyId, warned, this.clock.now());
  }

  async applyReinstated(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorReinstated>>): Promise<void> {
    const { data } = event;
    await this.lift(manager, event.agencyid, { vendorId: data.vendorId.toLowerCase(), ends: 'suspended', reason: data.reason, at: new Date(data.reinstatedAt) });
  }

  async applyBlacklistingLifted(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorBlacklistingLifted>>): Promise<void> {
    const { data } = event;
    await this.lift(manager, event.agencyid, { vendorId: data.vendorId.toLowerCase(), ends: 'blacklisted', reason: data.reason, at: new Date(data.liftedAt) });
  }

  async applySanctionEnded(manager: EntityManager, event: EventEnvelope<EventData<typeof SanctionedVendorReinstated>>): Promise<void> {
    const { data } = event;
    const vendorId = data.vendorId.toLowerCase();
    const current = await this.rentals.lockStanding(manager, data.agencyId, vendorId);
    if (!current?.sanctioned) return;
    const ends = data.kind === 'blacklisting' ? 'blacklisted' : 'suspended';
    await this.rentals.saveStanding(manager, data.agencyId, liftStanding(current, { vendorId, ends, reason: data.reason, at: new Date(data.reinstatedAt) }), this.clock.now());
  }

  private async bar(manager: EntityManager, agencyId: string, next: VendorStanding): Promise<void> {
    const current = await this.rentals.lockStanding(manager, agencyId, next.vendorId);
    await this.rentals.saveStanding(manager, agencyId, barStanding(current, next), this.clock.now());
  }

  private async lift(manager: EntityManager, agencyId: string, lift: { vendorId: string; ends: 'suspended' | 'blacklisted'; reason: string; at: Date }): Promise<void> {
    const current = await this.rentals.lockStanding(manager, agencyId, lift.vendorId);
    await this.rentals.saveStanding(manager, agencyId, liftStanding(current, lift), this.clock.now());
  }
}
