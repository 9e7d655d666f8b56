import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import { findInAgency } from '@houqin/persistence';
import { EvaluatorOrganisation, TieNature } from './domain/evaluator-organisation';
import { EvaluatorOrganisationRecord } from './assessment.entity';

export interface LoadedOrganisation {
  organisation: EvaluatorOrganisation;
  version: number;
}

/** Evaluator organisations of one agency, loaded and saved whole. */
@Injectable()
export class EvaluatorOrganisationsRepository {
  async load(manager: EntityManager, agencyId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<LoadedOrganisation> {
    const record = await findInAgency(manager, EvaluatorOrganisationRecord, { id, agencyId, aggregate: 'evaluator organisation', forUpdate: options.forUpdate ?? false });
    return { organisation: toDomain(record), version: record.version };
  }

  /** The organisation an evaluator account acts for in its agency, if any. */
  async actingFor(manager: EntityManager, agencyId: string, userId: string, options: { forUpdate?: boolean } = {}): Promise<LoadedOrganisation | null> {
    const query = manager
      .createQueryBuilder(EvaluatorOrganisationRecord, 'o')
      .where('o.agency_id = :agencyId', { agencyId })
      .andWhere(':userId = ANY(o.accounts)', { userId });
    if (options.forUpdate) query.setLock('pessimistic_write');
    const record = await query.getOne();
    return record ? { organisation: toDomain(record), version: record.version } : null;
  }

  /** Another organisation of the agency that already names one of these accounts. */
  async holderOfAny(manager: EntityManager, agencyId: string, accounts: readonly string[], except?: string): Promise<{ account: string; organisation: string } | null> {
    const rows = (await manager.query(
      `SELECT name, accounts FROM evaluator_organisation WHERE agency_id = $1 AND accounts && $2::text[] AND ($3::uuid IS NULL OR id <> $3::uuid) LIMIT 1`,
      [agencyId, accounts, except ?? null],
    )) as Array<{ name: string; accounts: string[] }>;
    const row = rows[0];
    if (!row) return null;
    return { account: accounts.find((account) => row.accounts.includes(account)) ?? accounts[0]!, organisation: row.name };
  }

  async insert(manager: EntityManager, organisation: EvaluatorOrganisation): Promise<void> {
    await manager.insert(EvaluatorOrganisationRecord, toRecord(organisation, 1));
  }

  async save(manager: EntityManager, organisation: EvaluatorOrganisation, version: number): Promise<void> {
    const result = await manager.update(EvaluatorOrganisationRecord, { id: organisation.id, version }, toRecord(organisation, version + 1));
    if (result.affected !== 1) throw new NotFoundError('evaluator organisation', organisation.id);
  }

  async list(manager: EntityManager, agencyId: string, limit: number): Promise<EvaluatorOrganisation[]> {
    const records = await manager.find(EvaluatorOrganisationRecord, { where: { agencyId }, order: { registeredAt: 'DESC' }, take: limit });
    return records.map(toDomain);
  }
}

export function toDomain(record: EvaluatorOrganisationRecord): EvaluatorOrganisation {
  return {
    id: record.id,
    agencyId: record.agencyId,
    name: record.name,
    ...(record.creditCode ? { creditCode: record.creditCode } : {}),
    accounts: record.accounts,
    engagements: record.engagements.map((e) => ({ from: new Date(e.from), until: new Date(e.until), engagedBy: e.engagedBy, engagedAt: new Date(e.engagedAt) })),
    ties: record.ties.map((t) => ({
      vendorId: t.vendorId,
      nature: t.nature as TieNature,
      ...(t.note ? { note: t.note } : {}),
      declaredBy: t.declaredBy,
      declaredAt: new Date(t.declaredAt),
    })),
    registeredBy: record.registeredBy,
    registeredAt: record.registeredAt,
  };
}

export function toRecord(organisation: EvaluatorOrganisation, version: number): EvaluatorOrganisationRecord {
  return {
    id: organisation.id,
    agencyId: organisation.agencyId,
    name: organisation.name,
    creditCode: organisation.creditCode ?? null,
    accounts: organisation.accounts,
    engagements: organisation.engagements.map((e) => ({ from: e.from.toISOString(), until: e.until.toISOString(), engagedBy: e.engagedBy, engagedAt: e.engagedAt.toISOString() })),
    ties: organisation.ties.map((t) => ({ vendorId: t.vendorId, nature: t.nature, ...(t.note ? { note: t.note } : {}), declaredBy: t.declaredBy, declaredAt: t.declaredAt.toISOString() })),
    registeredBy: organisation.registeredBy,
    registeredAt: organisation.registeredAt,
    version,
  };
}
