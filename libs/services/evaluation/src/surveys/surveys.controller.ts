import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Clock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK, CurrentCaller, IntegerParam, OneOfParam, UuidParam } from '@houqin/service-kit';
import { SERVICE_TYPES, ServiceType } from '../kpis/domain/evaluated-party';
import type { Period } from '../kpis/domain/period';
import { FOLLOW_UP_STATUSES, FollowUpStatus } from './domain/follow-up';
import { SURVEY_STATUSES, SurveyStatus } from './domain/survey';
import {
  AnswerSurveyDto,
  CloseFollowUpDto,
  FollowUpView,
  PartyParam,
  PeriodParam,
  ResponseRatesView,
  SamplingRateView,
  SetSamplingRateDto,
  SurveyView,
} from './survey.dto';
import { SurveysService } from './surveys.service';

const PERIOD = { description: 'A month YYYY-MM, a quarter YYYY-Qn or a year YYYY (China Standard Time): surveys of the service instances completed in it' };

@ApiTags('satisfaction surveys')
@Controller()
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('surveys/pending')
  @ApiOkResponse({ type: [SurveyView], description: "The caller's own surveys still open to an answer, the soonest to expire first" })
  async pending(@CurrentCaller() caller: Caller): Promise<SurveyView[]> {
    const now = this.clock.now();
    return (await this.surveys.pending(caller)).map((survey) => SurveyView.of(survey, now));
  }

  @Get('surveys/response-rates')
  @ApiOkResponse({ type: ResponseRatesView, description: 'Issued, answered, expired and pending surveys, response rate and mean overall score per service type and party (回收率)' })
  @ApiQuery({ name: 'period', required: true, ...PERIOD })
  @ApiQuery({ name: 'serviceType', required: false, enum: SERVICE_TYPES })
  @ApiQuery({ name: 'party', required: false, description: "A vendor id, or 'internal-team'" })
  async responseRates(
    @CurrentCaller() caller: Caller,
    @Query('period', new PeriodParam({ required: true })) period: Period,
    @Query('serviceType', new OneOfParam<ServiceType>(SERVICE_TYPES)) serviceType: ServiceType | undefined,
    @Query('party', PartyParam) party: string | undefined,
  ): Promise<ResponseRatesView> {
    return ResponseRatesView.of(period, await this.surveys.responseRates(caller, period, { serviceType, party }));
  }

  @Get('surveys/sampling')
  @ApiOkResponse({ type: [SamplingRateView], description: "The share of completed instances surveyed, per service type: the agency's own rate or the platform default" })
  async sampling(@CurrentCaller() caller: Caller): Promise<SamplingRateView[]> {
    return this.surveys.samplingRates(caller);
  }

  @Put('surveys/sampling')
  @ApiOkResponse({ type: SamplingRateView, description: 'Applies to instances completing from now on; a redelivered completion decides as before' })
  async setSampling(@CurrentCaller() caller: Caller, @Body() body: SetSamplingRateDto): Promise<SamplingRateView> {
    return this.surveys.setSamplingRate(caller, body.serviceType, body.percent);
  }

  @Get('surveys')
  @ApiOkResponse({ type: [SurveyView], description: 'The agency’s surveys, the latest completed service first' })
  @ApiQuery({ name: 'status', required: false, enum: SURVEY_STATUSES })
  @ApiQuery({ name: 'serviceType', required: false, enum: SERVICE_TYPES })
  @ApiQuery({ name: 'party', required: false, description: "A vendor id, or 'internal-team'" })
  @ApiQuery({ name: 'period', required: false, ...PERIOD })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('status', new OneOfParam<SurveyStatus>(SURVEY_STATUSES)) status: SurveyStatus | undefined,
    @Query('serviceType', new OneOfParam<ServiceType>(SERVICE_TYPES)) serviceType: ServiceType | undefined,
    @Query('party', PartyParam) party: string | undefined,
    @Query('period', new PeriodParam({ required: false })) period: Period | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<SurveyView[]> {
    const now = this.clock.now();
    return (await this.surveys.list(caller, { status, serviceType, party, period }, limit)).map((survey) => SurveyView.of(survey, now));
  }

  @Get('surveys/:id')
  @ApiOkResponse({ type: SurveyView })
  @ApiNotFoundResponse({ description: "No such survey in the caller's agency, or it asks someone else (only its respondent and the agency's survey readers see it)" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<SurveyView> {
    const { survey, followUp } = await this.surveys.get(caller, id);
    return SurveyView.of(survey, this.clock.now(), followUp);
  }

  @Post('surveys/:id/answer')
  @HttpCode(200)
  @ApiOkResponse({ type: SurveyView, description: 'Answered; survey.answered is published, and a low overall score opens a follow-up (回访)' })
  @ApiNotFoundResponse({ description: "No such survey in the caller's agency, or it asks someone else" })
  @ApiConflictResponse({ description: 'The survey is answered, expired or withdrawn (the answer names the state)' })
  @ApiUnprocessableEntityResponse({ description: "A question of the survey unanswered, or a question it does not ask (the field names it: scores.<code>)" })
  async answer(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: AnswerSurveyDto): Promise<SurveyView> {
    const { survey, followUp } = await this.surveys.answer(caller, id, { scores: body.scores, comment: body.comment });
    return SurveyView.of(survey, this.clock.now(), followUp);
  }

  @Get('survey-follow-ups')
  @ApiOkResponse({ type: [FollowUpView], description: 'Follow-ups (回访) opened by low scores: open ones first, the longest waiting on top' })
  @ApiQuery({ name: 'status', required: false, enum: FOLLOW_UP_STATUSES })
  async followUps(
    @CurrentCaller() caller: Caller,
    @Query('status', new OneOfParam<FollowUpStatus>(FOLLOW_UP_STATUSES)) status: FollowUpStatus | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<FollowUpView[]> {
    return (await this.surveys.listFollowUps(caller, status, limit)).map(FollowUpView.of);
  }

  @Get('survey-follow-ups/:id')
  @ApiOkResponse({ type: FollowUpView })
  @ApiNotFoundResponse({ description: "No such follow-up in the caller's agency" })
  async followUp(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<FollowUpView> {
    return FollowUpView.of(await this.surveys.getFollowUp(caller, id));
  }

  @Post('survey-follow-ups/:id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: FollowUpView })
  @ApiNotFoundResponse({ description: "No such follow-up in the caller's agency" })
  @ApiConflictResponse({ description: 'The follow-up is closed already' })
  async closeFollowUp(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: CloseFollowUpDto): Promise<FollowUpView> {
    return FollowUpView.of(await this.surveys.closeFollowUp(caller, id, body.note));
  }
}
