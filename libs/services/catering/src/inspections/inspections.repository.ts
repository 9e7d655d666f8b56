import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CheckItem, Inspection, InspectionPhoto } from './domain/inspection';

interface InspectionRow {
  id: string;
  agency_id: string;
  canteen_id: string;
  vendor_id: string | null;
  contract_id: string | null;
  items: CheckItem[];
  photos: InspectionPhoto[];
  score: string;
  passed: boolean;
  inspected_by: string;
  inspected_at: Date;
}

/** Food-safety inspections, kept as recorded. */
@Injectable()
export class InspectionsRepository {
  async insert(manager: EntityManager, inspection: Inspection): Promise<void> {
    await manager.query(
      `INSERT INTO food_safety_inspection (id, agency_id, canteen_id, vendor_id, contract_id, items, photos, score, passed, inspected_by, inspected_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11)`,
      [
        inspection.id,
        inspection.agencyId,
        inspection.canteenId,
        inspection.vendorId ?? null,
        inspection.contractId ?? null,
        JSON.stringify(inspection.items),
        JSON.stringify(inspection.photos),
        inspection.score,
        inspection.passed,
        inspection.inspectedBy,
        inspection.inspectedAt,
      ],
    );
  }

  async list(manager: EntityManager, canteenId: string, limit: number): Promise<Inspection[]> {
    const rows = (await manager.query(`SELECT * FROM food_safety_inspection WHERE canteen_id = $1 ORDER BY inspected_at DESC LIMIT $2`, [canteenId, limit])) as InspectionRow[];
    return rows.map((row) => ({
      id: row.id,
      agencyId: row.agency_id,
      canteenId: row.canteen_id,
      ...(row.vendor_id ? { vendorId: row.vendor_id } : {}),
      ...(row.contract_id ? { contractId: row.contract_id } : {}),
      items: row.items,
      photos: row.photos,
      score: Number(row.score),
      passed: row.passed,
      inspectedBy: row.inspected_by,
      inspectedAt: row.inspected_at,
    }));
  }
}
