import { z } from 'zod';
import { booleanVariable, integerVariable } from '@houqin/service-kit';
import { AllowedTarget, parseAllowedTarget } from './domain/webhook-target';

const allowedTargets = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
  .refine((entries) => entries.every((entry) => parseAllowedTarget(entry) !== undefined), 'must be a comma-separated list of IP addresses or CIDR ranges, e.g. 10.20.0.0/16,192.168.1.7')
  .transform((entries) => entries.map((entry) => parseAllowedTarget(entry) as AllowedTarget));

/** Variables of webhooks and the live event stream. */
export const integrationsEnvironment = z.object({
  WEBHOOK_SECRET_KEY: z
    .string()
    .min(32, 'must be at least 32 characters')
    .describe('Key that encrypts the webhook signing secrets at rest (AES-256-GCM); changing it makes the stored secrets unreadable until each subscription rotates its secret'),
  WEBHOOK_ALLOWED_TARGETS: allowedTargets
    .optional()
    .describe(
      'Comma-separated IP addresses or CIDR ranges of on-premises webhook receivers that may be loopback, private or link-local; unset: webhooks reach public addresses only (checked at subscription and on every delivery against the resolved address)',
    ),
  WEBHOOK_DELIVERY_ENABLED: booleanVariable.default(true).describe('Run the webhook delivery worker in this process (every replica may: deliveries are claimed with FOR UPDATE SKIP LOCKED)'),
  WEBHOOK_DELIVERY_CONCURRENCY: integerVariable(1, 256).default(16).describe('Webhook deliveries one replica sends at the same time'),
  WEBHOOK_DELIVERY_TIMEOUT_MS: integerVariable(100, 120000).default(10000).describe('Time a receiver has to answer one delivery attempt; longer counts as a failed attempt'),
  WEBHOOK_POLL_INTERVAL_MS: integerVariable(10, 60000).default(1000).describe('How often the delivery worker looks for deliveries that fell due (a new delivery wakes it at once through LISTEN/NOTIFY)'),
  WEBHOOK_RETRY_BASE_MS: integerVariable(1, 3600000).default(10000).describe('Delay before the first retry of a failed delivery; doubles per attempt, jittered, up to WEBHOOK_RETRY_MAX_DELAY_MS'),
  WEBHOOK_RETRY_MAX_DELAY_MS: integerVariable(1, 86400000).default(3600000).describe('Longest delay between two attempts of a delivery'),
  WEBHOOK_RETRY_HORIZON_MINUTES: integerVariable(0, 43200)
    .default(1440)
    .describe('A delivery is retried until this long after its first attempt, then marked failed (0: a single attempt)'),
  WEBHOOK_SECRET_ROTATION_GRACE_MINUTES: integerVariable(0, 10080)
    .default(1440)
    .describe('After a secret rotation, deliveries are also signed with the previous secret for this long, so receivers can switch over (0: at once)'),
  WEBHOOK_DELIVERY_RETENTION_DAYS: integerVariable(1, 3650).default(30).describe('Days finished (delivered or failed) deliveries and their attempts stay in the delivery log'),
  EVENT_STREAM_RETENTION_HOURS: integerVariable(1, 8760).default(168).describe('Hours an event stays in the agency event log, from which the live stream replays after Last-Event-ID'),
  EVENT_STREAM_HEARTBEAT_MS: integerVariable(100, 300000).default(15000).describe('Idle time after which the live event stream sends a heartbeat comment, keeping proxies from closing it'),
});

export type IntegrationsEnvironment = z.infer<typeof integrationsEnvironment>;
