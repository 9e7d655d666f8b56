import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, PublicRoute, RequestValidationError, UuidParam } from '@houqin/service-kit';
import { GatewayAccessGuard } from '../access/gateway-access.guard';
import { GatewayRequest } from '../access/gateway-request';
import { DeliveryStatus } from './integrations.entities';
import { DELIVERY_STATUSES, WebhookDeliveryLog } from './webhook-delivery-log.service';
import { WebhookSubscriptions } from './webhook-subscriptions.service';
import { CreateWebhookDto, DeliveryView, WebhookView, WebhookWithSecretView } from './webhooks.dto';

/**
 * Webhook subscriptions of the caller's agency, answered by the gateway itself. Agency admins and
 * integrators manage them, auditors read them; another agency's subscription answers 404.
 */
@ApiTags('webhooks')
@ApiBearerAuth('access-token')
@PublicRoute()
@UseGuards(GatewayAccessGuard)
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(
    private readonly subscriptions: WebhookSubscriptions,
    private readonly deliveryLog: WebhookDeliveryLog,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: WebhookWithSecretView, description: 'The subscription and its signing secret, shown this once' })
  @ApiForbiddenResponse({ description: 'Not an agency admin or integrator' })
  @ApiUnprocessableEntityResponse({ description: 'A bad URL, an unknown event type, or one the API key is not granted (the field is named)' })
  async create(@CurrentCaller() caller: Caller, @Req() request: GatewayRequest, @Body() body: CreateWebhookDto): Promise<WebhookWithSecretView> {
    const { subscription, secret } = await this.subscriptions.subscribe(caller, body, request.apiKey?.eventTypes);
    return { ...WebhookView.of(subscription), secret };
  }

  @Get()
  @ApiOkResponse({ type: [WebhookView], description: 'Newest first; never the secrets' })
  async list(@CurrentCaller() caller: Caller): Promise<WebhookView[]> {
    return (await this.subscriptions.list(caller)).map(WebhookView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookView })
  @ApiNotFoundResponse({ description: "No such subscription in the caller's agency" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<WebhookView> {
    return WebhookView.of(await this.subscriptions.get(caller, id));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookView, description: 'No new deliveries are created; pending ones wait until it is enabled again' })
  @ApiConflictResponse({ description: 'Already disabled' })
  async disable(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<WebhookView> {
    return WebhookView.of(await this.subscriptions.disable(caller, id));
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookView, description: 'Receives new events again; pending deliveries resume' })
  @ApiConflictResponse({ description: 'Already active' })
  async enable(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<WebhookView> {
    return WebhookView.of(await this.subscriptions.enable(caller, id));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookWithSecretView, description: 'The new secret, shown this once; the previous one still signs deliveries during WEBHOOK_SECRET_ROTATION_GRACE_MINUTES' })
  async rotateSecret(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<WebhookWithSecretView> {
    const { subscription, secret } = await this.subscriptions.rotateSecret(caller, id);
    return { ...WebhookView.of(subscription), secret };
  }

  @Get(':id/deliveries')
  @ApiQuery({ name: 'status', required: false, enum: DELIVERY_STATUSES })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiOkResponse({ type: [DeliveryView], description: 'Newest first, each with its attempts' })
  async deliveries(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParam) id: string,
    @Query('status') status: string | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<DeliveryView[]> {
    return this.deliveryLog.list(caller, id, { ...(status !== undefined ? { status: deliveryStatus(status) } : {}), limit });
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DeliveryView, description: 'Attempted again now, with a fresh retry window' })
  @ApiConflictResponse({ description: 'An attempt of this delivery is in flight, or the subscription is disabled' })
  async redeliver(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Param('deliveryId', UuidParam) deliveryId: string): Promise<DeliveryView> {
    return this.deliveryLog.redeliver(caller, id, deliveryId);
  }
}

function deliveryStatus(value: string): DeliveryStatus {
  const status = DELIVERY_STATUSES.find((candidate) => candidate === value);
  if (!status) throw new RequestValidationError([{ field: 'status', rule: 'isIn', message: `status must be one of ${DELIVERY_STATUSES.join(', ')}` }]);
  return status;
}
