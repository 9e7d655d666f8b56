import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, PublicRoute, RequestValidationError } from '@houqin/service-kit';
import { GatewayAccessGuard } from '../access/gateway-access.guard';
import { AggregatedViews } from './aggregated-views';
import { parseAgencyIds } from './domain/view-access';
import { ComparisonView } from './views.dto';

@ApiTags('views')
@ApiBearerAuth('access-token')
@PublicRoute()
@UseGuards(GatewayAccessGuard)
@Controller('api/v1/supervision')
export class SupervisionController {
  constructor(private readonly views: AggregatedViews) {}

  @Get('comparison')
  @ApiOperation({
    summary: "The supervised agencies' dashboard figures side by side, with each agency's section availability",
    description: 'For the supervising body (role supervisor) and platform admins; anyone else gets 403.',
  })
  @ApiQuery({ name: 'agencyIds', required: false, description: 'Comma-separated: compare only these of the supervised agencies (a platform admin may name any)' })
  @ApiOkResponse({ type: ComparisonView })
  @ApiForbiddenResponse({ description: 'Not a supervisor or platform admin' })
  @ApiNotFoundResponse({ description: 'An agency named that the caller does not supervise' })
  @ApiUnprocessableEntityResponse({ description: 'More agencies than VIEW_COMPARISON_MAX_AGENCIES, or a platform admin named none' })
  comparison(@CurrentCaller() caller: Caller, @Query('agencyIds') agencyIds: unknown): Promise<ComparisonView> {
    const parameter = parseAgencyIds(agencyIds);
    if (parameter.kind === 'invalid') throw new RequestValidationError([{ field: 'agencyIds', rule: 'isAgencyIdList', message: parameter.message }]);
    return this.views.comparison(caller, parameter.kind === 'named' ? parameter.agencyIds : undefined);
  }
}
