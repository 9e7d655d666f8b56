import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, OneOfParam, UuidParam } from '@houqin/service-kit';
import { CsvCell, toCsv } from '../analytics/domain/csv';
import { fenToYuan } from './domain/penalty';
import { VIOLATION_SOURCES, ViolationSource } from './domain/violation';
import {
  InstantParam,
  PenaltiesView,
  PenaltyLineView,
  RecordViolationDto,
  SettlementPeriodParam,
  ViolationPartyParam,
  ViolationRulesDto,
  ViolationRulesView,
  ViolationView,
  VoidViolationDto,
} from './violation.dto';
import { ViolationsService } from './violations.service';

const CSV = 'text/csv; charset=utf-8';
const SETTLEMENT_PERIOD = { name: 'period', required: true, description: 'The settlement month YYYY-MM (China Standard Time): violations that occurred in it' };

@ApiTags('violations and penalties')
@Controller('violations')
export class ViolationsController {
  constructor(private readonly violations: ViolationsService) {}

  @Get('rules')
  @ApiOkResponse({ type: ViolationRulesView, description: "Points per severity, each automatic offence's severity and the low-assessment threshold: the agency's own or the defaults" })
  async rules(@CurrentCaller() caller: Caller): Promise<ViolationRulesView> {
    const { rules, source } = await this.violations.rules(caller);
    return ViolationRulesView.of(rules, source);
  }

  @Put('rules')
  @ApiOkResponse({ type: ViolationRulesView, description: 'Applies to violations recorded from now on; recorded ones keep their severity, points and penalty' })
  @ApiUnprocessableEntityResponse({ description: 'Points falling as severity rises' })
  async setRules(@CurrentCaller() caller: Caller, @Body() body: ViolationRulesDto): Promise<ViolationRulesView> {
    return ViolationRulesView.of(await this.violations.setRules(caller, { points: { ...body.points }, severities: { ...body.severities }, lowAssessmentThreshold: body.lowAssessmentThreshold }), 'agency');
  }

  @Get('penalties')
  @ApiOkResponse({ type: PenaltiesView, description: 'The settlement month’s penalties per party and contract (count, points, amount in fen and yuan, items); voided violations left out; a vendor account its own' })
  @ApiQuery(SETTLEMENT_PERIOD)
  @ApiBadRequestResponse({ description: 'period missing or not YYYY-MM' })
  async penalties(@CurrentCaller() caller: Caller, @Query('period', new SettlementPeriodParam()) period: string): Promise<PenaltiesView> {
    const lines = await this.violations.penalties(caller, period);
    const totalAmount = lines.reduce((sum, line) => sum + line.amount, 0);
    return { period, lines: lines.map(PenaltyLineView.of), totalAmount, totalYuan: fenToYuan(totalAmount) };
  }

  @Get('penalties/export')
  @Header('Content-Type', CSV)
  @Header('Content-Disposition', 'attachment; filename="penalties.csv"')
  @ApiProduces('text/csv')
  @ApiQuery(SETTLEMENT_PERIOD)
  @ApiOkResponse({ description: 'CSV for payment deduction (扣款), one row per violation: UTF-8 with a byte-order mark, CRLF; amounts in fen and in yuan with two decimals', schema: { type: 'string' } })
  @ApiBadRequestResponse({ description: 'period missing or not YYYY-MM' })
  async exportPenalties(@CurrentCaller() caller: Caller, @Query('period', new SettlementPeriodParam()) period: string): Promise<string> {
    const lines = await this.violations.penalties(caller, period);
    const rows: CsvCell[][] = lines.flatMap((line) =>
      line.items.map((item) => [
        period,
        line.party,
        item.answerable.find((entry) => entry.kind === 'vendor')?.name ?? (line.party === 'internal-team' ? 'Internal team (内部后勤班组)' : ''),
        line.contractId ?? '',
        item.id,
        item.source,
        item.breach ?? '',
        item.severity,
        item.penaltyPoints,
        item.occurredAt.toISOString(),
        item.penaltyAmount,
        fenToYuan(item.penaltyAmount),
        item.description,
      ]),
    );
    return toCsv(['period', 'party', 'vendor', 'contract', 'violation', 'source', 'breach', 'severity', 'points', 'occurred at', 'amount (fen)', 'amount (yuan)', 'description'], rows);
  }

  @Get()
  @ApiOkResponse({ type: [ViolationView], description: "The agency's violations, the latest first; a vendor account sees only its own vendor's" })
  @ApiQuery({ name: 'party', required: false, description: "A vendor id, or 'internal-team'" })
  @ApiQuery({ name: 'source', required: false, enum: VIOLATION_SOURCES })
  @ApiQuery({ name: 'period', required: false, description: 'Settlement month YYYY-MM' })
  @ApiQuery({ name: 'from', required: false, description: 'Occurred at or after (ISO 8601 instant)' })
  @ApiQuery({ name: 'to', required: false, description: 'Occurred before (ISO 8601 instant)' })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('party', ViolationPartyParam) party: string | undefined,
    @Query('source', new OneOfParam<ViolationSource>(VIOLATION_SOURCES)) source: ViolationSource | undefined,
    @Query('period', new SettlementPeriodParam({ required: false })) settlementPeriod: string | undefined,
    @Query('from', InstantParam) from: Date | undefined,
    @Query('to', InstantParam) to: Date | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number,
  ): Promise<ViolationView[]> {
    return (await this.violations.list(caller, { party, source, settlementPeriod, from, to }, limit)).map(ViolationView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: ViolationView })
  @ApiNotFoundResponse({ description: "No such violation in the caller's agency, or another vendor's (for a vendor account)" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<ViolationView> {
    return ViolationView.of(await this.violations.get(caller, id));
  }

  @Post()
  @ApiCreatedResponse({ type: ViolationView, description: 'Recorded by hand (an operator or the auditor), priced under the contract when a contract and breach kind are given; violation.recorded is published' })
  @ApiBadRequestResponse({ description: 'A field missing or malformed (the answer names it)' })
  @ApiUnprocessableEntityResponse({ description: 'occurredAt in the future; a contract of another vendor; an answerable entry naming nobody' })
  async record(@CurrentCaller() caller: Caller, @Body() body: RecordViolationDto): Promise<ViolationView> {
    return ViolationView.of(
      await this.violations.recordByHand(caller, {
        party: body.party,
        serviceType: body.serviceType,
        severity: body.severity,
        description: body.description,
        occurredAt: new Date(body.occurredAt),
        contractId: body.contractId,
        breach: body.breach,
        answerable: body.answerable?.map((entry) => ({ ...entry })),
      }),
    );
  }

  @Post(':id/void')
  @HttpCode(200)
  @ApiOkResponse({ type: ViolationView, description: 'Voided with the reason: its points and penalty no longer count and its month’s cap has room again; violation.voided is published' })
  @ApiNotFoundResponse({ description: "No such violation in the caller's agency" })
  @ApiConflictResponse({ description: 'The violation is voided already' })
  async void(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: VoidViolationDto): Promise<ViolationView> {
    return ViolationView.of(await this.violations.void(caller, id, body.reason));
  }
}
