import { EntityManager } from 'typeorm';
import { EventCatalog, EventEnvelope } from '@houqin/contracts';

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
    // One round trip: the rows, and the relay's wake-up call — delivered to its LISTEN connection
    // when (and only if) the transaction commits.
    await manager.query(
      `WITH appended AS (INSERT INTO outbox_event (event_id, event_type, topic, message_key, envelope) VALUES ${rows.join(', ')} RETURNING 1)
       SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM (SELECT count(*) FROM appended) AS written`,
      values,
    );
  }
}
