import { EntityManager } from 'typeorm';
import { EventCatalog, EventEnvelope } from '@houqin/contracts';
import { requestContext } from '@houqin/observability';
import { RECORD_IDEMPOTENT_COMMAND, alreadyApplied } from './idempotent-commands';

export const OUTBOX_CHANNEL = 'houqin_outbox';

/**
 * Writes events into the service's outbox table inside the caller's transaction, so the state
 * change and its events commit or roll back together. The relay publishes them afterwards.
 */
export class Outbox {
  constructor(private readonly catalog: EventCatalog) {}

  async append(manager: EntityManager, events: EventEnvelope | EventEnvelope[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.append must run inside the transaction that changes the state');
    }
    const values: unknown[] = [];
    const rows = list.map((envelope, index) => {
      const contract = this.catalog.get(envelope.type);
      // Validate again at the boundary: an envelope built by hand must not slip through.
      const decoded = this.catalog.decode(envelope);
      if (!decoded.ok) throw new Error(`refusing to publish invalid ${envelope.type}: ${decoded.detail}`);
      values.push(envelope.id, envelope.type, contract.topic, envelope.partitionkey, JSON.stringify(envelope));
      const base = index * 5;
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}::jsonb)`;
    });
    const claim = requestContext.current()?.idempotency;
    if (!claim) {
      // One round trip: the rows, and the relay's wake-up call — delivered to its LISTEN connection
      // when (and only if) the transaction commits.
      await manager.query(
        `WITH appended AS (INSERT INTO outbox_event (event_id, event_type, topic, message_key, envelope) VALUES ${rows.join(', ')} RETURNING 1)
         SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM (SELECT count(*) FROM appended) AS written`,
        values,
      );
      return;
    }
    // A command under an Idempotency-Key: its key is recorded in the same statement. Recorded by this
    // attempt already (a second append), the row is kept; recorded by another attempt that committed
    // (or commits while this one waits on the key), nothing is returned and the command is refused.
    const base = values.length;
    values.push(claim.key, claim.fingerprint, claim.attemptId, list[0]!.subject ?? null);
    const recordKey = RECORD_IDEMPOTENT_COMMAND.replace(/\$(\d)/g, (_, n: string) => `$${base + Number(n)}`);
    const [result] = (await manager.query(
      `WITH appended AS (INSERT INTO outbox_event (event_id, event_type, topic, message_key, envelope) VALUES ${rows.join(', ')} RETURNING 1),
            recorded AS (${recordKey})
       SELECT pg_notify('${OUTBOX_CHANNEL}', '') AS notified, (SELECT count(*) FROM recorded)::int AS recorded FROM (SELECT count(*) FROM appended) AS written`,
      values,
    )) as Array<{ recorded: number }>;
    if (result?.recorded !== 1) throw await alreadyApplied(manager, claim);
  }
}
