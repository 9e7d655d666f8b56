import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import { BatchScope } from '@houqin/messaging';
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

  /**
   * Runs inside the event's inbox transaction; the entry is written at the batch's end, when the
   * agency's chain head is locked (serialising writers per agency until commit), the batch's entries
   * are chained to it and written with the new head in one step. Without a batch it is written at once.
   */
  async record(envelope: EventEnvelope, manager: EntityManager, batch?: BatchScope): Promise<void> {
    const scope = batch ?? new BatchScope();
    const key = `audit-trail.pending:${envelope.agencyid}`;
    const pending = scope.get<readonly EventEnvelope[]>(key) ?? [];
    // A new list, not a change to the old one: a rolled-back event's savepoint restores the list without it.
    scope.set<readonly EventEnvelope[]>(key, [...pending, envelope]);
    scope.beforeCommit(key, (writer) => this.extend(writer, envelope.agencyid, scope.get<readonly EventEnvelope[]>(key)!));
    if (!batch) await scope.flush(manager);
  }

  private async lockHead(manager: EntityManager, agencyId: string): Promise<{ sequence: number; hash: string }> {
    await manager.query(`INSERT INTO audit_chain_head (agency_id, last_sequence, last_hash) VALUES ($1, 0, $2) ON CONFLICT (agency_id) DO NOTHING`, [agencyId, GENESIS_HASH]);
    const [head] = (await manager.query(`SELECT last_sequence, last_hash FROM audit_chain_head WHERE agency_id = $1 FOR UPDATE`, [agencyId])) as Array<{
      last_sequence: number;
      last_hash: string;
    }>;
    if (!head) throw new Error(`audit chain head for ${agencyId} vanished`);
    return { sequence: head.last_sequence, hash: head.last_hash };
  }

  /** Chains a batch's events of one agency to its head, writes the entries and moves the head past them. */
  private async extend(manager: EntityManager, agencyId: string, events: readonly EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    let head = await this.lockHead(manager, agencyId);
    const entries = events.map((envelope) => {
      const content: ChainedContent = {
        agencyId,
        sequence: head.sequence + 1,
        eventId: envelope.id,
        eventType: envelope.type,
        subject: envelope.subject,
        occurredAt: new Date(envelope.time).toISOString(),
        payload: envelope.data,
      };
      const entry = { content, correlationId: envelope.correlationid, actor: actorOf(envelope.type, envelope.data) ?? null, previousHash: head.hash, hash: chainHash(head.hash, content) };
      head = { sequence: content.sequence, hash: entry.hash };
      return entry;
    });
    const column = <T>(pick: (entry: (typeof entries)[number]) => T): T[] => entries.map(pick);
    await manager.query(
      `INSERT INTO audit_entry (agency_id, sequence, event_id, event_type, subject, correlation_id, actor, occurred_at, payload, previous_hash, hash)
       SELECT $1, entry.sequence, entry.event_id, entry.event_type, entry.subject, entry.correlation_id, entry.actor, entry.occurred_at, entry.payload::jsonb, entry.previous_hash, entry.hash
         FROM unnest($2::integer[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::text[], $11::text[])
           AS entry (sequence, event_id, event_type, subject, correlation_id, actor, occurred_at, payload, previous_hash, hash)`,
      [
        agencyId,
        column((entry) => entry.content.sequence),
        column((entry) => entry.content.eventId),
        column((entry) => entry.content.eventType),
        column((entry) => entry.content.subject),
        column((entry) => entry.correlationId),
        column((entry) => entry.actor),
        column((entry) => entry.content.occurredAt),
        column((entry) => JSON.stringify(entry.content.payload)),
        column((entry) => entry.previousHash),
        column((entry) => entry.hash),
      ],
    );
    await manager.query(`UPDATE audit_chain_head SET last_sequence = $2, last_hash = $3 WHERE agency_id = $1`, [agencyId, head.sequence, head.hash]);
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
