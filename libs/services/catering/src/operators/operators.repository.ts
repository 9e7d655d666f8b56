import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CanteenTargets, CateringContract, OperatorPeriod, OperatorStanding } from './domain/operator';

interface ContractRow {
  contract_id: string;
  agency_id: string;
  vendor_id: string;
  vendor_name: string;
  title: string;
  valid_from: Date;
  valid_to: Date;
  targets: CanteenTargets;
  status: CateringContract['status'];
  signed_at: Date;
  ended_at: Date | null;
}

interface PeriodRow {
  id: string;
  agency_id: string;
  canteen_id: string;
  contract_id: string;
  vendor_id: string;
  vendor_name: string;
  starts_at: Date;
  ends_at: Date;
  targets: CanteenTargets;
  assigned_by: string;
  assigned_at: Date;
}

export interface OperatorWarning {
  id: string;
  canteenId: string;
  vendorId: string;
  kind: 'sanctioned' | 'warned' | 'suspended' | 'blacklisted';
  reason: string;
  sourceRef: string;
  raisedAt: Date;
}

/** The projection of procurement's catering contracts, vendors' standing, and the canteens' operator periods and warnings. */
@Injectable()
export class OperatorsRepository {
  async insertContract(manager: EntityManager, contract: CateringContract): Promise<void> {
    await manager.query(
      `INSERT INTO catering_contract (contract_id, agency_id, vendor_id, vendor_name, title, valid_from, valid_to, targets, status, signed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, 'signed', $9) ON CONFLICT (contract_id) DO NOTHING`,
      [contract.contractId, contract.agencyId, contract.vendorId, contract.vendorName, contract.title, contract.validFrom, contract.validTo, JSON.stringify(contract.targets), contract.signedAt],
    );
  }

  /** A signed contract ends once; an ended one stays ended. */
  async endContract(manager: EntityManager, agencyId: string, contractId: string, status: 'expired' | 'terminated', at: Date): Promise<void> {
    await manager.query(`UPDATE catering_contract SET status = $3, ended_at = $4 WHERE agency_id = $1 AND contract_id = $2 AND status = 'signed'`, [agencyId, contractId, status, at]);
  }

  async contract(manager: EntityManager, agencyId: string, contractId: string): Promise<CateringContract | undefined> {
    const rows = (await manager.query(`SELECT * FROM catering_contract WHERE agency_id = $1 AND contract_id = $2`, [agencyId, contractId])) as ContractRow[];
    return rows[0] ? contractOf(rows[0]) : undefined;
  }

  async contracts(manager: EntityManager, agencyId: string): Promise<CateringContract[]> {
    return ((await manager.query(`SELECT * FROM catering_contract WHERE agency_id = $1 ORDER BY signed_at DESC`, [agencyId])) as ContractRow[]).map(contractOf);
  }

  /** Under a lock per vendor, so two changes of one vendor's standing merge rather than overwrite. */
  async lockStanding(manager: EntityManager, agencyId: string, vendorId: string): Promise<OperatorStanding | undefined> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`catering-vendor-standing:${agencyId}:${vendorId}`]);
    return this.standing(manager, agencyId, vendorId);
  }

  async standing(manager: EntityManager, agencyId: string, vendorId: string): Promise<OperatorStanding | undefined> {
    const rows = (await manager.query(`SELECT * FROM catering_vendor_standing WHERE agency_id = $1 AND vendor_id = $2`, [agencyId, vendorId])) as Array<{
      vendor_id: string;
      status: OperatorStanding['status'];
      sanctioned: boolean;
      reason: string;
      effective_from: Date;
      until: Date | null;
      source: 'procurement' | 'evaluation';
      lifted_at: Date | null;
    }>;
    const row = rows[0];
    if (!row) return undefined;
    return {
      vendorId: row.vendor_id,
      status: row.status,
      sanctioned: row.sanctioned,
      reason: row.reason,
      effectiveFrom: row.effective_from,
      ...(row.until ? { until: row.until } : {}),
      ...(row.source === 'evaluation' ? { source: row.source } : {}),
      ...(row.lifted_at ? { liftedAt: row.lifted_at } : {}),
    };
  }

  async saveStanding(manager: EntityManager, agencyId: string, standing: OperatorStanding, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO catering_vendor_standing (agency_id, vendor_id, status, sanctioned, reason, effective_from, until, source, lifted_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (agency_id, vendor_id) DO UPDATE SET status = EXCLUDED.status, sanctioned = EXCLUDED.sanctioned, reason = EXCLUDED.reason,
         effective_from = EXCLUDED.effective_from, until = EXCLUDED.until, source = EXCLUDED.source, lifted_at = EXCLUDED.lifted_at, updated_at = EXCLUDED.updated_at`,
      [agencyId, standing.vendorId, standing.status, standing.sanctioned, standing.reason, standing.effectiveFrom, standing.until ?? null, standing.source ?? 'procurement', standing.liftedAt ?? null, at],
    );
  }

  /** The canteen's periods, latest first, under the canteen's row lock when `forUpdate` (one new period at a time). */
  async periods(manager: EntityManager, canteenId: string, forUpdate = false): Promise<OperatorPeriod[]> {
    if (forUpdate) await manager.query(`SELECT 1 FROM canteen WHERE id = $1 FOR UPDATE`, [canteenId]);
    return ((await manager.query(`SELECT * FROM canteen_operator_period WHERE canteen_id = $1 ORDER BY starts_at DESC`, [canteenId])) as PeriodRow[]).map(periodOf);
  }

  async insertPeriod(manager: EntityManager, period: OperatorPeriod): Promise<void> {
    await manager.query(
      `INSERT INTO canteen_operator_period (id, agency_id, canteen_id, contract_id, vendor_id, vendor_name, starts_at, ends_at, targets, assigned_by, assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
      [period.id, period.agencyId, period.canteenId, period.contractId, period.vendorId, period.vendorName, period.startsAt, period.endsAt, JSON.stringify(period.targets), period.assignedBy, period.assignedAt],
    );
  }

  /** The canteens the vendor runs at `at` (its periods in force). */
  async canteensRunBy(manager: EntityManager, agencyId: string, vendorId: string, at: Date): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT p.canteen_id FROM canteen_operator_period p JOIN catering_contract c ON c.contract_id = p.contract_id
        WHERE p.agency_id = $1 AND p.vendor_id = $2 AND p.starts_at <= $3 AND p.ends_at > $3 AND (c.status = 'signed' OR c.ended_at > $3)`,
      [agencyId, vendorId, at],
    )) as Array<{ canteen_id: string }>;
    return rows.map((row) => row.canteen_id);
  }

  /** Records a warning for the manager of each canteen the vendor runs; once per canteen and source. */
  async warnCanteens(manager: EntityManager, agencyId: string, warning: Omit<OperatorWarning, 'id' | 'canteenId'>, canteenIds: readonly string[]): Promise<number> {
    let raised = 0;
    for (const canteenId of canteenIds) {
      const inserted = (await manager.query(
        `INSERT INTO canteen_operator_warning (id, agency_id, canteen_id, vendor_id, kind, reason, source_ref, raised_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (canteen_id, source_ref) DO NOTHING RETURNING id`,
        [agencyId, canteenId, warning.vendorId, warning.kind, warning.reason, warning.sourceRef, warning.raisedAt],
      )) as unknown[];
      raised += inserted.length;
    }
    return raised;
  }

  async warnings(manager: EntityManager, canteenId: string): Promise<OperatorWarning[]> {
    const rows = (await manager.query(`SELECT * FROM canteen_operator_warning WHERE canteen_id = $1 ORDER BY raised_at DESC`, [canteenId])) as Array<{
      id: string;
      canteen_id: string;
      vendor_id: string;
      kind: OperatorWarning['kind'];
      reason: string;
      source_ref: string;
      raised_at: Date;
    }>;
    return rows.map((row) => ({ id: row.id, canteenId: row.canteen_id, vendorId: row.vendor_id, kind: row.kind, reason: row.reason, sourceRef: row.source_ref, raisedAt: row.raised_at }));
  }
}

function contractOf(row: ContractRow): CateringContract {
  return {
    contractId: row.contract_id,
    agencyId: row.agency_id,
    vendorId: row.vendor_id,
    vendorName: row.vendor_name,
    title: row.title,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    targets: row.targets,
    status: row.status,
    signedAt: row.signed_at,
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
  };
}

function periodOf(row: PeriodRow): OperatorPeriod {
  return {
    id: row.id,
    agencyId: row.agency_id,
    canteenId: row.canteen_id,
    contractId: row.contract_id,
    vendorId: row.vendor_id,
    vendorName: row.vendor_name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    targets: row.targets,
    assignedBy: row.assigned_by,
    assignedAt: row.assigned_at,
  };
}
