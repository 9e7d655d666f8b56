import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, OneOfParam, OptionalUuidParam, RequestValidationError, UuidParam } from '@houqin/service-kit';
import { SERVICE_TYPES, ServiceType } from '../kpis/domain/evaluated-party';
import { isPeriodKey } from '../kpis/domain/period';
import { DEFAULT_CRITERIA } from './domain/assessment';
import {
  AccountsDto,
  AssessmentView,
  CriterionView,
  DeclareTieDto,
  DraftAssessmentDto,
  EngagementDto,
  EvaluatorOrganisationView,
  RegisterEvaluatorOrganisationDto,
  ReviseAssessmentDto,
  assessmentView,
  organisationView,
} from './assessment.dto';
import { AssessmentsService } from './assessments.service';

const ORGANISATION_NOT_FOUND = "No such evaluator organisation in the caller's agency (an evaluator sees only its own)";
const ASSESSMENT_NOT_FOUND = "No such assessment in the caller's agency (an evaluator sees only its organisation's)";
const REFUSED = "The account acts for no engaged organisation, the organisation's engagement does not cover now, or it declared a tie to the vendor (conflict-of-interest, naming the tie)";

function instants(from: string, until: string): { from: Date; until: Date } {
  return { from: new Date(from), until: new Date(until) };
}

@ApiTags('third-party assessments')
@Controller('evaluator-organisations')
export class EvaluatorOrganisationsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  @ApiCreatedResponse({ type: EvaluatorOrganisationView, description: 'The agency engages the organisation (第三方评估机构) for a period; the accounts named act for it' })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; each is named with its rule' })
  @ApiConflictResponse({ description: 'An account already acts for another organisation of the agency' })
  @ApiUnprocessableEntityResponse({ description: 'The engagement ends before it starts' })
  async register(@CurrentCaller() caller: Caller, @Body() body: RegisterEvaluatorOrganisationDto): Promise<EvaluatorOrganisationView> {
    return organisationView(
      await this.assessments.register(caller, { name: body.name, ...(body.creditCode ? { creditCode: body.creditCode } : {}), accounts: body.accounts, ...instants(body.from, body.until) }),
    );
  }

  @Get()
  @ApiOkResponse({ type: [EvaluatorOrganisationView], description: "The agency's evaluator organisations; an evaluator sees only its own" })
  async list(@CurrentCaller() caller: Caller, @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number): Promise<EvaluatorOrganisationView[]> {
    return (await this.assessments.listOrganisations(caller, limit)).map(organisationView);
  }

  @Get(':id')
  @ApiOkResponse({ type: EvaluatorOrganisationView })
  @ApiNotFoundResponse({ description: ORGANISATION_NOT_FOUND })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<EvaluatorOrganisationView> {
    return organisationView(await this.assessments.organisation(caller, id));
  }

  @Post(':id/engagements')
  @ApiCreatedResponse({ type: EvaluatorOrganisationView, description: 'Another period of engagement' })
  @ApiNotFoundResponse({ description: ORGANISATION_NOT_FOUND })
  @ApiUnprocessableEntityResponse({ description: 'The period overlaps an engagement, or ends before it starts' })
  async engage(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: EngagementDto): Promise<EvaluatorOrganisationView> {
    const { from, until } = instants(body.from, body.until);
    return organisationView(await this.assessments.engage(caller, id, from, until));
  }

  @Put(':id/accounts')
  @ApiOkResponse({ type: EvaluatorOrganisationView, description: 'The accounts that act for the organisation from now on' })
  @ApiNotFoundResponse({ description: ORGANISATION_NOT_FOUND })
  @ApiConflictResponse({ description: 'An account already acts for another organisation of the agency' })
  async setAccounts(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: AccountsDto): Promise<EvaluatorOrganisationView> {
    return organisationView(await this.assessments.setAccounts(caller, id, body.accounts));
  }

  @Post(':id/ties')
  @ApiCreatedResponse({ type: EvaluatorOrganisationView, description: 'The organisation declares a tie to a vendor (利益关联): from now on it may not assess that vendor' })
  @ApiNotFoundResponse({ description: ORGANISATION_NOT_FOUND })
  async declareTie(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: DeclareTieDto): Promise<EvaluatorOrganisationView> {
    return organisationView(await this.assessments.declareTie(caller, id, { vendorId: body.vendorId, nature: body.nature, ...(body.note ? { note: body.note } : {}) }));
  }
}

@ApiTags('third-party assessments')
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Get('criteria')
  @ApiQuery({ name: 'serviceType', required: true, enum: SERVICE_TYPES })
  @ApiOkResponse({ type: [CriterionView], description: 'The criteria an assessment of the service type scores, each 0–100, weights summing to 100' })
  criteria(@Query('serviceType', new OneOfParam<ServiceType>(SERVICE_TYPES)) serviceType: ServiceType | undefined): CriterionView[] {
    if (!serviceType) throw new RequestValidationError([{ field: 'serviceType', rule: 'isIn', message: `serviceType must be one of ${SERVICE_TYPES.join(', ')}` }]);
    return DEFAULT_CRITERIA[serviceType].map((criterion) => ({ ...criterion }));
  }

  @Post()
  @ApiCreatedResponse({ type: AssessmentView, description: 'A draft assessment of the vendor for the period, by the organisation the evaluator acts for' })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; each is named with its rule' })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  async draft(@CurrentCaller() caller: Caller, @Body() body: DraftAssessmentDto): Promise<AssessmentView> {
    return assessmentView(await this.assessments.draft(caller, body));
  }

  @Get()
  @ApiOkResponse({ type: [AssessmentView], description: 'Latest drafted first; an evaluator sees only its organisation’s' })
  @ApiQuery({ name: 'period', required: false, description: 'YYYY-MM, YYYY-Qn or YYYY' })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('vendorId', OptionalUuidParam) vendorId: string | undefined,
    @Query('serviceType', new OneOfParam<ServiceType>(SERVICE_TYPES)) serviceType: ServiceType | undefined,
    @Query('status', new OneOfParam<'draft' | 'submitted'>(['draft', 'submitted'])) status: 'draft' | 'submitted' | undefined,
    @Query('period') period: unknown,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<AssessmentView[]> {
    if (period !== undefined && !isPeriodKey(period)) throw new RequestValidationError([{ field: 'period', rule: 'matches', message: 'period must be YYYY-MM, YYYY-Qn or YYYY' }]);
    return (await this.assessments.list(caller, { vendorId, serviceType, status, period }, limit)).map(assessmentView);
  }

  @Get(':id')
  @ApiOkResponse({ type: AssessmentView })
  @ApiNotFoundResponse({ description: ASSESSMENT_NOT_FOUND })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<AssessmentView> {
    return assessmentView(await this.assessments.get(caller, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: AssessmentView, description: 'Scores, evidence or summary of a draft; the fields given replace the ones before' })
  @ApiNotFoundResponse({ description: ASSESSMENT_NOT_FOUND })
  @ApiConflictResponse({ description: 'The assessment is submitted and locked (the answer names the state)' })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  async revise(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ReviseAssessmentDto): Promise<AssessmentView> {
    return assessmentView(await this.assessments.revise(caller, id, body));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: AssessmentView, description: 'Submitted and locked; its overall score counts in the scorecard of the vendor, service type and period' })
  @ApiNotFoundResponse({ description: ASSESSMENT_NOT_FOUND })
  @ApiConflictResponse({ description: 'Already submitted' })
  @ApiUnprocessableEntityResponse({ description: `A criterion is unscored or no evidence is attached; or: ${REFUSED}` })
  async submit(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<AssessmentView> {
    return assessmentView(await this.assessments.submit(caller, id));
  }
}
