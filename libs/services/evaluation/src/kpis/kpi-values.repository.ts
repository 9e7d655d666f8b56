import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EvaluatedParty, ServiceType, parseParty, partyKey } from './domain/evaluated-party';
import { KpiResult } from './domain/kpi-result';
import { KpiSums, kpiResults } from './domain/kpi-values';
import { Period } from './domain/period';
import { KpiDefinitionsRepository } from './kpi-definitions.repository';

export type { KpiResult } from './domain/kpi-result';

/**
 * KPI values per party × agency × service type × period (kpi_value): the sums of the facts'
 * measures, valued with the agency's effective definitions when read. Scorecards read them here.
 */
@Injectable()
export class KpiValuesRepository {
  constructor(private readonly definitions: KpiDefinitionsRepository) {}

  /** Every KPI of the service type for the party and period; value null (sampleSize 0) where nothing was measured. */
  async forParty(manager: EntityManager, agencyId: string, party: EvaluatedParty, serviceType: ServiceType, period: Period): Promise<KpiResult[]> {
    const sums = await this.sums(manager, agencyId, period, { serviceType, party: partyKey(party) });
    return kpiResults(await this.definitions.effective(manager, agencyId, serviceType), sums);
  }

  /** The parties with at least one KPI value of the service type in the period. */
  async partiesWithValues(manager: EntityManager, agencyId: string, serviceType: ServiceType, period: Period): Promise<EvaluatedParty[]> {
    const rows = (await manager.query(`SELECT DISTINCT party FROM kpi_value WHERE agency_id = $1 AND service_type = $2 AND period_key = $3 ORDER BY party`, [
      agencyId,
      serviceType,
      period.key,
    ])) as Array<{ party: string }>;
    return rows.map((row) => parseParty(row.party));
  }

  /** The stored sums of a period, optionally of one service type and party. */
  async sums(manager: EntityManager, agencyId: string, period: Period, filter: { serviceType?: ServiceType; party?: string } = {}): Promise<KpiSums[]> {
    const params: unknown[] = [agencyId, period.key];
    const conditions = ['agency_id = $1', 'period_key = $2'];
    if (filter.serviceType) conditions.push(`service_type = $${params.push(filter.serviceType)}`);
    if (filter.party) conditions.push(`party = $${params.push(filter.party)}`);
    const rows = (await manager.query(
      `SELECT service_type, party, period_key, kpi_code, numerator, denominator, sample_size FROM kpi_value WHERE ${conditions.join(' AND ')} ORDER BY service_type, party, kpi_code`,
      params,
    )) as SumsRow[];
    return rows.map(toSums);
  }

  /**
   * Recomputes one party's values of a service type in the given periods from the facts anchored in
   * each, in one statement: upserts what the facts give, deletes what they no longer give.
   */
  async recompute(manager: EntityManager, agencyId: string, serviceType: ServiceType, party: string, periods: readonly Period[]): Promise<void> {
    if (periods.length === 0) return;
    await manager.query(
      `WITH periods (period_key, period_kind, start_at, end_at) AS (
         SELECT * FROM unnest($4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
       ), fresh AS (
         SELECT p.period_key, p.period_kind, m.key AS kpi_code, sum((m.value->>'num')::numeric) AS numerator,
                sum((m.value->>'den')::numeric) AS denominator, sum((m.value->>'n')::integer) AS sample_size
           FROM periods p
           JOIN kpi_fact f ON f.agency_id = $1 AND f.service_type = $2 AND f.party = $3 AND f.anchor_at >= p.start_at AND f.anchor_at < p.end_at
          CROSS JOIN LATERAL jsonb_each(f.measures) m
          GROUP BY p.period_key, p.period_kind, m.key
         HAVING sum((m.value->>'den')::numeric) > 0
       ), upserted AS (
         INSERT INTO kpi_value (agency_id, service_type, party, period_key, period_kind, kpi_code, numerator, denominator, sample_size)
         SELECT $1, $2, $3, period_key, period_kind, kpi_code, numerator, denominator, sample_size FROM fresh
         ON CONFLICT (agency_id, service_type, party, period_key, kpi_code)
         DO UPDATE SET numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, sample_size = EXCLUDED.sample_size, period_kind = EXCLUDED.period_kind
       )
       DELETE FROM kpi_value v USING periods p
        WHERE v.agency_id = $1 AND v.service_type = $2 AND v.party = $3 AND v.period_key = p.period_key
          AND NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.period_key = v.period_key AND fresh.kpi_code = v.kpi_code)`,
      [agencyId, serviceType, party, periods.map((p) => p.key), periods.map((p) => p.kind), periods.map((p) => p.start), periods.map((p) => p.end)],
    );
  }

  /** Replaces every value of a period with the given sums (a recomputation from scratch). */
  async replacePeriod(manager: EntityManager, agencyId: string, period: Period, sums: Iterable<KpiSums>): Promise<void> {
    await manager.query(`DELETE FROM kpi_value WHERE agency_id = $1 AND period_key = $2`, [agencyId, period.key]);
    const rows = [...sums].filter((row) => row.denominator > 0);
    for (let offset = 0; offset < rows.length; offset += 500) {
      const batch = rows.slice(offset, offset + 500);
      await manager.query(
        `INSERT INTO kpi_value (agency_id, service_type, party, period_key, period_kind, kpi_code, numerator, denominator, sample_size)
         SELECT $1, s, p, $2, $3, c, n::numeric, d::numeric, z FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::integer[]) AS t(s, p, c, n, d, z)`,
        [
          agencyId,
          period.key,
          period.kind,
          batch.map((row) => row.serviceType),
          batch.map((row) => row.party),
          batch.map((row) => row.code),
          batch.map((row) => String(row.numerator)),
          batch.map((row) => String(row.denominator)),
          batch.map((row) => row.sampleSize),
        ],
      );
    }
  }
}

interface SumsRow {
  service_type: ServiceType;
  party: string;
  period_key: string;
  kpi_code: string;
  numerator: string;
  denominator: string;
  sample_size: number;
}

function toSums(row: SumsRow): KpiSums {
  return {
    serviceType: row.service_type,
    party: row.party,
    periodKey: row.period_key,
    code: row.kpi_code,
    numerator: Number(row.numerator),
    denominator: Number(row.denominator),
    sampleSize: Number(row.sample_size),
  };
}
