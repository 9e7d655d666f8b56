import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import type { BreachKind } from './domain/penalty';
import { Violation, ViolationSource } from './domain/violation';
import type { ViolationRules } from './domain/violation-rules';
import { ViolationRecord } from './violation.entity';

export interface ViolationFilter {
  party?: string | undefined;
  source?: ViolationSource | undefined;
  settlementPeriod?: string | undefined;
  /** Occurred at or after. */
  from?: Date | undefined;
  /** Occurred before. */
  to?: Date | undefined;
}

/** The vendor a vendor account acts for (the nil id, matching nothing, when it names none); undefined for everyone else. */
export function vendorActedFor(caller: Caller): string | undefined {
  if (!caller.roles.includes('vendor')) return undefined;
  return caller.vendorId && /^[0-9a-f-]{36}$/i.test(caller.vendorId) ? caller.vendorId.toLowerCase() : '00000000-0000-0000-0000-000000000000';
}

/** Violations, loaded and saved whole, and the agency's violation rules. */
@Injectable()
export class ViolationsRepository {
  /** One violation of the caller's agency; a vendor account's view of another vendor's answers 404 like a missing one. */
  async load(manager: EntityManager, caller: Caller, id: string, options: { forUpdate?: boolean } = {}): Promise<{ violation: Violation; version: number }> {
    const record = await manager.findOne(ViolationRecord, { where: { id, agencyId: caller.agencyId }, ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const vendor = vendorActedFor(caller);
    if (!record || (vendor !== undefined && record.vendorId !== vendor)) throw new NotFoundError('violation', id);
    return { violation: toDomain(record), version: record.version };
  }

  /** The violation recorded from an offence, if any (locked when asked: a void follows). */
  async findBySource(manager: EntityManager, agencyId: string, source: ViolationSource, sourceRef: string, options: { forUpdate?: boolean } = {}): Promise<{ violation: Violation; version: number } | undefined> {
    const record = await manager.findOne(ViolationRecord, { where: { agencyId, source, sourceRef }, ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return record ? { violation: toDomain(record), version: record.version } : undefined;
  }

  /** Inserts a new violation; false when one was already recorded for the same offence (a redelivery, or a concurrent twin). */
  async insert(manager: EntityManager, violation: Violation): Promise<boolean> {
    const inserted = (await manager
      .createQueryBuilder()
      .insert()
      .into(ViolationRecord)
      .values(toRecord(violation, 1))
      .orIgnore()
      .returning('id')
      .execute()) as { raw: unknown[] };
    return inserted.raw.length === 1;
  }

  async save(manager: EntityManager, violation: Violation, version: number): Promise<void> {
    const result = await manager.update(ViolationRecord, { id: violation.id, version }, toRecord(violation, version + 1));
    if (result.affected !== 1) throw new NotFoundError('violation', violation.id);
  }

  /**
   * Serialises the pricing of one contract's breach kind in one settlement month: whoever holds it
   * reads the month's charged total and records its penalty before the next one reads it, so the
   * cap holds under concurrent breaches (released when the transaction ends).
   */
  async lockMonthlyCap(manager: EntityManager, contractId: string, breach: BreachKind, settlementPeriod: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`violation-cap:${contractId}:${breach}:${settlementPeriod}`]);
  }

  /** Fen already charged under the contract for the breach kind in the month, voided violations left out. */
  async chargedThisMonth(manager: EntityManager, agencyId: string, contractId: string, breach: BreachKind, settlementPeriod: string): Promise<number> {
    const rows = (await manager.query(
      `SELECT COALESCE(SUM(penalty_amount), 0) AS charged FROM violation
        WHERE agency_id = $1 AND contract_id = $2 AND breach = $3 AND settlement_period = $4 AND status = 'recorded'`,
      [agencyId, contractId, breach, settlementPeriod],
    )) as Array<{ charged: string }>;
    return Number(rows[0]?.charged ?? 0);
  }

  async list(manager: EntityManager, agencyId: string, filter: ViolationFilter & { vendorId?: string | undefined }, limit: number): Promise<Violation[]> {
    const query = manager.createQueryBuilder(ViolationRecord, 'v').where('v.agency_id = :agencyId', { agencyId });
    if (filter.vendorId) query.andWhere('v.vendor_id = :vendorId', { vendorId: filter.vendorId });
    if (filter.party) query.andWhere('v.party = :party', { party: filter.party.toLowerCase() });
    if (filter.source) query.andWhere('v.source = :source', { source: filter.source });
    if (filter.settlementPeriod) query.andWhere('v.settlement_period = :period', { period: filter.settlementPeriod });
    if (filter.from) query.andWhere('v.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('v.occurred_at < :to', { to: filter.to });
    const records = await query.orderBy('v.occurred_at', 'DESC').addOrderBy('v.id', 'ASC').take(limit).getMany();
    return records.map(toDomain);
  }

  /** Every violation of a settlement month (voided ones too: the statement leaves them out itself). */
  async ofSettlementPeriod(manager: EntityManager, agencyId: string, settlementPeriod: string, vendorId: string | undefined): Promise<Violation[]> {
    const records = await manager.find(ViolationRecord, { where: { agencyId, settlementPeriod, ...(vendorId ? { vendorId } : {}) }, order: { occurredAt: 'ASC', id: 'ASC' } });
    return records.map(toDomain);
  }

  async rules(manager: EntityManager, agencyId: string): Promise<ViolationRules | undefined> {
    const rows = (await manager.query(`SELECT rules FROM violation_rules WHERE agency_id = $1`, [agencyId])) as Array<{ rules: ViolationRules }>;
    return rows[0]?.rules;
  }

  async saveRules(manager: EntityManager, agencyId: string, rules: ViolationRules, by: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO violation_rules (agency_id, rules, updated_by, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agency_id) DO UPDATE SET rules = EXCLUDED.rules, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [agencyId, JSON.stringify(rules), by, at],
    );
  }
}

export function toDomain(record: ViolationRecord): Violation {
  return {
    id: record.id,
    agencyId: record.agencyId,
    party: record.party,
    ...(record.vendorId ? { vendorId: record.vendorId } : {}),
    ...(record.serviceType ? { serviceType: record.serviceType } : {}),
    ...(record.contractId ? { contractId: record.contractId } : {}),
    source: record.source,
    sourceRef: record.sourceRef,
    severity: record.severity,
    penaltyPoints: record.penaltyPoints,
    ...(record.breach ? { breach: record.breach } : {}),
    penaltyAmount: record.penaltyAmount,
    settlementPeriod: record.settlementPeriod,
    description: record.description,
    occurredAt: record.occurredAt,
    recordedBy: record.recordedBy,
    recordedAt: record.recordedAt,
    answerable: record.answerable,
    status: record.status,
    ...(record.voidReason ? { voidReason: record.voidReason } : {}),
    ...(record.voidedBy ? { voidedBy: record.voidedBy } : {}),
    ...(record.voidedAt ? { voidedAt: record.voidedAt } : {}),
  };
}

export function toRecord(violation: Violation, version: number): ViolationRecord {
  return {
    id: violation.id,
    agencyId: violation.agencyId,
    party: violation.party,
    vendorId: violation.vendorId ?? null,
    serviceType: violation.serviceType ?? null,
    contractId: violation.contractId ?? null,
    source: violation.source,
    sourceRef: violation.sourceRef,
    severity: violation.severity,
    penaltyPoints: violation.penaltyPoints,
    breach: violation.breach ?? null,
    penaltyAmount: violation.penaltyAmount,
    settlementPeriod: violation.settlementPeriod,
    description: violation.description,
    occurredAt: violation.occurredAt,
    recordedBy: violation.recordedBy,
    recordedAt: violation.recordedAt,
    answerable: violation.answerable,
    status: violation.status,
    voidReason: violation.voidReason ?? null,
    voidedBy: violation.voidedBy ?? null,
    voidedAt: violation.voidedAt ?? null,
    version,
  };
}
