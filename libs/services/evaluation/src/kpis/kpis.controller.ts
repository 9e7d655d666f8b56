import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, OneOfParam, RequestValidationError } from '@houqin/service-kit';
import { INTERNAL_TEAM, SERVICE_TYPES, ServiceType, isPartyKey } from './domain/evaluated-party';
import { KpiDefinitionView, PartyKpisView, RecomputationView, RecomputeKpisDto, SetKpiDefinitionsDto } from './kpis.dto';
import { KpisService } from './kpis.service';
import { periodParameter } from './period-parameter';

const NOT_OPERATOR = 'not-operator: only a logistics manager or an agency admin';

@ApiTags('KPIs')
@Controller('kpis')
export class KpisController {
  constructor(private readonly kpis: KpisService) {}

  @Get('definitions')
  @ApiOkResponse({ type: [KpiDefinitionView], description: '绩效指标: the agency’s effective KPI definitions (platform defaults with its overrides)' })
  @ApiQuery({ name: 'serviceType', required: false, enum: SERVICE_TYPES })
  @ApiBadRequestResponse({ description: 'serviceType unknown' })
  async definitions(@CurrentCaller() caller: Caller, @Query('serviceType', new OneOfParam<ServiceType>(SERVICE_TYPES)) serviceType: ServiceType | undefined): Promise<KpiDefinitionView[]> {
    return (await this.kpis.effectiveDefinitions(caller, serviceType)).map(KpiDefinitionView.of);
  }

  @Put('definitions/:serviceType')
  @ApiOkResponse({ type: [KpiDefinitionView], description: 'The agency’s names, targets and weights of the service type’s KPIs; every KPI once, whole weights summing to 100' })
  @ApiBadRequestResponse({ description: 'serviceType unknown; a KPI without code, target or whole weight 0–100' })
  @ApiUnprocessableEntityResponse({ description: `weights-not-100, target-out-of-range, kpis-incomplete, duplicate-kpi, unknown-kpi; ${NOT_OPERATOR}` })
  async setDefinitions(@CurrentCaller() caller: Caller, @Param('serviceType') serviceType: string, @Body() body: SetKpiDefinitionsDto): Promise<KpiDefinitionView[]> {
    return (await this.kpis.setOverride(caller, serviceTypeOf(serviceType), body.kpis)).map(KpiDefinitionView.of);
  }

  @Delete('definitions/:serviceType')
  @ApiOkResponse({ type: [KpiDefinitionView], description: 'The service type’s KPIs follow the platform’s definitions again' })
  @ApiUnprocessableEntityResponse({ description: NOT_OPERATOR })
  async clearDefinitions(@CurrentCaller() caller: Caller, @Param('serviceType') serviceType: string): Promise<KpiDefinitionView[]> {
    return (await this.kpis.clearOverride(caller, serviceTypeOf(serviceType))).map(KpiDefinitionView.of);
  }

  @Get('values')
  @ApiOkResponse({ type: [PartyKpisView], description: 'KPI values of the period per party (vendor or internal team) and service type; a vendor account sees its own vendor only' })
  @ApiQuery({ name: 'period', required: true, description: 'YYYY-MM, YYYY-Qn or YYYY (China Standard Time)' })
  @ApiQuery({ name: 'serviceType', required: false, enum: SERVICE_TYPES })
  @ApiQuery({ name: 'party', required: false, description: `A vendor id or '${INTERNAL_TEAM}'` })
  @ApiBadRequestResponse({ description: 'period missing or malformed; serviceType unknown; party neither a vendor id nor internal-team' })
  @ApiNotFoundResponse({ description: 'A vendor account asked for another party' })
  async values(
    @CurrentCaller() caller: Caller,
    @Query('period') period: string | undefined,
    @Query('serviceType', new OneOfParam<ServiceType>(SERVICE_TYPES)) serviceType: ServiceType | undefined,
    @Query('party') party: string | undefined,
  ): Promise<PartyKpisView[]> {
    const given = party === undefined || party === '' ? undefined : typeof party === 'string' ? party.toLowerCase() : String(party);
    if (given !== undefined && !isPartyKey(given)) throw new RequestValidationError([{ field: 'party', rule: 'isParty', message: `party must be a vendor id or ${INTERNAL_TEAM}` }]);
    const values = await this.kpis.valuesOf(caller, periodParameter(period), { ...(serviceType ? { serviceType } : {}), ...(given ? { party: given } : {}) });
    return values.map(PartyKpisView.of);
  }

  @Post('recomputations')
  @HttpCode(200)
  @ApiOkResponse({ type: RecomputationView, description: 'The period’s KPIs recomputed from scratch from the audit trail; differences name what the incremental values had otherwise' })
  @ApiBadRequestResponse({ description: 'period missing or malformed' })
  @ApiUnprocessableEntityResponse({ description: NOT_OPERATOR })
  async recompute(@CurrentCaller() caller: Caller, @Body() body: RecomputeKpisDto): Promise<RecomputationView> {
    return RecomputationView.of(await this.kpis.recomputeFor(caller, periodParameter(body.period)));
  }
}

function serviceTypeOf(value: string): ServiceType {
  if ((SERVICE_TYPES as readonly string[]).includes(value)) return value as ServiceType;
  throw new RequestValidationError([{ field: 'serviceType', rule: 'isIn', message: `serviceType must be one of ${SERVICE_TYPES.join(', ')}` }]);
}
