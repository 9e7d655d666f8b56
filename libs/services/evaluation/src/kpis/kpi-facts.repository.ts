import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GENESIS_HASH } from '../audit-trail/domain/hash-chain';
import { ServiceType } from './domain/evaluated-party';
import { Fact, FactSummary, factKey } from './domain/kpi-facts';
import { KpiFactRecord } from './kpi.entities';

/** KPI facts, one row per service instance (kpi_fact). */
@Injectable()
export class KpiFactsRepository {
  /**
   * Serialises the agency's KPI writers on the one lock every event of the agency already takes in
   * its inbox transaction: the audit chain head. One lock, so the audit trail and KPIs never wait
   * on each other in opposite orders; a recomputation holds it too and sees a still trail.
   */
  async lockAgency(manager: EntityManager, agencyId: string): Promise<void> {
    const locked = (await manager.query(`SELECT 1 FROM audit_chain_head WHERE agency_id = $1 FOR UPDATE`, [agencyId])) as unknown[];
    if (locked.length > 0) return;
    await manager.query(`INSERT INTO audit_chain_head (agency_id, last_sequence, last_hash) VALUES ($1, 0, $2) ON CONFLICT (agency_id) DO NOTHING`, [agencyId, GENESIS_HASH]);
    await manager.query(`SELECT 1 FROM audit_chain_head WHERE agency_id = $1 FOR UPDATE`, [agencyId]);
  }

  /** The facts of the given instances (absent ones are not in the map), keyed by factKey. */
  async loadMany(manager: EntityManager, agencyId: string, keys: ReadonlyArray<{ serviceType: ServiceType; instance: string }>): Promise<Map<string, Fact>> {
    const found = new Map<string, Fact>();
    if (keys.length === 0) return found;
    const records = (await manager.query(
      `SELECT service_type, instance, fields FROM kpi_fact WHERE agency_id = $1 AND (service_type, instance) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [agencyId, keys.map((key) => key.serviceType), keys.map((key) => key.instance)],
    )) as Array<{ service_type: ServiceType; instance: string; fields: Fact['fields'] }>;
    for (const record of records) {
      found.set(factKey(agencyId, record.service_type, record.instance), { agencyId, serviceType: record.service_type, instance: record.instance, fields: record.fields });
    }
    return found;
  }

  /** Every fact of the agency (for a recomputation). */
  async all(manager: EntityManager, agencyId: string): Promise<Map<string, Fact>> {
    const records = await manager.find(KpiFactRecord, { where: { agencyId } });
    return new Map(records.map((record) => [factKey(agencyId, record.serviceType as ServiceType, record.instance), toFact(record)]));
  }

  async save(manager: EntityManager, fact: Fact, summary: FactSummary): Promise<void> {
    await manager.query(
      `INSERT INTO kpi_fact (agency_id, service_type, instance, fields, party, anchor_at, measures) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb)
       ON CONFLICT (agency_id, service_type, instance) DO UPDATE SET fields = EXCLUDED.fields, party = EXCLUDED.party, anchor_at = EXCLUDED.anchor_at, measures = EXCLUDED.measures`,
      [fact.agencyId, fact.serviceType, fact.instance, JSON.stringify(fact.fields), summary.party, summary.anchorAt, JSON.stringify(summary.measures)],
    );
  }

  /** Many facts at once (a recomputation), 500 a statement. */
  async saveMany(manager: EntityManager, facts: ReadonlyArray<{ fact: Fact; summary: FactSummary }>): Promise<void> {
    for (let offset = 0; offset < facts.length; offset += 500) {
      const batch = facts.slice(offset, offset + 500);
      await manager.query(
        `INSERT INTO kpi_fact (agency_id, service_type, instance, fields, party, anchor_at, measures)
         SELECT a, s, i, f::jsonb, p, t::timestamptz, m::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS r(a, s, i, f, p, t, m)
         ON CONFLICT (agency_id, service_type, instance) DO UPDATE SET fields = EXCLUDED.fields, party = EXCLUDED.party, anchor_at = EXCLUDED.anchor_at, measures = EXCLUDED.measures`,
        [
          batch.map(({ fact }) => fact.agencyId),
          batch.map(({ fact }) => fact.serviceType),
          batch.map(({ fact }) => fact.instance),
          batch.map(({ fact }) => JSON.stringify(fact.fields)),
          batch.map(({ summary }) => summary.party),
          batch.map(({ summary }) => summary.anchorAt),
          batch.map(({ summary }) => JSON.stringify(summary.measures)),
        ],
      );
    }
  }

  async remove(manager: EntityManager, fact: Fact): Promise<void> {
    await manager.delete(KpiFactRecord, { agencyId: fact.agencyId, serviceType: fact.serviceType, instance: fact.instance });
  }
}

function toFact(record: KpiFactRecord): Fact {
  return { agencyId: record.agencyId, serviceType: record.serviceType as ServiceType, instance: record.instance, fields: record.fields };
}
