import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, PublicRoute, UuidParam } from '@houqin/service-kit';
import { GatewayAccessGuard } from '../../access/gateway-access.guard';
import { ApiKeyView, CreateApiKeyDto, IssuedApiKeyView } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

/** An agency admin issues, lists and revokes the API keys of the agency's integrators. */
@ApiTags('identity')
@ApiBearerAuth('access-token')
@PublicRoute()
@UseGuards(GatewayAccessGuard)
@Controller('api/v1/identity/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: IssuedApiKeyView, description: 'The key is in the answer this once; only its hash is kept' })
  @ApiUnprocessableEntityResponse({ description: 'An action an integrator may not be granted, an unknown event type, no scope at all, or an expiry in the past' })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateApiKeyDto): Promise<IssuedApiKeyView> {
    return this.apiKeys.create(caller, body);
  }

  @Get()
  @ApiOkResponse({ type: [ApiKeyView], description: "The agency's keys, newest first, without the keys themselves" })
  async list(@CurrentCaller() caller: Caller): Promise<ApiKeyView[]> {
    return this.apiKeys.list(caller);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiKeyView, description: 'Refused from the next request on, on every replica' })
  @ApiNotFoundResponse({ description: "No such key in the caller's agency" })
  @ApiConflictResponse({ description: 'The key is already revoked' })
  async revoke(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<ApiKeyView> {
    return this.apiKeys.revoke(caller, id);
  }
}
