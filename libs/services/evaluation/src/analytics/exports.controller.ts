import { Controller, Get, Header, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Caller } from '@houqin/observability';
import { CurrentCaller, OneOfParam, RequestValidationError } from '@houqin/service-kit';
import { SERVICE_TYPES, ServiceType, partyKey } from '../kpis/domain/evaluated-party';
import { KpisService } from '../kpis/kpis.service';
import { periodParameter } from '../kpis/period-parameter';
import { ScorecardsService } from '../scorecards/scorecards.service';
import { SurveyResultsRepository } from '../surveys/survey-results.repository';
import { CsvCell, toCsv } from './domain/csv';
import { VendorDirectory } from './vendor-directory';

const CSV = 'text/csv; charset=utf-8';
const PERIOD_QUERY = { name: 'period', required: true, description: 'YYYY-MM, YYYY-Qn or YYYY (China Standard Time)' };
const CSV_ANSWER = { description: 'CSV, UTF-8 with a byte-order mark (spreadsheet programs read the Chinese names), CRLF line ends', schema: { type: 'string' } };

/**
 * The evaluation reports as CSV for spreadsheets: KPI values, scorecard standings and survey
 * response rates of a period, each row naming the vendor as procurement registered it.
 */
@ApiTags('reform-effect analytics')
@Controller('analytics/exports')
export class ExportsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kpis: KpisService,
    private readonly scorecards: ScorecardsService,
    private readonly surveys: SurveyResultsRepository,
    private readonly vendors: VendorDirectory,
  ) {}

  @Get('kpi-values')
  @Header('Content-Type', CSV)
  @Header('Content-Disposition', 'attachment; filename="kpi-values.csv"')
  @ApiProduces('text/csv')
  @ApiQuery(PERIOD_QUERY)
  @ApiQuery({ name: 'serviceType', required: false, enum: SERVICE_TYPES })
  @ApiOkResponse(CSV_ANSWER)
  @ApiBadRequestResponse({ description: 'period missing or malformed; serviceType unknown' })
  async kpiValues(
    @CurrentCaller() caller: Caller,
    @Query('period') period: unknown,
    @Query('serviceType', new OneOfParam<ServiceType>(SERVICE_TYPES)) serviceType: ServiceType | undefined,
  ): Promise<string> {
    const values = await this.kpis.valuesOf(caller, periodParameter(period), serviceType ? { serviceType } : {});
    const names = await this.vendors.names(this.dataSource.manager, caller.agencyId);
    const rows: CsvCell[][] = values.flatMap((party) =>
      party.kpis.map((kpi) => [party.period.key, party.serviceType, partyKey(party.party), nameOf(names, partyKey(party.party)), kpi.code, kpi.name, kpi.unit, kpi.value, kpi.target, kpi.weight, kpi.sampleSize]),
    );
    return toCsv(['period', 'service type', 'party', 'vendor', 'kpi', 'name', 'unit', 'value', 'target', 'weight', 'sample size'], rows);
  }

  @Get('scorecards')
  @Header('Content-Type', CSV)
  @Header('Content-Disposition', 'attachment; filename="scorecards.csv"')
  @ApiProduces('text/csv')
  @ApiQuery(PERIOD_QUERY)
  @ApiQuery({ name: 'serviceType', required: true, enum: SERVICE_TYPES })
  @ApiOkResponse(CSV_ANSWER)
  @ApiBadRequestResponse({ description: 'period missing or malformed; serviceType missing or unknown' })
  async scorecardStandings(
    @CurrentCaller() caller: Caller,
    @Query('period') period: unknown,
    @Query('serviceType', new OneOfParam<ServiceType>(SERVICE_TYPES)) serviceType: ServiceType | undefined,
  ): Promise<string> {
    const key = periodParameter(period).key;
    if (!serviceType) throw new RequestValidationError([{ field: 'serviceType', rule: 'isDefined', message: 'serviceType is required' }]);
    const standings = await this.scorecards.standings(caller, serviceType, key);
    const names = await this.vendors.names(this.dataSource.manager, caller.agencyId);
    const rows: CsvCell[][] = standings.map((card) => [
      card.period.key,
      card.serviceType,
      partyKey(card.party),
      nameOf(names, partyKey(card.party)),
      card.rank,
      card.rankedAmong,
      card.score,
      card.standing,
      card.kpi.score,
      card.survey.score,
      card.thirdParty.score,
      card.missing.join(' '),
    ]);
    return toCsv(['period', 'service type', 'party', 'vendor', 'rank', 'ranked among', 'score', 'standing', 'kpi score', 'survey score', 'third-party score', 'missing'], rows);
  }

  @Get('survey-response-rates')
  @Header('Content-Type', CSV)
  @Header('Content-Disposition', 'attachment; filename="survey-response-rates.csv"')
  @ApiProduces('text/csv')
  @ApiQuery(PERIOD_QUERY)
  @ApiQuery({ name: 'serviceType', required: false, enum: SERVICE_TYPES })
  @ApiOkResponse(CSV_ANSWER)
  @ApiBadRequestResponse({ description: 'period missing or malformed; serviceType unknown' })
  async responseRates(
    @CurrentCaller() caller: Caller,
    @Query('period') period: unknown,
    @Query('serviceType', new OneOfParam<ServiceType>(SERVICE_TYPES)) serviceType: ServiceType | undefined,
  ): Promise<string> {
    const parsed = periodParameter(period);
    const { rows } = await this.surveys.responseRates(this.dataSource.manager, caller.agencyId, parsed, { serviceType });
    const names = await this.vendors.names(this.dataSource.manager, caller.agencyId);
    return toCsv(
      ['period', 'service type', 'party', 'vendor', 'issued', 'answered', 'expired', 'pending', 'response rate', 'mean score'],
      rows.map((row) => [parsed.key, row.serviceType, row.party, nameOf(names, row.party), row.issued, row.answered, row.expired, row.pending, row.responseRate, row.meanScore]),
    );
  }
}

function nameOf(names: Map<string, string>, party: string): string {
  return names.get(party) ?? (party === 'internal-team' ? 'Internal team (内部后勤班组)' : '');
}
