import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { platformEvents } from '@houqin/contracts';
import { NotFoundError, systemClock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { SERVICE_CONFIG } from '@houqin/service-kit';
import { WebhookSubscription, disableSubscription, enableSubscription, subscribe } from './domain/webhook-subscription';
import { WEBHOOK_DELIVERY_CHANNEL } from './database-notifications';
import { IntegrationsEnvironment } from './integrations.config';
import { WebhookSubscriptionRecord } from './integrations.entities';
import { SigningSecrets, generateSigningSecret } from './signing-secrets';
import { WebhookTargetGuard } from './webhook-target-guard';

/** Every platform event type: what a subscription or the live stream may ask for. */
export const PLATFORM_EVENT_TYPES: ReadonlySet<string> = new Set(platformEvents.contracts.map((contract) => contract.type));

export interface NewWebhook {
  url: string;
  eventTypes: string[];
  description?: string;
}

export interface WebhookWithSecret {
  subscription: WebhookSubscriptionRecord;
  /** In clear, once: at creation and at each rotation. */
  secret: string;
}

/**
 * An agency's webhook subscriptions. Each is read and changed only within the caller's agency:
 * another agency's subscription answers 404, as if it did not exist.
 */
@Injectable()
export class WebhookSubscriptions {
  private readonly clock = systemClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: IntegrationsEnvironment,
    private readonly secrets: SigningSecrets,
    private readonly targets: WebhookTargetGuard,
  ) {}

  async subscribe(caller: Caller, input: NewWebhook, grantedEventTypes?: readonly string[]): Promise<WebhookWithSecret> {
    const subscription = subscribe(
      { id: randomUUID(), agencyId: caller.agencyId, url: input.url, eventTypes: input.eventTypes, ...(input.description !== undefined ? { description: input.description } : {}), createdBy: caller.userId },
      PLATFORM_EVENT_TYPES,
      this.clock,
      grantedEventTypes,
    );
    await this.targets.checkSubscriptionUrl(subscription.url);
    const secret = generateSigningSecret();
    const record: WebhookSubscriptionRecord = {
      ...subscription,
      secretSealed: this.secrets.seal(secret, subscription.id),
      previousSecretSealed: null,
      previousSecretExpiresAt: null,
      secretRotatedAt: null,
    };
    await this.dataSource.manager.insert(WebhookSubscriptionRecord, record);
    return { subscription: record, secret };
  }

  async list(caller: Caller): Promise<WebhookSubscriptionRecord[]> {
    return this.dataSource.manager.find(WebhookSubscriptionRecord, { where: { agencyId: caller.agencyId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  async get(caller: Caller, id: string): Promise<WebhookSubscriptionRecord> {
    return this.inAgency(this.dataSource.manager, caller, id, false);
  }

  async disable(caller: Caller, id: string): Promise<WebhookSubscriptionRecord> {
    return this.transition(caller, id, (subscription) => disableSubscription(subscription, this.clock));
  }

  /** Deliveries held while it was disabled go out again. */
  async enable(caller: Caller, id: string): Promise<WebhookSubscriptionRecord> {
    return this.transition(caller, id, (subscription) => enableSubscription(subscription, this.clock));
  }

  /**
   * A new signing secret. For WEBHOOK_SECRET_ROTATION_GRACE_MINUTES the previous one still signs
   * deliveries too (a second `v1=` in Houqin-Signature), so the receiver can switch without losing any.
   */
  async rotateSecret(caller: Caller, id: string): Promise<WebhookWithSecret> {
    const secret = generateSigningSecret();
    const subscription = await this.dataSource.transaction(async (manager) => {
      const record = await this.inAgency(manager, caller, id, true);
      const now = this.clock.now();
      const graceMs = this.config.WEBHOOK_SECRET_ROTATION_GRACE_MINUTES * 60_000;
      const rotated: WebhookSubscriptionRecord = {
        ...record,
        secretSealed: this.secrets.seal(secret, record.id),
        previousSecretSealed: graceMs > 0 ? record.secretSealed : null,
        previousSecretExpiresAt: graceMs > 0 ? new Date(now.getTime() + graceMs) : null,
        secretRotatedAt: now,
        updatedAt: now,
      };
      await manager.update(
        WebhookSubscriptionRecord,
        { id: record.id },
        { secretSealed: rotated.secretSealed, previousSecretSealed: rotated.previousSecretSealed, previousSecretExpiresAt: rotated.previousSecretExpiresAt, secretRotatedAt: now, updatedAt: now },
      );
      return rotated;
    });
    return { subscription, secret };
  }

  /** The subscription if it belongs to the caller's agency; 404 otherwise. */
  async inAgency(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<WebhookSubscriptionRecord> {
    const record = await manager.findOne(WebhookSubscriptionRecord, {
      where: { id, agencyId: caller.agencyId },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!record) throw new NotFoundError('webhook subscription', id);
    return record;
  }

  private async transition(caller: Caller, id: string, change: (subscription: WebhookSubscription) => WebhookSubscription): Promise<WebhookSubscriptionRecord> {
    return this.dataSource.transaction(async (manager) => {
      const record = await this.inAgency(manager, caller, id, true);
      const changed = change(subscriptionOf(record));
      await manager.update(WebhookSubscriptionRecord, { id }, { status: changed.status, updatedAt: changed.updatedAt });
      if (changed.status === 'active') await manager.query(`SELECT pg_notify($1, '')`, [WEBHOOK_DELIVERY_CHANNEL]);
      return { ...record, status: changed.status, updatedAt: changed.updatedAt };
    });
  }
}

function subscriptionOf(record: WebhookSubscriptionRecord): WebhookSubscription {
  return {
    id: record.id,
    agencyId: record.agencyId,
    url: record.url,
    eventTypes: record.eventTypes,
    description: record.description,
    status: record.status,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
