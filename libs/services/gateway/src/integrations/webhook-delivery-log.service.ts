import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { IllegalTransitionError, NotFoundError, systemClock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { WEBHOOK_DELIVERY_CHANNEL } from './database-notifications';
import { DeliveryStatus, WebhookDeliveryAttemptRecord, WebhookDeliveryRecord } from './integrations.entities';
import { DeliveryView } from './webhooks.dto';
import { WebhookSubscriptions } from './webhook-subscriptions.service';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

/** The delivery log of a subscription, and manual redelivery. */
@Injectable()
export class WebhookDeliveryLog {
  private readonly clock = systemClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly subscriptions: WebhookSubscriptions,
  ) {}

  /** Newest first, each with its attempts (newest first). */
  async list(caller: Caller, subscriptionId: string, filter: { status?: DeliveryStatus; limit: number }): Promise<DeliveryView[]> {
    await this.subscriptions.inAgency(this.dataSource.manager, caller, subscriptionId, false);
    const deliveries = await this.dataSource.manager.find(WebhookDeliveryRecord, {
      where: { subscriptionId, ...(filter.status ? { status: filter.status } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: filter.limit,
    });
    return this.withAttempts(deliveries);
  }

  /**
   * Attempts the delivery again now — delivered, failed or waiting for a retry — with a fresh retry
   * window. A delivery whose attempt is in flight answers 409 (its outcome is not known yet); so
   * does one of a disabled subscription (enable it first).
   */
  async redeliver(caller: Caller, subscriptionId: string, deliveryId: string): Promise<DeliveryView> {
    const delivery = await this.dataSource.transaction(async (manager) => {
      const subscription = await this.subscriptions.inAgency(manager, caller, subscriptionId, false);
      const record = await manager.findOne(WebhookDeliveryRecord, { where: { id: deliveryId, subscriptionId }, lock: { mode: 'pessimistic_write' } });
      if (!record) throw new NotFoundError('webhook delivery', deliveryId);
      if (subscription.status !== 'active') throw new IllegalTransitionError('webhook subscription', subscription.status, 'redeliver its events');
      const now = this.clock.now();
      if (record.inFlightUntil && record.inFlightUntil > now) throw new IllegalTransitionError('webhook delivery', 'in flight', 'redeliver');
      const redelivered: WebhookDeliveryRecord = { ...record, status: 'pending', nextAttemptAt: now, firstAttemptAt: null, inFlightUntil: null };
      await manager.update(WebhookDeliveryRecord, { id: record.id }, { status: 'pending', nextAttemptAt: now, firstAttemptAt: null, inFlightUntil: null });
      await manager.query(`SELECT pg_notify($1, '')`, [WEBHOOK_DELIVERY_CHANNEL]);
      return redelivered;
    });
    const [view] = await this.withAttempts([delivery]);
    if (!view) throw new NotFoundError('webhook delivery', deliveryId);
    return view;
  }

  private async withAttempts(deliveries: WebhookDeliveryRecord[]): Promise<DeliveryView[]> {
    if (deliveries.length === 0) return [];
    const attempts = await this.dataSource.manager.find(WebhookDeliveryAttemptRecord, {
      where: { deliveryId: In(deliveries.map((delivery) => delivery.id)) },
      order: { attempt: 'DESC', id: 'DESC' },
    });
    const now = this.clock.now();
    return deliveries.map((delivery) =>
      DeliveryView.of(
        delivery,
        attempts.filter((attempt) => attempt.deliveryId === delivery.id),
        now,
      ),
    );
  }
}
