import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '@houqin/observability';
import { findInAgency } from '@houqin/persistence';
import { Vendor } from './domain/vendor';
import { VendorRecord } from './vendor.entity';

/** A vendor as loaded, with the version its save must match. */
export interface LoadedVendor {
  vendor: Vendor;
  version: number;
}

/** The vendor registry's rows and their mapping to the domain's Vendor. */
@Injectable()
export class VendorRepository {
  /** Another agency's vendor is reported as not found: existence must not leak across agencies. */
  async load(manager: EntityManager, caller: Pick<Caller, 'agencyId'>, id: string, options: { forUpdate: boolean }): Promise<LoadedVendor> {
    const record = await findInAgency(manager, VendorRecord, { id, agencyId: caller.agencyId, aggregate: 'vendor', forUpdate: options.forUpdate });
    return { vendor: toDomain(record), version: record.version };
  }

  /** Locked for the caller's change; undefined when the agency's registry has no such vendor. */
  async find(manager: EntityManager, agencyId: string, id: string, options: { forUpdate: boolean }): Promise<LoadedVendor | undefined> {
    const record = await manager.findOne(VendorRecord, {
      where: { id, agencyId },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return record ? { vendor: toDomain(record), version: record.version } : undefined;
  }

  async insert(manager: EntityManager, vendor: Vendor): Promise<void> {
    await manager.insert(VendorRecord, toRecord(vendor, 1));
  }

  /** Saves a change to a vendor loaded at `loaded.version` (under its row lock). */
  async save(manager: EntityManager, vendor: Vendor, loaded: Pick<LoadedVendor, 'version'>): Promise<void> {
    await manager.update(VendorRecord, { id: vendor.id, version: loaded.version }, toRecord(vendor, loaded.version + 1));
  }

  async creditCodeTaken(manager: EntityManager, agencyId: string, unifiedSocialCreditCode: string): Promise<boolean> {
    return manager.exists(VendorRecord, { where: { agencyId, unifiedSocialCreditCode } });
  }

  /** Newest first; only `onlyId` when given (a vendor account sees its own vendor). */
  async list(manager: EntityManager, agencyId: string, options: { limit: number; onlyId?: string }): Promise<Vendor[]> {
    const records = await manager.find(VendorRecord, {
      where: { agencyId, ...(options.onlyId !== undefined ? { id: options.onlyId } : {}) },
      order: { registeredAt: 'DESC' },
      take: options.limit,
    });
    return records.map(toDomain);
  }

  /**
   * Claims up to `limit` vendors whose suspension has an end that the database's now() has passed
   * (FOR UPDATE SKIP LOCKED: replicas sweeping at once take different vendors), with that now().
   */
  async claimLapsedSuspensions(manager: EntityManager, limit: number): Promise<{ claimed: LoadedVendor[]; now: Date }> {
    // now() is the transaction's start: the same instant for the claim and for the caller.
    const [row] = (await manager.query(`SELECT now() AS now`)) as Array<{ now: Date }>;
    const records = await manager
      .createQueryBuilder(VendorRecord, 'vendor')
      .where(`vendor.status = 'suspended'`)
      .andWhere('vendor.suspendedUntil <= now()')
      .orderBy('vendor.suspendedUntil')
      .addOrderBy('vendor.id')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return { claimed: records.map((record) => ({ vendor: toDomain(record), version: record.version })), now: row!.now };
  }
}

export function toRecord(vendor: Vendor, version: number): VendorRecord {
  return {
    id: vendor.id,
    agencyId: vendor.agencyId,
    name: vendor.name,
    unifiedSocialCreditCode: vendor.unifiedSocialCreditCode,
    categories: vendor.categories,
    contact: vendor.contact,
    status: vendor.status,
    registeredBy: vendor.registeredBy,
    registeredAt: vendor.registeredAt,
    suspensionReason: vendor.suspension?.reason ?? null,
    suspendedBy: vendor.suspension?.suspendedBy ?? null,
    suspendedAt: vendor.suspension?.suspendedAt ?? null,
    suspendedUntil: vendor.suspension?.until ?? null,
    suspensionBySanction: vendor.suspension?.bySanction ?? false,
    blacklistReason: vendor.blacklisting?.reason ?? null,
    blacklistedBy: vendor.blacklisting?.decidedBy ?? null,
    blacklistedAt: vendor.blacklisting?.from ?? null,
    reinstatementCause: vendor.reinstatement?.cause ?? null,
    reinstatementReason: vendor.reinstatement?.reason ?? null,
    reinstatedBy: vendor.reinstatement?.decidedBy ?? null,
    reinstatedAt: vendor.reinstatement?.at ?? null,
    version,
  };
}

export function toDomain(record: VendorRecord): Vendor {
  return {
    id: record.id,
    agencyId: record.agencyId,
    name: record.name,
    unifiedSocialCreditCode: record.unifiedSocialCreditCode,
    categories: record.categories,
    contact: record.contact,
    status: record.status,
    registeredBy: record.registeredBy,
    registeredAt: record.registeredAt,
    ...(record.suspendedAt && record.suspensionReason && record.suspendedBy
      ? {
          suspension: {
            reason: record.suspensionReason,
            suspendedBy: record.suspendedBy,
            suspendedAt: record.suspendedAt,
            ...(record.suspendedUntil ? { until: record.suspendedUntil } : {}),
            ...(record.suspensionBySanction ? { bySanction: true } : {}),
          },
        }
      : {}),
    ...(record.blacklistedAt && record.blacklistReason && record.blacklistedBy
      ? { blacklisting: { reason: record.blacklistReason, decidedBy: record.blacklistedBy, from: record.blacklistedAt } }
      : {}),
    ...(record.reinstatementCause && record.reinstatementReason && record.reinstatedBy && record.reinstatedAt
      ? { reinstatement: { cause: record.reinstatementCause, reason: record.reinstatementReason, decidedBy: record.reinstatedBy, at: record.reinstatedAt } }
      : {}),
  };
}
