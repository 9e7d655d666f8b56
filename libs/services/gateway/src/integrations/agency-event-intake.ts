import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import { BatchScope } from '@houqin/messaging';
import { wantsEvent } from './domain/webhook-subscription';
import { AGENCY_EVENT_CHANNEL, WEBHOOK_DELIVERY_CHANNEL } from './database-notifications';
import { WebhookSubscriptionRecord } from './integrations.entities';

/** What a batch learned about an agency: its active subscriptions (read once, under its lock) and what to announce at the end. */
interface AgencyInBatch {
  subscriptions: WebhookSubscriptionRecord[];
  logged: boolean;
  owed: boolean;
}

/**
 * Every platform event the gateway consumes, in the consumer's inbox transaction: appended to its
 * agency's event log (the live stream's source) and turned into one pending delivery per active
 * subscription of that agency that asked for its type. Both writes are idempotent on the event id,
 * so an event redelivered after the inbox forgot it still yields one log entry and one delivery each.
 */
@Injectable()
export class AgencyEventIntake {
  async record(event: EventEnvelope, manager: EntityManager, batch?: BatchScope): Promise<void> {
    const scope = batch ?? new BatchScope();
    const agencyKey = `agency-event.${event.agencyid}`;
    // One writer per agency at a time until commit, so an agency's positions become visible in the
    // order they were taken: a stream that has read up to position n never misses a smaller one
    // committed later, and a gap in the positions is an event the client missed. Taken once per batch.
    let agency = scope.get<AgencyInBatch>(agencyKey);
    if (!agency) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`houqin.agency-event.${event.agencyid}`]);
      const subscriptions = await manager.find(WebhookSubscriptionRecord, {
        where: { agencyId: event.agencyid, status: 'active' },
        select: { id: true, agencyId: true, status: true, eventTypes: true },
      });
      agency = { subscriptions, logged: false, owed: false };
      scope.set(agencyKey, agency);
      scope.beforeCommit(agencyKey, (writer) => this.notify(writer, event.agencyid, scope.get<AgencyInBatch>(agencyKey)!));
    }
    // The next position is taken only for an event not logged yet (a redelivery must not leave a gap).
    const logged = (await manager.query(
      `WITH next AS (
         INSERT INTO agency_event_position AS counter (agency_id, last_position)
         SELECT $2, 1 WHERE NOT EXISTS (SELECT 1 FROM agency_event WHERE event_id = $1)
         ON CONFLICT (agency_id) DO UPDATE SET last_position = counter.last_position + 1
         RETURNING last_position)
       INSERT INTO agency_event (event_id, agency_id, type, envelope, time, position)
       SELECT $1, $2, $3, $4::jsonb, $5, last_position FROM next
       ON CONFLICT ON CONSTRAINT agency_event_event_unique DO NOTHING
       RETURNING position`,
      [event.id, event.agencyid, event.type, JSON.stringify(event), event.time],
    )) as Array<{ position: string }>;
    if (logged.length > 0 && !agency.logged) {
      agency = { ...agency, logged: true };
      scope.set(agencyKey, agency);
    }

    const owed = agency.subscriptions.filter((subscription) => wantsEvent(subscription, { agencyId: event.agencyid, type: event.type }));
    if (owed.length > 0) {
      const created = (await manager.query(
        `INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, status, attempt_count, next_attempt_at, created_at)
         SELECT delivery.id, delivery.subscription_id, $1, $2, $3, 'pending', 0, now(), now()
           FROM unnest($4::uuid[], $5::uuid[]) AS delivery (id, subscription_id)
         ON CONFLICT ON CONSTRAINT webhook_delivery_event_unique DO NOTHING
         RETURNING id`,
        [event.id, event.type, JSON.stringify(event), owed.map(() => randomUUID()), owed.map((subscription) => subscription.id)],
      )) as Array<{ id: string }>;
      if (created.length > 0 && !agency.owed) scope.set<AgencyInBatch>(agencyKey, { ...agency, owed: true });
    }
    if (!batch) await scope.flush(manager);
  }

  /** Wakes the live streams and the webhook sender once per batch and agency (notifications are delivered at commit). */
  private async notify(manager: EntityManager, agencyId: string, agency: AgencyInBatch): Promise<void> {
    if (agency.logged) await manager.query(`SELECT pg_notify($1, $2)`, [AGENCY_EVENT_CHANNEL, agencyId]);
    if (agency.owed) await manager.query(`SELECT pg_notify($1, '')`, [WEBHOOK_DELIVERY_CHANNEL]);
  }
}
