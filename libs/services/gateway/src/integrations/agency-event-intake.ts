import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import { BatchScope } from '@houqin/messaging';
import { wantsEvent } from './domain/webhook-subscription';
import { AGENCY_EVENT_CHANNEL, WEBHOOK_DELIVERY_CHANNEL } from './database-notifications';
import { WebhookSubscriptionRecord } from './integrations.entities';

/**
 * Every platform event the gateway consumes, in the consumer's inbox transaction: appended to its
 * agency's event log (the live stream's source) and turned into one pending delivery per active
 * subscription of that agency that asked for its type. Both writes are idempotent on the event id,
 * so an event redelivered after the inbox forgot it still yields one log entry and one delivery each.
 * A batch's events of one agency are written together, under the agency's lock, just before its commit.
 */
@Injectable()
export class AgencyEventIntake {
  async record(event: EventEnvelope, manager: EntityManager, batch?: BatchScope): Promise<void> {
    const scope = batch ?? new BatchScope();
    const key = `agency-event.${event.agencyid}`;
    const pending = scope.get<readonly EventEnvelope[]>(key) ?? [];
    // A new list, not a change to the old one: a rolled-back event's savepoint restores the list without it.
    scope.set<readonly EventEnvelope[]>(key, [...pending, event]);
    scope.beforeCommit(key, (writer) => this.write(writer, event.agencyid, scope.get<readonly EventEnvelope[]>(key)!));
    if (!batch) await scope.flush(manager);
  }

  private async write(manager: EntityManager, agencyId: string, batch: readonly EventEnvelope[]): Promise<void> {
    const events = [...new Map(batch.map((event) => [event.id, event])).values()];
    if (events.length === 0) return;
    // One writer per agency at a time until commit, so an agency's positions become visible in the
    // order they were taken: a stream that has read up to position n never misses a smaller one
    // committed later, and a gap in the positions is an event the client missed.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`houqin.agency-event.${agencyId}`]);
    // One statement, run once the lock is held (so its snapshot sees whatever the previous holder
    // committed): positions are taken only for the events not logged yet — a redelivery must not leave
    // a gap — the counter moves by their number, they are logged in the batch's order, and the live
    // stream is woken when any was. Data-modifying CTEs run to completion whether read or not.
    await manager.query(
      `WITH incoming AS (
         SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) WITH ORDINALITY AS event (event_id, type, envelope, time, ord)
       ), fresh AS (
         SELECT incoming.*, row_number() OVER (ORDER BY incoming.ord) AS nth FROM incoming
          WHERE NOT EXISTS (SELECT 1 FROM agency_event logged WHERE logged.event_id = incoming.event_id)
       ), moved AS (
         INSERT INTO agency_event_position AS counter (agency_id, last_position)
         SELECT $1, count(*) FROM fresh HAVING count(*) > 0
         ON CONFLICT (agency_id) DO UPDATE SET last_position = counter.last_position + EXCLUDED.last_position
         RETURNING last_position
       ), logged AS (
         INSERT INTO agency_event (event_id, agency_id, type, envelope, time, position)
         SELECT fresh.event_id, $1, fresh.type, fresh.envelope::jsonb, fresh.time, moved.last_position - (SELECT count(*) FROM fresh) + fresh.nth
           FROM fresh CROSS JOIN moved
         RETURNING 1
       )
       SELECT pg_notify($6, $1) FROM (SELECT 1 FROM logged LIMIT 1) AS any_logged`,
      [agencyId, events.map((event) => event.id), events.map((event) => event.type), events.map((event) => JSON.stringify(event)), events.map((event) => event.time), AGENCY_EVENT_CHANNEL],
    );

    const subscriptions = await manager.find(WebhookSubscriptionRecord, {
      where: { agencyId, status: 'active' },
      select: { id: true, agencyId: true, status: true, eventTypes: true },
    });
    const owed = events.flatMap((event) =>
      subscriptions.filter((subscription) => wantsEvent(subscription, { agencyId, type: event.type })).map((subscription) => ({ event, subscription })),
    );
    if (owed.length === 0) return;
    const created = (await manager.query(
      `INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, status, attempt_count, next_attempt_at, created_at)
       SELECT delivery.id, delivery.subscription_id, delivery.event_id, delivery.event_type, delivery.payload, 'pending', 0, now(), now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS delivery (id, subscription_id, event_id, event_type, payload)
       ON CONFLICT ON CONSTRAINT webhook_delivery_event_unique DO NOTHING
       RETURNING id`,
      [
        owed.map(() => randomUUID()),
        owed.map(({ subscription }) => subscription.id),
        owed.map(({ event }) => event.id),
        owed.map(({ event }) => event.type),
        owed.map(({ event }) => JSON.stringify(event)),
      ],
    )) as Array<{ id: string }>;
    if (created.length > 0) await manager.query(`SELECT pg_notify($1, '')`, [WEBHOOK_DELIVERY_CHANNEL]);
  }
}
