import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ContractPenaltyTerms, PenaltyRule } from './domain/penalty';

export interface ContractTermsRow extends ContractPenaltyTerms {
  vendorName: string;
  serviceType: string;
  status: string;
}

/**
 * What violations read of other services, kept locally from their events as the platform keeps
 * reference data: the contracts' penalty terms and monthly fee (procurement's contract events) and
 * who assigned each work order (maintenance's work-order.assigned), plus the vendors' names
 * analytics already keeps (evaluation_vendor).
 */
@Injectable()
export class PenaltyTermsRepository {
  async recordContract(manager: EntityManager, row: ContractTermsRow & { agencyId: string; changedAt: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO violation_contract (agency_id, contract_id, vendor_id, vendor_name, service_type, monthly_fee, penalty_rules, status, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (agency_id, contract_id) DO UPDATE SET vendor_id = EXCLUDED.vendor_id, vendor_name = EXCLUDED.vendor_name, service_type = EXCLUDED.service_type,
         monthly_fee = EXCLUDED.monthly_fee, penalty_rules = EXCLUDED.penalty_rules`,
      [row.agencyId, row.contractId, row.vendorId.toLowerCase(), row.vendorName, row.serviceType, row.monthlyFee ?? null, JSON.stringify(row.penaltyRules), row.status, row.changedAt],
    );
  }

  /** A contract expired or was terminated: its terms still price the breaches of work assigned under it. */
  async recordContractEnded(manager: EntityManager, agencyId: string, contractId: string, status: 'expired' | 'terminated', at: Date): Promise<void> {
    await manager.query(`UPDATE violation_contract SET status = $3, changed_at = $4 WHERE agency_id = $1 AND contract_id = $2 AND changed_at <= $4`, [agencyId, contractId, status, at]);
  }

  async contract(manager: EntityManager, agencyId: string, contractId: string): Promise<ContractTermsRow | undefined> {
    const rows = (await manager.query(
      `SELECT contract_id, vendor_id, vendor_name, service_type, monthly_fee, penalty_rules, status FROM violation_contract WHERE agency_id = $1 AND contract_id = $2`,
      [agencyId, contractId],
    )) as Array<{ contract_id: string; vendor_id: string; vendor_name: string; service_type: string; monthly_fee: string | null; penalty_rules: PenaltyRule[]; status: string }>;
    const row = rows[0];
    if (!row) return undefined;
    return {
      contractId: row.contract_id,
      vendorId: row.vendor_id,
      vendorName: row.vendor_name,
      serviceType: row.service_type,
      ...(row.monthly_fee !== null ? { monthlyFee: Number(row.monthly_fee) } : {}),
      penaltyRules: row.penalty_rules,
      status: row.status,
    };
  }

  /** The vendor's contract of the service type in force (the latest signed, should there be two), for offences that name none. */
  async contractInForce(manager: EntityManager, agencyId: string, vendorId: string, serviceType: string): Promise<string | undefined> {
    const rows = (await manager.query(
      `SELECT contract_id FROM violation_contract WHERE agency_id = $1 AND vendor_id = $2 AND service_type = $3 AND status = 'active' ORDER BY changed_at DESC LIMIT 1`,
      [agencyId, vendorId.toLowerCase(), serviceType],
    )) as Array<{ contract_id: string }>;
    return rows[0]?.contract_id;
  }

  /** The latest assignment of a work order wins, whatever order the events arrive in. */
  async recordAssignment(manager: EntityManager, agencyId: string, workOrderId: string, assignedBy: string, automatic: boolean, assignedAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO violation_work_order_assignment (agency_id, work_order_id, assigned_by, automatic, assigned_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (agency_id, work_order_id) DO UPDATE SET assigned_by = EXCLUDED.assigned_by, automatic = EXCLUDED.automatic, assigned_at = EXCLUDED.assigned_at
        WHERE violation_work_order_assignment.assigned_at <= EXCLUDED.assigned_at`,
      [agencyId, workOrderId, assignedBy, automatic, assignedAt],
    );
  }

  async assignment(manager: EntityManager, agencyId: string, workOrderId: string): Promise<{ assignedBy: string; automatic: boolean } | undefined> {
    const rows = (await manager.query(`SELECT assigned_by, automatic FROM violation_work_order_assignment WHERE agency_id = $1 AND work_order_id = $2`, [agencyId, workOrderId])) as Array<{
      assigned_by: string;
      automatic: boolean;
    }>;
    return rows[0] ? { assignedBy: rows[0].assigned_by, automatic: rows[0].automatic } : undefined;
  }

  /** A vendor's name as procurement announced it (analytics' vendor directory), or as a contract of it names it. */
  async vendorName(manager: EntityManager, agencyId: string, vendorId: string): Promise<string | undefined> {
    const rows = (await manager.query(
      `SELECT name FROM evaluation_vendor WHERE agency_id = $1 AND vendor_id = $2
       UNION ALL SELECT vendor_name FROM (SELECT vendor_name FROM violation_contract WHERE agency_id = $1 AND vendor_id = $2 ORDER BY changed_at DESC LIMIT 1) latest`,
      [agencyId, vendorId.toLowerCase()],
    )) as Array<{ name: string }>;
    return rows[0]?.name;
  }
}
