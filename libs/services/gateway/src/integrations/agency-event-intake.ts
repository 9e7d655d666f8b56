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
    // Positions are taken only for events not logged yet (a redelivery must not leave a gap).
    const logged = new Set(
      ((await manager.query(`SELECT event_id FROM agency_event WHERE event_id = ANY($1::uuid[])`, [events.map((event) => event.id)])) as Array<{ event_id: string }>).map(
        (row) => row.event_id,
      ),
    );
    const fresh = events.filter((event) => !logged.has(event.id));
    if (fresh.length > 0) {
      const [counter] = (await manager.query(
        `INSERT INTO agency_event_position AS counter (agency_id, last_position) VALUES ($1, $2)
         ON CONFLICT (agency_id) DO UPDATE SET last_position = counter.last_position + EXCLUDED.last_position
         RETURNING last_position`,
        [agencyId, fresh.length],
      )) as Array<{ last_position: string }>;
      const first = Number(counter!.last_position) - fresh.length + 1;
      await manager.query(
        `INSERT INTO agency_event (event_id, agency_id, type, envelope, time, position)
         SELECT logged.event_id, $1, logged.type, logged.envelope::jsonb, logged.time, logged.position
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::bigint[]) AS logged (event_id, type, envelope, time, position)`,
        [agencyId, fresh.map((event) => event.id), fresh.map((event) => event.type), fresh.map((event) => JSON.stringify(event)), fresh.map((event) => event.time), fresh.map((_, index) => first + index)],
      );
      await manager.query(`SELECT pg_notify($1, $2)`, [AGENCY_EVENT_CHANNEL, agencyId]);
    }

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
