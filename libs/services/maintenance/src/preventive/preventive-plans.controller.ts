import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, OneOfParam, OptionalUuidParam, UuidParam } from '@houqin/service-kit';
import { PLAN_STATUSES, PlanStatus } from './domain/preventive-plan';
import { ChangePreventivePlanDto, CreatePreventivePlanDto, PlanReasonDto, PreventivePlanView, planView } from './preventive-plan.dto';
import { PreventivePlansService } from './preventive-plans.service';

const CONFLICT = 'The plan is in a state that does not allow this (the answer names it)';
const NOT_FOUND = "No such plan in the caller's agency";

@ApiTags('preventive plans')
@Controller('preventive-plans')
export class PreventivePlansController {
  constructor(private readonly plans: PreventivePlansService) {}

  @Post()
  @ApiCreatedResponse({ type: PreventivePlanView, description: 'The plan (预防性维护计划) is active; preventive-plan.created is published. Its work orders are raised by the sweep as occurrences fall due.' })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; each is named with its rule' })
  @ApiNotFoundResponse({ description: "No such asset in the caller's agency" })
  @ApiUnprocessableEntityResponse({ description: 'The asset has no reading of the meter named, or the named vendor holds no active contract covering the work (or is barred)' })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreatePreventivePlanDto): Promise<PreventivePlanView> {
    return planView(await this.plans.create(caller, body));
  }

  @Get()
  @ApiOkResponse({ type: [PreventivePlanView], description: 'Latest created first' })
  @ApiQuery({ name: 'status', required: false, enum: PLAN_STATUSES })
  @ApiQuery({ name: 'assetId', required: false, description: "One asset's plans" })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('status', new OneOfParam<PlanStatus>(PLAN_STATUSES)) status: PlanStatus | undefined,
    @Query('assetId', OptionalUuidParam) assetId: string | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<PreventivePlanView[]> {
    return (await this.plans.list(caller, { status, assetId }, limit)).map(planView);
  }

  @Get(':id')
  @ApiOkResponse({ type: PreventivePlanView, description: 'With the upcoming occurrence and the occurrence history' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<PreventivePlanView> {
    return planView(await this.plans.get(caller, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: PreventivePlanView, description: 'Only the fields given change; preventive-plan.changed names them. A new trigger (or schedule, given with its trigger) restarts the schedule after the occurrences already recorded.' })
  @ApiBadRequestResponse({ description: 'A field is wrong; each is named with its rule' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'The plan is retired' })
  @ApiUnprocessableEntityResponse({ description: 'The asset has no reading of the meter named, or the named vendor holds no active contract covering the work (or is barred)' })
  async change(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ChangePreventivePlanDto): Promise<PreventivePlanView> {
    return planView(await this.plans.change(caller, id, body));
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: PreventivePlanView, description: 'Raises nothing until resumed' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  async pause(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: PlanReasonDto): Promise<PreventivePlanView> {
    return planView(await this.plans.pause(caller, id, body.reason));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: PreventivePlanView, description: 'A fixed plan rejoins its grid at the first occurrence not yet past; a from-completion plan keeps its next due date' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  async resume(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<PreventivePlanView> {
    return planView(await this.plans.resume(caller, id));
  }

  @Post(':id/retire')
  @HttpCode(200)
  @ApiOkResponse({ type: PreventivePlanView, description: 'For good; work orders already raised run on' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  async retire(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: PlanReasonDto): Promise<PreventivePlanView> {
    return planView(await this.plans.retire(caller, id, body.reason));
  }
}
