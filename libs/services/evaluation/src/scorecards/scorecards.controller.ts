import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, FieldProblem, IntegerParam, OneOfParam, RequestValidationError, UuidParam } from '@houqin/service-kit';
import { SERVICE_TYPES, ServiceType, isPartyKey, parseParty } from '../kpis/domain/evaluated-party';
import { isPeriodKey } from '../kpis/domain/period';
import { thresholdProblems, weightProblems } from './domain/scorecard-policy';
import { CorrectScorecardDto, PublishScorecardDto, ScorecardDraftView, ScorecardPolicyDto, ScorecardPolicyView, ScorecardView, draftView, scorecardView } from './scorecard.dto';
import { ScorecardsService } from './scorecards.service';

const NOT_FOUND = "No such scorecard in the caller's agency (a vendor sees only its own)";

function periodParam(value: unknown): string {
  if (!isPeriodKey(value)) throw new RequestValidationError([{ field: 'period', rule: 'matches', message: 'period must be YYYY-MM, YYYY-Qn or YYYY' }]);
  return value;
}

function serviceTypeParam(value: unknown): ServiceType {
  if (typeof value !== 'string' || !(SERVICE_TYPES as readonly string[]).includes(value)) {
    throw new RequestValidationError([{ field: 'serviceType', rule: 'isIn', message: `serviceType must be one of ${SERVICE_TYPES.join(', ')}` }]);
  }
  return value as ServiceType;
}

@ApiTags('scorecards')
@Controller('scorecards')
export class ScorecardsController {
  constructor(private readonly scorecards: ScorecardsService) {}

  @Get('policies/:serviceType')
  @ApiParam({ name: 'serviceType', enum: SERVICE_TYPES })
  @ApiOkResponse({ type: ScorecardPolicyView, description: "The agency's weights and thresholds for the service type, or the defaults" })
  async policy(@CurrentCaller() caller: Caller, @Param('serviceType') serviceType: string): Promise<ScorecardPolicyView> {
    return ScorecardPolicyView.of(await this.scorecards.policy(caller, serviceTypeParam(serviceType)));
  }

  @Put('policies/:serviceType')
  @ApiParam({ name: 'serviceType', enum: SERVICE_TYPES })
  @ApiOkResponse({ type: ScorecardPolicyView, description: 'Drafts follow at once; published scorecards keep the policy they were published with' })
  @ApiBadRequestResponse({ description: 'Weights not whole points summing to 100, or thresholds not strictly descending within 0–100; the field is named' })
  async setPolicy(@CurrentCaller() caller: Caller, @Param('serviceType') serviceTypeText: string, @Body() body: ScorecardPolicyDto): Promise<ScorecardPolicyView> {
    const serviceType = serviceTypeParam(serviceTypeText);
    if (!body.weights && !body.thresholds) throw new RequestValidationError([{ field: 'weights', rule: 'required', message: 'give the weights, the thresholds or both' }]);
    const current = await this.scorecards.policy(caller, serviceType);
    const weights = body.weights ?? current.weights;
    const thresholds = body.thresholds ?? current.thresholds;
    const problems: FieldProblem[] = [...weightProblems(weights), ...thresholdProblems(thresholds)];
    if (problems.length > 0) throw new RequestValidationError(problems);
    const { kpi, survey, thirdParty } = weights;
    const { excellent, good, warning } = thresholds;
    return ScorecardPolicyView.of(await this.scorecards.setPolicy(caller, serviceType, { kpi, survey, thirdParty }, { excellent, good, warning }));
  }

  @Get('drafts')
  @ApiQuery({ name: 'serviceType', required: true, enum: SERVICE_TYPES })
  @ApiQuery({ name: 'period', required: true, description: 'YYYY-MM, YYYY-Qn or YYYY' })
  @ApiOkResponse({ type: [ScorecardDraftView], description: 'The standings (排名): every party with figures in the period, computed now from the inputs as they stand, best rank first' })
  async standings(@CurrentCaller() caller: Caller, @Query('serviceType') serviceType: unknown, @Query('period') period: unknown): Promise<ScorecardDraftView[]> {
    return (await this.scorecards.standings(caller, serviceTypeParam(serviceType), periodParam(period))).map(draftView);
  }

  @Get('drafts/:party')
  @ApiParam({ name: 'party', description: "A vendor id or 'internal-team'" })
  @ApiQuery({ name: 'serviceType', required: true, enum: SERVICE_TYPES })
  @ApiQuery({ name: 'period', required: true, description: 'YYYY-MM, YYYY-Qn or YYYY' })
  @ApiOkResponse({ type: ScorecardDraftView, description: 'The draft, computed on read from the KPIs, surveys and submitted assessments as they stand, with rank and trend' })
  @ApiBadRequestResponse({ description: 'party, serviceType or period is malformed' })
  async draft(@CurrentCaller() caller: Caller, @Param('party') party: string, @Query('serviceType') serviceType: unknown, @Query('period') period: unknown): Promise<ScorecardDraftView> {
    if (!isPartyKey(party)) throw new RequestValidationError([{ field: 'party', rule: 'isParty', message: "party must be a vendor id or 'internal-team'" }]);
    return draftView(await this.scorecards.draft(caller, parseParty(party), serviceTypeParam(serviceType), periodParam(period)));
  }

  @Post()
  @ApiCreatedResponse({ type: ScorecardView, description: 'Version 1, immutable: the draft as it stands now; scorecard.published and (for a vendor) vendor.score-changed are published' })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; each is named with its rule' })
  @ApiConflictResponse({ description: 'Already published (the answer names the state): correct it instead' })
  @ApiUnprocessableEntityResponse({ description: 'period-not-ended: the period is still running or yet to come (naming period); a scorecard is published for an ended period only' })
  async publish(@CurrentCaller() caller: Caller, @Body() body: PublishScorecardDto): Promise<ScorecardView> {
    return scorecardView(await this.scorecards.publish(caller, parseParty(body.party), body.serviceType, body.period));
  }

  @Get()
  @ApiQuery({ name: 'party', required: false, description: "A vendor id or 'internal-team'" })
  @ApiQuery({ name: 'period', required: false, description: 'YYYY-MM, YYYY-Qn or YYYY' })
  @ApiQuery({ name: 'current', required: false, enum: ['true', 'false'], description: 'true: only current versions (not superseded)' })
  @ApiOkResponse({ type: [ScorecardView], description: 'Published scorecards, latest period first; a vendor sees only its own' })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('party') party: unknown,
    @Query('serviceType', new OneOfParam<ServiceType>(SERVICE_TYPES)) serviceType: ServiceType | undefined,
    @Query('period') period: unknown,
    @Query('current', new OneOfParam<'true' | 'false'>(['true', 'false'])) current: 'true' | 'false' | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<ScorecardView[]> {
    if (party !== undefined && !isPartyKey(party)) throw new RequestValidationError([{ field: 'party', rule: 'isParty', message: "party must be a vendor id or 'internal-team'" }]);
    const filter = { party, serviceType, period: period === undefined ? undefined : periodParam(period), currentOnly: current === 'true' };
    return (await this.scorecards.list(caller, filter, limit)).map(scorecardView);
  }

  @Get(':id')
  @ApiOkResponse({ type: ScorecardView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<ScorecardView> {
    return scorecardView(await this.scorecards.get(caller, id));
  }

  @Get(':id/versions')
  @ApiOkResponse({ type: [ScorecardView], description: 'Every version of the scorecard, first first; all but the last are superseded' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async versions(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<ScorecardView[]> {
    return (await this.scorecards.versions(caller, id)).map(scorecardView);
  }

  @Post(':id/corrections')
  @ApiCreatedResponse({ type: ScorecardView, description: 'A new version computed from the inputs as they now stand, with the reason; the corrected version stays, superseded' })
  @ApiBadRequestResponse({ description: 'reason is missing' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'The version is superseded: correct the current one' })
  async correct(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: CorrectScorecardDto): Promise<ScorecardView> {
    return scorecardView(await this.scorecards.correct(caller, id, body.reason));
  }
}
