import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@houqin/service-kit';
import { RetryPolicy, afterFailedAttempt, isAcknowledged } from './domain/retry-schedule';
import { IntegrationsEnvironment } from './integrations.config';
import { AttemptOutcome } from './integrations-metrics';
import { WebhookDeliveryAttemptRecord } from './integrations.entities';
import { WebhookAnswer } from './webhook-sender';

/** A delivery claimed for one attempt, with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  payload: string;
  /** The number of this attempt (1 for the first). */
  attempt: number;
  firstAttemptAt: Date;
  url: string;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
}

/** An attempt that could not even be sent (the signing secret did not decrypt). */
export type AttemptResult = WebhookAnswer | { kind: 'not-sent'; reason: string };

interface ClaimRow {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  attempt_count: number;
  first_attempt_at: Date;
  url: string;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
}

export function retryPolicyOf(config: Pick<IntegrationsEnvironment, 'WEBHOOK_RETRY_BASE_MS' | 'WEBHOOK_RETRY_MAX_DELAY_MS' | 'WEBHOOK_RETRY_HORIZON_MINUTES'>): RetryPolicy {
  return {
    baseDelayMs: config.WEBHOOK_RETRY_BASE_MS,
    maxDelayMs: config.WEBHOOK_RETRY_MAX_DELAY_MS,
    horizonMs: config.WEBHOOK_RETRY_HORIZON_MINUTES * 60_000,
  };
}

/**
 * The deliveries as a work queue shared by every gateway replica. A claim takes due deliveries
 * FOR UPDATE SKIP LOCKED (two replicas never claim the same one) and leases them — `next_attempt_at`
 * and `in_flight_until` move past the attempt's timeout — in the same statement, so a replica that
 * dies mid-attempt only delays the delivery until its lease runs out. The attempt's result is
 * recorded only if the delivery is still at that attempt (a later claim wins).
 */
@Injectable()
export class WebhookDeliveryQueue {
  private readonly policy: RetryPolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) config: IntegrationsEnvironment,
  ) {
    this.policy = retryPolicyOf(config);
  }

  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    // An UPDATE … RETURNING comes back from TypeORM as [rows, affected].
    const [rows] = (await this.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_delivery d
           JOIN webhook_subscription s ON s.id = d.subscription_id AND s.status = 'active'
          WHERE d.status = 'pending' AND d.next_attempt_at <= now()
          ORDER BY d.next_attempt_at
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_delivery d
          SET attempt_count = d.attempt_count + 1,
              first_attempt_at = coalesce(d.first_attempt_at, now()),
              last_attempt_at = now(),
              next_attempt_at = now() + make_interval(secs => $2::double precision / 1000),
              in_flight_until = now() + make_interval(secs => $2::double precision / 1000)
         FROM due, webhook_subscription s
        WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.payload, d.attempt_count, d.first_attempt_at,
                 s.url, s.secret_sealed, s.previous_secret_sealed, s.previous_secret_expires_at`,
      [limit, leaseMs],
    )) as [ClaimRow[], number];
    return rows.map((row) => ({
      id: row.id,
      subscriptionId: row.subscription_id,
      eventId: row.event_id,
      eventType: row.event_type,
      payload: row.payload,
      attempt: row.attempt_count,
      firstAttemptAt: row.first_attempt_at,
      url: row.url,
      secretSealed: row.secret_sealed,
      previousSecretSealed: row.previous_secret_sealed,
      previousSecretExpiresAt: row.previous_secret_expires_at,
    }));
  }

  /** Writes the attempt to the log and moves the delivery on: delivered, scheduled again, or failed. */
  async recordAttempt(claim: ClaimedDelivery, result: AttemptResult, attemptedAt: Date, durationMs: number): Promise<AttemptOutcome> {
    const finishedAt = new Date(attemptedAt.getTime() + durationMs);
    const delivered = result.kind === 'answered' && isAcknowledged(result.status);
    const next = delivered ? undefined : afterFailedAttempt({ attempt: claim.attempt, firstAttemptAt: claim.firstAttemptAt, failedAt: finishedAt }, this.policy);
    const outcome: AttemptOutcome = delivered ? 'delivered' : next?.decision === 'retry' ? 'retry-scheduled' : 'failed';
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(WebhookDeliveryAttemptRecord, {
        deliveryId: claim.id,
        attempt: claim.attempt,
        attemptedAt,
        durationMs: Math.round(durationMs),
        statusCode: result.kind === 'answered' ? result.status : null,
        error: errorOf(result),
      });
      await manager.query(
        `UPDATE webhook_delivery
            SET status = $3, next_attempt_at = $4, in_flight_until = NULL,
                delivered_at = CASE WHEN $3 = 'delivered' THEN $5::timestamptz ELSE delivered_at END
          WHERE id = $1 AND attempt_count = $2 AND status = 'pending'`,
        [claim.id, claim.attempt, outcome === 'retry-scheduled' ? 'pending' : outcome, next?.decision === 'retry' ? next.at : null, finishedAt],
      );
    });
    return outcome;
  }

  async pendingCount(): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS pending FROM webhook_delivery WHERE status = 'pending'`)) as Array<{ pending: number }>;
    return row?.pending ?? 0;
  }
}

function errorOf(result: AttemptResult): string | null {
  switch (result.kind) {
    case 'answered':
      return isAcknowledged(result.status) ? null : `answered ${result.status}`;
    case 'timed-out':
      return 'timed out';
    case 'unreachable':
      return `unreachable: ${result.reason}`;
    case 'not-sent':
      return `not sent: ${result.reason}`;
  }
}
