import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RentalContract, VendorStanding } from './domain/rental';
import type { RentalTripCounts } from './domain/rental-performance';

interface ContractRow {
  contract_id: string;
  agency_id: string;
  vendor_id: string;
  vendor_name: string;
  title: string;
  valid_from: Date;
  valid_to: Date;
  min_punctuality_rate: string;
  max_dispatch_response_minutes: number;
  km_rate_fen: number | null;
  status: RentalContract['status'];
  signed_at: Date;
  ended_at: Date | null;
}

interface StandingRow {
  vendor_id: string;
  status: VendorStanding['status'];
  sanctioned: boolean;
  warned: boolean;
  reason: string;
  effective_from: Date;
  until: Date | null;
}

/** The projection of procurement's transport contracts and of rental vendors' standing. */
@Injectable()
export class RentalsRepository {
  async insertContract(manager: EntityManager, contract: RentalContract): Promise<void> {
    await manager.query(
      `INSERT INTO transport_contract (contract_id, agency_id, vendor_id, vendor_name, title, valid_from, valid_to, min_punctuality_rate, max_dispatch_response_minutes, km_rate_fen, status, signed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'signed', $11) ON CONFLICT (contract_id) DO NOTHING`,
      [
        contract.contractId,
        contract.agencyId,
        contract.vendorId,
        contract.vendorName,
        contract.title,
        contract.validFrom,
        contract.validTo,
        contract.minPunctualityRate,
        contract.maxDispatchResponseMinutes,
        contract.kmRateFen ?? null,
        contract.signedAt,
      ],
    );
  }

  /** A signed contract ends once; an ended one stays ended. */
  async endContract(manager: EntityManager, agencyId: string, contractId: string, status: 'expired' | 'terminated', at: Date): Promise<void> {
    await manager.query(`UPDATE transport_contract SET status = $3, ended_at = $4 WHERE agency_id = $1 AND contract_id = $2 AND status = 'signed'`, [agencyId, contractId, status, at]);
  }

  async contract(manager: EntityManager, agencyId: string, contractId: string): Promise<RentalContract | undefined> {
    const rows = (await manager.query(`SELECT * FROM transport_contract WHERE agency_id = $1 AND contract_id = $2`, [agencyId, contractId])) as ContractRow[];
    return rows[0] ? contractOf(rows[0]) : undefined;
  }

  async contracts(manager: EntityManager, agencyId: string): Promise<RentalContract[]> {
    return ((await manager.query(`SELECT * FROM transport_contract WHERE agency_id = $1 ORDER BY signed_at DESC`, [agencyId])) as ContractRow[]).map(contractOf);
  }

  /**
   * Per contract, what its rental trips add up to so far: completed and on time; answered by the
   * deadline, late, or unanswered past it (a late answer is counted once, as late).
   */
  async tripCounts(manager: EntityManager, agencyId: string): Promise<Map<string, RentalTripCounts>> {
    const rows = (await manager.query(
      `SELECT contract_id,
              count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE status = 'completed' AND on_time)::int AS on_time,
              count(*) FILTER (WHERE rental_confirmed_at IS NOT NULL AND rental_within_sla)::int AS confirmed_within_sla,
              count(*) FILTER (WHERE rental_confirmed_at IS NOT NULL AND NOT rental_within_sla)::int AS confirmed_late,
              count(*) FILTER (WHERE rental_confirmed_at IS NULL AND rental_response_breached_at IS NOT NULL)::int AS unanswered_past_deadline
         FROM trip
        WHERE agency_id = $1 AND assignment_kind = 'rental'
        GROUP BY contract_id`,
      [agencyId],
    )) as Array<{ contract_id: string; completed: number; on_time: number; confirmed_within_sla: number; confirmed_late: number; unanswered_past_deadline: number }>;
    return new Map(
      rows.map((row) => [
        row.contract_id,
        { completed: row.completed, onTime: row.on_time, confirmedWithinSla: row.confirmed_within_sla, confirmedLate: row.confirmed_late, unansweredPastDeadline: row.unanswered_past_deadline },
      ]),
    );
  }

  /** Under a lock per vendor, so two changes of one vendor's standing merge rather than overwrite. */
  async lockStanding(manager: EntityManager, agencyId: string, vendorId: string): Promise<VendorStanding | undefined> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`transport-vendor-standing:${agencyId}:${vendorId}`]);
    return this.standing(manager, agencyId, vendorId);
  }

  async standing(manager: EntityManager, agencyId: string, vendorId: string): Promise<VendorStanding | undefined> {
    return (await this.standings(manager, agencyId)).get(vendorId);
  }

  async standings(manager: EntityManager, agencyId: string): Promise<Map<string, VendorStanding>> {
    const rows = (await manager.query(`SELECT * FROM transport_vendor_standing WHERE agency_id = $1`, [agencyId])) as StandingRow[];
    return new Map(
      rows.map((row) => [
        row.vendor_id,
        { vendorId: row.vendor_id, status: row.status, sanctioned: row.sanctioned, warned: row.warned, reason: row.reason, effectiveFrom: row.effective_from, ...(row.until ? { until: row.until } : {}) },
      ]),
    );
  }

  async saveStanding(manager: EntityManager, agencyId: string, standing: VendorStanding, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO transport_vendor_standing (agency_id, vendor_id, status, sanctioned, warned, reason, effective_from, until, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (agency_id, vendor_id) DO UPDATE SET status = EXCLUDED.status, sanctioned = EXCLUDED.sanctioned, warned = EXCLUDED.warned, reason = EXCLUDED.reason,
         effective_from = EXCLUDED.effective_from, until = EXCLUDED.until, updated_at = EXCLUDED.updated_at`,
      [agencyId, standing.vendorId, standing.status, standing.sanctioned, standing.warned, standing.reason, standing.effectiveFrom, standing.until ?? null, at],
    );
  }
}

function contractOf(row: ContractRow): RentalContract {
  return {
    contractId: row.contract_id,
    agencyId: row.agency_id,
    vendorId: row.vendor_id,
    vendorName: row.vendor_name,
    title: row.title,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    minPunctualityRate: Number(row.min_punctuality_rate),
    maxDispatchResponseMinutes: row.max_dispatch_response_minutes,
    ...(row.km_rate_fen !== null ? { kmRateFen: row.km_rate_fen } : {}),
    status: row.status,
    signedAt: row.signed_at,
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
  };
}
