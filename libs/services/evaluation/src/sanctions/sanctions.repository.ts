import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import type { Offence, OffenceKind } from './domain/offence';
import type { ProposalStatus, SanctionProposal } from './domain/proposal';
import type { Sanction, SanctionStatus } from './domain/sanction';
import type { SanctionRuleSet } from './domain/sanction-rules';
import { SanctionOffenceRecord, SanctionProposalRecord, SanctionRecord, SanctionRuleSetRecord } from './sanction.entity';

/** The vendor a vendor account acts for (a malformed one matches nothing); undefined for the agency's own people. */
export function vendorActedFor(caller: Caller): string | undefined {
  if (!caller.roles.includes('vendor')) return undefined;
  return caller.vendorId && /^[0-9a-f-]{36}$/i.test(caller.vendorId) ? caller.vendorId.toLowerCase() : '00000000-0000-0000-0000-000000000000';
}

const lock = (forUpdate: boolean) => (forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {});

/** The offence ledger, the agencies' rule sets, proposals and sanctions. */
@Injectable()
export class SanctionsRepository {
  /** Serialises the rules' decisions for one vendor of an agency (offences of one vendor arrive on several topics). */
  async lockVendor(manager: EntityManager, agencyId: string, vendorId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`evaluation-sanctions:${agencyId}:${vendorId}`]);
  }

  async findOffence(manager: EntityManager, agencyId: string, kind: OffenceKind, sourceRef: string): Promise<Offence | undefined> {
    const record = await manager.findOne(SanctionOffenceRecord, { where: { agencyId, kind, sourceRef } });
    return record ? offenceOf(record) : undefined;
  }

  /** Inserts an offence; false when its source is in the ledger already (a redelivery). */
  async insertOffence(manager: EntityManager, offence: Offence, recordedAt: Date): Promise<boolean> {
    const inserted = (await manager
      .createQueryBuilder()
      .insert()
      .into(SanctionOffenceRecord)
      .values({ ...offenceRecord(offence), recordedAt })
      .orIgnore()
      .returning('id')
      .execute()) as { raw: unknown[] };
    return inserted.raw.length > 0;
  }

  async saveOffence(manager: EntityManager, offence: Offence): Promise<void> {
    await manager.update(SanctionOffenceRecord, { id: offence.id }, offenceRecord(offence));
  }

  async ledgerOf(manager: EntityManager, agencyId: string, vendorId: string): Promise<Offence[]> {
    return (await manager.find(SanctionOffenceRecord, { where: { agencyId, vendorId }, order: { occurredAt: 'ASC' } })).map(offenceOf);
  }

  async ruleSet(manager: EntityManager, agencyId: string): Promise<(SanctionRuleSet & { updatedBy: string; updatedAt: Date }) | undefined> {
    const record = await manager.findOne(SanctionRuleSetRecord, { where: { agencyId } });
    if (!record) return undefined;
    return {
      rules: record.rules,
      ladder: { windowDays: record.ladderWindowDays, suspensionDays: record.ladderSuspensionDays },
      automatic: record.automatic,
      updatedBy: record.updatedBy,
      updatedAt: record.updatedAt,
    };
  }

  async saveRuleSet(manager: EntityManager, agencyId: string, set: SanctionRuleSet, by: { updatedBy: string; updatedAt: Date }): Promise<void> {
    await manager.upsert(
      SanctionRuleSetRecord,
      { agencyId, rules: set.rules, ladderWindowDays: set.ladder.windowDays, ladderSuspensionDays: set.ladder.suspensionDays, automatic: set.automatic, ...by },
      ['agencyId'],
    );
  }

  /** Inserts a proposal; false when the rule fired for this offence already, or one for the vendor, rule and measure is open. */
  async insertProposal(manager: EntityManager, proposal: SanctionProposal): Promise<boolean> {
    const inserted = (await manager.createQueryBuilder().insert().into(SanctionProposalRecord).values(proposalRecord(proposal, 1)).orIgnore().returning('id').execute()) as {
      raw: unknown[];
    };
    return inserted.raw.length > 0;
  }

  /** A proposal of the caller's agency. */
  async loadProposal(manager: EntityManager, scope: { agencyId: string }, id: string, options: { forUpdate: boolean }): Promise<{ proposal: SanctionProposal; version: number }> {
    const record = await manager.findOne(SanctionProposalRecord, { where: { id, agencyId: scope.agencyId }, ...lock(options.forUpdate) });
    if (!record) throw new NotFoundError('sanction proposal', id);
    return { proposal: proposalOf(record), version: record.version };
  }

  async saveProposal(manager: EntityManager, proposal: SanctionProposal, version: number): Promise<void> {
    const result = await manager.update(SanctionProposalRecord, { id: proposal.id, version }, proposalRecord(proposal, version + 1));
    if (result.affected === 0) throw new NotFoundError('sanction proposal', proposal.id);
  }

  async openProposalsOf(manager: EntityManager, agencyId: string, vendorId: string): Promise<SanctionProposal[]> {
    return (await manager.find(SanctionProposalRecord, { where: { agencyId, vendorId, status: 'open' } })).map(proposalOf);
  }

  /** Open ones first, then the latest proposed. */
  async listProposals(manager: EntityManager, agencyId: string, filter: { status?: ProposalStatus | undefined; vendorId?: string | undefined }, limit: number): Promise<SanctionProposal[]> {
    const query = manager
      .createQueryBuilder(SanctionProposalRecord, 'proposal')
      .where('proposal.agencyId = :agencyId', { agencyId })
      .orderBy("CASE WHEN proposal.status = 'open' THEN 0 ELSE 1 END", 'ASC')
      .addOrderBy('proposal.proposedAt', 'DESC')
      .addOrderBy('proposal.id')
      .limit(limit);
    if (filter.status) query.andWhere('proposal.status = :status', { status: filter.status });
    if (filter.vendorId) query.andWhere('proposal.vendorId = :vendorId', { vendorId: filter.vendorId });
    return (await query.getMany()).map(proposalOf);
  }

  async insertSanction(manager: EntityManager, sanction: Sanction): Promise<void> {
    await manager.insert(SanctionRecord, sanctionRecord(sanction, 1));
  }

  /** A sanction of the caller's agency; a vendor account's view of another vendor's answers 404 like a missing one. */
  async loadSanction(manager: EntityManager, caller: Caller, id: string, options: { forUpdate: boolean }): Promise<{ sanction: Sanction; version: number }> {
    const record = await manager.findOne(SanctionRecord, { where: { id, agencyId: caller.agencyId }, ...lock(options.forUpdate) });
    const vendor = vendorActedFor(caller);
    if (!record || (vendor !== undefined && record.vendorId !== vendor)) throw new NotFoundError('sanction', id);
    return { sanction: sanctionOf(record), version: record.version };
  }

  async saveSanction(manager: EntityManager, sanction: Sanction, version: number): Promise<void> {
    const result = await manager.update(SanctionRecord, { id: sanction.id, version }, sanctionRecord(sanction, version + 1));
    if (result.affected === 0) throw new NotFoundError('sanction', sanction.id);
  }

  async sanctionsOf(manager: EntityManager, agencyId: string, vendorId: string): Promise<Sanction[]> {
    return (await manager.find(SanctionRecord, { where: { agencyId, vendorId }, order: { decidedAt: 'ASC' } })).map(sanctionOf);
  }

  /** Active ones first, then the latest decided. */
  async listSanctions(manager: EntityManager, agencyId: string, filter: { statuses?: SanctionStatus[] | undefined; vendorId?: string | undefined }, limit: number): Promise<Sanction[]> {
    const where = { agencyId, ...(filter.vendorId ? { vendorId: filter.vendorId } : {}), ...(filter.statuses ? { status: In(filter.statuses) } : {}) };
    const records = await manager.find(SanctionRecord, { where, order: { decidedAt: 'DESC', id: 'ASC' }, take: limit });
    return records.map(sanctionOf).sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active'));
  }

  /** Claims active suspensions whose end has come at `now`; replicas sweeping at once take different rows. */
  async claimEndedPeriods(manager: EntityManager, now: Date, limit: number): Promise<Array<{ sanction: Sanction; version: number }>> {
    const records = await manager
      .createQueryBuilder(SanctionRecord, 'sanction')
      .where("sanction.status = 'active' AND sanction.measure = 'suspension' AND sanction.until <= :now", { now })
      .orderBy('sanction.until', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return records.map((record) => ({ sanction: sanctionOf(record), version: record.version }));
  }

  async countOpenProposals(manager: EntityManager, agencyId: string): Promise<number> {
    return manager.count(SanctionProposalRecord, { where: { agencyId, status: 'open' } });
  }
}

function offenceRecord(offence: Offence): Omit<SanctionOffenceRecord, 'recordedAt'> {
  return {
    id: offence.id,
    agencyId: offence.agencyId,
    vendorId: offence.vendorId,
    kind: offence.kind,
    sourceRef: offence.sourceRef,
    weight: offence.weight,
    occurredAt: offence.occurredAt,
    description: offence.description,
    withdrawnAt: offence.withdrawnAt ?? null,
    withdrawalReason: offence.withdrawalReason ?? null,
    sourceVersion: offence.sourceVersion ?? null,
  };
}

function offenceOf(record: SanctionOffenceRecord): Offence {
  return {
    id: record.id,
    agencyId: record.agencyId,
    vendorId: record.vendorId,
    kind: record.kind,
    sourceRef: record.sourceRef,
    weight: record.weight,
    occurredAt: record.occurredAt,
    description: record.description,
    ...(record.withdrawnAt ? { withdrawnAt: record.withdrawnAt, withdrawalReason: record.withdrawalReason ?? '' } : {}),
    ...(record.sourceVersion !== null ? { sourceVersion: record.sourceVersion } : {}),
  };
}

function proposalRecord(proposal: SanctionProposal, version: number): SanctionProposalRecord {
  return {
    id: proposal.id,
    agencyId: proposal.agencyId,
    vendorId: proposal.vendorId,
    ruleKey: proposal.ruleKey,
    rule: proposal.rule,
    measure: proposal.measure,
    suspensionDays: proposal.suspensionDays ?? null,
    escalatedFrom: proposal.escalatedFrom ?? null,
    figure: proposal.figure,
    threshold: proposal.threshold,
    windowDays: proposal.windowDays,
    evidence: proposal.evidence.map((item) => ({ ...item, occurredAt: item.occurredAt.toISOString() })),
    triggeredBy: proposal.triggeredBy,
    status: proposal.status,
    proposedAt: proposal.proposedAt,
    decidedBy: proposal.decidedBy ?? null,
    decidedAt: proposal.decidedAt ?? null,
    decisionReason: proposal.decisionReason ?? null,
    sanctionId: proposal.sanctionId ?? null,
    version,
  };
}

function proposalOf(record: SanctionProposalRecord): SanctionProposal {
  return {
    id: record.id,
    agencyId: record.agencyId,
    vendorId: record.vendorId,
    ruleKey: record.ruleKey,
    rule: record.rule,
    measure: record.measure,
    ...(record.suspensionDays !== null ? { suspensionDays: record.suspensionDays } : {}),
    ...(record.escalatedFrom ? { escalatedFrom: record.escalatedFrom } : {}),
    figure: record.figure,
    threshold: record.threshold,
    windowDays: record.windowDays,
    evidence: record.evidence.map((item) => ({ ...item, occurredAt: new Date(item.occurredAt) })),
    triggeredBy: record.triggeredBy,
    status: record.status,
    proposedAt: record.proposedAt,
    ...(record.decidedBy ? { decidedBy: record.decidedBy } : {}),
    ...(record.decidedAt ? { decidedAt: record.decidedAt } : {}),
    ...(record.decisionReason ? { decisionReason: record.decisionReason } : {}),
    ...(record.sanctionId ? { sanctionId: record.sanctionId } : {}),
  };
}

function sanctionRecord(sanction: Sanction, version: number): SanctionRecord {
  return {
    id: sanction.id,
    agencyId: sanction.agencyId,
    vendorId: sanction.vendorId,
    proposalId: sanction.proposalId,
    ruleKey: sanction.ruleKey,
    measure: sanction.measure,
    reason: sanction.reason,
    from: sanction.from,
    until: sanction.until ?? null,
    status: sanction.status,
    decidedBy: sanction.decidedBy,
    decidedAt: sanction.decidedAt,
    evidence: sanction.evidence,
    endedAt: sanction.endedAt ?? null,
    endCause: sanction.endCause ?? null,
    liftedBy: sanction.liftedBy ?? null,
    liftReason: sanction.liftReason ?? null,
    version,
  };
}

function sanctionOf(record: SanctionRecord): Sanction {
  return {
    id: record.id,
    agencyId: record.agencyId,
    vendorId: record.vendorId,
    proposalId: record.proposalId,
    ruleKey: record.ruleKey,
    measure: record.measure,
    reason: record.reason,
    from: record.from,
    ...(record.until ? { until: record.until } : {}),
    status: record.status,
    decidedBy: record.decidedBy,
    decidedAt: record.decidedAt,
    evidence: record.evidence,
    ...(record.endedAt ? { endedAt: record.endedAt } : {}),
    ...(record.endCause ? { endCause: record.endCause } : {}),
    ...(record.liftedBy ? { liftedBy: record.liftedBy } : {}),
    ...(record.liftReason ? { liftReason: record.liftReason } : {}),
  };
}
