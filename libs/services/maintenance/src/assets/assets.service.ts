import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DuplicateError, NotFoundError, systemClock } from '@houqin/domain';
import { findInAgency, isUniqueViolation } from '@houqin/persistence';
import { Caller } from '@houqin/observability';
import { Asset, AssetCategory, MeterKind, normaliseAssetCode, recordMeterReading, registerAsset } from './domain/asset';
import { RegisterAssetDto } from './asset.dto';
import { ASSET_CODE_UNIQUE, AssetMeterReadingRecord, AssetRecord } from './asset.entity';

/** The asset register (设备台账): equipment by its label code, with its meters. */
@Injectable()
export class AssetsService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async register(caller: Caller, input: RegisterAssetDto): Promise<Asset> {
    const asset = registerAsset(
      {
        id: randomUUID(),
        agencyId: caller.agencyId,
        registeredBy: caller.userId,
        code: input.code,
        name: input.name,
        category: input.category,
        location: input.location,
        criticality: input.criticality,
        ...(input.acquiredOn ? { acquiredOn: input.acquiredOn } : {}),
        ...(input.acquisitionValue !== undefined ? { acquisitionValue: input.acquisitionValue } : {}),
        ...(input.warrantyEndsOn ? { warrantyEndsOn: input.warrantyEndsOn } : {}),
        ...(input.contractId ? { contractId: input.contractId } : {}),
      },
      this.clock,
    );
    const duplicate = () => new DuplicateError('asset', 'code', `an asset with code ${asset.code} is already registered in this agency`);
    if (await this.dataSource.manager.exists(AssetRecord, { where: { agencyId: asset.agencyId, code: asset.code } })) throw duplicate();
    try {
      await this.dataSource.manager.insert(AssetRecord, toRecord(asset, 1));
    } catch (error) {
      // Two registrations of one code at the same moment: the constraint decides.
      if (isUniqueViolation(error, ASSET_CODE_UNIQUE)) throw duplicate();
      throw error;
    }
    return asset;
  }

  /** The reading is checked against the latest under a row lock, so two concurrent readings cannot both pass. */
  async recordReading(caller: Caller, id: string, kind: MeterKind, value: number): Promise<Asset> {
    return this.dataSource.transaction(async (manager) => {
      const record = await findInAgency(manager, AssetRecord, { id, agencyId: caller.agencyId, aggregate: 'asset', forUpdate: true });
      const updated = recordMeterReading(toDomain(record), kind, value, this.clock);
      await manager.update(AssetRecord, { id, version: record.version }, { meters: updated.meters, version: record.version + 1 });
      await manager.insert(AssetMeterReadingRecord, { id: randomUUID(), agencyId: caller.agencyId, assetId: id, kind, value, readAt: this.clock.now(), recordedBy: caller.userId });
      return updated;
    });
  }

  async get(caller: Caller, id: string): Promise<Asset> {
    return toDomain(await findInAgency(this.dataSource.manager, AssetRecord, { id, agencyId: caller.agencyId, aggregate: 'asset', forUpdate: false }));
  }

  async byCode(caller: Caller, code: string): Promise<Asset> {
    const found = await this.findByCode(this.dataSource.manager, caller.agencyId, code);
    if (!found) throw new NotFoundError('asset', normaliseAssetCode(code));
    return found;
  }

  async findByCode(manager: EntityManager, agencyId: string, code: string): Promise<Asset | undefined> {
    const record = await manager.findOne(AssetRecord, { where: { agencyId, code: normaliseAssetCode(code) } });
    return record ? toDomain(record) : undefined;
  }

  async list(caller: Caller, filter: { category?: AssetCategory; building?: string }, limit: number): Promise<Asset[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(AssetRecord, 'asset')
      .where('asset.agencyId = :agencyId', { agencyId: caller.agencyId })
      .orderBy('asset.code', 'ASC')
      .take(limit);
    if (filter.category) query.andWhere('asset.category = :category', { category: filter.category });
    if (filter.building) query.andWhere(`asset.location ->> 'building' = :building`, { building: filter.building });
    return (await query.getMany()).map(toDomain);
  }
}

function toRecord(asset: Asset, version: number): AssetRecord {
  return {
    id: asset.id,
    agencyId: asset.agencyId,
    code: asset.code,
    name: asset.name,
    category: asset.category,
    location: asset.location,
    criticality: asset.criticality,
    acquiredOn: asset.acquiredOn ?? null,
    acquisitionValue: asset.acquisitionValue ?? null,
    warrantyEndsOn: asset.warrantyEndsOn ?? null,
    contractId: asset.contractId ?? null,
    meters: asset.meters,
    registeredBy: asset.registeredBy,
    registeredAt: asset.registeredAt,
    version,
  };
}

export function toDomain(record: AssetRecord): Asset {
  return {
    id: record.id,
    agencyId: record.agencyId,
    code: record.code,
    name: record.name,
    category: record.category,
    location: record.location,
    criticality: record.criticality,
    ...(record.acquiredOn ? { acquiredOn: record.acquiredOn } : {}),
    ...(record.acquisitionValue !== null ? { acquisitionValue: record.acquisitionValue } : {}),
    ...(record.warrantyEndsOn ? { warrantyEndsOn: record.warrantyEndsOn } : {}),
    ...(record.contractId ? { contractId: record.contractId } : {}),
    meters: record.meters,
    registeredBy: record.registeredBy,
    registeredAt: record.registeredAt,
  };
}
