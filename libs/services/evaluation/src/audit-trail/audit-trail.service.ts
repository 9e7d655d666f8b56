import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import { Caller } from '@houqin/observability';
import { AuditChainHeadRecord, AuditChainPublicationRecord, AuditEntryRecord } from './audit-entry.entity';
import { actorOf } from './domain/actor';
import { ChainVerdict, ChainedContent, GENESIS_HASH, chainHash, verifyChain } from './domain/hash-chain';

/** What the trail is searched by; the newest first, or the oldest first from `after`. */
export interface AuditEntryFilter {
  actor?: string;
  subject?: string;
  eventType?: string;
  /** occurred at or after */
  from?: Date;
  /** occurred before */
  to?: Date;
  /** Cursor: entries below this sequence, newest first. */
  before?: number;
  /** Cursor: entries above this sequence, oldest first. */
  after?: number;
  limit: number;
}

/** Records every business event in the agency's tamper-evident audit trail. */
@Injectable()
export class AuditTrailService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs inside the event's inbox transaction; the chain head row serialises writers per agency. */
  async record(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO audit_chain_head (agency_id, last_sequence, last_hash) VALUES ($1, 0, $2) ON CONFLICT (agency_id) DO NOTHING`, [
      envelope.agencyid,
      GENESIS_HASH,
    ]);
    const [head] = (await manager.query(`SELECT last_sequence, last_hash FROM audit_chain_head WHERE agency_id = $1 FOR UPDATE`, [envelope.agencyid])) as Array<{
      last_sequence: number;
      last_hash: string;
    }>;
    if (!head) throw new Error(`audit chain head for ${envelope.agencyid} vanished`);
    const content: ChainedContent = {
      agencyId: envelope.agencyid,
      sequence: head.last_sequence + 1,
      eventId: envelope.id,
      eventType: envelope.type,
      subject: envelope.subject,
      occurredAt: new Date(envelope.time).toISOString(),
      payload: envelope.data,
    };
    const hash = chainHash(head.last_hash, content);
    await manager.query(
      `INSERT INTO audit_entry (agency_id, sequence, event_id, event_type, subject, correlation_id, actor, occurred_at, payload, previous_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
      [
        content.agencyId,
        content.sequence,
        content.eventId,
        content.eventType,
        content.subject,
        envelope.correlationid,
        actorOf(envelope.type, envelope.data) ?? null,
        content.occurredAt,
        JSON.stringify(envelope.data),
        head.last_hash,
        hash,
      ],
    );
    await manager.query(`UPDATE audit_chain_head SET last_sequence = $2, last_hash = $3 WHERE agency_id = $1`, [envelope.agencyid, content.sequence, hash]);
  }

  async entries(caller: Caller, filter: AuditEntryFilter): Promise<AuditEntryRecord[]> {
    const forward = filter.after !== undefined;
    const query = this.dataSource.manager
      .createQueryBuilder(AuditEntryRecord, 'entry')
      .where('entry.agencyId = :agencyId', { agencyId: caller.agencyId })
      .orderBy('entry.sequence', forward ? 'ASC' : 'DESC')
      .take(filter.limit);
    if (filter.subject !== undefined) query.andWhere('entry.subject = :subject', { subject: filter.subject });
    if (filter.actor !== undefined) query.andWhere('entry.actor = :actor', { actor: filter.actor });
    if (filter.eventType !== undefined) query.andWhere('entry.eventType = :eventType', { eventType: filter.eventType });
    if (filter.from !== undefined) query.andWhere('entry.occurredAt >= :from', { from: filter.from });
    if (filter.to !== undefined) query.andWhere('entry.occurredAt < :to', { to: filter.to });
    if (filter.before !== undefined) query.andWhere('entry.sequence < :before', { before: filter.before });
    if (filter.after !== undefined) query.andWhere('entry.sequence > :after', { after: filter.after });
    return query.getMany();
  }

  /**
   * Recomputes the agency's chain against its head and the heads published before, read in one
   * snapshot with the entries: the verdict names the first entry where the chain breaks.
   */
  async verify(caller: Caller): Promise<ChainVerdict> {
    const { records, head, published } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      records: await manager.find(AuditEntryRecord, { where: { agencyId: caller.agencyId }, order: { sequence: 'ASC' } }),
      head: await manager.findOne(AuditChainHeadRecord, { where: { agencyId: caller.agencyId } }),
      published: await manager.find(AuditChainPublicationRecord, { where: { agencyId: caller.agencyId } }),
    }));
    return verifyChain(
      records.map((record) => ({
        agencyId: record.agencyId,
        sequence: record.sequence,
        eventId: record.eventId,
        eventType: record.eventType,
        subject: record.subject,
        occurredAt: record.occurredAt.toISOString(),
        payload: record.payload,
        previousHash: record.previousHash,
        hash: record.hash,
        actor: record.actor,
      })),
      // No head yet: nothing was ever recorded, so no entry may exist.
      head ? { lastSequence: head.lastSequence, lastHash: head.lastHash } : { lastSequence: 0, lastHash: GENESIS_HASH },
      published.map((publication) => ({ sequence: publication.sequence, hash: publication.hash })),
    );
  }
}
