import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ServiceMetrics } from '@houqin/observability';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import { signatureHeader } from './domain/webhook-signature';
import { DatabaseNotifications, WEBHOOK_DELIVERY_CHANNEL } from './database-notifications';
import { IntegrationsEnvironment } from './integrations.config';
import { IntegrationsMetrics } from './integrations-metrics';
import { SigningSecrets } from './signing-secrets';
import { AttemptResult, ClaimedDelivery, WebhookDeliveryQueue } from './webhook-delivery-queue';
import { WebhookSender } from './webhook-sender';

/** Headers of every delivery, besides content-type. */
export const DELIVERY_HEADERS = {
  eventId: 'Houqin-Event-Id',
  eventType: 'Houqin-Event-Type',
  deliveryId: 'Houqin-Delivery-Id',
  attempt: 'Houqin-Delivery-Attempt',
  signature: 'Houqin-Signature',
} as const;

export const DELIVERY_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

/** Beyond the attempt's own timeout, the time a claim stays leased before another replica may take it over. */
const LEASE_MARGIN_MS = 10_000;

/**
 * Sends due webhook deliveries, in every gateway replica. It claims at most
 * WEBHOOK_DELIVERY_CONCURRENCY deliveries at a time from the shared queue, wakes on NOTIFY when a
 * delivery is created or redelivered (and polls for retries falling due), and on shutdown stops
 * claiming and waits for the attempts in flight, each bounded by WEBHOOK_DELIVERY_TIMEOUT_MS.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  private wake?: () => void;
  private nudged = false;
  private consecutiveFailures = 0;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: IntegrationsEnvironment,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: WebhookDeliveryQueue,
    private readonly sender: WebhookSender,
    private readonly secrets: SigningSecrets,
    private readonly metrics: IntegrationsMetrics,
    notifications: DatabaseNotifications,
    serviceMetrics: ServiceMetrics,
  ) {
    notifications.on(WEBHOOK_DELIVERY_CHANNEL, () => this.nudge());
    serviceMetrics.onScrape(async () => {
      if (this.dataSource.isInitialized) this.metrics.deliveryBacklog.set(await this.queue.pendingCount());
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.WEBHOOK_DELIVERY_ENABLED) return;
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
    this.loop = undefined;
    await Promise.allSettled([...this.inFlight]);
  }

  private get leaseMs(): number {
    return this.config.WEBHOOK_DELIVERY_TIMEOUT_MS + LEASE_MARGIN_MS;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      const capacity = this.config.WEBHOOK_DELIVERY_CONCURRENCY - this.inFlight.size;
      let claimed = 0;
      if (capacity > 0) {
        try {
          const claims = await this.queue.claimDue(capacity, this.leaseMs);
          claimed = claims.length;
          for (const claim of claims) this.track(this.attempt(claim));
          this.consecutiveFailures = 0;
        } catch (error) {
          this.consecutiveFailures += 1;
          this.logger.error({ err: error, failures: this.consecutiveFailures }, 'could not claim webhook deliveries; will retry');
        }
      }
      if (!this.running) break;
      // A full batch may have left more due deliveries behind; a nudge may have come in meanwhile.
      if ((claimed > 0 && claimed === capacity) || this.nudged) continue;
      const pause = this.consecutiveFailures > 0 ? Math.min(30_000, 250 * 2 ** Math.min(this.consecutiveFailures, 7)) : this.config.WEBHOOK_POLL_INTERVAL_MS;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  private track(attempt: Promise<void>): void {
    this.inFlight.add(attempt);
    void attempt.finally(() => {
      this.inFlight.delete(attempt);
      // A slot is free again.
      this.nudge();
    });
  }

  private async attempt(claim: ClaimedDelivery): Promise<void> {
    const attemptedAt = new Date();
    const started = performance.now();
    const result = await this.send(claim, attemptedAt);
    const durationMs = performance.now() - started;
    this.metrics.attemptDuration.observe(durationMs / 1000);
    try {
      const outcome = await this.queue.recordAttempt(claim, result, attemptedAt, durationMs);
      this.metrics.deliveryAttempts.inc({ outcome });
      if (outcome === 'failed') this.logger.warn({ deliveryId: claim.id, subscriptionId: claim.subscriptionId, eventId: claim.eventId, attempts: claim.attempt }, 'webhook delivery failed for good');
    } catch (error) {
      // The lease runs out and the delivery is attempted again: at least once, never lost.
      this.logger.error({ err: error, deliveryId: claim.id }, 'could not record a webhook delivery attempt');
    }
  }

  private async send(claim: ClaimedDelivery, attemptedAt: Date): Promise<AttemptResult> {
    let secrets: string[];
    try {
      secrets = this.signingSecretsOf(claim, attemptedAt);
    } catch (error) {
      return { kind: 'not-sent', reason: (error as Error).message };
    }
    const timestamp = Math.floor(attemptedAt.getTime() / 1000);
    return this.sender.post({
      url: claim.url,
      body: claim.payload,
      timeoutMs: this.config.WEBHOOK_DELIVERY_TIMEOUT_MS,
      headers: {
        'content-type': DELIVERY_CONTENT_TYPE,
        'user-agent': 'Houqin-Webhooks/1',
        [DELIVERY_HEADERS.eventId]: claim.eventId,
        [DELIVERY_HEADERS.eventType]: claim.eventType,
        [DELIVERY_HEADERS.deliveryId]: claim.id,
        [DELIVERY_HEADERS.attempt]: String(claim.attempt),
        [DELIVERY_HEADERS.signature]: signatureHeader(secrets, timestamp, claim.payload),
      },
    });
  }

  /** The current secret, and the previous one while its grace period after a rotation lasts. */
  private signingSecretsOf(claim: ClaimedDelivery, at: Date): string[] {
    const current = this.secrets.open(claim.secretSealed, claim.subscriptionId);
    if (!claim.previousSecretSealed || !claim.previousSecretExpiresAt || claim.previousSecretExpiresAt <= at) return [current];
    return [current, this.secrets.open(claim.previousSecretSealed, claim.subscriptionId)];
  }
}
