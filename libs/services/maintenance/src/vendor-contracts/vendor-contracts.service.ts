import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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
} from '@houqin/contracts';
import { Caller } from '@houqin/observability';
import { MaintenanceContract, ProjectedContractStatus, VendorStanding, endSanction, liftStanding, mergeStanding } from './domain/vendor-contract';
import { MaintenanceVendorContractRecord, MaintenanceVendorStandingRecord } from './vendor-contract.entity';
import type { SlaTerms } from '../sla/domain/sla-clock';

/**
 * The projection of procurement's maintenance contracts and of vendors' standing. Every apply is
 * safe to repeat: the inbox already drops redelivered events, and a replayed or reordered event
 * leaves the projection as it was (a signed contract is inserted once, an ended one stays ended, a
 * bar loosens only by procurement's reinstatement or lifting, never by a replayed older bar).
 */
@Injectable()
export class VendorContractsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async applySigned(manager: EntityManager, event: EventEnvelope<EventData<typeof ContractSigned>>): Promise<void> {
    const { data } = event;
    if (data.serviceType !== 'maintenance') return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(MaintenanceVendorContractRecord)
      .values({
        contractId: data.contractId,
        agencyId: event.agencyid,
        vendorId: data.vendorId,
        vendorName: data.vendorName,
        title: data.title,
        buildings: data.scope.buildings ?? null,
        assetCategories: data.scope.assetCategories ?? null,
        validFrom: new Date(data.validFrom),
        validTo: new Date(data.validTo),
        slaTerms: data.slaTerms,
        status: 'signed',
        signedAt: new Date(data.signedAt),
        endedAt: null,
        endReason: null,
      })
      .orIgnore()
      .execute();
  }

  async applyEnded(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof ContractExpired>> | EventEnvelope<EventData<typeof ContractTerminated>>,
    status: Exclude<ProjectedContractStatus, 'signed'>,
  ): Promise<void> {
    const { data } = event;
    if (data.serviceType !== 'maintenance') return;
    const endedAt = 'terminatedAt' in data ? data.terminatedAt : (data as { expiredAt: string }).expiredAt;
    const reason = 'reason' in data ? data.reason : 'expired';
    await manager.update(
      MaintenanceVendorContractRecord,
      { contractId: data.contractId, agencyId: event.agencyid, status: 'signed' },
      { status, endedAt: new Date(endedAt), endReason: reason },
    );
  }

  async applySuspended(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorSuspended>>): Promise<void> {
    const { data } = event;
    await this.bar(manager, event.agencyid, 'procurement', {
      vendorId: data.vendorId,
      status: 'suspended',
      sanctioned: false,
      reason: data.reason,
      effectiveFrom: new Date(data.suspendedAt),
      ...(data.suspendedUntil ? { until: new Date(data.suspendedUntil) } : {}),
    });
  }

  async applyBlacklisted(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorBlacklisted>>): Promise<void> {
    const { data } = event;
    await this.bar(manager, event.agencyid, 'procurement', {
      vendorId: data.vendorId,
      status: 'blacklisted',
      sanctioned: false,
      reason: data.reason,
      effectiveFrom: new Date(data.blacklistedAt),
    });
  }

  async applySanctioned(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorSanctioned>>): Promise<void> {
    const { data } = event;
    await this.bar(manager, data.agencyId, 'evaluation', {
      vendorId: data.vendorId,
      status: data.kind === 'blacklisting' ? 'blacklisted' : 'suspended',
      sanctioned: true,
      reason: data.reason,
      effectiveFrom: new Date(data.from),
      ...(data.until && data.kind === 'suspension' ? { until: new Date(data.until) } : {}),
    });
  }

  /** A suspension ended (by itself or early): the vendor may take work again. */
  async applyReinstated(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorReinstated>>): Promise<void> {
    const { data } = event;
    await this.changeStanding(manager, event.agencyid, data.vendorId, (current) =>
      liftStanding(current, { vendorId: data.vendorId, ends: 'suspended', reason: data.reason, at: new Date(data.reinstatedAt) }),
    );
  }

  async applyBlacklistingLifted(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorBlacklistingLifted>>): Promise<void> {
    const { data } = event;
    await this.changeStanding(manager, event.agencyid, data.vendorId, (current) =>
      liftStanding(current, { vendorId: data.vendorId, ends: 'blacklisted', reason: data.reason, at: new Date(data.liftedAt) }),
    );
  }

  /** Evaluation ended one of its sanctions (its own vendor.reinstated): the vendor may take new work again, unless another bar stands. */
  async applySanctionEnded(manager: EntityManager, event: EventEnvelope<EventData<typeof SanctionedVendorReinstated>>): Promise<void> {
    const { data } = event;
    await this.changeStanding(manager, data.agencyId, data.vendorId, (current) =>
      endSanction(current, { vendorId: data.vendorId, kind: data.kind, from: new Date(data.from), reason: data.reason, at: new Date(data.reinstatedAt) }),
    );
  }

  private async bar(manager: EntityManager, agencyId: string, source: 'procurement' | 'evaluation', next: VendorStanding): Promise<void> {
    await this.changeStanding(manager, agencyId, next.vendorId, (current) => mergeStanding(current, next, source));
  }

  /** Under a lock per vendor so two changes for one vendor merge rather than overwrite. */
  private async changeStanding(
    manager: EntityManager,
    agencyId: string,
    vendorId: string,
    change: (current: VendorStanding | undefined) => VendorStanding,
  ): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`maintenance-vendor-standing:${agencyId}:${vendorId}`]);
    const record = await manager.findOne(MaintenanceVendorStandingRecord, { where: { agencyId, vendorId } });
    const merged = change(record ? standingOf(record) : undefined);
    await manager.save(MaintenanceVendorStandingRecord, {
      agencyId,
      vendorId: merged.vendorId,
      status: merged.status,
      sanctioned: merged.sanctioned,
      reason: merged.reason,
      effectiveFrom: merged.effectiveFrom,
      until: merged.until ?? null,
      liftedAt: merged.liftedAt ?? null,
      source: merged.source ?? 'procurement',
      updatedAt: new Date(),
    });
  }

  async contractsOf(manager: EntityManager, agencyId: string): Promise<MaintenanceContract[]> {
    return (await manager.find(MaintenanceVendorContractRecord, { where: { agencyId }, order: { signedAt: 'DESC' } })).map(contractOf);
  }

  /** The SLA terms of a projected contract, as contract.signed carried them. */
  async slaTermsOf(manager: EntityManager, agencyId: string, contractId: string): Promise<SlaTerms | undefined> {
    const record = await manager.findOne(MaintenanceVendorContractRecord, { where: { agencyId, contractId }, select: { contractId: true, slaTerms: true } });
    return record ? (record.slaTerms as SlaTerms) : undefined;
  }

  async standingsOf(manager: EntityManager, agencyId: string): Promise<VendorStanding[]> {
    return (await manager.find(MaintenanceVendorStandingRecord, { where: { agencyId } })).map(standingOf);
  }

  async list(caller: Caller): Promise<Array<{ contract: MaintenanceContract; standing?: VendorStanding }>> {
    const [contracts, standings] = await Promise.all([this.contractsOf(this.dataSource.manager, caller.agencyId), this.standingsOf(this.dataSource.manager, caller.agencyId)]);
    return contracts.map((contract) => {
      const standing = standings.find((candidate) => candidate.vendorId === contract.vendorId);
      return standing ? { contract, standing } : { contract };
    });
  }
}

function contractOf(record: MaintenanceVendorContractRecord): MaintenanceContract {
  return {
    contractId: record.contractId,
    agencyId: record.agencyId,
    vendorId: record.vendorId,
    vendorName: record.vendorName,
    title: record.title,
    ...(record.buildings ? { buildings: record.buildings } : {}),
    ...(record.assetCategories ? { assetCategories: record.assetCategories } : {}),
    validFrom: record.validFrom,
    validTo: record.validTo,
    status: record.status,
    signedAt: record.signedAt,
    ...(record.endedAt ? { endedAt: record.endedAt } : {}),
    ...(record.endReason ? { endReason: record.endReason } : {}),
  };
}

function standingOf(record: MaintenanceVendorStandingRecord): VendorStanding {
  return {
    vendorId: record.vendorId,
    status: record.status,
    sanctioned: record.sanctioned,
    reason: record.reason,
    effectiveFrom: record.effectiveFrom,
    ...(record.until ? { until: record.until } : {}),
    ...(record.liftedAt ? { liftedAt: record.liftedAt } : {}),
    ...(record.source === 'evaluation' ? { source: record.source } : {}),
  };
}
