import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccountabilityEntryRecord } from './accountability.entity';
import { AccountabilityEntry, AnswerablePartyKind, OffenceKind } from './domain/accountability';

/** What the record is searched by; every bound optional. */
export interface AccountabilityFilter {
  vendorId?: string;
  userId?: string;
  departmentId?: string;
  kind?: OffenceKind;
  answerableKind?: AnswerablePartyKind;
  from?: Date;
  to?: Date;
  includeVoided: boolean;
  limit?: number;
}

export interface Voiding {
  at: Date;
  by: string;
  reason: string;
}

/** The accountability entries of an agency: written from events, never deleted. */
@Injectable()
export class AccountabilityRepository {
  /** Adds the entries of an offence; one already there (a redelivered event) stays as it is. */
  async record(manager: EntityManager, entries: readonly AccountabilityEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(AccountabilityEntryRecord)
      .values(entries.map(toRecord))
      .orIgnore()
      .execute();
  }

  /** Marks every entry of an offence voided (the first voiding stands); returns how many were marked. */
  async markVoided(manager: EntityManager, agencyId: string, kind: OffenceKind, offenceId: string, voiding: Voiding): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(AccountabilityEntryRecord)
      .set({ voidedAt: voiding.at, voidedBy: voiding.by, voidReason: voiding.reason })
      .where('agency_id = :agencyId AND offence_kind = :kind AND offence_id = :offenceId AND voided_at IS NULL', { agencyId, kind, offenceId })
      .execute();
    return result.affected ?? 0;
  }

  async list(manager: EntityManager, agencyId: string, filter: AccountabilityFilter): Promise<AccountabilityEntryRecord[]> {
    const query = manager
      .createQueryBuilder(AccountabilityEntryRecord, 'entry')
      .where('entry.agencyId = :agencyId', { agencyId })
      .orderBy('entry.occurredAt', 'DESC')
      .addOrderBy('entry.offenceId', 'ASC')
      .addOrderBy('entry.answerableKey', 'ASC');
    if (filter.vendorId !== undefined) query.andWhere('entry.vendorId = :vendorId', { vendorId: filter.vendorId });
    if (filter.userId !== undefined) query.andWhere('entry.userId = :userId', { userId: filter.userId });
    if (filter.departmentId !== undefined) query.andWhere('entry.departmentId = :departmentId', { departmentId: filter.departmentId });
    if (filter.kind !== undefined) query.andWhere('entry.offenceKind = :kind', { kind: filter.kind });
    if (filter.answerableKind !== undefined) query.andWhere('entry.answerableKind = :answerableKind', { answerableKind: filter.answerableKind });
    if (filter.from !== undefined) query.andWhere('entry.occurredAt >= :from', { from: filter.from });
    if (filter.to !== undefined) query.andWhere('entry.occurredAt < :to', { to: filter.to });
    if (!filter.includeVoided) query.andWhere('entry.voidedAt IS NULL');
    if (filter.limit !== undefined) query.take(filter.limit);
    return query.getMany();
  }
}

function toRecord(entry: AccountabilityEntry): AccountabilityEntryRecord {
  const record = new AccountabilityEntryRecord();
  Object.assign(record, {
    id: randomUUID(),
    agencyId: entry.agencyId,
    offenceKind: entry.kind,
    offenceId: entry.offenceId,
    answerableKey: entry.answerableKey,
    answerableKind: entry.answerable.kind,
    vendorId: entry.answerable.vendorId ?? null,
    userId: entry.answerable.userId ?? null,
    departmentId: entry.answerable.departmentId ?? null,
    answerableName: entry.answerable.name ?? null,
    answerableRole: entry.answerable.role ?? null,
    party: entry.party,
    source: entry.source,
    sourceRef: entry.sourceRef ?? null,
    severity: entry.severity ?? null,
    penaltyPoints: entry.penaltyPoints ?? null,
    penaltyAmountFen: entry.penaltyAmountFen ?? null,
    settlementPeriod: entry.settlementPeriod ?? null,
    description: entry.description,
    occurredAt: entry.occurredAt,
    decidedBy: entry.decidedBy ?? null,
    sourceEventId: entry.sourceEventId,
    voidedAt: null,
    voidedBy: null,
    voidReason: null,
  });
  return record;
}
