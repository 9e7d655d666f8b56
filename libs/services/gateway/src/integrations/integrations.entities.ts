import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { SubscriptionStatus } from './domain/webhook-subscription';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

@Entity({ name: 'webhook_subscription' })
export class WebhookSubscriptionRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text') url!: string;
  @Column('text', { name: 'event_types', array: true }) eventTypes!: string[];
  @Column('text') description!: string;
  @Column('text') status!: SubscriptionStatus;
  /** The signing secret, sealed with WEBHOOK_SECRET_KEY (AES-256-GCM); never stored in clear. */
  @Column('text', { name: 'secret_sealed' }) secretSealed!: string;
  /** The secret before the last rotation, still signing deliveries until `previousSecretExpiresAt`. */
  @Column('text', { name: 'previous_secret_sealed', nullable: true }) previousSecretSealed!: string | null;
  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true }) previousSecretExpiresAt!: Date | null;
  @Column('timestamptz', { name: 'secret_rotated_at', nullable: true }) secretRotatedAt!: Date | null;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** One event of an agency as the gateway consumed it: the log the live stream replays from. */
@Entity({ name: 'agency_event' })
export class AgencyEventRecord {
  /** bigserial: the order events were logged in, across agencies. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) seq!: string;
  @Column('uuid', { name: 'event_id' }) eventId!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  /** The event's place in its agency's log (1, 2, 3, …, no gaps): the SSE id a client resumes after (Last-Event-ID). */
  @Column('bigint') position!: string;
  @Column('text') type!: string;
  @Column('jsonb') envelope!: Record<string, unknown>;
  @Column('timestamptz') time!: Date;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}

/** One event owed to one subscription; unique per (subscription, event). */
@Entity({ name: 'webhook_delivery' })
export class WebhookDeliveryRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'subscription_id' }) subscriptionId!: string;
  @Column('uuid', { name: 'event_id' }) eventId!: string;
  @Column('text', { name: 'event_type' }) eventType!: string;
  /** The exact body every attempt sends and signs: the CloudEvent as JSON. */
  @Column('text') payload!: string;
  @Column('text') status!: DeliveryStatus;
  @Column('integer', { name: 'attempt_count' }) attemptCount!: number;
  /** When a pending delivery is next due; while an attempt is in flight, when its lease runs out. */
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true }) nextAttemptAt!: Date | null;
  @Column('timestamptz', { name: 'in_flight_until', nullable: true }) inFlightUntil!: Date | null;
  @Column('timestamptz', { name: 'first_attempt_at', nullable: true }) firstAttemptAt!: Date | null;
  @Column('timestamptz', { name: 'last_attempt_at', nullable: true }) lastAttemptAt!: Date | null;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'webhook_delivery_attempt' })
export class WebhookDeliveryAttemptRecord {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'delivery_id' }) deliveryId!: string;
  @Column('integer') attempt!: number;
  @Column('timestamptz', { name: 'attempted_at' }) attemptedAt!: Date;
  @Column('integer', { name: 'duration_ms' }) durationMs!: number;
  @Column('integer', { name: 'status_code', nullable: true }) statusCode!: number | null;
  @Column('text', { nullable: true }) error!: string | null;
}

export const INTEGRATION_ENTITIES = [WebhookSubscriptionRecord, AgencyEventRecord, WebhookDeliveryRecord, WebhookDeliveryAttemptRecord];
