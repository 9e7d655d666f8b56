import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_DESCRIPTION_LENGTH, MAX_EVENT_TYPES, MAX_WEBHOOK_URL_LENGTH, SubscriptionStatus } from './domain/webhook-subscription';
import { DeliveryStatus, WebhookDeliveryAttemptRecord, WebhookDeliveryRecord, WebhookSubscriptionRecord } from './integrations.entities';

export class CreateWebhookDto {
  @ApiProperty({ description: 'Where deliveries are POSTed: an absolute https (or http) URL without credentials', example: 'https://erp.example.gov.cn/houqin/events' })
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url!: string;

  @ApiProperty({ description: 'Platform event types to deliver (docs/asyncapi.yaml lists them)', example: ['houqin.maintenance.repair-request.reported.v1'], isArray: true, type: String })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENT_TYPES)
  @IsString({ each: true })
  eventTypes!: string[];

  @ApiPropertyOptional({ example: 'Sync repair requests into the bureau ERP' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string;
}

export class WebhookView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ isArray: true, type: String }) eventTypes!: string[];
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status!: SubscriptionStatus;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ description: 'When the signing secret was last rotated' }) secretRotatedAt?: string;

  static of(record: WebhookSubscriptionRecord): WebhookView {
    return {
      id: record.id,
      agencyId: record.agencyId,
      url: record.url,
      eventTypes: record.eventTypes,
      description: record.description,
      status: record.status,
      createdBy: record.createdBy,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      ...(record.secretRotatedAt ? { secretRotatedAt: record.secretRotatedAt.toISOString() } : {}),
    };
  }
}

export class WebhookWithSecretView extends WebhookView {
  @ApiProperty({ description: 'The signing secret (HMAC-SHA256 key of Houqin-Signature). Shown only in this answer: store it now.', example: 'whsec_…' })
  secret!: string;
}

export class DeliveryAttemptView {
  @ApiProperty() attempt!: number;
  @ApiProperty() attemptedAt!: string;
  @ApiProperty() durationMs!: number;
  @ApiPropertyOptional({ description: "The receiver's HTTP status, when it answered" }) statusCode?: number;
  @ApiPropertyOptional({ description: 'Why the attempt failed: a non-2xx answer, a timeout or a connection error' }) error?: string;

  static of(record: WebhookDeliveryAttemptRecord): DeliveryAttemptView {
    return {
      attempt: record.attempt,
      attemptedAt: record.attemptedAt.toISOString(),
      durationMs: record.durationMs,
      ...(record.statusCode !== null ? { statusCode: record.statusCode } : {}),
      ...(record.error !== null ? { error: record.error } : {}),
    };
  }
}

export class DeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty() subscriptionId!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: DeliveryStatus;
  @ApiProperty() attemptCount!: number;
  @ApiPropertyOptional({ description: 'When a pending delivery is next attempted (or, while an attempt is in flight, when its lease runs out)' }) nextAttemptAt?: string;
  @ApiProperty({ description: 'An attempt is being made right now' }) inFlight!: boolean;
  @ApiPropertyOptional() deliveredAt?: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: [DeliveryAttemptView], description: 'Newest first' }) attempts!: DeliveryAttemptView[];

  static of(record: WebhookDeliveryRecord, attempts: WebhookDeliveryAttemptRecord[], now: Date): DeliveryView {
    return {
      id: record.id,
      subscriptionId: record.subscriptionId,
      eventId: record.eventId,
      eventType: record.eventType,
      status: record.status,
      attemptCount: record.attemptCount,
      ...(record.nextAttemptAt ? { nextAttemptAt: record.nextAttemptAt.toISOString() } : {}),
      inFlight: record.inFlightUntil !== null && record.inFlightUntil > now,
      ...(record.deliveredAt ? { deliveredAt: record.deliveredAt.toISOString() } : {}),
      createdAt: record.createdAt.toISOString(),
      attempts: attempts.map(DeliveryAttemptView.of),
    };
  }
}
