import { Module } from '@nestjs/common';
import { ServiceMetrics } from '@houqin/observability';
import { AgencyEventHandlers } from './agency-event.handlers';
import { AgencyEventIntake } from './agency-event-intake';
import { AgencyEventLog } from './agency-event-log';
import { DatabaseNotifications } from './database-notifications';
import { EventStreamController } from './event-stream.controller';
import { EventStreamHub } from './event-stream.hub';
import { IntegrationsMetrics } from './integrations-metrics';
import { IntegrationsRetention } from './integrations-retention';
import { SigningSecrets } from './signing-secrets';
import { WebhookDeliveryLog } from './webhook-delivery-log.service';
import { WebhookDeliveryQueue } from './webhook-delivery-queue';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhookSender } from './webhook-sender';
import { WebhookTargetGuard } from './webhook-target-guard';
import { WebhookSubscriptions } from './webhook-subscriptions.service';
import { WebhooksController } from './webhooks.controller';

/**
 * Integrators: webhook subscriptions and deliveries, the live event stream. The gateway consumes
 * every platform event into its agency's event log and the deliveries it owes (AgencyEventHandlers);
 * a worker in every replica sends the deliveries; the stream reads the log.
 */
@Module({
  controllers: [WebhooksController, EventStreamController, AgencyEventHandlers],
  providers: [
    { provide: IntegrationsMetrics, inject: [ServiceMetrics], useFactory: (metrics: ServiceMetrics) => new IntegrationsMetrics(metrics) },
    DatabaseNotifications,
    SigningSecrets,
    WebhookSubscriptions,
    WebhookDeliveryLog,
    WebhookDeliveryQueue,
    WebhookTargetGuard,
    WebhookSender,
    WebhookDeliveryWorker,
    AgencyEventIntake,
    AgencyEventLog,
    EventStreamHub,
    IntegrationsRetention,
  ],
})
export class IntegrationsModule {}
