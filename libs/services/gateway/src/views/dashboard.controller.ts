import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, PublicRoute } from '@houqin/service-kit';
import { GatewayAccessGuard } from '../access/gateway-access.guard';
import { AggregatedViews } from './aggregated-views';
import { DashboardView } from './views.dto';

@ApiTags('views')
@ApiBearerAuth('access-token')
@PublicRoute()
@UseGuards(GatewayAccessGuard)
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly views: AggregatedViews) {}

  @Get()
  @ApiOperation({
    summary: "The caller's agency at a glance: a section per service, asked in parallel",
    description: 'Always 200 for an allowed caller: a service that is down, slow or failing has its section marked unavailable with the reason (unreachable, timed-out, circuit-open, overloaded, error).',
  })
  @ApiOkResponse({ type: DashboardView })
  @ApiForbiddenResponse({ description: 'The caller’s roles do not include reading the dashboard (vendors, integrators)' })
  figures(@CurrentCaller() caller: Caller): Promise<DashboardView> {
    return this.views.dashboard(caller);
  }
}
