import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuditChainHeadPublished } from '@houqin/contracts';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { CLOCK, IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import type { EvaluationEnvironment } from '../evaluation.config';

/** A head one sweep published. */
export interface PublishedChainHead {
  agencyId: string;
  sequence: number;
  hash: string;
}

const BATCH = 100;

/**
 * Publishes the head of every agency's audit trail that moved since its last publication, every
 * AUDIT_CHAIN_HEAD_PUBLISH_INTERVAL_MS: audit-chain.head-published through the outbox and a log
 * line, both outside the table they vouch for, and the head kept in audit_chain_publication so that
 * the verification finds a tail cut below it. Heads are claimed FOR UPDATE SKIP LOCKED and the
 * publication's key (agency, sequence) takes each once: one event per moved head, whatever the
 * number of replicas.
 */
@Injectable()
export class AuditChainHeadSweep extends IntervalSweep<PublishedChainHead[]> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: EvaluationEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'audit chain heads', intervalMs: config.AUDIT_CHAIN_HEAD_PUBLISH_INTERVAL_MS });
  }

  async sweep(): Promise<PublishedChainHead[]> {
    const publishedAt = this.clock.now();
    const heads: PublishedChainHead[] = [];
    for (;;) {
      const { claimed, published } = await this.dataSource.transaction(async (manager) => {
        const moved = (await manager.query(
          `SELECT h.agency_id, h.last_sequence, h.last_hash,
                  (SELECT max(p.sequence) FROM audit_chain_publication p WHERE p.agency_id = h.agency_id) AS previous_sequence
             FROM audit_chain_head h
            WHERE h.last_sequence > COALESCE((SELECT max(p.sequence) FROM audit_chain_publication p WHERE p.agency_id = h.agency_id), 0)
            ORDER BY h.agency_id
            LIMIT $1
              FOR UPDATE OF h SKIP LOCKED`,
          [BATCH],
        )) as Array<{ agency_id: string; last_sequence: number; last_hash: string; previous_sequence: number | null }>;
        const batch: PublishedChainHead[] = [];
        for (const head of moved) {
          const eventId = randomUUID();
          // A replica whose snapshot predates another's publication of the same head finds the key taken.
          const inserted = (await manager.query(
            `INSERT INTO audit_chain_publication (agency_id, sequence, hash, event_id, published_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (agency_id, sequence) DO NOTHING RETURNING sequence`,
            [head.agency_id, head.last_sequence, head.last_hash, eventId, publishedAt],
          )) as unknown[];
          if (inserted.length === 0) continue;
          await this.outbox.append(
            manager,
            AuditChainHeadPublished.create({
              id: eventId,
              subject: head.agency_id,
              origin: eventOrigin({ agencyId: head.agency_id }),
              time: publishedAt,
              data: {
                agencyId: head.agency_id,
                sequence: head.last_sequence,
                hash: head.last_hash,
                ...(head.previous_sequence !== null ? { previousSequence: head.previous_sequence } : {}),
                publishedAt: publishedAt.toISOString(),
              },
            }),
          );
          batch.push({ agencyId: head.agency_id, sequence: head.last_sequence, hash: head.last_hash });
        }
        return { claimed: moved.length, published: batch };
      });
      // The log line is the second copy outside the database: one per head, once its publication committed.
      for (const head of published) this.logger.info({ auditChainHead: head }, 'audit chain head published');
      heads.push(...published);
      if (claimed < BATCH) return heads;
    }
  }
}
