import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { PublishedScore, ScoredServiceType, supersedes } from './domain/past-performance';
import { VendorPerformanceRecord } from './vendor-performance.entity';

/** The projection of vendors' latest published scores. */
@Injectable()
export class VendorPerformanceRepository {
  /** Keeps the score if it supersedes the one kept (row-locked, so concurrent deliveries agree). */
  async record(manager: EntityManager, score: PublishedScore, at: Date): Promise<boolean> {
    const inserted = (await manager.query(
      `INSERT INTO vendor_performance (agency_id, vendor_id, service_type, period, period_start, period_end, version, score, standing, scorecard_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING vendor_id`,
      [score.agencyId, score.vendorId, score.serviceType, score.period, score.periodStart, score.periodEnd, score.version, score.score, score.standing, score.scorecardId, at],
    )) as unknown[];
    if (inserted.length > 0) return true;
    const kept = await manager.findOne(VendorPerformanceRecord, {
      where: { agencyId: score.agencyId, vendorId: score.vendorId, serviceType: score.serviceType },
      lock: { mode: 'pessimistic_write' },
    });
    if (kept && !supersedes(score, toDomain(kept))) return false;
    await manager.save(VendorPerformanceRecord, toRecord(score, at));
    return true;
  }

  /** The latest published score of each of these vendors for the service type, by vendor id. */
  async latest(manager: EntityManager, agencyId: string, serviceType: ScoredServiceType, vendorIds: readonly string[]): Promise<Map<string, PublishedScore>> {
    if (vendorIds.length === 0) return new Map();
    const records = await manager.find(VendorPerformanceRecord, { where: { agencyId, serviceType, vendorId: In([...new Set(vendorIds)]) } });
    return new Map(records.map((record) => [record.vendorId, toDomain(record)]));
  }
}

function toDomain(record: VendorPerformanceRecord): PublishedScore {
  return {
    agencyId: record.agencyId,
    vendorId: record.vendorId,
    serviceType: record.serviceType,
    period: record.period,
    periodStart: record.periodStart,
    periodEnd: record.periodEnd,
    version: record.version,
    score: record.score,
    standing: record.standing,
    scorecardId: record.scorecardId,
  };
}

function toRecord(score: PublishedScore, at: Date): VendorPerformanceRecord {
  return { ...score, updatedAt: at };
}
