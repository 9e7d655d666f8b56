import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, PublicRoute, UuidParam } from '@houqin/service-kit';
import { GatewayAccessGuard } from '../access/gateway-access.guard';
import { AggregatedViews } from './aggregated-views';
import { Vendor360View } from './views.dto';

@ApiTags('views')
@ApiBearerAuth('access-token')
@PublicRoute()
@UseGuards(GatewayAccessGuard)
@Controller('api/v1/vendors')
export class Vendor360Controller {
  constructor(private readonly views: AggregatedViews) {}

  @Get(':id/360')
  @ApiOperation({
    summary: 'One vendor across the services: registry record, audit trail, contracts, work orders, published scorecards; sanctions as evaluation lands them',
    description: 'A part no service offers yet is marked not-offered; a service that is down has its part marked unavailable. Vendor staff see only their own vendor.',
  })
  @ApiOkResponse({ type: Vendor360View })
  @ApiNotFoundResponse({ description: "No such vendor in the caller's agency, or another vendor than the caller's own" })
  @ApiForbiddenResponse({ description: 'The caller’s roles do not include reading vendors' })
  view(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<Vendor360View> {
    return this.views.vendor360(caller, id);
  }
}
